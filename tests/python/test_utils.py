"""miditok_cpp.utils on its own: inputs of every accepted kind, in-place write-back into symusic
objects, typed errors, and the helpers without a C++ counterpart."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from miditok_cpp import ConfigError, Note, Score, TimeSignature, TokenError, Track, utils

NoteList = type(Track().notes)


def _score() -> Score:
    s = Score(8)
    s.time_signatures.append(TimeSignature(0, 4, 4))
    for name, program, drum in (("a", 0, False), ("b", 0, False), ("c", 5, False), ("d", 0, True)):
        t = Track(name, program, drum)
        t.notes.append(Note(0, 8, 60, 100))
        t.notes.append(Note(40, 8, 64, 90))
        s.tracks.append(t)
    return s


def test_exports_cover_miditok_utils_helpers():
    for name in (
        "compute_ticks_per_bar",
        "compute_ticks_per_beat",
        "concat_scores",
        "convert_ids_tensors_to_list",
        "detect_chords",
        "filter_dataset",
        "fix_offsets_overlapping_notes",
        "get_bars_ticks",
        "get_beats_ticks",
        "get_num_notes_per_bar",
        "get_score_programs",
        "get_score_ticks_per_beat",
        "is_track_empty",
        "merge_same_program_tracks",
        "merge_scores",
        "merge_tracks",
        "merge_tracks_per_class",
        "num_bar_pos",
        "remove_duplicated_notes",
    ):
        assert callable(getattr(utils, name)), name


def test_time_grid_on_our_score():
    s = _score()
    assert utils.get_bars_ticks(s) == [0, 32]
    assert utils.get_beats_ticks(s, only_notes_onsets=True) == [0, 8, 16, 24, 32, 40]
    assert utils.get_num_notes_per_bar(s) == [4, 4]
    assert utils.get_num_notes_per_bar(s, tracks_indep=True) == [[1, 1, 1, 1], [1, 1, 1, 1]]
    np.testing.assert_array_equal(utils.get_score_ticks_per_beat(s), [[49, 8]])
    assert utils.compute_ticks_per_bar(TimeSignature(0, 6, 8), 480) == 1440
    assert utils.get_score_programs(s) == [(0, False), (0, False), (5, False), (0, True)]


def test_symusic_inputs_are_converted_and_written_back(symusic_ref):
    sym = _score().to_symusic()
    assert utils.get_bars_ticks(sym) == [0, 32]

    utils.merge_same_program_tracks(sym.tracks)
    assert [t.name for t in sym.tracks] == ["a / b", "c", "d"]
    assert len(sym.tracks[0].notes) == 4

    sym2 = _score().to_symusic()
    utils.merge_tracks_per_class(sym2, classes_to_merge=[0, 1])
    assert [(t.name, t.program) for t in sym2.tracks] == [("a / b / d / c", 0)]

    notes = symusic_ref.core.NoteTickList(
        [
            symusic_ref.Note(0, 4, 60, 1),
            symusic_ref.Note(0, 6, 60, 2),
            symusic_ref.Note(2, 4, 60, 3),
        ]
    )
    utils.fix_offsets_overlapping_notes(notes)
    assert [n.duration for n in notes] == [0, 2, 4]
    utils.remove_duplicated_notes(notes)
    assert [n.velocity for n in notes] == [1, 3]


def test_remove_duplicated_notes_on_structure_of_arrays():
    soa = {
        "time": np.array([0, 0, 0, 5], dtype=np.int32),
        "duration": np.array([4, 4, 6, 1], dtype=np.int32),
        "pitch": np.array([60, 60, 60, 60], dtype=np.int8),
        "velocity": np.array([1, 2, 3, 4], dtype=np.int8),
    }
    with_duration = {k: v.copy() for k, v in soa.items()}
    utils.remove_duplicated_notes(soa)
    assert soa["velocity"].tolist() == [1, 4]
    utils.remove_duplicated_notes(with_duration, consider_duration=True)
    assert with_duration["velocity"].tolist() == [1, 3, 4]


def test_merge_tracks_kinds():
    s = _score()
    merged = utils.merge_tracks(s)
    assert len(s.tracks) == 1 and merged.name == "a / b / c / d"
    assert len(merged.notes) == 8
    tracks = list(_score().tracks)
    merged = utils.merge_tracks(tracks, effects=False)
    assert len(tracks) == 1 and tracks[0] == merged


def test_merge_and_concat_scores():
    a, b = _score(), _score()
    m = utils.merge_scores([a, b])
    assert len(m.tracks) == 8 and len(m.time_signatures) == 2
    c = utils.concat_scores([a, b], [64])
    assert len(c.tracks) == 4
    assert [n.time for n in c.tracks[0].notes] == [0, 40, 64, 104]
    with pytest.raises(ValueError):  # ConfigError subclasses ValueError
        utils.concat_scores([a, b], [])
    odd = _score()
    odd.ticks_per_quarter = 480
    with pytest.raises(ConfigError):
        utils.merge_scores([a, odd])


def test_concat_scores_with_more_tracks_later():
    """MidiTok raises IndexError when a later score has more tracks; we append them."""
    a, b = _score(), _score()
    extra = Track("e", 40, False)
    extra.notes.append(Note(1, 1, 70, 1))
    b.tracks.append(extra)
    c = utils.concat_scores([a, b], [64])
    assert len(c.tracks) == 5
    assert [n.time for n in c.tracks[4].notes] == [65]


def test_detect_chords_events_and_limit_warning():
    notes = NoteList()
    for p in (60, 64, 67):
        notes.append(Note(0, 8, p, 100))
    tpb = np.array([[100, 8]])
    chord_maps = {"maj": (0, 4, 7)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        events = utils.detect_chords(notes, tpb, chord_maps, program=3, simul_notes_limit=2)
    assert any("simul_notes_limit" in str(w.message) for w in caught)
    assert len(events) == 1
    e = events[0]
    assert (e.type_, e.value, e.time, e.program) == ("Chord", "C:maj", 0, 3)
    assert e.desc == "(np.int64(0), np.int64(4), np.int64(7))"


def test_num_bar_pos_and_errors():
    assert utils.num_bar_pos([1, 5, 2, 1, 6, 2, 7], 1, [5, 6, 7]) == (2, 1)
    with pytest.raises(TokenError):
        utils.num_bar_pos([5, 6], 1, [5, 6])
    with pytest.raises(ConfigError):
        utils.compute_ticks_per_beat(0, 480)


def test_is_track_empty_kinds(symusic_ref):
    t = Track("x", 0, False)
    assert utils.is_track_empty(t)
    sym_track = symusic_ref.Track("x", 0, False)
    sym_track.pedals.append(symusic_ref.Pedal(0, 4))
    assert utils.is_track_empty(sym_track)
    assert not utils.is_track_empty(sym_track, check_pedals=True)


def test_convert_ids_tensors_to_list():
    assert utils.convert_ids_tensors_to_list(np.array([[1, 2], [3, 4]])) == [[1, 2], [3, 4]]
    nested = [np.array([1, 2]), np.array([3])]
    assert utils.convert_ids_tensors_to_list(nested) == [[1, 2], [3]]
    with pytest.raises(TypeError):
        utils.convert_ids_tensors_to_list("nope")


def test_filter_dataset(tmp_path, corpus):
    good = sorted((corpus / "one_track").glob("*.mid"))[:2]
    bad = sorted((corpus / "corrupted").glob("*.mid"))
    paths = good + bad
    kept = utils.filter_dataset(paths)
    assert kept == good
    kept = utils.filter_dataset(good, valid_fn=lambda score, path: path == good[0])
    assert kept == good[:1]
    junk = tmp_path / "junk.mid"
    junk.write_bytes(b"not a midi file")
    assert utils.filter_dataset([junk], delete_invalid_files=True) == []
    assert not junk.exists()
