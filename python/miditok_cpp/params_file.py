"""MidiTok's params file (tokenizer.json) of a tokenizer: reading one into the tokenizer (config,
"-unigram" special tokens, trained model) and writing it, mixed into MusicTokenizer."""

from __future__ import annotations

import json
from pathlib import Path

from . import _core, _fileio
from ._host import TokenizerHost
from .config import TokenizerConfig
from .constants import (
    CURRENT_MIDITOK_VERSION,
    CURRENT_SYMUSIC_VERSION,
    CURRENT_TOKENIZERS_VERSION,
)


class ParamsFileMixin(TokenizerHost):
    """_load_params / to_dict / save; the tokenizer supplies _name, _core, config and
    _create_core."""

    def _load_params(self, params) -> None:
        data = _fileio.load_json_file(params)
        try:
            self._load_params_dict(params, data)
        except _core.MiditokError as e:
            raise _fileio.naming_file(e, params) from None
        except _fileio.BAD_CONTENT as e:
            raise _fileio.bad_params(params, e) from None

    def _load_params_dict(self, params, data) -> None:
        if not isinstance(data, dict):
            raise TypeError(f"a params file holds a JSON object, not {type(data).__name__}")
        for key in ("_vocab_base", "_model", "_vocab_base_byte_to_token"):
            if key in data:
                self._extra_params[key] = data[key]
        if "_model" in data:
            self._model = _core.HfTokenizer.from_str(data["_model"])
        if "config" in data:
            self.config = TokenizerConfig.from_serialized_dict(data["config"])
            # MidiTok's Unigram train appended "<special>-unigram" tokens after the base ids:
            # they come back at those ids, not first with the other special tokens.
            specials = self.config.special_tokens
            unigram = [t for t in specials if t.endswith("-unigram")]
            self.config.special_tokens = [t for t in specials if t not in unigram]
            self._create_core()
            # Their bytes: the file's (MidiTok's "!" + byte + "!"), else that same rule.
            byte_of = {t: b for b, t in (data.get("_vocab_base_byte_to_token") or {}).items()}
            for tok in unigram:
                byte = byte_of.get(tok)
                self._core.add_to_vocab(
                    tok, True, byte if isinstance(byte, str) else self._core.unigram_byte(tok)
                )
            self.config.special_tokens = list(self._core.special_tokens())
            _core._set_model(self._core, self._model)
        else:  # params files older than MidiTok 2.1: the C++ loader maps the legacy keys
            self._core = _core._CoreTokenizer.load(_fileio.fspath(params))
            self._model = None
            self.config = TokenizerConfig.from_serialized_dict(json.loads(self._core.config_json()))

    def to_dict(self) -> dict:
        """MidiTok's tokenizer.json content."""
        params = {
            "config": self.config.to_dict(serialize=True),
            "tokenization": self._name(),
            "miditok_version": CURRENT_MIDITOK_VERSION,
            "symusic_version": CURRENT_SYMUSIC_VERSION,
            "hf_tokenizers_version": CURRENT_TOKENIZERS_VERSION,
        }
        params.update(self._extra_params)
        return params

    def save(self, out_path, additional_attributes: dict | None = None, filename="tokenizer.json"):
        """Writes the tokenizer's params file (config, vocabulary, trained model), which
        :meth:`from_pretrained` and ``params=`` load back.

        ``out_path`` is the file to write, or a directory (or a name without extension) in
        which ``filename`` (default ``"tokenizer.json"``) is written; parent folders are
        created. ``additional_attributes`` (default None) is a dict of extra entries written
        into the file. Returns None."""
        d = self.to_dict()
        if additional_attributes:
            d.update(additional_attributes)
        out_path = Path(_fileio.fspath(out_path))
        if out_path.is_dir() or "." not in out_path.name:
            out_path /= filename
        out_path.parent.mkdir(parents=True, exist_ok=True)
        _fileio.write_json(out_path, d, indent=4)
