"""The trained model of a tokenizer (BPE / Unigram / WordPiece): MidiTok's train,
encode_token_ids and decode_token_ids, mixed into MusicTokenizer. The C++ tokenizer holds the
model (``_core._set_model``) and applies it: C++ programs loading the same params file get the
same ids."""

from __future__ import annotations

from typing import Any

from . import _core
from ._convert import _to_list
from ._host import TokenizerHost
from .training import train as _train


class TrainedModelMixin(TokenizerHost):
    """train / encode_token_ids / decode_token_ids; the model lives in ``self._model``."""

    def train(self, vocab_size: int, model=None, iterator=None, files_paths=None, **kwargs):
        """Learns a BPE, Unigram or WordPiece model over the base vocabulary (MidiTok's
        ``train``), on C++ threads, and attaches it to this tokenizer.

        ``vocab_size`` is the size of the vocabulary to reach; it must exceed the base
        vocabulary's (ConfigError otherwise). ``model`` (default None) is ``"BPE"``,
        ``"Unigram"`` or ``"WordPiece"``; None keeps the model of an already trained tokenizer
        (retrained with its parameters) and is BPE otherwise. The training data is
        ``files_paths`` (default None), token JSON or music files (MIDI, ABC) tokenized on the
        fly, or ``iterator`` (default None), any iterable of training strings such as a
        :class:`TokTrainingIterator`; one of the two is required (ValueError otherwise).
        ``kwargs`` are passed to the Hugging Face trainer (``min_frequency``,
        ``max_token_length``, ``limit_alphabet``, ``unk_token``, ``max_input_chars_per_word``,
        ``max_piece_length``, ``shrinking_factor``, ``n_sub_iterations``...);
        ``show_progress`` (default True) shows a progress bar; an unknown one raises TypeError.
        Files that cannot be read are skipped with a UserWarning and listed in
        ``self.training_skipped_files``. Returns None. Multi-vocabulary tokenizers cannot be
        trained (they warn and return).
        """
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
        """Encodes in place the base ids of ``seq`` (a :class:`TokSequence` or a list of them)
        with the trained model (sets ``are_ids_encoded``); sequences already encoded, and every
        sequence of an untrained tokenizer, are left as they are. Returns None."""
        if self._model is None:
            return
        seqs = seq if isinstance(seq, list) else [seq]
        seqs = [s for s in seqs if not s.are_ids_encoded]
        if not seqs:
            return
        split = self.config.encode_ids_split
        inputs: list[Any] = []
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
        """Decodes in place the model ids of ``seq`` (a :class:`TokSequence` or a list of them)
        back to base ids and tokens (MidiTok's ``decode_token_ids``); sequences whose ids are
        not encoded are left as they are. Returns None."""
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
