"""Statistics of a tokenized dataset, in bulk with numpy over all ids at once (no per-token Python
loop): sequence lengths, tokens per note, token-type frequencies, learned tokens' lengths."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from ..classes import TokSequence

_NOTE_TYPES = ("Pitch", "PitchDrum", "PitchIntervalTime", "PitchIntervalChord")


@dataclass
class DatasetStats:
    """Per sequence: ``lengths`` (ids as given: model ids for a trained tokenizer),
    ``base_lengths`` (base tokens) and ``notes`` (Pitch-like base tokens). Over the dataset:
    ``type_names`` / ``type_counts`` (base tokens per type); ``learned_lengths``: base tokens
    per learned token of the trained model (empty when not trained); ``errors``: (path,
    message) of the files that could not be tokenized."""

    lengths: np.ndarray
    base_lengths: np.ndarray
    notes: np.ndarray
    type_names: np.ndarray
    type_counts: np.ndarray
    learned_lengths: np.ndarray
    errors: list

    @property
    def tokens_per_note(self) -> np.ndarray:
        """Tokens (as given) per note of each sequence that has notes."""
        has = self.notes > 0
        return self.lengths[has] / self.notes[has]

    @property
    def base_tokens_per_note(self) -> np.ndarray:
        """Base tokens per note of each sequence that has notes."""
        has = self.notes > 0
        return self.base_lengths[has] / self.notes[has]


def type_table(tokenizer) -> tuple[np.ndarray, np.ndarray]:
    """(type names, type index of every base id), e.g. "Pitch" for "Pitch_60"."""
    types = np.array([t.split("_", 1)[0] for t in tokenizer._core.tokens()])
    return np.unique(types, return_inverse=True)


def learned_lengths(tokenizer) -> np.ndarray:
    """Base tokens per entry of the trained model's vocabulary that merges two or more of them."""
    vocab = tokenizer.vocab_model
    if not vocab:
        return np.zeros(0, dtype=np.int64)
    lengths = np.fromiter(map(len, vocab), dtype=np.int64, count=len(vocab))
    if tokenizer._model.model_name == "WordPiece":  # continuation pieces are written "##..."
        lengths -= 2 * np.fromiter((k.startswith("##") for k in vocab), bool, len(vocab))
    return lengths[lengths >= 2]


def _sequences(tokenizer, files, sequences):
    """(model-or-base ids per sequence, base ids per sequence, errors)."""
    if tokenizer.is_multi_voc:
        raise ValueError("dataset statistics support single-vocabulary tokenizers only")
    given, encoded, errors = [], [], []
    if files is not None:
        ids, errors = tokenizer.encode_batch([os.fspath(p) for p in files])
        for x in ids:
            if x is not None:
                given.append(x if tokenizer.one_token_stream else _concat(x))
                encoded.append(tokenizer.is_trained)
    for s in sequences or []:
        if isinstance(s, TokSequence):
            s = [s]
        if isinstance(s, (list, tuple)) and s and isinstance(s[0], TokSequence):
            # one file: a TokSequence, or one per track (counted together)
            given.append(_concat([np.asarray(t.ids, dtype=np.int64) for t in s]))
            encoded.append(tokenizer.is_trained and s[0].are_ids_encoded)
        else:
            given.append(np.asarray(s, dtype=np.int64).ravel())
            encoded.append(tokenizer.is_trained)
    base = [
        np.asarray(tokenizer._model.decode_to_base_ids(g.tolist()), dtype=np.int64) if enc else g
        for g, enc in zip(given, encoded, strict=True)
    ]
    return given, base, errors


def _concat(arrays) -> np.ndarray:
    return np.concatenate(arrays) if len(arrays) else np.zeros(0, dtype=np.int64)


def dataset_stats(tokenizer, files=None, sequences=None) -> DatasetStats:
    """Statistics over MIDI/ABC ``files`` (tokenized with ``tokenizer.encode_batch``, C++
    threads) and/or token ``sequences`` (one per file: a TokSequence, a list of them, one per
    track, or an id array/list)."""
    given, base, errors = _sequences(tokenizer, files, sequences)
    names, type_of = type_table(tokenizer)
    lengths = np.array([len(g) for g in given], dtype=np.int64)
    all_base = _concat(base).astype(np.int64)
    if all_base.size and (all_base.min() < 0 or all_base.max() >= len(type_of)):
        raise ValueError("token ids outside the tokenizer's vocabulary")
    types = type_of[all_base]
    is_note = np.isin(names, _NOTE_TYPES)[types]
    base_lengths = np.array([len(b) for b in base], dtype=np.int64)
    ends = np.cumsum(base_lengths)
    cum = np.concatenate([[0], np.cumsum(is_note, dtype=np.int64)])
    notes = cum[ends] - cum[np.concatenate([[0], ends[:-1]])] if len(base) else lengths
    counts = np.bincount(types, minlength=len(names))
    learned = learned_lengths(tokenizer)
    return DatasetStats(lengths, base_lengths, notes, names, counts, learned, errors)
