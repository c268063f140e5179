"""What MusicTokenizer's mixins (params_file, trained_model, token_files, tokenizer_internals,
hub) use of the tokenizer they are mixed into, declared once so that the type checker sees it.

Each mixin derives from :class:`TokenizerHost`; MusicTokenizer defines every member below (the
attributes in its constructor), so these declarations are never reached at run time: the
attributes are annotations only and the methods raise NotImplementedError.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .classes import TokSequence
    from .config import TokenizerConfig


class TokenizerHost:
    """The members of MusicTokenizer its mixins rely on (see the module docstring)."""

    config: TokenizerConfig
    one_token_stream: bool
    training_skipped_files: list[tuple[str, str]]
    _core: Any  # _core._CoreTokenizer, or the multi-vocabulary core
    _model: Any  # _core.HfTokenizer once trained, else None
    _extra_params: dict[str, Any]
    _vocab_base: Any  # {token: id}, one per vocabulary for multi-vocabulary tokenizers
    _vocab_base_id_to_byte: dict[int, str]
    _vocab_base_byte_to_token: dict[str, str]

    @property
    def vocab(self) -> Any:
        """The base vocabulary (defined by MusicTokenizer)."""
        raise NotImplementedError

    @property
    def is_trained(self) -> bool:
        """Whether a model is trained (defined by MusicTokenizer)."""
        raise NotImplementedError

    @property
    def is_multi_voc(self) -> bool:
        """Whether the tokenizer has several vocabularies (defined by MusicTokenizer)."""
        raise NotImplementedError

    @property
    def io_format(self) -> tuple[str, ...]:
        """The dimensions of the token sequences (defined by MusicTokenizer)."""
        raise NotImplementedError

    def __getitem__(self, item: Any) -> Any:
        """A token by id or an id by token (defined by MusicTokenizer); ``item`` as there."""
        raise NotImplementedError

    def _name(self) -> str:
        raise NotImplementedError

    def _create_core(self, show_warnings: bool = True) -> None:
        raise NotImplementedError

    def complete_sequence(self, seq: TokSequence, complete_bytes: bool = False) -> None:
        """Fills the empty fields of ``seq`` (defined by MusicTokenizer; ``complete_bytes`` as
        there)."""
        raise NotImplementedError

    def tokens_errors(self, tokens: Any) -> Any:
        """The error ratio of ``tokens`` (defined by MusicTokenizer)."""
        raise NotImplementedError

    def save(
        self,
        out_path: Any,
        additional_attributes: dict | None = None,
        filename: str = "tokenizer.json",
    ) -> None:
        """Writes the params file (defined by ParamsFileMixin; ``out_path``,
        ``additional_attributes`` and ``filename`` as there)."""
        raise NotImplementedError
