"""Data augmentation vs MidiTok 3.1.0 on the multitrack corpus with MidiTok's test offsets.

Same offset tuples in the same order and the same notes in every augmented score, for
augment_score_multiple_offsets (in memory) and augment_dataset (files, names, copies, report).
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import corpus_files

import miditok_cpp
from miditok_cpp import data_augmentation as ours

FILES = corpus_files("multitrack")
# MidiTok's tests/test_data_augmentation.py offsets.
OFFSETS = {"pitch_offsets": [-2, 1, 2], "velocity_offsets": [-4, 5], "duration_offsets": [-0.5, 1]}
CONFIGS = [
    {"all_offset_combinations": True},
    {"all_offset_combinations": False},
    {"all_offset_combinations": True, "restrict_on_program_tessitura": False},
    {"all_offset_combinations": True, "velocity_range": (40, 100), "min_duration": 0.25},
    {"all_offset_combinations": True, "duration_in_ticks": True, "min_duration": 30},
]


def _duration_offsets(cfg):
    return [-30, 60] if cfg.get("duration_in_ticks") else OFFSETS["duration_offsets"]


def _has_empty_melodic_track(score):
    return any(not t.is_drum and len(t.notes) == 0 for t in score.tracks)


def _reference(score, kwargs):
    """MidiTok's augment_score_multiple_offsets, with its tessitura filter fixed (bug: it zips the
    pitches of the non-empty non-drum tracks with all non-drum tracks, so an empty track shifts
    the programs checked): the pitch offsets are filtered on the score without empty tracks."""
    from miditok.data_augmentation import augment_score_multiple_offsets as ref_fn
    from miditok.data_augmentation.data_augmentation import _filter_offset_tuples_to_score

    restrict = kwargs.get("restrict_on_program_tessitura", True)
    if not (restrict and _has_empty_melodic_track(score)):
        return ref_fn(score, **kwargs)
    pruned = score.copy()
    pruned.tracks = [t for t in score.tracks if t.is_drum or len(t.notes) > 0]
    pitches = _filter_offset_tuples_to_score(kwargs["pitch_offsets"], pruned, True)
    return ref_fn(
        score, **{**kwargs, "pitch_offsets": pitches, "restrict_on_program_tessitura": False}
    )


def _notes_diff(a, b):
    """None if the two symusic scores have the same tracks and notes, else a description."""
    if len(a.tracks) != len(b.tracks):
        return f"{len(a.tracks)} vs {len(b.tracks)} tracks"
    for ti, (ta, tb) in enumerate(zip(a.tracks, b.tracks, strict=True)):
        if (ta.program, ta.is_drum) != (tb.program, tb.is_drum):
            return f"track {ti}: program/drum differ"
        na, nb = ta.notes.numpy(), tb.notes.numpy()
        for key in ("time", "duration", "pitch", "velocity"):
            if not np.array_equal(na[key], nb[key]):
                idx = int(np.argmax(na[key] != nb[key])) if len(na[key]) == len(nb[key]) else -1
                return f"track {ti} {key} differs at note {idx}: {ta.notes[idx]} vs {tb.notes[idx]}"
    return None


@pytest.mark.parametrize("cfg", CONFIGS, ids=[str(i) for i in range(len(CONFIGS))])
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_multiple_offsets_match_miditok(path, cfg, corpus, miditok_ref, symusic_ref):
    score = symusic_ref.Score(path)
    kwargs = {**OFFSETS, "duration_offsets": _duration_offsets(cfg), **cfg}
    ref = _reference(score, kwargs)
    got = ours.augment_score_multiple_offsets(score, **kwargs)
    assert [o for o, _ in got] == [tuple(int(x) for x in o) for o, _ in ref], f"{path.name} {cfg}"
    for (offsets, g), (_, r) in zip(got, ref, strict=True):
        diff = _notes_diff(g, r)
        assert diff is None, f"{path.name} {cfg} offsets {offsets}: {diff}"
    # Same from a miditok_cpp Score.
    got2 = ours.augment_score_multiple_offsets(miditok_cpp.Score.from_symusic(score), **kwargs)
    assert [o for o, _ in got2] == [o for o, _ in got]
    assert all(
        _notes_diff(g.to_symusic(), r) is None for (_, g), (_, r) in zip(got2, got, strict=True)
    )


@pytest.mark.parametrize("path", FILES[:4], ids=[p.name for p in FILES[:4]])
def test_augment_score_matches_miditok(path, corpus, miditok_ref, symusic_ref):
    from miditok.data_augmentation import augment_score as ref_fn

    score = symusic_ref.Score(path)
    for args in [(2, 0, 0), (0, -4, 0), (0, 5, 0), (0, 0, 1), (0, 0, 0.25), (-1, 3, 0.5)]:
        ref = ref_fn(score, *args)
        got = ours.augment_score(score, *args)
        assert _notes_diff(got, ref) is None, f"{path.name} {args}: {_notes_diff(got, ref)}"
    for args in [(0, 0, 240), (0, 0, -100)]:
        ref = ref_fn(score, *args, duration_in_ticks=True, min_duration=10)
        got = ours.augment_score(score, *args, duration_in_ticks=True, min_duration=10)
        assert _notes_diff(got, ref) is None, f"{path.name} {args} ticks"


def test_tessitura_filter_checks_each_tracks_own_program(corpus, symusic_ref, miditok_ref):
    """MidiTok bug: with an empty non-drum track first, it checks the pitches of each track
    against the next track's program range and drops valid pitch offsets."""
    from miditok.data_augmentation import augment_score_multiple_offsets as ref_fn

    path = corpus / "multitrack" / "I Gotta Feeling.mid"
    score = symusic_ref.Score(path)
    assert _has_empty_melodic_track(score)
    ref = [o for o, _ in ref_fn(score, [-2, 1, 2], [], [])]
    got = [o for o, _ in ours.augment_score_multiple_offsets(score, [-2, 1, 2], [], [])]
    # MidiTok checks the program-49 track (pitches 31-40) against program 29's range (40-86), so
    # needs +9 and keeps nothing; with each track's own program, the flute (73: 60-96, lowest
    # pitch 59) needs +1: offsets 1 and 2 are valid.
    assert ref == []
    assert got == [(1, 0, 0), (2, 0, 0)]


