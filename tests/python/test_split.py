"""Score splitting: the same chunks as miditok.utils on the corpus, and nothing lost."""

from __future__ import annotations

import pytest
from conftest import corpus_files

import miditok_cpp
from miditok_cpp.utils import (
    split_score_per_beats,
    split_score_per_note_density,
    split_score_per_ticks,
    split_score_per_tracks,
)


def _pairs(symusic_ref):
    """(file, symusic Score, our Score) for every corpus MIDI file symusic can read."""
    out = []
    for path in corpus_files("one_track") + corpus_files("multitrack"):
        try:
            ref = symusic_ref.Score(path)
        except (RuntimeError, ValueError):
            continue
        out.append((path, ref, miditok_cpp.Score(path)))
    assert out
    return out


def _assert_same_chunks(ours: list, ref: list, what: str) -> None:
    ours = [c.to_symusic() for c in ours]
    assert len(ours) == len(ref), f"{what}: {len(ours)} chunks vs {len(ref)}"
    for i, (a, b) in enumerate(zip(ours, ref, strict=True)):
        if a != b:
            notes_a = [(n.time, n.duration, n.pitch) for t in a.tracks for n in t.notes][:5]
            notes_b = [(n.time, n.duration, n.pitch) for t in b.tracks for n in t.notes][:5]
            pytest.fail(f"{what}: chunk {i} differs\nours {a} {notes_a}\nref  {b} {notes_b}")


@pytest.mark.parametrize(
    ("max_seq_len", "tpn", "overlap", "min_seq_len"),
    [
        (256, 1.5, 1, None),
        (512, 3.0, 0, None),
        (100, 2.0, 2, 10),
        (2048, 4.2, 1, 0),
        (32, 5.0, 0, 3),
    ],
)
def test_note_density_same_as_miditok(
    corpus, symusic_ref, miditok_ref, max_seq_len, tpn, overlap, min_seq_len
):
    from miditok.utils import split_score_per_note_density as ref_split

    for path, ref, ours in _pairs(symusic_ref):
        _assert_same_chunks(
            split_score_per_note_density(ours, max_seq_len, tpn, overlap, min_seq_len),
            ref_split(ref, max_seq_len, tpn, overlap, min_seq_len),
            f"{path.name} max_seq_len={max_seq_len} tpn={tpn} overlap={overlap}",
        )


def test_note_density_bad_overlap():
    score = miditok_cpp.Score(480)
    with pytest.raises(ValueError, match="num_overlap_bars"):
        split_score_per_note_density(score, 100, 1.0, -1)


@pytest.mark.parametrize(("max_beats", "min_beats"), [(4, 1), (16, 4), (7, 7)])
def test_beats_same_as_miditok(corpus, symusic_ref, miditok_ref, max_beats, min_beats):
    from miditok.utils import split_score_per_beats as ref_split

    compared = 0
    for path, ref, ours in _pairs(symusic_ref):
        chunks = split_score_per_beats(ours, max_beats, min_beats)
        try:
            ref_chunks = ref_split(ref, max_beats, min_beats)
        except IndexError:  # MidiTok when no cut is made: ours gives the whole score
            assert len(chunks) == 1, path.name
            assert chunks[0].to_symusic() == ref.clip(0, ref.end() + 1), path.name
            continue
        compared += 1
        _assert_same_chunks(
            chunks, ref_chunks, f"{path.name} max_beats={max_beats} min_beats={min_beats}"
        )
    assert compared > 0


def test_beats_short_score_is_one_chunk(symusic_ref, miditok_ref):
    """MidiTok raises IndexError when the score has max_num_beats beats or fewer."""
    from miditok.utils import split_score_per_beats as ref_split

    path = corpus_files("one_track")[0]
    ref = symusic_ref.Score(path)
    with pytest.raises(IndexError):
        ref_split(ref, 10**6)
    chunks = split_score_per_beats(miditok_cpp.Score(path), 10**6)
    assert len(chunks) == 1
    assert chunks[0].to_symusic() == ref.clip(0, ref.end() + 1)


def test_ticks_and_tracks_same_as_miditok(corpus, symusic_ref, miditok_ref):
    from miditok.utils import split_score_per_ticks as ref_ticks
    from miditok.utils import split_score_per_tracks as ref_tracks

    for path, ref, ours in _pairs(symusic_ref):
        end = ref.end()
        for ticks in ([end // 3, 2 * end // 3], [1, end // 2, end + 1], [480]):
            _assert_same_chunks(
                split_score_per_ticks(ours, ticks), ref_ticks(ref, ticks), f"{path.name} {ticks}"
            )
        _assert_same_chunks(split_score_per_tracks(ours), ref_tracks(ref), f"{path.name} tracks")


def test_symusic_scores_accepted(symusic_ref):
    path = corpus_files("multitrack")[0]
    ref = symusic_ref.Score(path)
    chunks = split_score_per_tracks(ref)
    assert all(isinstance(c, symusic_ref.Score) for c in chunks)
    assert len(chunks) == len(ref.tracks)


def test_every_note_in_a_chunk(corpus, symusic_ref):
    """No overlap: each note lies in exactly one chunk, at its onset minus the chunk start."""
    for path, _, ours in _pairs(symusic_ref):
        total = ours.note_num()
        for max_seq_len in (64, 300):
            chunks = split_score_per_note_density(ours, max_seq_len, 2.0, 0, 0)
            assert sum(c.note_num() for c in chunks) == total, f"{path.name} {max_seq_len}"
