"""Data augmentation, as ``miditok.data_augmentation``, on C++ (files in parallel, GIL released).

``augment_score``, ``augment_score_multiple_offsets`` and ``augment_dataset`` take the same
arguments as MidiTok's and give the same outputs; they accept a ``miditok_cpp.Score`` or a
``symusic.Score`` and return the same type. Beyond MidiTok: ``None`` offsets mean "no offset" (they
raise in MidiTok), a ``str`` path works, a negative duration offset in beats shortens the notes
(MidiTok turns it into +1 tick), and ``random_augment`` draws a seeded, per-epoch reproducible
augmentation for on-the-fly use in a dataset.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import _core, _fileio
from .._core import Score

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = (
    "RandomAugmentation",
    "augment_dataset",
    "augment_score",
    "augment_score_multiple_offsets",
    "random_augment",
)


def _to_ours(score: Any) -> tuple[Score, bool]:
    """Our Score for ``score`` and whether it came from symusic (to convert the result back)."""
    if isinstance(score, Score):
        return score, False
    return Score.from_symusic(score), True


def _back(score: Score, was_symusic: bool) -> Any:
    return score.to_symusic() if was_symusic else score


_INT32 = 2**31 - 1


def _ints(values: Sequence[int] | None, name: str) -> list[int]:
    out = [int(v) for v in values] if values else []
    for v in out:
        if abs(v) > _INT32:
            msg = f"{name}: {v} is outside the 32-bit range [-{_INT32}, {_INT32}]"
            raise ValueError(msg)
    return out


def _pitch_offsets(values: Sequence[int] | None) -> list[int]:
    """Pitch offsets, those beyond +-128 (always dropped by the range filter, as in MidiTok)
    brought to +-128 so that any integer is accepted."""
    return [max(-128, min(128, int(v))) for v in values] if values else []


def _pitch_offset(score: Score, offset: int) -> int:
    """A pitch offset for augment_score: one beyond +-127 moves every melodic note out of 0-127,
    so it raises ConfigError naming the offset (symusic, under MidiTok, raises TypeError past 8
    bits) unless the score has no melodic note, where it changes nothing."""
    if abs(offset) <= 127:
        return offset
    for track in score.tracks:
        if not track.is_drum and len(track.notes) > 0:
            pitch = track.notes[0].pitch
            msg = (
                f"augment_score: pitch_offset {offset} moves pitch {pitch} out of the MIDI range "
                "[0, 127]"
            )
            raise _core.ConfigError(msg)
    return 0


def _velocity_offset(offset: int) -> int:
    """A velocity offset brought to +-256: past that every velocity already lands on the range's
    bound, so any integer is accepted with the same result."""
    return max(-256, min(256, offset))


def _floats(values: Sequence[float] | None) -> list[float]:
    return [float(v) for v in values] if values else []


def _velocity_range(velocity_range: Sequence[int]) -> tuple[int, int]:
    return (int(min(velocity_range)), int(max(velocity_range)))


def augment_score(
    score: Any,
    pitch_offset: int = 0,
    velocity_offset: int = 0,
    duration_offset: float = 0,
    velocity_range: tuple[int, int] = (1, 127),
    duration_in_ticks: bool = False,
    min_duration: float = 0.03125,
    augment_copy: bool = True,
) -> Any:
    """
    Augment a score by shifting its pitches, velocities and/or durations.

    Pitches and durations of drum tracks are not shifted; velocities of every track are, clamped to
    ``velocity_range`` in the offset's direction. Durations are in beats unless
    ``duration_in_ticks``, floored at ``min_duration`` when the offset is negative. A pitch offset
    moving a note out of 0-127 raises ``ConfigError`` (a ``ValueError``) without changing the score.

    ``pitch_offset``, ``velocity_offset`` and ``duration_offset`` (each default 0: unchanged)
    are added to the notes' pitches, velocities and durations. With ``augment_copy`` (default
    True) a new score is returned and ``score`` is left as it is; otherwise ``score`` is
    changed in place and returned. ``velocity_range`` defaults to (1, 127),
    ``min_duration`` to 0.03125 beat.
    """
    ours, was_symusic = _to_ours(score)
    if duration_in_ticks and isinstance(duration_offset, float) and duration_offset != 0:
        min_duration = round(min_duration)  # MidiTok rounds both when the offset is a float
    out = _core._augment_score(
        ours,
        _pitch_offset(ours, int(pitch_offset or 0)),
        _velocity_offset(int(velocity_offset or 0)),
        float(duration_offset or 0),
        _velocity_range(velocity_range),
        bool(duration_in_ticks),
        float(min_duration),
    )
    if augment_copy:
        return _back(out, was_symusic)
    # In place, as MidiTok: the input keeps its identity and gets the augmented tracks.
    if was_symusic:
        for dst, src in zip(score.tracks, out.to_symusic().tracks, strict=True):
            dst.notes = src.notes
    else:
        score.tracks = out.tracks
    return score


def augment_score_multiple_offsets(
    score: Any,
    pitch_offsets: list[int] | None = None,
    velocity_offsets: list[int] | None = None,
    duration_offsets: list[float] | None = None,
    all_offset_combinations: bool = False,
    restrict_on_program_tessitura: bool = True,
    velocity_range: tuple[int, int] = (1, 127),
    duration_in_ticks: bool = False,
    min_duration: float = 0.03125,
) -> list[tuple[tuple[int, int, int], Any]]:
    """
    Augment a score with several offsets: ``[((pitch, velocity, duration_ticks), score), ...]``.

    Pitch offsets moving a non-drum track out of its program's GM2 range (or 0-127 when
    ``restrict_on_program_tessitura`` is False) are dropped; with ``all_offset_combinations``
    every combination of the offsets is made too, in MidiTok's order.

    ``pitch_offsets``, ``velocity_offsets`` and ``duration_offsets`` (each default None: none)
    list the offsets to apply, each giving its own augmented score; ``velocity_range``
    (default (1, 127)) clamps the shifted velocities; durations are in beats unless
    ``duration_in_ticks`` (default False) and shortened ones are floored at ``min_duration``
    (default 0.03125). The input score is not changed.
    """
    ours, was_symusic = _to_ours(score)
    results = _core._augment_score_multiple_offsets(
        ours,
        _pitch_offsets(pitch_offsets),
        _ints(velocity_offsets, "velocity_offsets"),
        _floats(duration_offsets),
        bool(all_offset_combinations),
        bool(restrict_on_program_tessitura),
        _velocity_range(velocity_range),
        bool(duration_in_ticks),
        float(min_duration),
    )
    return [((int(p), int(v), int(d)), _back(s, was_symusic)) for (p, v, d), s in results]


def augment_dataset(
    data_path: Path | str,
    pitch_offsets: list[int] | None = None,
    velocity_offsets: list[int] | None = None,
    duration_offsets: list[float] | None = None,
    all_offset_combinations: bool = False,
    restrict_on_program_tessitura: bool = True,
    velocity_range: tuple[int, int] = (1, 127),
    duration_in_ticks: bool = False,
    min_duration: float = 0.03125,
    out_path: Path | str | None = None,
    copy_original_in_new_location: bool = True,
    save_data_aug_report: bool = True,
    parallel_workers_size: int | None = None,
) -> None:
    """
    Perform data augmentation on a directory of music files.

    Each augmented version is written as ``<stem>#p2_v-4_d120.<ext>`` (non-zero offsets only)
    under ``out_path`` (default: ``data_path``), mirroring the tree; the originals are copied there
    when ``out_path`` differs, and ``data_augmentation_report.txt`` holds the counts. Files that
    cannot be read are skipped. ``parallel_workers_size`` threads (default: all cores) work on the
    files with the GIL released. Each output is whole or absent; an ``out_path`` that does not
    exist or is empty is written as a hidden directory next to it and renamed into place at the
    end, so the augmented dataset appears all at once. Run again into its own outputs, it keeps
    each output that already holds its bytes (only its modification time is set, as a rewrite
    sets it) and replaces the others whole.

    ``data_path`` is the folder searched recursively for music files. ``pitch_offsets``,
    ``velocity_offsets`` and ``duration_offsets`` (each default None: none) and
    ``all_offset_combinations`` (default False) choose the augmentations, and
    ``restrict_on_program_tessitura`` (default True), ``velocity_range`` (default (1, 127)),
    ``duration_in_ticks`` (default False) and ``min_duration`` (default 0.03125) bound them, as
    in :func:`augment_score_multiple_offsets`. ``copy_original_in_new_location`` (default True)
    copies the originals to ``out_path`` when it differs from ``data_path``;
    ``save_data_aug_report`` (default True) writes the report. Warns (UserWarning, as MidiTok)
    when no music file is found. Returns None.
    """
    data_path = Path(data_path)
    report_dir = Path(out_path) if out_path is not None else data_path
    num_files, num_aug, num_tracks, failed, unsupported = _core._augment_dataset(
        os.fspath(data_path),
        _pitch_offsets(pitch_offsets),
        _ints(velocity_offsets, "velocity_offsets"),
        _floats(duration_offsets),
        bool(all_offset_combinations),
        bool(restrict_on_program_tessitura),
        _velocity_range(velocity_range),
        bool(duration_in_ticks),
        float(min_duration),
        os.fspath(out_path) if out_path is not None else None,
        bool(copy_original_in_new_location),
        False,  # the report is written below, with Python's json formatting as MidiTok
        max(0, int(parallel_workers_size or 0)),
    )
    if num_files == 0:
        warnings.warn(f"No supported music files found in {data_path}.", stacklevel=2)
        return
    if failed:
        warnings.warn(
            f"{len(failed)} file(s) could not be read or written and were skipped: {failed[:5]}",
            stacklevel=2,
        )
    if unsupported:
        warnings.warn(
            f"{len(unsupported)} ABC file(s) copied but not augmented (no ABC writer), "
            f"e.g. {unsupported[0]}",
            stacklevel=2,
        )
    if save_data_aug_report:
        # Whole or absent like the outputs, and like them not flushed to disk: an fsync here made
        # the journal commit every inode the call created and waited for it (2-90 ms on ext4).
        _fileio.write_json(
            report_dir / "data_augmentation_report.txt",
            {
                "pitch_offsets": pitch_offsets,
                "velocity_offsets": velocity_offsets,
                "duration_offsets": duration_offsets,
                "all_offset_combinations": all_offset_combinations,
                "velocity_range": velocity_range,
                "min_duration": min_duration,
                "num_tracks_augmented": num_tracks,
                "num_files_before": num_files,
                "num_files_after": num_files + num_aug,
            },
            sync=False,
        )


def random_augment(
    score: Any,
    seed: int,
    epoch: int = 0,
    pitch_offsets: Sequence[int] | None = None,
    velocity_offsets: Sequence[int] | None = None,
    duration_offsets: Sequence[float] | None = None,
    sample_index: int = 0,
    restrict_on_program_tessitura: bool = True,
    velocity_range: tuple[int, int] = (1, 127),
    duration_in_ticks: bool = False,
    min_duration: float = 0.03125,
    return_offsets: bool = False,
) -> Any:
    """
    Augment a score with offsets drawn at random, reproducibly, for on-the-fly augmentation.

    One pitch, one velocity and one duration offset are each drawn uniformly among "no shift" and
    the given values (pitch offsets outside the tracks' tessitura excluded), from
    ``(seed, epoch, sample_index)`` only: the same triple gives the same result in any process or
    DataLoader worker, and each epoch draws anew. Returns the augmented score (same type as the
    input), or ``(score, (pitch, velocity, duration_ticks))`` with ``return_offsets`` (default
    False).

    ``pitch_offsets``, ``velocity_offsets`` and ``duration_offsets`` (each default None: none)
    are the offsets drawn from; ``restrict_on_program_tessitura`` (default True) excludes the
    pitch offsets moving a track out of its program's range; ``velocity_range`` (default (1,
    127)), ``duration_in_ticks`` (default False) and ``min_duration`` (default 0.03125) are as in
    :func:`augment_score`. ``seed``, ``epoch`` (default 0) and ``sample_index`` (default 0)
    alone decide the draw.
    """
    ours, was_symusic = _to_ours(score)
    mask = 0xFFFFFFFFFFFFFFFF
    offsets, out = _core._random_augment(
        ours,
        int(seed) & mask,
        int(epoch) & mask,
        int(sample_index) & mask,
        _pitch_offsets(pitch_offsets),
        _ints(velocity_offsets, "velocity_offsets"),
        _floats(duration_offsets),
        bool(restrict_on_program_tessitura),
        _velocity_range(velocity_range),
        bool(duration_in_ticks),
        float(min_duration),
    )
    out = _back(out, was_symusic)
    return (out, tuple(offsets)) if return_offsets else out


@dataclass
class RandomAugmentation:
    """
    On-the-fly augmentation for a dataset: ``aug(score, sample_index)`` is ``random_augment``
    with this object's seed, offsets and current ``epoch`` (call ``set_epoch`` at each epoch).

    Picklable, so DataLoader workers (fork or spawn) draw the same offsets for the same
    (seed, epoch, sample_index) whichever worker loads the sample.

    Its fields are :func:`random_augment`'s parameters: ``seed`` (default 0), the offsets drawn
    from ``pitch_offsets``, ``velocity_offsets`` and ``duration_offsets`` (default empty),
    ``restrict_on_program_tessitura`` (default True), ``velocity_range`` (default (1, 127)),
    ``duration_in_ticks`` (default False), ``min_duration`` (default 0.03125) and ``epoch``
    (default 0, changed by :meth:`set_epoch`).
    """

    seed: int = 0
    pitch_offsets: list[int] = field(default_factory=list)
    velocity_offsets: list[int] = field(default_factory=list)
    duration_offsets: list[float] = field(default_factory=list)
    restrict_on_program_tessitura: bool = True
    velocity_range: tuple[int, int] = (1, 127)
    duration_in_ticks: bool = False
    min_duration: float = 0.03125
    epoch: int = 0

    def set_epoch(self, epoch: int) -> None:
        """Select the epoch whose draws the next calls make."""
        self.epoch = int(epoch)

    def __call__(self, score: Any, sample_index: int = 0) -> Any:
        """The augmented ``score`` (a new score of the same type) for the sample of index
        ``sample_index`` (default 0) at the current epoch."""
        return random_augment(
            score,
            self.seed,
            self.epoch,
            self.pitch_offsets,
            self.velocity_offsets,
            self.duration_offsets,
            sample_index=sample_index,
            restrict_on_program_tessitura=self.restrict_on_program_tessitura,
            velocity_range=self.velocity_range,
            duration_in_ticks=self.duration_in_ticks,
            min_duration=self.min_duration,
        )
