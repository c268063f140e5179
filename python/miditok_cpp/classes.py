"""Event and TokSequence, as MidiTok's: a token with its time, and a token sequence in several
forms (tokens, ids, bytes, events) that can be sliced, concatenated and split per bar / beat.
Sequences produced by the C++ core build their Event objects only when ``events`` is read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .config import TokenizerConfig  # MidiTok defines it in miditok.classes

__all__ = ["Event", "TokSequence", "TokenizerConfig"]


@dataclass
class Event:
    """A token: type and value (its string is ``f"{type_}_{value}"``), time, program, desc."""

    type_: str
    value: str | int
    time: int = -1
    program: int | None = 0  # None for the Chord events of detect_chords without a program
    desc: str | int = 0

    def __str__(self) -> str:
        return f"{self.type_}_{self.value}"

    def __repr__(self) -> str:
        return f"Event(type={self.type_}, value={self.value}, time={self.time}, desc={self.desc})"


def _event_value(type_: str, value: str):
    """Event values typed as MidiTok creates them (ints, Tempo floats, other strings)."""
    if type_ == "Tempo":
        return float(value)
    if value.lstrip("-").isdigit() and type_ not in ("Chord", "TimeSig", "KeySig"):
        return int(value)
    return value


@dataclass(init=False, repr=False, eq=False)
class TokSequence:
    """A sequence of tokens in several forms (MidiTok's TokSequence), a dataclass.

    Fields (each defaults to empty):

    - ``tokens``: the tokens as strings (``"Pitch_60"``); a list of lists for tokenizers with
      several vocabularies (CPWord, Octuple, MuMIDI).
    - ``ids``: the token ids fed to models.
    - ``bytes``: the ids as one string of characters, as used by trained models (BPE, Unigram,
      WordPiece).
    - ``events``: ``Event`` objects carrying each token's time, program and description.
    - ``are_ids_encoded``: True when ``ids`` were encoded with the tokenizer's trained model.

    ``len``, indexing, slicing, ``+`` and ``==`` follow MidiTok; ``dataclasses.replace(seq)``
    makes a shallow copy. Sequences from the C++ encoder build their tokens and events lazily,
    on first access. ``MusicTokenizer.complete_sequence`` fills the forms that are empty.
    """

    tokens: list
    ids: list
    bytes: str
    events: list
    are_ids_encoded: bool = False
    # Defaults for the type checker only (__init__ is ours): the field order stays MidiTok's.
    _ticks_bars: list | None = field(default_factory=list)
    _ticks_beats: list | None = field(default_factory=list)
    _ids_decoded: list = field(default_factory=list)

    def __init__(
        self,
        tokens=None,
        ids=None,
        bytes=None,
        events=None,
        are_ids_encoded: bool = False,
        _ticks_bars=None,
        _ticks_beats=None,
        _ids_decoded=None,
    ) -> None:
        self._tokens = [] if tokens is None else tokens
        self._tokens_from: Any = None  # what builds the tokens from the ids on first access
        self.ids = [] if ids is None else ids
        self.bytes = "" if bytes is None else bytes
        self._events = [] if events is None else events
        self._core: Any = None  # the C++ sequence the events are built from on first access
        self.are_ids_encoded = are_ids_encoded
        self._ticks_bars = [] if _ticks_bars is None else _ticks_bars
        self._ticks_beats = [] if _ticks_beats is None else _ticks_beats
        self._ids_decoded = [] if _ids_decoded is None else _ids_decoded

    @classmethod
    def _from_core(cls, core_seqs, tokenizer_core) -> list[TokSequence]:
        """The sequences of one encoded file (C++ sequences): ids now, tokens and events on first
        access; the bar and beat ticks, the same for every track, are one list shared by them all,
        as MidiTok's add_bar_beats_ticks_to_tokseq shares them."""
        if not core_seqs:
            return []
        bars, beats = core_seqs[0].ticks_bars, core_seqs[0].ticks_beats
        out = []
        for core_seq in core_seqs:
            seq = cls(ids=core_seq.ids)
            seq._core = core_seq
            seq._tokens_from = tokenizer_core
            seq._ticks_bars = bars
            seq._ticks_beats = beats
            out.append(seq)
        return out

    @property  # type: ignore[no-redef]  # the dataclass field tokens, computed on first access
    def tokens(self) -> list[str]:
        """The tokens (built from the ids on first access for sequences from encode)."""
        if self._tokens_from is not None:
            if not self._tokens:
                self._tokens = self._tokens_from.ids_to_tokens(self.ids)
            self._tokens_from = None
        return self._tokens

    @tokens.setter
    def tokens(self, value) -> None:
        self._tokens = value
        self._tokens_from = None

    @property  # type: ignore[no-redef]  # the dataclass field events, computed on first access
    def events(self) -> list[Event]:
        """The events (built from the C++ sequence on first access)."""
        if self._core is not None and not self._events:
            self._events = [
                Event(type_, _event_value(type_, value), time, program, desc)
                for type_, value, time, program, desc in self._core.event_tuples()
            ]
            self._core = None
        return self._events

    @events.setter
    def events(self, value) -> None:
        self._events = value
        self._core = None

    def _event_times(self) -> list[int]:
        if self._core is not None and not self._events:
            return self._core.event_times()
        return [e.time for e in self.events]

    def split_per_bars(self) -> list[TokSequence]:
        """Splits into one subsequence per bar (needs a sequence from encode)."""
        return self._split_per_ticks(self._ticks_bars)

    def split_per_beats(self) -> list[TokSequence]:
        """Splits into one subsequence per beat (needs a sequence from encode)."""
        return self._split_per_ticks(self._ticks_beats)

    def _split_per_ticks(self, ticks) -> list[TokSequence]:
        times = self._event_times()
        idxs: list[int | None] = [0]
        ti_prev = 0
        for bi in range(1, len(ticks)):
            ti = ti_prev
            while ti < len(times) and times[ti] < ticks[bi]:
                ti += 1
            if ti == len(times):
                break
            idxs.append(ti)
            ti_prev = ti
        idxs.append(None)
        subs = [self[idxs[i - 1] : idxs[i]] for i in range(1, len(idxs))]
        for s in subs:
            s._ticks_bars = s._ticks_beats = None
        return subs

    def __len__(self) -> int:
        for attr in ("ids", "tokens", "events", "bytes"):
            n = len(getattr(self, attr))
            if n != 0:
                return n
        return 0

    def __getitem__(self, val):
        if isinstance(val, slice):
            return self._slice(val)
        for attr in ("ids", "tokens", "events", "bytes"):
            if len(getattr(self, attr)) > 0:
                return getattr(self, attr)[val]
        msg = "This TokSequence seems to not be initialized, all its attributes are None."
        raise ValueError(msg)

    def _copy(self) -> TokSequence:
        seq = TokSequence(
            tokens=self.tokens,
            ids=self.ids,
            bytes=self.bytes,
            events=self.events,
            are_ids_encoded=self.are_ids_encoded,
            _ticks_bars=self._ticks_bars,
            _ticks_beats=self._ticks_beats,
            _ids_decoded=self._ids_decoded,
        )
        return seq

    def _slice(self, sli: slice) -> TokSequence:
        seq = self._copy()
        for attr in ("tokens", "ids", "bytes", "events", "_ids_decoded"):
            if len(getattr(self, attr)) > 0:
                setattr(seq, attr, getattr(self, attr)[sli])
        return seq

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TokSequence):
            return False
        eq = []
        for attr in ("tokens", "ids", "bytes", "events"):
            a, b = getattr(self, attr), getattr(other, attr)
            if len(a) > 0 and len(b) > 0:
                eq.append(list(a) == list(b) if attr != "bytes" else a == b)
        return len(eq) > 0 and all(eq)

    __hash__ = None  # type: ignore[assignment]  # mutable, unhashable (as MidiTok's)

    def __add__(self, other: TokSequence) -> TokSequence:
        seq = self._copy()
        seq += other
        return seq

    def __iadd__(self, other: TokSequence) -> TokSequence:
        if not isinstance(other, TokSequence):
            msg = (
                "Addition to a `TokSequence` object can only be performed with other"
                f"`TokSequence` objects. Received: {other.__class__.__name__}"
            )
            raise TypeError(msg)
        for attr in ("tokens", "ids", "bytes", "events", "_ids_decoded"):
            setattr(self, attr, getattr(self, attr) + getattr(other, attr))
        return self

    def __radd__(self, other):
        if other == 0:
            return self
        return self.__add__(other)

    def __getstate__(self):
        return {
            "tokens": self.tokens,
            "ids": self.ids,
            "bytes": self.bytes,
            "events": self.events,
            "are_ids_encoded": self.are_ids_encoded,
            "_ticks_bars": self._ticks_bars,
            "_ticks_beats": self._ticks_beats,
            "_ids_decoded": self._ids_decoded,
        }

    def __setstate__(self, state) -> None:
        self.__init__(**state)  # type: ignore[misc]  # a subclass's __init__ when subclassed

    def __repr__(self) -> str:
        return (
            f"TokSequence(tokens={self.tokens!r}, ids={self.ids!r}, bytes={self.bytes!r}, "
            f"are_ids_encoded={self.are_ids_encoded})"
        )
