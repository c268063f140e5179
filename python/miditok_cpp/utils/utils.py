"""MidiTok's score helpers (``miditok.utils``), computed in C++ (``miditok_cpp._core.preprocess``).

Every function takes our :class:`miditok_cpp.Score` (and its tracks and event lists) and also
accepts ``symusic`` objects, which are converted; functions that work in place write their result
back into the ``symusic`` object they were given.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from .._core import preprocess as _pp
from ..classes import Event
from ..score import Score, TimeSignature, Track
from .miditoolkit import miditoolkit_to_symusic

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

__all__ = [
    "add_bar_beats_ticks_to_tokseq",
    "compute_ticks_per_bar",
    "compute_ticks_per_beat",
    "concat_scores",
    "convert_ids_tensors_to_list",
    "detect_chords",
    "filter_dataset",
    "fix_offsets_overlapping_notes",
    "get_bars_ticks",
    "get_beats_ticks",
    "get_deepest_common_subdir",
    "get_num_notes_per_bar",
    "get_score_programs",
    "get_score_ticks_per_beat",
    "is_track_empty",
    "merge_same_program_tracks",
    "merge_scores",
    "merge_tracks",
    "merge_tracks_per_class",
    "miditoolkit_to_symusic",
    "np_get_closest",
    "num_bar_pos",
    "remove_duplicated_notes",
    "tempo_qpm_to_mspq",
]

UNKNOWN_CHORD_PREFIX = "ukn"
_NoteList = type(Track().notes)
_TrackList = type(Score().tracks)


# ------------------------------------------------------------------------------------------------
# Conversions from symusic
# ------------------------------------------------------------------------------------------------


def _is_symusic(obj: Any) -> bool:
    return type(obj).__module__.startswith("symusic")


def _as_score(score: Any) -> Score:
    """Our Score for a miditok_cpp or symusic Score (converted, a copy)."""
    if isinstance(score, Score):
        return score
    if _is_symusic(score):
        return Score.from_symusic(score)
    msg = f"expected a miditok_cpp.Score or symusic.Score, got {type(score).__name__}"
    raise TypeError(msg)


def _tracks_to_ours(tracks: Sequence[Any]) -> list[Track]:
    """Our tracks for a list of symusic tracks (converted through a symusic Score)."""
    import symusic

    holder: Any = symusic.Score(480)
    for t in tracks:
        holder.tracks.append(t)
    return list(Score.from_symusic(holder).tracks)


def _tracks_to_symusic(tracks: Iterable[Track]) -> list[Any]:
    holder = Score(480)
    holder.tracks.extend(tracks)
    return list(holder.to_symusic().tracks)


def _replace_items(dst: Any, items: Any) -> None:
    """Replaces the contents of a list-like (Python list or symusic list) in place."""
    if isinstance(dst, list):
        dst[:] = list(items)
        return
    dst.clear()
    dst.extend(items)


def _notes_to_ours(notes: Any):
    """Our NoteList for a symusic note list or a note structure of arrays."""
    soa = notes if isinstance(notes, dict) else notes.numpy()
    return _NoteList.from_numpy(
        time=soa["time"], duration=soa["duration"], pitch=soa["pitch"], velocity=soa["velocity"]
    )


# ------------------------------------------------------------------------------------------------
# Time grid
# ------------------------------------------------------------------------------------------------


def compute_ticks_per_beat(time_sig_denominator: int, time_division: int) -> int:
    """The number of ticks of a beat of a time signature whose denominator is
    ``time_sig_denominator`` (4: a quarter note, 8: an eighth...) at ``time_division`` ticks
    per quarter note."""
    return _pp.compute_ticks_per_beat(int(time_sig_denominator), int(time_division))


def compute_ticks_per_bar(time_sig: Any, time_division: int) -> int:
    """The number of ticks of a bar of time signature ``time_sig`` (anything with
    ``numerator`` and ``denominator``) at ``time_division`` ticks per quarter note."""
    ts = TimeSignature(int(time_sig.time), int(time_sig.numerator), int(time_sig.denominator))
    return _pp.compute_ticks_per_bar(ts, int(time_division))


def get_bars_ticks(score: Any, only_notes_onsets: bool = False) -> list[int]:
    """The ticks where the bars of ``score`` (ours or symusic's) start, following its time
    signatures (ones with values <= 0 are skipped), up to its end (``score.end()``), or with
    ``only_notes_onsets`` (default False) up to its last note onset."""
    return _pp.get_bars_ticks(_as_score(score), only_notes_onsets)


def get_beats_ticks(score: Any, only_notes_onsets: bool = False) -> list[int]:
    """The ticks where the beats of ``score`` (ours or symusic's) start, following its time
    signatures, up to its end (``score.end()``), or with ``only_notes_onsets`` (default False)
    up to its last note onset."""
    return _pp.get_beats_ticks(_as_score(score), only_notes_onsets)


def get_num_notes_per_bar(score: Any, tracks_indep: bool = False) -> list[int] | list[list[int]]:
    """The number of notes starting in each bar of ``score``: one list over all tracks, or
    with ``tracks_indep`` (default False) one list per track."""
    counts = _pp.get_num_notes_per_bar(_as_score(score), tracks_indep)  # a list, or lists
    return cast("list[int] | list[list[int]]", counts)


def get_score_ticks_per_beat(score: Any) -> np.ndarray:
    """Ticks-per-beat sections of a score as an (N, 2) array: [end tick, ticks per beat]."""
    return np.asarray(_pp.get_score_ticks_per_beat(_as_score(score)))  # already an array


def get_score_programs(score: Any) -> list[tuple[int, bool]]:
    """(program, is_drum) of each track of a score."""
    return _pp.get_score_programs(_as_score(score))


def num_bar_pos(
    seq: Sequence[int], bar_token_id: int, position_tokens_ids: Sequence[int]
) -> tuple[int, int]:
    """For the token ids ``seq``: ``(number of bar_token_id tokens, number of position tokens
    (ids in position_tokens_ids) after the last bar token minus one)``, the second being -1
    when the last bar has no position token yet."""
    return _pp.num_bar_pos(list(seq), int(bar_token_id), list(position_tokens_ids))


# ------------------------------------------------------------------------------------------------
# Notes and tracks
# ------------------------------------------------------------------------------------------------


def is_track_empty(
    track: Any,
    check_controls: bool = False,
    check_pedals: bool = False,
    check_pitch_bend: bool = False,
) -> bool:
    """Whether ``track`` has no note, nor control change when ``check_controls``, pedal when
    ``check_pedals``, or pitch bend when ``check_pitch_bend`` (each default False)."""
    if isinstance(track, Track):
        return _pp.is_track_empty(track, check_controls, check_pedals, check_pitch_bend)
    empty = len(track.notes) == 0
    if check_controls:
        empty &= len(track.controls) == 0
    if check_pedals:
        empty &= len(track.pedals) == 0
    if check_pitch_bend:
        empty &= len(track.pitch_bends) == 0
    return empty


def remove_duplicated_notes(notes: Any, consider_duration: bool = False) -> None:
    """
    Remove (in place) the notes with the onset and pitch (and duration when
    ``consider_duration``, default False) of the previous one.

    The notes must be sorted by (time, pitch[, duration]). Works on our note lists, symusic
    note lists and note structures of arrays (dict of numpy arrays).
    """
    if isinstance(notes, _NoteList):
        _pp.remove_duplicated_notes(notes, consider_duration)
        return
    soa = notes if isinstance(notes, dict) else notes.numpy()
    keys = ["time", "pitch", "duration"] if consider_duration else ["time", "pitch"]
    if len(soa["time"]) < 2:
        return
    same = np.ones(len(soa["time"]) - 1, dtype=bool)
    for key in keys:
        same &= soa[key][1:] == soa[key][:-1]
    idx_to_del = np.flatnonzero(same) + 1
    if isinstance(notes, dict):
        mask = np.ones(len(notes["time"]), dtype=bool)
        mask[idx_to_del] = False
        for key in notes:
            notes[key] = notes[key][mask]
    else:
        for idx in reversed(idx_to_del.tolist()):
            del notes[idx]


def fix_offsets_overlapping_notes(notes: Any) -> None:
    """Shorten (in place) notes still sounding when a note of the same pitch starts."""
    if isinstance(notes, _NoteList):
        _pp.fix_offsets_overlapping_notes(notes)
        return
    ours = _notes_to_ours(notes)
    _pp.fix_offsets_overlapping_notes(ours)
    if isinstance(notes, dict):
        notes["duration"] = ours.numpy()["duration"]
    else:
        import symusic

        _replace_items(notes, symusic.Note.from_numpy(**ours.numpy()))


def merge_tracks(tracks: Any, effects: bool = True) -> Track:
    """
    Merge tracks into the first one (notes and, with ``effects``, controls, pedals and bends).

    ``tracks`` is a list of tracks, a track list or a Score; only the merged track remains in it.
    """
    if isinstance(tracks, Score):
        merged = _pp.merge_tracks(tracks.tracks, effects)
        return tracks.tracks[0] if len(tracks.tracks) else merged
    if isinstance(tracks, _TrackList):
        _pp.merge_tracks(tracks, effects)
        return tracks[0]
    if _is_symusic(tracks):  # symusic Score
        merged = merge_tracks(list(tracks.tracks), effects)
        tracks.tracks = [merged]
        return tracks.tracks[0]
    items = list(tracks)
    symusic_items = len(items) > 0 and _is_symusic(items[0])
    ours = _TrackList(_tracks_to_ours(items) if symusic_items else items)
    _pp.merge_tracks(ours, effects)
    merged = _tracks_to_symusic(ours)[0] if symusic_items else ours[0]
    if isinstance(tracks, list):
        del tracks[1:]
        tracks[0] = merged
    return merged


def merge_same_program_tracks(tracks: Any, effects: bool = True) -> None:
    """Merges in place the tracks of ``tracks`` (a list of tracks, ours or symusic's) that
    share a program (drums count as program -1) into the first of them. With ``effects`` (default
    True) their control changes, pedals and pitch bends are merged too, else dropped."""
    if isinstance(tracks, _TrackList):
        _pp.merge_same_program_tracks(tracks, effects)
        return
    items = list(tracks)
    symusic_items = len(items) > 0 and _is_symusic(items[0])
    ours = _TrackList(_tracks_to_ours(items) if symusic_items else items)
    _pp.merge_same_program_tracks(ours, effects)
    _replace_items(tracks, _tracks_to_symusic(ours) if symusic_items else list(ours))


def merge_tracks_per_class(
    score: Any,
    classes_to_merge: list[int] | None = None,
    new_program_per_class: dict[int, int] | None = None,
    max_num_of_tracks_per_inst_class: dict[int, int] | None = None,
    valid_programs: list[int] | None = None,
    filter_pitches: bool = True,
) -> None:
    """
    Merge (in place) the tracks of a score per instrument class.

    ``classes_to_merge`` (default None: no merge, only the filters below) lists the indexes of
    the instrument classes of ``constants.INSTRUMENT_CLASSES`` whose tracks are merged into one
    per class; the merged track gets the program ``new_program_per_class[class]`` (default
    None: the class's first program). ``max_num_of_tracks_per_inst_class`` (default None: no
    limit) caps the tracks kept per class; ``valid_programs`` (default None: all) drops the
    tracks of other programs; with ``filter_pitches`` (default True) the notes outside the
    recommended pitch range of their class are dropped.

    Drums get program 128 when ``valid_programs`` is given. Differences from MidiTok: the
    ``max_num_of_tracks_per_inst_class`` limit is applied (the tracks with the most notes are
    merged, the class's others dropped), and drum pitches are filtered to [27, 88] inclusive
    (MidiTok keeps only 27 and 88).
    """
    ours = _as_score(score)
    if ours is not score:
        ours = ours.copy()
    _pp.merge_tracks_per_class(
        ours,
        classes_to_merge,
        new_program_per_class,
        max_num_of_tracks_per_inst_class,
        valid_programs,
        filter_pitches,
    )
    if ours is not score:
        score.tracks = ours.to_symusic().tracks


def merge_scores(scores: Sequence[Any]) -> Score:
    """One Score with every track and global event of the scores (same tpq required); a
    symusic.Score when the first score is one."""
    scores = list(scores)
    merged = _pp.merge_scores([_as_score(s) for s in scores])
    return merged.to_symusic() if scores and _is_symusic(scores[0]) else merged


def concat_scores(scores: Sequence[Any], end_ticks: Sequence[int]) -> Score:
    """Concatenate scores in time: score i is shifted by ``end_ticks[i - 1]``; a
    symusic.Score when the first score is one."""
    scores = list(scores)
    out = _pp.concat_scores([_as_score(s) for s in scores], [int(t) for t in end_ticks])
    return out.to_symusic() if scores and _is_symusic(scores[0]) else out


# ------------------------------------------------------------------------------------------------
# Chords
# ------------------------------------------------------------------------------------------------


def detect_chords(
    notes: Any,
    ticks_per_beat: np.ndarray,
    chord_maps: dict[str, Sequence[int]],
    program: int | None = None,
    specify_root_note: bool = True,
    beat_res: int = 4,
    onset_offset: int = 1,
    unknown_chords_num_notes_range: tuple[int, int] | None = None,
    simul_notes_limit: int = 10,
) -> list:
    """
    Detect chords in notes sorted by (time, pitch); returns Chord events.

    ``ticks_per_beat`` holds rows ``(end tick, ticks per beat)`` of the score's time signature
    sections; ``chord_maps`` maps a chord quality to the intervals of its notes above the root.
    Notes whose onsets are at most ``onset_offset`` (default 1) steps of a beat divided by
    ``beat_res`` (default 4) apart sound together; at most ``simul_notes_limit`` (default 10,
    at least 5) of them are looked at for one chord. ``program`` (default None) is set on the
    events; ``specify_root_note`` (default True) puts the root's pitch class in their value.

    An event's value is ``"<root>:<quality>"`` (or ``"<quality>"``), unknown chords
    ``"ukn<number of notes>"`` when ``unknown_chords_num_notes_range`` is given.
    """
    if simul_notes_limit < 5:
        simul_notes_limit = 5
        warnings.warn(
            "`simul_notes_limit` must be >= 5, chords can be made up to 5 notes. Setting it to 5.",
            stacklevel=2,
        )
    ours = notes if isinstance(notes, _NoteList) else _notes_to_ours(notes)
    found = _pp.detect_chords(
        ours,
        np.asarray(ticks_per_beat),
        {k: tuple(v) for k, v in chord_maps.items()},
        specify_root_note,
        beat_res,
        onset_offset,
        unknown_chords_num_notes_range,
        simul_notes_limit,
    )
    event = Event
    return [
        event(type_="Chord", value=value, time=time, program=program, desc=desc)
        for time, value, desc in found
    ]


# ------------------------------------------------------------------------------------------------
# Misc
# ------------------------------------------------------------------------------------------------


def np_get_closest(array: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Closest value of ``array`` (sorted) for each of ``values``; ties go to the upper one."""
    array = np.asarray(array)
    values = np.asarray(values)
    idx = np.searchsorted(array, values, side="left")
    lower = np.maximum(idx - 1, 0)
    upper = np.minimum(idx, len(array) - 1)
    prev_closer = (idx == len(array)) | (
        np.fabs(values - array[lower]) < np.fabs(values - array[upper])
    )
    idx[prev_closer] -= 1
    return array[idx]


def tempo_qpm_to_mspq(tempo_qpm: float | np.ndarray) -> float | np.ndarray:
    """``tempo_qpm`` (a number or an array, in quarter notes per minute) in microseconds per
    quarter note (not rounded)."""
    return 60000000 / tempo_qpm


def convert_ids_tensors_to_list(ids: Any) -> list[int] | list[list[int]]:
    """Convert a (nested) PyTorch / TensorFlow / Jax tensor or numpy array of ids to lists."""
    if isinstance(ids, list):
        first = ids[0] if len(ids) else None
        while isinstance(first, list):
            first = first[0] if len(first) else None
        if first is not None and not isinstance(first, int):
            for i in range(len(ids)):
                ids[i] = convert_ids_tensors_to_list(ids[i])
        return ids
    if type(ids).__name__ in ("Tensor", "EagerTensor"):
        ids = ids.numpy()
    if not isinstance(ids, np.ndarray):
        msg = (
            "The tokens must be given as a list of integers, np.ndarray, or PyTorch/Tensorflow"
            " tensor"
        )
        raise TypeError(msg)
    return ids.astype(int).tolist()


def add_bar_beats_ticks_to_tokseq(
    tokseq: Any,
    score: Any = None,
    bar_ticks: list[int] | None = None,
    beat_ticks: list[int] | None = None,
) -> None:
    """Gives a TokSequence (or each of a list) the ticks of the bars and beats of a score.

    :param tokseq: a TokSequence or a list of them, changed in place.
    :param score: the score (ours or symusic's) whose bars and beats are taken, at note onsets
        (``get_bars_ticks(score, only_notes_onsets=True)``); not read when both lists are given.
    :param bar_ticks: the bar ticks to set instead of computing them (default: None).
    :param beat_ticks: the beat ticks to set instead of computing them (default: None).
    """
    if bar_ticks is None:
        bar_ticks = get_bars_ticks(score, only_notes_onsets=True)
    if beat_ticks is None:
        beat_ticks = get_beats_ticks(score, only_notes_onsets=True)
    for seq in tokseq if isinstance(tokseq, list) else [tokseq]:
        seq._ticks_bars = bar_ticks
        seq._ticks_beats = beat_ticks


def get_deepest_common_subdir(paths: Sequence[Path]) -> Path:
    """The deepest directory holding every one of ``paths`` (files), their paths resolved.

    :param paths: file paths.
    :return: the deepest common parent directory of the files.
    """
    parents = [Path(path).resolve().parent.parts for path in paths]
    common: list[str] = []
    for parts in zip(*parents, strict=False):
        if len(set(parts)) > 1:
            break
        common.append(parts[0])
    return Path(*common)


def filter_dataset(
    files_paths: Sequence[Path],
    valid_fn: Callable[[Score, Path], bool] | None = None,
    delete_invalid_files: bool = False,
) -> list[Path]:
    """The paths of ``files_paths`` whose file loads as a score and, when ``valid_fn``
    (default None) is given, satisfies ``valid_fn(score, path)``. With
    ``delete_invalid_files`` (default False) the other files are deleted from disk."""
    valid = []
    for path in files_paths:
        path = Path(path)
        try:
            score = Score(path)
        except (ValueError, OSError, RuntimeError):
            if delete_invalid_files:
                path.unlink()
            continue
        if valid_fn is not None and not valid_fn(score, path):
            if delete_invalid_files:
                path.unlink()
            continue
        valid.append(path)
    return valid
