"""Python-side sugar for :class:`miditok_cpp.Score`: loading by file extension, conversion to
and from ``symusic.Score`` and the switch choosing which Score type the functions that make a
score return (symusic's, as MidiTok, when it is installed; ours otherwise or when asked).

Conversions hand symusic whole scores and tracks as its own state bytes (one C++ call, no Python
object per event), checked once per process against the column-wise conversion through numpy;
should the state layout of the installed symusic differ, the numpy columns are used."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from . import _core
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

SCORE_TYPE_ENV = "MIDITOK_CPP_SCORE_TYPE"
_SCORE_TYPES = ("symusic", "miditok_cpp")
_score_type: str | None = None  # None: from the environment variable at first use
_symusic_module = None  # symusic once imported, False when it is not installed
_state_ok: bool | None = None  # whether symusic's state layout is the one we write


def set_score_type(score_type: str) -> None:
    """Chooses the Score type that ``decode`` and the other functions making a score return:
    ``score_type`` is ``"symusic"`` (the default, as MidiTok: ``symusic.Score`` when symusic is
    installed, else ours) or ``"miditok_cpp"`` (always :class:`miditok_cpp.Score`). The
    environment variable ``MIDITOK_CPP_SCORE_TYPE`` sets the same choice for a whole process.
    Functions given a score return the type they were given, whatever this setting. Raises
    ValueError for another value."""
    if score_type not in _SCORE_TYPES:
        msg = f"score type {score_type!r}: expected one of {_SCORE_TYPES}"
        raise ValueError(msg)
    global _score_type
    _score_type = score_type


def get_score_type() -> str:
    """The Score type new scores are returned as: ``"symusic"`` or ``"miditok_cpp"`` (the
    setting of :func:`set_score_type`, ``"miditok_cpp"`` when symusic is not installed)."""
    global _score_type
    if _score_type is None:
        wanted = os.environ.get(SCORE_TYPE_ENV, "symusic").strip().lower() or "symusic"
        if wanted not in _SCORE_TYPES:
            msg = f"{SCORE_TYPE_ENV}={wanted!r}: expected one of {_SCORE_TYPES}"
            raise ValueError(msg)
        _score_type = wanted
    if _score_type == "symusic" and _symusic() is None:
        return "miditok_cpp"
    return _score_type


def _symusic():
    """The symusic module, or None when it is not installed (imported at the first need)."""
    global _symusic_module
    if _symusic_module is None:
        try:
            import symusic
        except ImportError:
            _symusic_module = False
        else:
            _symusic_module = symusic
    return _symusic_module or None


def _register_abc_tools() -> None:
    """Lets ABC I/O fall back on the abc2midi / midi2abc that symusic's wheel ships (found
    without importing symusic) when neither $MIDITOK_ABC2MIDI / $MIDITOK_MIDI2ABC nor PATH
    has them."""
    try:
        spec = importlib.util.find_spec("symusic")
    except (ImportError, ValueError):
        return
    for location in (spec.submodule_search_locations or []) if spec else []:
        tools = Path(location) / "bin"
        if tools.is_dir():
            _core._add_program_fallback_dir(str(tools))


_register_abc_tools()

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


def _track_by_columns(t) -> Track:
    track = Track(t.name, int(t.program), bool(t.is_drum))
    track.notes = _copy_list(t.notes, type(track.notes), ("time", "duration", "pitch", "velocity"))
    track.controls = _copy_list(t.controls, type(track.controls), ("time", "number", "value"))
    track.pitch_bends = _copy_list(t.pitch_bends, type(track.pitch_bends), ("time", "value"))
    track.pedals = _copy_list(t.pedals, type(track.pedals), ("time", "duration"))
    track.lyrics.extend(TextMeta(int(x.time), x.text) for x in t.lyrics)
    return track


def _from_symusic_by_columns(score) -> Score:
    out = Score(int(score.ticks_per_quarter))
    out.tempos = _copy_list(score.tempos, type(out.tempos), ("time", "mspq"))
    out.time_signatures = _copy_list(
        score.time_signatures, type(out.time_signatures), ("time", "numerator", "denominator")
    )
    out.key_signatures = _copy_list(
        score.key_signatures, type(out.key_signatures), ("time", "key", "tonality")
    )
    out.markers.extend(TextMeta(int(m.time), m.text) for m in score.markers)
    out.tracks.extend([_track_by_columns(t) for t in score.tracks])
    return out


def _to_symusic_by_columns(score: Score, symusic):
    out = symusic.Score(int(score.ticks_per_quarter))
    if len(score.tempos):
        out.tempos = symusic.Tempo.from_numpy(**score.tempos.numpy())
    if len(score.time_signatures):
        out.time_signatures = symusic.TimeSignature.from_numpy(**score.time_signatures.numpy())
    if len(score.key_signatures):
        out.key_signatures = symusic.KeySignature.from_numpy(**score.key_signatures.numpy())
    for m in score.markers:
        out.markers.append(symusic.TextMeta(m.time, m.text))
    for t in score.tracks:
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


def _from_state(cls, state: bytes):
    obj = cls.__new__(cls)
    obj.__setstate__(state)
    return obj


def _probe_score() -> Score:
    """A small score with every kind of event and a non-ASCII text, to check the state layout."""
    s = Score(96)
    s.tempos.append(Tempo(0, mspq=512345))
    s.time_signatures.append(TimeSignature(3, 7, 8))
    s.key_signatures.append(KeySignature(5, -3, 1))
    s.markers.append(TextMeta(6, "mark \u00e9"))
    t = Track("piano \u266f", 5, True)
    t.notes.append(Note(1, 2, 60, 64))
    t.notes.append(Note(70000, 3, 127, 1))
    t.controls.append(ControlChange(4, 7, 100))
    t.pitch_bends.append(PitchBend(9, -8192))
    t.pedals.append(Pedal(10, 40))
    t.lyrics.append(TextMeta(11, "la"))
    s.tracks.append(t)
    s.tracks.append(Track("", 0, False))
    return s


def _use_state(symusic) -> bool:
    """Whether the installed symusic pickles scores in the layout we write (checked once)."""
    global _state_ok
    if _state_ok is None:
        try:
            probe = _probe_score()
            by_columns = _to_symusic_by_columns(probe, symusic)
            state = probe._symusic_state()
            # symusic's own state carries its structs' padding bytes (uninitialised): compare
            # the scores, not the bytes.
            _state_ok = (
                _from_state(symusic.core.ScoreTick, state) == by_columns
                and Score._from_symusic_state(by_columns.__getstate__()) == probe
                and Track._from_symusic_state(by_columns.tracks[0].__getstate__())
                == probe.tracks[0]
            )
        except Exception:  # any other layout: the numpy columns
            _state_ok = False
    return _state_ok


def _is_tick(score) -> bool:
    ttype = getattr(score, "ttype", None)
    return ttype is None or str(ttype).lower() in ("tick", "ttype.tick")


def from_symusic(score) -> Score:
    """Converts a ``symusic.Score`` (any time unit; converted to ticks) into a Score."""
    if isinstance(score, Score):
        return score.copy()
    if not _is_tick(score):
        score = score.to("tick")
    symusic = _symusic()
    if symusic is not None and _use_state(symusic):
        return Score._from_symusic_state(score.__getstate__())
    return _from_symusic_by_columns(score)


def _track_from_symusic(track) -> Track:
    """Our Track from a symusic tick-unit track (the implicit conversion of Track)."""
    symusic = _symusic()
    if symusic is not None and _use_state(symusic):
        return Track._from_symusic_state(track.__getstate__())
    return _track_by_columns(track)


def to_symusic(self):
    """Converts this Score into a ``symusic.Score`` in ticks (needs symusic installed)."""
    symusic = _symusic()
    if symusic is None:
        msg = "to_symusic needs symusic: pip install symusic"
        raise ImportError(msg)
    if _use_state(symusic):
        return _from_state(symusic.core.ScoreTick, self._symusic_state())
    return _to_symusic_by_columns(self, symusic)


def _unit(ttype) -> str:
    name = ttype if isinstance(ttype, str) else type(ttype).__name__
    return str(name).lower().removeprefix("ttype.")


def _to(self, ttype, min_dur=None):
    """``Score.to``: a copy for ticks; symusic's ScoreQuarter / ScoreSecond for the others."""
    unit = _unit(ttype)
    if unit == "tick":
        return self.copy()
    if unit not in ("quarter", "second"):
        msg = f"unknown time unit {ttype!r}: 'tick', 'quarter' or 'second'"
        raise ValueError(msg)
    symusic = _symusic()
    if symusic is None:
        msg = (
            f"Score.to({unit!r}) returns symusic's Score{unit.title()} and needs symusic "
            "(pip install symusic); miditok_cpp.Score holds ticks only (ticks_to_quarters / "
            "ticks_to_seconds convert times as numpy arrays)"
        )
        raise ImportError(msg)
    return self.to_symusic().to(unit, min_dur)


__all__ = [
    "SCORE_TYPE_ENV",
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
    "get_score_type",
    "set_score_type",
]
