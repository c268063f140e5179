"""Python-side sugar for :class:`miditok_cpp.Score`: loading by file extension and conversion to
and from ``symusic.Score`` (bulk, through numpy columns; symusic is optional)."""

from __future__ import annotations

import os

from ._core import (
    ControlChange,
    KeySignature,
    Note,
    Pedal,
    PitchBend,
    Score,
    Tempo,
    TextMeta,
    TimeSignature,
    Track,
)

_MIDI_SUFFIXES = (".mid", ".midi", ".smf", ".kar")


def _load(path) -> Score:
    """Loads a score from a path, choosing MIDI or ABC from the extension."""
    path = os.fspath(path)
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if path.lower().endswith(".abc"):
        return Score.from_abc_file(path)
    return Score._from_midi_file(path)


def _construct(x, ttype, fmt):
    """Dispatch of ``Score(x, ttype, fmt)``: None for a resolution, bytes to parse, or a Score."""
    if str(ttype).lower() not in ("tick", "ttype.tick"):
        raise ValueError(
            f"miditok_cpp.Score holds ticks only (ttype={ttype!r}); convert times with "
            "ticks_to_quarters / ticks_to_seconds"
        )
    if isinstance(x, bool):
        raise TypeError("Score(x): x must be a resolution, a path, MIDI bytes or a Score")
    if isinstance(x, int):
        return None
    if isinstance(x, (bytes, bytearray, memoryview)):
        return bytes(x)
    if isinstance(x, Score):
        return x
    if hasattr(x, "tracks") and hasattr(x, "ticks_per_quarter"):  # a symusic.Score
        return from_symusic(x)
    return from_file(x, fmt)


def from_file(
    path, fmt: str | None = None, format: str | None = None, sanitize_data: bool = False
) -> Score:
    """Loads a MIDI or ABC file (format from ``fmt``/``format`` or the extension).

    ``sanitize_data`` (MIDI only, as symusic's): data bytes above 127 are clamped to 127
    instead of raising ValueError."""
    fmt = fmt if fmt is not None else format
    path = os.fspath(path)
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    is_abc = fmt.lower() == "abc" if fmt is not None else path.lower().endswith(".abc")
    if fmt is not None and not is_abc and fmt.lower() not in ("midi", "mid"):
        raise ValueError(f"unknown format {fmt!r}: 'midi' or 'abc'")
    if is_abc:
        if sanitize_data:
            raise ValueError("sanitize_data is only supported for MIDI input")
        return Score.from_abc_file(path)
    return Score._from_midi_file(path, sanitize_data)


def _copy_list(src, list_type, fields):
    if len(src) == 0:
        return list_type()
    soa = src.numpy()
    return list_type.from_numpy(**{f: soa[f] for f in fields})


def from_symusic(score) -> Score:
    """Converts a ``symusic.Score`` (any time unit; converted to ticks) into a Score."""
    if getattr(score, "ttype", None) is not None and str(score.ttype).lower() not in (
        "tick",
        "ttype.tick",
    ):
        score = score.to("tick")
    out = Score(int(score.ticks_per_quarter))
    out.tempos = _copy_list(score.tempos, type(out.tempos), ("time", "mspq"))
    out.time_signatures = _copy_list(
        score.time_signatures, type(out.time_signatures), ("time", "numerator", "denominator")
    )
    out.key_signatures = _copy_list(
        score.key_signatures, type(out.key_signatures), ("time", "key", "tonality")
    )
    out.markers.extend(TextMeta(int(m.time), m.text) for m in score.markers)
    tracks = []
    for t in score.tracks:
        track = Track(t.name, int(t.program), bool(t.is_drum))
        track.notes = _copy_list(
            t.notes, type(track.notes), ("time", "duration", "pitch", "velocity")
        )
        track.controls = _copy_list(t.controls, type(track.controls), ("time", "number", "value"))
        track.pitch_bends = _copy_list(t.pitch_bends, type(track.pitch_bends), ("time", "value"))
        track.pedals = _copy_list(t.pedals, type(track.pedals), ("time", "duration"))
        track.lyrics.extend(TextMeta(int(x.time), x.text) for x in t.lyrics)
        tracks.append(track)
    out.tracks.extend(tracks)
    return out


def to_symusic(self):
    """Converts this Score into a ``symusic.Score`` in ticks (needs symusic installed)."""
    try:
        import symusic
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_symusic needs symusic: pip install symusic") from e

    out = symusic.Score(int(self.ticks_per_quarter))
    if len(self.tempos):
        out.tempos = symusic.Tempo.from_numpy(**self.tempos.numpy())
    if len(self.time_signatures):
        out.time_signatures = symusic.TimeSignature.from_numpy(**self.time_signatures.numpy())
    if len(self.key_signatures):
        out.key_signatures = symusic.KeySignature.from_numpy(**self.key_signatures.numpy())
    for m in self.markers:
        out.markers.append(symusic.TextMeta(m.time, m.text))
    for t in self.tracks:
        track = symusic.Track(t.name, t.program, t.is_drum)
        if len(t.notes):
            track.notes = symusic.Note.from_numpy(**t.notes.numpy())
        if len(t.controls):
            track.controls = symusic.ControlChange.from_numpy(**t.controls.numpy())
        if len(t.pitch_bends):
            track.pitch_bends = symusic.PitchBend.from_numpy(**t.pitch_bends.numpy())
        if len(t.pedals):
            track.pedals = symusic.Pedal.from_numpy(**t.pedals.numpy())
        for x in t.lyrics:
            track.lyrics.append(symusic.TextMeta(x.time, x.text))
        out.tracks.append(track)
    return out


Score.from_file = staticmethod(from_file)
Score.from_symusic = staticmethod(from_symusic)
Score.to_symusic = to_symusic

__all__ = [
    "ControlChange",
    "KeySignature",
    "Note",
    "Pedal",
    "PitchBend",
    "Score",
    "Tempo",
    "TextMeta",
    "TimeSignature",
    "Track",
]
