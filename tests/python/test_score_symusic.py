"""symusic interop: scores type in, type out; decode returns symusic.Score as MidiTok's (one
switch for ours); our Score, tracks and event lists take symusic objects and compare equal to
equal ones; symusic's methods on our Score (to, clip, shift_*, dump_*), checked against symusic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import corpus_files

import miditok_cpp
from miditok_cpp import Note, Score, Track
from miditok_cpp import score as score_module

FILES = corpus_files("multitrack") + corpus_files("one_track")


@pytest.fixture(autouse=True)
def _default_score_type():
    miditok_cpp.set_score_type("symusic")
    yield
    miditok_cpp.set_score_type("symusic")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_conversions_both_ways_equal_symusic(path, symusic_ref):
    ref = symusic_ref.Score(str(path))
    ours = Score(path)
    assert Score.from_symusic(ref) == ours, path.name
    back = ours.to_symusic()
    assert isinstance(back, symusic_ref.Score)
    assert back == ref, path.name
    # The state path (above) and the numpy columns agree.
    assert score_module._to_symusic_by_columns(ours, symusic_ref) == ref
    assert score_module._from_symusic_by_columns(ref) == ours


def test_state_layout_is_checked_once(symusic_ref):
    assert score_module._use_state(symusic_ref) is True
    with pytest.raises(miditok_cpp.MidiError):
        Score._from_symusic_state(Score(96)._symusic_state()[:-2])
    with pytest.raises(miditok_cpp.MidiError):
        Score._from_symusic_state(Score(96)._symusic_state() + b"x")


@pytest.mark.parametrize("path", FILES[:6], ids=lambda p: p.name)
def test_decode_returns_symusic_score_equal_to_miditoks(path, miditok_ref, symusic_ref):
    ref = miditok_ref.REMI(miditok_ref.TokenizerConfig(use_programs=True))
    ours = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(use_programs=True))
    ids = ref.encode(symusic_ref.Score(str(path))).ids
    assert ours.encode(path).ids == ids, path.name
    dec = ours.decode(ids)
    dec_ref = ref.decode(ids)
    assert type(dec) is type(dec_ref)
    assert dec == dec_ref, path.name
    miditok_cpp.set_score_type("miditok_cpp")
    mine = ours.decode(ids)
    assert isinstance(mine, Score)
    assert mine == dec_ref, path.name


def test_multi_voc_decode_returns_symusic_score(corpus, miditok_ref, symusic_ref):
    path = corpus / "multitrack" / "Funkytown.mid"
    ref = miditok_ref.Octuple(miditok_ref.TokenizerConfig(use_programs=True))
    ours = miditok_cpp.Octuple(miditok_cpp.TokenizerConfig(use_programs=True))
    ids = ref.encode(symusic_ref.Score(str(path))).ids
    assert ours.encode(path).ids == ids
    dec = ours.decode(ids)
    assert isinstance(dec, symusic_ref.Score) and dec == ref.decode(ids)


def test_score_type_from_environment(tmp_path):
    code = (
        "import miditok_cpp, symusic\n"
        "tok = miditok_cpp.REMI()\n"
        "assert miditok_cpp.get_score_type() == 'miditok_cpp'\n"
        "assert isinstance(tok.decode([4, 190, 200, 250]), miditok_cpp.Score)\n"
    )
    env = dict(os.environ, MIDITOK_CPP_SCORE_TYPE="miditok_cpp")
    env["PYTHONPATH"] = str(Path(miditok_cpp.__file__).parents[1])
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with pytest.raises(ValueError, match="score type"):
        miditok_cpp.set_score_type("pretty_midi")


def test_preprocess_score_type_in_type_out(corpus, miditok_ref, symusic_ref):
    path = corpus / "multitrack" / "Funkytown.mid"
    ref, ours = miditok_ref.REMI(), miditok_cpp.REMI()
    expected = ref.preprocess_score(symusic_ref.Score(str(path)))
    got = ours.preprocess_score(symusic_ref.Score(str(path)))
    assert isinstance(got, symusic_ref.Score) and got == expected
    mine = ours.preprocess_score(Score(path))
    assert isinstance(mine, Score) and mine == expected


def test_events_and_lists_take_symusic_objects(symusic_ref):
    track = Track("t", 0, False)
    track.notes.append(symusic_ref.Note(0, 10, 60, 90))
    track.notes.extend([symusic_ref.Note(5, 10, 62, 91)])
    track.notes.insert(0, symusic_ref.Note(0, 3, 50, 40))
    assert track.notes == [Note(0, 3, 50, 40), Note(0, 10, 60, 90), Note(5, 10, 62, 91)]
    sym_track = symusic_ref.Track("s", 3, False)
    sym_track.notes = symusic_ref.Note.from_numpy(
        time=np.arange(5, dtype=np.int32),
        duration=np.full(5, 2, dtype=np.int32),
        pitch=np.arange(60, 65, dtype=np.int8),
        velocity=np.full(5, 80, dtype=np.int8),
    )
    sym_track.controls.append(symusic_ref.ControlChange(1, 64, 127))
    sym_track.pedals.append(symusic_ref.Pedal(2, 8))
    sym_track.pitch_bends.append(symusic_ref.PitchBend(3, -5))
    sym_track.lyrics.append(symusic_ref.TextMeta(4, "la"))
    track.notes = sym_track.notes  # a symusic list, through its numpy columns
    track.controls = sym_track.controls
    track.pedals = sym_track.pedals
    track.pitch_bends = sym_track.pitch_bends
    track.lyrics = sym_track.lyrics
    assert track.notes == sym_track.notes
    assert [n.pitch for n in track.notes] == [60, 61, 62, 63, 64]
    assert track.controls == sym_track.controls and track.pedals == sym_track.pedals
    assert track.pitch_bends == sym_track.pitch_bends and track.lyrics == sym_track.lyrics
    score = Score(480)
    score.tracks.append(sym_track)  # a symusic Track converts whole
    assert score.tracks[0] == sym_track
    score.tempos.append(symusic_ref.Tempo(0, 100.0))
    score.time_signatures.append(symusic_ref.TimeSignature(0, 3, 4))
    score.key_signatures.append(symusic_ref.KeySignature(0, 2, 0))
    score.markers.append(symusic_ref.TextMeta(0, "intro"))
    sym = symusic_ref.Score(480)
    sym.tracks.append(sym_track)
    sym.tempos.append(symusic_ref.Tempo(0, 100.0))
    sym.time_signatures.append(symusic_ref.TimeSignature(0, 3, 4))
    sym.key_signatures.append(symusic_ref.KeySignature(0, 2, 0))
    sym.markers.append(symusic_ref.TextMeta(0, "intro"))
    assert score == sym and score.to_symusic() == sym
    assert score.tracks == sym.tracks and score.tempos == sym.tempos
    sym.tracks[0].notes[0].pitch = 10
    assert score != sym  # the contents decide, not the types


def test_equality_never_raises(symusic_ref):
    note = Note(0, 1, 60, 64)
    assert note == symusic_ref.Note(0, 1, 60, 64)
    assert note != symusic_ref.Note(0, 1, 61, 64)
    assert (note == 5) is False and (note != "x") is True
    assert (Score(480) == None) is False  # noqa: E711
    assert (Score(480) == symusic_ref.Score(96)) is False
    assert (Track() == object()) is False
    assert (note == symusic_ref.Note(0.0, 1.0, 60, 64, "quarter")) is False  # another unit


@pytest.mark.parametrize("unit", ["tick", "quarter", "second"])
def test_to_time_unit_like_symusic(corpus, symusic_ref, unit):
    path = corpus / "multitrack" / "Funkytown.mid"
    ref = symusic_ref.Score(str(path))
    ours = Score(path)
    got = ours.to(unit)
    assert got == ref.to(unit)
    assert isinstance(got, Score) if unit == "tick" else type(got) is type(ref.to(unit))
    assert ours.to(unit, min_dur=1) == ref.to(unit, min_dur=1)
    with pytest.raises(ValueError, match="time unit"):
        ours.to("bar")


def test_symusic_methods_agree(corpus, symusic_ref, tmp_path):
    path = corpus / "multitrack" / "Funkytown.mid"
    ref = symusic_ref.Score(str(path))
    ours = Score(path)
    assert ours.start() == ref.start() and ours.end() == ref.end()
    assert ours.note_num() == ref.note_num()
    assert ours.clip(100, 5000) == ref.clip(100, 5000)
    assert ours.clip(100, 5000, clip_end=True) == ref.clip(100, 5000, clip_end=True)
    assert ours.shift_time(7) == ref.shift_time(7)
    assert ours.shift_pitch(2) == ref.shift_pitch(2)
    assert ours.shift_velocity(-3) == ref.shift_velocity(-3)
    assert ours.copy() == ref.copy() and ours.sort(inplace=False) == ref.sort(inplace=False)
    assert ours.dumps_midi() == ref.dumps_midi()
    ours.dump_midi(tmp_path / "a.mid")
    assert symusic_ref.Score(str(tmp_path / "a.mid")) == ref
    ours.dump_abc(tmp_path / "a.abc")
    assert Score(tmp_path / "a.abc") == symusic_ref.Score(str(tmp_path / "a.abc"))


def test_symusic_score_from_ours_is_documented_not_supported(symusic_ref):
    """symusic's Score(x) only takes its own types (it checks them), so ours goes through
    to_symusic(); docs/differences.md says so."""
    with pytest.raises(TypeError):
        symusic_ref.Score(Score(480))
    assert Score(480).to_symusic() == symusic_ref.Score(480)