def test_negative_beat_offset_shortens(corpus, symusic_ref, miditok_ref):
    """MidiTok bug #22: augment_score(duration_offset=-0.5) lengthens every note by 1 tick."""
    from miditok.data_augmentation import augment_score as ref_fn

    score = symusic_ref.Score(FILES[2])
    tpq = score.ticks_per_quarter
    track = next(t for t in score.tracks if not t.is_drum and len(t.notes))
    ref = ref_fn(score, 0, 0, -0.5)
    got = ours.augment_score(score, 0, 0, -0.5)
    idx = next(
        i for t, i in zip(ref.tracks, range(len(ref.tracks)), strict=True) if t.name == track.name
    )
    before = track.notes.numpy()["duration"]
    assert np.array_equal(ref.tracks[idx].notes.numpy()["duration"], before + 1)
    expected = np.maximum(before - round(0.5 * tpq), max(round(0.03125 * tpq), 1))
    assert np.array_equal(got.tracks[idx].notes.numpy()["duration"], expected)


def test_none_offsets_work(corpus, symusic_ref, miditok_ref):
    """MidiTok bug #22: None offsets (its defaults) raise TypeError; here they mean no offset."""
    from miditok.data_augmentation import augment_score_multiple_offsets as ref_fn

    score = symusic_ref.Score(FILES[0])
    with pytest.raises(TypeError):
        ref_fn(score, pitch_offsets=None, velocity_offsets=[2])
    got = ours.augment_score_multiple_offsets(score, velocity_offsets=[2])
    assert [o for o, _ in got] == [(0, 2, 0)]
    assert ours.augment_score_multiple_offsets(score) == []


