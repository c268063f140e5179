"""miditoolkit (MidiTok's backend before v3) to a score: MidiTok's ``miditoolkit_to_symusic``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .. import score as _score_module

if TYPE_CHECKING:
    from collections.abc import Sequence


def _columns(items: Sequence[Any], *fields: str) -> list[np.ndarray]:
    """One int32 array per attribute of miditoolkit's objects (which only exist as Python
    objects: reading them is the one pass this legacy conversion makes)."""
    rows = np.array([[getattr(x, f) for f in fields] for x in items], dtype=np.int64)
    rows = rows.reshape(len(items), len(fields))
    return [rows[:, i].astype(np.int32) for i in range(len(fields))]


def miditoolkit_to_symusic(midi: Any) -> Any:
    """Converts ``midi``, a ``miditoolkit.MidiFile`` (MidiTok's backend before v3), into a score.

    A ``symusic.Score`` when symusic is installed (as MidiTok returns), else a
    ``miditok_cpp.Score``, with the same ticks per quarter. Time signatures, tempos, markers and
    each instrument's notes (sorted by onset, pitch, offset, velocity), control changes, pitch
    bends and pedals are converted, and the lyrics go to the first track, as MidiTok does; key
    signatures are not converted (MidiTok's neither). Event lists are built from numpy columns.
    """
    lib: Any  # symusic, or our score module: the same constructors and from_numpy
    try:
        import symusic as lib
    except ImportError:
        lib = _score_module
    score = lib.Score(midi.ticks_per_beat)
    for ts in midi.time_signature_changes:
        score.time_signatures.append(lib.TimeSignature(ts.time, ts.numerator, ts.denominator))
    for tempo in midi.tempo_changes:
        score.tempos.append(lib.Tempo(tempo.time, tempo.tempo))
    for marker in midi.markers:
        score.markers.append(lib.TextMeta(marker.time, marker.text))
    for inst in midi.instruments:
        track = lib.Track(name=inst.name, program=inst.program, is_drum=inst.is_drum)
        start, end, pitch, velocity = _columns(inst.notes, "start", "end", "pitch", "velocity")
        order = np.lexsort((velocity, end, pitch, start))
        start, end, pitch, velocity = start[order], end[order], pitch[order], velocity[order]
        track.notes = lib.Note.from_numpy(start, end - start, pitch, velocity)
        time, number, value = _columns(inst.control_changes, "time", "number", "value")
        order = np.argsort(time, kind="stable")
        track.controls = lib.ControlChange.from_numpy(time[order], number[order], value[order])
        time, bend = _columns(inst.pitch_bends, "time", "pitch")
        order = np.lexsort((bend, time))
        track.pitch_bends = lib.PitchBend.from_numpy(time[order], bend[order])
        start, end = _columns(inst.pedals, "start", "end")
        order = np.lexsort((end - start, start))
        track.pedals = lib.Pedal.from_numpy(start[order], (end - start)[order])
        score.tracks.append(track)
    if len(score.tracks) > 0:
        for lyric in midi.lyrics:
            score.tracks[0].lyrics.append(lib.TextMeta(lyric.time, lyric.text))
    return score
