"""The vocabulary side of MusicTokenizer: its sizes, special tokens and the ids of a token
type, read from the base vocabulary and the trained model the tokenizer holds.

Mixed into MusicTokenizer (which keeps ``tokenizer[token or id]`` and ``add_to_vocab``, as they
use its private inverse vocabulary and caches).
"""

from __future__ import annotations

from . import _core
from ._host import TokenizerHost


class VocabularyMixin(TokenizerHost):
    """``vocab``, ``vocab_model``, ``vocab_size``, ``len``, ``special_tokens``,
    ``special_tokens_ids``, ``pad_token_id``, ``is_trained``, ``is_multi_voc``, ``io_format``,
    ``token_ids_of_type`` and ``token_id_type``."""

    @property
    def vocab(self) -> dict[str, int]:
        """The base vocabulary {token: id}."""
        return self._vocab_base

    @property
    def vocab_model(self):
        """The trained model's vocabulary {byte string: id}, or None when not trained."""
        if self._model is None:
            return None
        return _core._model_vocab(self._model)

    @property
    def vocab_size(self) -> int:
        """Number of tokens (len(tokenizer))."""
        return len(self)

    @property
    def special_tokens(self) -> list[str]:
        """The special tokens ("PAD_None", ...)."""
        return self.config.special_tokens

    @property
    def special_tokens_ids(self) -> list[int]:
        """Ids of the special tokens."""
        return [self[t] for t in self.special_tokens]

    @property
    def pad_token_id(self) -> int:
        """Id of PAD_None (0)."""
        return self._vocab_base["PAD_None"]

    @property
    def is_trained(self) -> bool:
        """True when a BPE/Unigram/WordPiece model is attached."""
        return self._model is not None

    @property
    def is_multi_voc(self) -> bool:
        """True for tokenizers with several vocabularies (CPWord, Octuple, MuMIDI)."""
        return False

    @property
    def io_format(self) -> tuple[str, ...]:
        """("I", "T") per-track sequences or ("T",) one stream."""
        fmt = [] if self.one_token_stream else ["I"]
        fmt.append("T")
        if self.is_multi_voc:
            fmt.append("C")
        return tuple(fmt)

    @property
    def len(self) -> int | list[int]:
        """Vocabulary size (a list of sizes, one per vocabulary, for multi-vocabulary
        tokenizers)."""
        return len(self)

    def __len__(self) -> int:
        if self._model is not None:
            return self._model.vocab_size
        return len(self._vocab_base)

    def token_ids_of_type(self, token_type: str, vocab_id: int | None = None) -> list[int]:
        """The ids of the base-vocabulary tokens of type ``token_type`` (the part of the token
        before its first ``_``, e.g. ``"Pitch"``), in id order; [] for a type the vocabulary
        lacks. ``vocab_id`` (default None) selects the vocabulary of a multi-vocabulary
        tokenizer and is ignored here."""
        return list(self._core.token_ids_of_type(token_type))

    def token_id_type(self, id_: int, vocab_id: int | None = None) -> str:
        """The type of the base-vocabulary token of id ``id_`` (``"Pitch"`` for
        ``"Pitch_60"``). ``vocab_id`` (default None) selects the vocabulary of a
        multi-vocabulary tokenizer and is ignored here. Raises IndexError for an id out of the
        vocabulary."""
        return self[id_].split("_")[0]