def _tree(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize("all_comb", [True, False])
def test_augment_dataset_matches_miditok(all_comb, corpus, tmp_path, miditok_ref, symusic_ref):
    if not hasattr(miditok_cpp._core, "_augment_dataset"):
        pytest.fail("augment_dataset is not built (the MIDI writer is missing)")
    from miditok.data_augmentation import augment_dataset as ref_fn

    data = corpus / "multitrack"
    kwargs = {**OFFSETS, "all_offset_combinations": all_comb}
    ref_out, our_out = tmp_path / "ref", tmp_path / "ours"
    ref_fn(data, out_path=ref_out, parallel_workers_size=1, **kwargs)
    ours.augment_dataset(str(data), out_path=str(our_out), **kwargs)  # a str path works here

    # Expected outputs: MidiTok's, with its tessitura filter fixed (see _reference).
    expected = {}  # relative path -> in-memory augmented symusic score
    for path in FILES:
        for offsets, aug in _reference(symusic_ref.Score(path), kwargs):
            if len(aug.tracks) == 0:
                continue
            suffix = "#" + "_".join(
                f"{t}{o}" for t, o in zip("pvd", offsets, strict=True) if o != 0
            )
            expected[f"{path.stem}{suffix}{path.suffix}"] = aug
    originals = [p.name for p in FILES]
    assert _tree(our_out) == sorted([*expected, *originals, "data_augmentation_report.txt"])
    ref_tree = set(_tree(ref_out))
    assert ref_tree <= set(_tree(our_out))  # MidiTok's files are a subset (it drops valid offsets)
    for rel, aug in expected.items():
        got = symusic_ref.Score(our_out / rel)
        if rel in ref_tree:
            want = symusic_ref.Score(ref_out / rel)
            # Files MidiTok writes too are byte-identical (same writer rules as symusic's).
            assert (our_out / rel).read_bytes() == (ref_out / rel).read_bytes(), rel
        else:
            want = symusic_ref.Score.from_midi(aug.dumps_midi())
        assert _notes_diff(got, want) is None, f"{rel}: {_notes_diff(got, want)}"
    for rel in originals:  # the copied originals are byte-identical
        assert (our_out / rel).read_bytes() == (data / rel).read_bytes()

    report = json.loads((ref_out / "data_augmentation_report.txt").read_text())
    report["num_tracks_augmented"] = sum(len(a.tracks) for a in expected.values())
    report["num_files_after"] = len(FILES) + len(expected)
    assert (our_out / "data_augmentation_report.txt").read_text() == json.dumps(report)


def test_augment_dataset_edge_cases(tmp_path, corpus, symusic_ref):
    if not hasattr(miditok_cpp._core, "_augment_dataset"):
        pytest.fail("augment_dataset is not built (the MIDI writer is missing)")
    # In place (no out_path), nested folders, a corrupted file skipped with a warning, no copies.
    data = tmp_path / "data"
    (data / "sub").mkdir(parents=True)
    src = FILES[2]
    (data / "sub" / src.name).write_bytes(src.read_bytes())
    (data / "bad.mid").write_bytes(
        (corpus / "corrupted" / "ValueError_Control168.mid").read_bytes()
    )
    (data / "junk.mid").write_bytes(b"not a midi file")
    with pytest.warns(UserWarning, match="skipped"):
        ours.augment_dataset(data, velocity_offsets=[3], save_data_aug_report=False)
    assert sorted(p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()) == sorted(
        ["bad.mid", "junk.mid", f"sub/{src.name}", f"sub/{src.stem}#v3{src.suffix}"]
    )
    # No files: a warning, no report.
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.warns(UserWarning, match="No supported music files"):
        ours.augment_dataset(empty, pitch_offsets=[1])
    assert not (empty / "data_augmentation_report.txt").exists()
