"""The trained model of a tokenizer (BPE / Unigram / WordPiece): MidiTok's train,
encode_token_ids and decode_token_ids, mixed into MusicTokenizer. The C++ tokenizer holds the
model (``_core._set_model``) and applies it: C++ programs loading the same params file get the
same ids."""

from __future__ import annotations

from . import _core
from ._convert import _to_list
from .training import train as _train


class TrainedModelMixin:
    """train / encode_token_ids / decode_token_ids; the model lives in ``self._model``."""

    def train(self, vocab_size: int, model=None, iterator=None, files_paths=None, **kwargs):
        """Learns a BPE / Unigram / WordPiece vocabulary (MidiTok's train; C++ threads)."""
        _train(self, vocab_size, model, iterator, files_paths, **kwargs)

    def _set_model(self, model) -> None:
        self._model = model
        _core._set_model(self._core, model)
        self._extra_params = {
            "_vocab_base": self._vocab_base,
            "_model": model.to_str(),
            "_vocab_base_byte_to_token": self._vocab_base_byte_to_token,
        }

    def encode_token_ids(self, seq) -> None:
        """Encodes the base ids of a TokSequence (or list) with the trained model, in place."""
        if self._model is None:
            return
        seqs = seq if isinstance(seq, list) else [seq]
        seqs = [s for s in seqs if not s.are_ids_encoded]
        if not seqs:
            return
        split = self.config.encode_ids_split
        inputs = []
        for s in seqs:
            if len(s.ids) == 0 and len(s.tokens) > 0:
                self.complete_sequence(s)
            ticks = s._ticks_bars if split == "bar" else s._ticks_beats
            if split == "no" or not ticks:
                inputs.append((_to_list(s.ids), [], []))
            else:
                inputs.append((_to_list(s.ids), list(s._event_times()), list(ticks)))
        encoded = _core._encode_token_ids(self._core, inputs)
        for s, ids in zip(seqs, encoded, strict=True):
            if s._tokens_from is not None and not s._tokens:
                s._tokens_from = _BaseTokens(s._tokens_from, s.ids)
            s.ids = ids
            s.are_ids_encoded = True

    def decode_token_ids(self, seq) -> None:
        """Decodes model ids back to base ids and tokens (MidiTok's decode_token_ids)."""
        if isinstance(seq, list):
            for s in seq:
                self.decode_token_ids(s)
            return
        if self._model is None or not seq.are_ids_encoded:
            return
        seq.ids, seq.tokens = _core._decode_token_ids(self._core, _to_list(seq.ids))
        seq.are_ids_encoded = False


class _BaseTokens:
    """Gives a sequence encoded by the model its base tokens (its ids are the model's now)."""

    def __init__(self, core, base_ids) -> None:
        self._core, self._base_ids = core, base_ids

    def ids_to_tokens(self, _ids):
        return self._core.ids_to_tokens(_to_list(self._base_ids))
