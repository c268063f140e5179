"""The tokenization classes with MidiTok's names; the work is done by the C++ core."""

from __future__ import annotations

from .tokenizer import MusicTokenizer


class REMI(MusicTokenizer):
    """REMI / REMI+: Bar and Position tokens, notes as [Program] Pitch [Velocity] [Duration].

    additional_params: ``max_bar_embedding`` (numbered bars; None gives Bar_None),
    ``use_bar_end_tokens`` and ``add_trailing_bars``.
    """

    _class_name = "REMI"

    def __init__(self, tokenizer_config=None, max_bar_embedding: int | None = None, params=None):
        if (
            max_bar_embedding is not None
            and tokenizer_config is not None
            and "max_bar_embedding" not in tokenizer_config.additional_params
        ):
            tokenizer_config.additional_params["max_bar_embedding"] = max_bar_embedding
        super().__init__(tokenizer_config, params)

    def _tweak_config_before_creating_voc(self) -> None:
        ap = self.config.additional_params
        ap.setdefault("max_bar_embedding", None)
        ap.setdefault("use_bar_end_tokens", False)
        ap.setdefault("add_trailing_bars", False)
