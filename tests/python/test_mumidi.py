"""MuMIDI: params files both ways, pickling, the registry, ragged ids, and where we differ from
miditok 3.1.0 on purpose (each test shows miditok's failure next to our result):

- decode adds a tempo change when the Tempo value changes; miditok compares the token's value to
  the float it gets back from the integer microseconds per quarter, so it adds one per compound
  token (44,444 tempos for Maestro_6.mid);
- a drum track is kept when -1 is in `programs`; miditok tests the drum track's own program
  number, so it drops drums whose MIDI program is not in `programs` (preprocessing kept them);
- a score without tempos encodes with use_tempos off (miditok: IndexError);
- an empty sequence decodes to an empty Score (miditok: AttributeError);
- notes before any Program token decode into a program 0 track (miditok: KeyError);
- tokens_errors counts special / malformed compound tokens as errors (miditok: ValueError).
"""

from __future__ import annotations

import pickle
import warnings
from copy import deepcopy

import pytest
from conftest import corpus_files

miditok = pytest.importorskip("miditok")
symusic = pytest.importorskip("symusic")

import miditok_cpp  # noqa: E402
from miditok_cpp import _core  # noqa: E402

MULTITRACK = {p.name: p for p in corpus_files("multitrack")}
ONE_TRACK = {p.name: p for p in corpus_files("one_track")}
PARAMS = {"use_tempos": True, "use_chords": True, "max_bar_embedding": 300}
NOTE = ["Pitch_60", "BarPosEnc_0", "PositionPosEnc_0", "Velocity_63", "Duration_1.0.8"]
ROWS = [
    ["Bar_None", "BarPosEnc_0", "PositionPosEnc_None"],
    ["Position_0", "BarPosEnc_0", "PositionPosEnc_0"],
    ["Program_0", "BarPosEnc_0", "PositionPosEnc_0"],
    NOTE,
]


