"""Splitting of a score into chunks: at bars by note density, at ticks, every N beats, per
track (MidiTok's utils.split functions on scores). The split runs in C++; a ``symusic.Score``
given gives ``symusic.Score`` chunks back."""

from __future__ import annotations

from typing import Any

from .. import _core
from ..score import from_symusic


def _is_ours(obj: Any) -> bool:
    return type(obj).__module__.split(".")[0] == "miditok_cpp"


def _to_ours(score: Any) -> tuple[Any, bool]:
    """(our Score, whether the input was a symusic Score)."""
    if _is_ours(score):
        return score, False
    return from_symusic(score), True


def _back(scores: list, was_symusic: bool) -> list:
    return [s.to_symusic() for s in scores] if was_symusic else scores


def split_score_per_note_density(
    score: Any,
    max_seq_len: int,
    average_num_tokens_per_note: float,
    num_overlap_bars: int = 1,
    min_seq_len: int | None = None,
) -> list:
    """
    Split a Score at bars into chunks of about ``max_seq_len`` tokens (estimated from notes).

    The tokens of each bar are estimated as its notes times ``average_num_tokens_per_note``; a
    bar too long on its own is a chunk; each chunk after the first also starts with the last
    ``num_overlap_bars`` (default 1) bars of the previous one; the last chunk is kept when it
    has at least ``min_seq_len`` tokens (default ``max_seq_len // 4``). Chunks start at tick 0;
    a single chunk is the score itself. A ``symusic.Score`` gives ``symusic.Score`` chunks.
    """
    ours, was_symusic = _to_ours(score)
    chunks = _core.split_score_per_note_density(
        ours, max_seq_len, average_num_tokens_per_note, num_overlap_bars, min_seq_len
    )
    if len(chunks) == 1:
        return [score]  # the score itself, as MidiTok
    return _back(chunks, was_symusic)


def split_score_per_ticks(score: Any, ticks: list[int]) -> list:
    r"""
    Split ``score`` (ours or symusic's) at the ``ticks`` given in increasing order: [0, t1),
    [t1, t2), ..., [tn, end + 1), each chunk shifted to start at tick 0; returns the chunks.

    Notes are kept whole in the chunk of their onset (``clip_end=False``).
    """
    ours, was_symusic = _to_ours(score)
    return _back(_core.split_score_per_ticks(ours, list(ticks)), was_symusic)


def split_score_per_beats(score: Any, max_num_beats: int, min_num_beats: int = 1) -> list:
    """
    Split a Score every ``max_num_beats`` beats; the last chunk needs ``min_num_beats``.

    A score of ``max_num_beats`` beats or fewer is one chunk (MidiTok raises IndexError).
    """
    ours, was_symusic = _to_ours(score)
    return _back(_core.split_score_per_beats(ours, max_num_beats, min_num_beats), was_symusic)


def split_score_per_tracks(score: Any) -> list:
    """One score per track of ``score`` (ours or symusic's, of its own type), each with the
    score's tempos, time and key signatures and markers."""
    ours, was_symusic = _to_ours(score)
    return _back(_core.split_score_per_tracks(ours), was_symusic)
