"""MidiTok's private conversion and checking methods that user code and MidiTok's own tests call.

Mixed into MusicTokenizer. None of them is on the encode / decode path (that runs in C++): they
convert tokens, ids and the bytes of trained models one sequence at a time, count the errors of a
token sequence, and quantize timestamps with numpy, as MidiTok's methods of the same names.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from ._convert import _to_list
from ._host import TokenizerHost
from .classes import Event


def _event_of(token: str) -> Event:
    type_, _, value = token.partition("_")
    return Event(type_, value)


class TokenizerInternalsMixin(TokenizerHost):
    """``_tokens_to_ids``, ``_ids_to_tokens``, ``_ids_to_bytes``, ``_bytes_to_tokens``,
    ``_tokens_errors``, ``_time_token_to_ticks`` and ``_adjust_time_to_tpb``."""

    #: True for tokenizations whose notes are NoteOn / NoteOff pairs (MIDILike), decoded first
    #: in, first out.
    _note_on_off: bool = False

    def _tokens_to_ids(self, tokens: Sequence[str | list[str]]) -> list[int | list[int]]:
        """The ids of tokens (strings); a list per time step for several vocabularies."""
        if len(tokens) == 0:
            return []
        if isinstance(tokens[0], (list, tuple)):
            return [[self.vocab[i][token] for i, token in enumerate(row)] for row in tokens]
        return list(self._core.tokens_to_ids(list(tokens)))

    def _ids_to_tokens(self, ids: Any, as_str: bool = True) -> list[Any]:
        """The tokens of base ids (not ids of a trained model): strings, or Events when
        ``as_str`` is False."""
        ids = _to_list(ids)  # a list of ids, or of rows of ids (multi-vocabulary)
        if len(ids) == 0:
            return []
        if isinstance(ids[0], list):
            rows = [[self[i, id_] for i, id_ in enumerate(row)] for row in ids]
            return rows if as_str else [[_event_of(t) for t in row] for row in rows]
        tokens = list(self._core.ids_to_tokens(ids))
        return tokens if as_str else [_event_of(t) for t in tokens]

    def _ids_to_bytes(self, ids: Any, as_one_str: bool = False) -> str | list:
        """The characters standing for base ids in trained models: a list, or one string when
        ``as_one_str`` is True (a list of them for nested ids)."""
        ids = _to_list(ids)
        if len(ids) == 0:
            return ""
        if isinstance(ids[0], list):
            return [self._ids_to_bytes(row, as_one_str) for row in ids]
        chars = [self._vocab_base_id_to_byte[i] for i in ids]
        return "".join(chars) if as_one_str else chars

    def _bytes_to_tokens(self, bytes_: str | list[Any], as_str: bool = True) -> list[Any]:
        """The base tokens of a string of bytes, or of a list of model tokens (each a string
        of bytes); Events when ``as_str`` is False."""
        if len(bytes_) == 0:
            return []
        if isinstance(bytes_[0], list):
            return [self._bytes_to_tokens(row, as_str) for row in bytes_]
        to_token = self._vocab_base_byte_to_token
        tokens = [to_token[char] for char in "".join(bytes_)]
        return tokens if as_str else [_event_of(t) for t in tokens]

    @property
    def _vocab_learned_bytes_to_tokens(self) -> dict[str, list[str]]:
        """Each token of the trained model (added tokens included) -> the base tokens of its
        characters, once the model's continuing-subword prefix, end-of-word suffix and
        Metaspace mark are stripped, as MidiTok's (empty when the tokenizer is not trained)."""
        model = getattr(self, "_model", None)
        if model is None:
            return {}
        desc = json.loads(model.to_str())
        prefix = desc["model"].get("continuing_subword_prefix") or ""
        suffix = desc["model"].get("end_of_word_suffix") or ""
        pre = desc.get("pre_tokenizer") or {}
        mark = pre.get("replacement") if pre.get("type") == "Metaspace" else None
        to_token = self._vocab_base_byte_to_token
        out = {}
        for i in range(model.vocab_size):
            piece = key = model.id_to_token(i)
            if prefix and key.startswith(prefix):
                key = key[len(prefix) :]
            if suffix and key.endswith(suffix):
                key = key[: -len(suffix)]
            if mark:
                key = key.removeprefix(mark)
            out[piece] = [to_token[char] for char in key]
        return out

    def _tokens_errors(self, tokens: list[str | list[str]]) -> int:
        """The number of errors of a token sequence (bad type successions, time going back,
        duplicated notes): at most one per token. ``tokens_errors`` gives it as a ratio."""
        if len(tokens) == 0:
            return 0
        return round(self.tokens_errors(list(tokens)) * len(tokens))

    @staticmethod
    def _time_token_to_ticks(
        token_duration: str | tuple[int, int, int], ticks_per_beat: int
    ) -> int:
        """Ticks of a time token value ``"beat.position.resolution"`` (or its tuple) at
        ``ticks_per_beat`` ticks per beat."""
        if isinstance(token_duration, str):
            beat, position, resolution = (int(part) for part in token_duration.split("."))
        else:
            beat, position, resolution = token_duration
        return (beat * resolution + position) * ticks_per_beat // resolution

    @staticmethod
    def _adjust_time_to_tpb(
        times_arr: np.ndarray, resampling_factors: np.ndarray, *, sorted_times: bool = True
    ) -> np.ndarray:
        """Rounds timestamps in place to the grid of their time signature section.

        ``resampling_factors`` holds one row ``(end_tick, ticks_per_step)`` per section; a
        section's grid starts at the previous section's end (0 for the first), and the last
        section also covers the times after its end. ``sorted_times`` tells the times are
        nondecreasing (pass False for note offsets); the result is the same either way.
        Returns ``times_arr``.
        """
        factors = np.asarray(resampling_factors)
        ends, steps = factors[:, 0], factors[:, 1]
        # The section of a time: the number of section ends at or before it (the last one
        # keeps the later times). Sorted or not, numpy finds it without a Python loop.
        section = np.searchsorted(ends[:-1], times_arr, side="right")
        grid_start = np.concatenate(([0], ends[:-1]))[section]
        step = steps[section]
        times_arr[:] = np.round((times_arr - grid_start) / step) * step + grid_start
        return times_arr

    # ---- MidiTok 2's method names, kept by MidiTok 3 with a warning ----
    def _renamed(self, old: str, new: str):
        warnings.warn(
            f"miditok: The `{old}` method had been renamed `{new}`. It is now depreciated and "
            "will be removed in future updates.",
            stacklevel=3,
        )
        return getattr(self, new)

    def midi_to_tokens(self, *args, **kwargs):
        """Former name of ``encode``: warns (a UserWarning, as MidiTok) and calls it with
        the same positional ``args`` and keyword ``kwargs``, returning its result."""
        return self._renamed("midi_to_tokens", "encode")(*args, **kwargs)

    def tokens_to_midi(self, *args, **kwargs):
        """Former name of ``decode``: warns (a UserWarning, as MidiTok) and calls it with
        the same positional ``args`` and keyword ``kwargs``, returning its result."""
        return self._renamed("tokens_to_midi", "decode")(*args, **kwargs)

    def learn_bpe(self, *args, **kwargs):
        """Former name of ``train``: warns (a UserWarning, as MidiTok) and calls it with
        the same positional ``args`` and keyword ``kwargs``, returning its result."""
        return self._renamed("learn_bpe", "train")(*args, **kwargs)

    def apply_bpe(self, *args, **kwargs):
        """Former name of ``encode_token_ids``: warns (a UserWarning, as MidiTok) and calls it with
        the same positional ``args`` and keyword ``kwargs``, returning its result."""
        return self._renamed("apply_bpe", "encode_token_ids")(*args, **kwargs)

    def save_params(self, *args, **kwargs):
        """Former name of ``save``: warns (a UserWarning, as MidiTok) and calls it with
        the same positional ``args`` and keyword ``kwargs``, returning its result."""
        return self._renamed("save_params", "save")(*args, **kwargs)

    def decode_bpe(self, *args, **kwargs):
        """Former name of ``decode_token_ids``: warns (a UserWarning, as MidiTok) and calls it with
        the same positional ``args`` and keyword ``kwargs``, returning its result."""
        return self._renamed("decode_bpe", "decode_token_ids")(*args, **kwargs)

    def tokenize_midi_dataset(self, *args, **kwargs):
        """Former name of ``tokenize_dataset``: warns (a UserWarning, as MidiTok) and calls it with
        the same positional ``args`` and keyword ``kwargs``, returning its result."""
        return self._renamed("tokenize_midi_dataset", "tokenize_dataset")(*args, **kwargs)