def pair(**params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return (
            miditok.MuMIDI(miditok.TokenizerConfig(**deepcopy(params))),
            miditok_cpp.MuMIDI(miditok_cpp.TokenizerConfig(**deepcopy(params))),
        )


def test_forced_config_and_vocab_types_idx():
    ref, ours = pair(use_rests=True, use_time_signatures=True, use_programs=False, **PARAMS)
    cfg = ours.config
    assert (cfg.use_rests, cfg.use_time_signatures, cfg.use_sustain_pedals) == (False,) * 3
    assert cfg.use_programs and cfg.one_token_stream_for_programs and cfg.use_pitch_intervals
    assert ours.vocab_types_idx == ref.vocab_types_idx  # negative indexes, as miditok
    assert ours.vocab == ref.vocab and ours.len == ref.len and ours.io_format == ("T", "C")
    assert ours.config.additional_params["max_bar_embedding"] == 300
    assert miditok_cpp.MuMIDI().config.additional_params["max_bar_embedding"] == 60


def test_params_files_both_ways_and_pickle(tmp_path):
    ref, ours = pair(**PARAMS)
    ref.save(tmp_path / "ref.json")
    ours.save(tmp_path / "ours.json")
    from_ref = miditok_cpp.MuMIDI(params=tmp_path / "ref.json")
    assert from_ref == ours and from_ref.vocab == ref.vocab
    assert miditok.MuMIDI(params=tmp_path / "ours.json") == ref
    loaded = miditok_cpp.MusicTokenizer._from_params_file(tmp_path / "ref.json")
    assert type(loaded) is miditok_cpp.MuMIDI and loaded == ours
    clone = pickle.loads(pickle.dumps(ours))
    assert clone == ours and clone.vocab_types_idx == ref.vocab_types_idx
    path = MULTITRACK["Funkytown.mid"]
    assert clone(path).ids == ours(path).ids


def test_registry_creates_mumidi():
    core = _core._CoreTokenizer.create("MuMIDI", miditok_cpp.TokenizerConfig()._core_json())
    assert [len(v) for v in _core._mv_sub_vocabs(core)] == miditok_cpp.MuMIDI().len


def test_ragged_ids_round_trip():
    _, ours = pair(**PARAMS)
    seq = ours(MULTITRACK["Funkytown.mid"])
    widths = {len(row) for row in seq.ids}
    assert widths == {4, 6}  # Bar / Position / Program / Chord rows, note rows
    tokens = _core._mv_ids_to_tokens(ours._core, seq.ids)
    assert _core._mv_tokens_to_ids(ours._core, tokens) == seq.ids
    with pytest.raises(miditok_cpp.TokenError, match="at most 6"):
        ours.decode([[*seq.ids[0], 0, 0, 0]])
    with pytest.raises(miditok_cpp.TokenError, match="out of the MuMIDI sub-vocabulary"):
        ours.decode([[10_000, 0, 0]])


def test_decoded_tempos_one_per_change():
    ref, ours = pair(use_tempos=True, max_bar_embedding=2000)
    seq = ref(symusic.Score(ONE_TRACK["POP909_191.mid"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref_tempos = ref.decode(seq.ids).tempos
    assert len(ref_tempos) > len(seq.ids)  # miditok: one tempo per compound token
    assert len({t.mspq for t in ref_tempos}) == 1
    ours_tempos = ours.decode(seq.ids).tempos
    assert [(t.time, t.mspq) for t in ours_tempos] == [(0, ref_tempos[0].mspq)]


def test_drums_kept_whatever_their_program_number():
    params = {"programs": [0, 24, -1, 33, 48], "max_bar_embedding": 2000}
    ref, ours = pair(**params)
    path = MULTITRACK["Aicha.mid"]  # its drum track has MIDI program 25
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref_tokens = ref(symusic.Score(path)).tokens
    assert not any(row[0] == "Program_-1" for row in ref_tokens)  # miditok drops the drums
    mine = ours(path)
    assert any(row[0] == "Program_-1" for row in mine.tokens)
    drums = [t for t in ours.decode(mine.ids).tracks if t.is_drum]
    pre_drums = [t for t in ours.preprocess_score(miditok_cpp.Score(path)).tracks if t.is_drum]
    assert len(drums) == 1 and len(drums[0].notes) == len(pre_drums[0].notes) > 0


def test_score_without_tempos():
    score = symusic.Score(8)
    track = symusic.Track(program=0)
    track.notes.append(symusic.Note(0, 8, 60, 100))
    score.tracks.append(track)
    ref, ours = pair()
    with pytest.raises(IndexError):
        ref(score)
    assert ours(score).tokens == [
        *ROWS[:3],
        ["Pitch_60", *NOTE[1:3], "Velocity_99", "Duration_1.0.8"],
    ]


def test_decode_empty_sequence():
    ref, ours = pair(use_tempos=True)
    with pytest.raises(AttributeError):
        ref.decode([])
    score = ours.decode([])
    assert len(score.tracks) == 0 and score.tempos[0].time == 0


def test_notes_before_any_program_token():
    ref, ours = pair()
    rows = [ROWS[0], ROWS[1], NOTE]
    with pytest.raises(KeyError):
        ref.decode(deepcopy(rows))
    score = ours.decode(rows)
    assert [(t.program, t.is_drum, len(t.notes)) for t in score.tracks] == [(0, False, 1)]
    assert score.tracks[0].notes == [symusic.Note(0, 8, 60, 63)]  # decode gives symusic's


def test_malformed_rows_are_skipped():
    _, ours = pair()
    short_note = ["Pitch_61", "BarPosEnc_0", "PositionPosEnc_0"]  # no Velocity / Duration
    pad_note = ["Pitch_62", "BarPosEnc_0", "PositionPosEnc_0", "PAD_None", "Duration_1.0.8"]
    score = ours.decode([*ROWS, short_note, pad_note])
    assert [n.pitch for n in score.tracks[0].notes] == [60]


def test_tokens_errors_with_special_rows():
    ref, ours = pair()
    rows = [["BOS_None"] * 5, *ROWS, ["PAD_None"] * 3]
    with pytest.raises(ValueError):
        ref.tokens_errors(miditok.TokSequence(tokens=deepcopy(rows)))
    # BOS, a valid sequence, then one PAD row: one error in six compound tokens
    assert ours.tokens_errors(miditok_cpp.TokSequence(tokens=rows)) == pytest.approx(1 / 6)
    assert ours.tokens_errors(miditok_cpp.TokSequence(tokens=ROWS)) == ref.tokens_errors(
        miditok.TokSequence(tokens=deepcopy(ROWS))
    )


def _crafted_long_score():
    """A score past bar 3 whose last notes test what sets the bar ticks: the last note of a track
    out of the pitch range, two tracks of one program (merged) whose latest onset is in the
    second, duplicated notes, a drum track, a tempo change past the cut."""
    s = symusic.Score(480)
    piano, piano2, drums = (
        symusic.Track(program=0),
        symusic.Track(program=0),
        symusic.Track(is_drum=True),
    )
    for i in range(40):
        piano.notes.append(symusic.Note(i * 240, 200, 60 + i % 12, 90))
        piano.notes.append(symusic.Note(i * 240, 200, 60 + i % 12, 70))  # duplicate (time, pitch)
    piano.notes.append(symusic.Note(11000, 100, 120, 80))  # last, out of the pitch range
    piano2.notes.append(symusic.Note(9000, 480, 64, 80))
    piano2.notes.append(symusic.Note(12345, 30, 65, 80))  # latest onset of program 0
    piano2.notes.append(symusic.Note(100, 30, 66, 80))  # unsorted
    for i in range(30):
        drums.notes.append(symusic.Note(i * 300 + 7, 60, 36 + i % 3, 100))
    s.tracks.extend([piano, drums, piano2])
    s.tempos.append(symusic.Tempo(0, 120.0))
    s.tempos.append(symusic.Tempo(10000, 90.0))
    return s


@pytest.mark.parametrize("name", ["MuMIDI", "Octuple"])
@pytest.mark.parametrize("dedup", [False, True])
def test_encode_preprocesses_only_the_bars_encoded(name, dedup):
    # Without time signatures, encode preprocesses only the notes before the last bar encoded
    # (and those setting the last onset): the ids and bar / beat ticks are those of the whole
    # score preprocessed then clipped (no_preprocess_score skips that shortcut).
    cfg = miditok_cpp.TokenizerConfig(
        use_tempos=True,
        remove_duplicated_notes=dedup,
        use_programs=True,
        additional_params={"max_bar_embedding": 3},
    )
    tok = getattr(miditok_cpp, name)(cfg)
    inputs = [_crafted_long_score(), *MULTITRACK.values(), *ONE_TRACK.values()]
    for obj in inputs:
        got = tok(obj)
        score = obj if isinstance(obj, symusic.Score) else symusic.Score(obj)
        whole = tok.encode(tok.preprocess_score(score), no_preprocess_score=True)
        got, whole = (x if isinstance(x, list) else [x] for x in (got, whole))
        assert len(got) == len(whole), obj
        for a, b in zip(got, whole, strict=True):
            ids_a = a.ids if isinstance(a.ids, list) else a.ids.tolist()
            ids_b = b.ids if isinstance(b.ids, list) else b.ids.tolist()
            first = next(
                (i for i, (x, y) in enumerate(zip(ids_a, ids_b, strict=False)) if x != y),
                min(len(ids_a), len(ids_b)),
            )
            assert ids_a == ids_b, (obj, first, ids_a[first : first + 1], ids_b[first : first + 1])
            assert list(a._ticks_bars) == list(b._ticks_bars), obj
            assert list(a._ticks_beats) == list(b._ticks_beats), obj
