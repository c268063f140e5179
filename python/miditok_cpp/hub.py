"""Hugging Face Hub support for tokenizers: save_pretrained, from_pretrained and push_to_hub.

As MidiTok does, tokenizers subclass huggingface_hub's ``ModelHubMixin`` and store one file,
``tokenizer.json`` (MidiTok's params schema), so a tokenizer pushed by MidiTok loads here and one
pushed here loads in MidiTok. huggingface_hub is optional (``pip install miditok-cpp[hub]``):
without it the Hub methods raise an ImportError saying so, and local saving still works. Network
failures raise ``miditok_cpp.IoError`` (an OSError) naming the endpoint instead of a raw HTTP
error.
"""

from __future__ import annotations

import inspect
import os
import warnings
from pathlib import Path

from . import _fileio
from ._core import ConfigError, IoError
from ._host import TokenizerHost

DEFAULT_FILE_NAME = "tokenizer.json"
_INSTALL_HINT = "the Hugging Face Hub needs huggingface_hub: pip install miditok-cpp[hub]"

try:
    from huggingface_hub import ModelHubMixin as _HubBase
    from huggingface_hub import hf_hub_download
except ImportError:  # pragma: no cover - exercised where huggingface_hub is absent

    class _HubBase:  # type: ignore[no-redef]
        """Stands in for ModelHubMixin when huggingface_hub is not installed."""

        def push_to_hub(self, *args, **kwargs):
            raise ImportError(_INSTALL_HINT)

    hf_hub_download = None  # type: ignore[assignment]  # None: huggingface_hub is missing


def _network_error(action: str, error: Exception) -> IoError:
    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
    return IoError(
        f"{action}: cannot reach the Hugging Face Hub at {endpoint} ({type(error).__name__}: "
        f"{error}). Check the network, or save locally with save_pretrained(directory)."
    )


def _is_network_error(error: Exception) -> bool:
    names = {klass.__name__ for klass in type(error).__mro__}
    network = {
        "ConnectionError",
        "ConnectError",
        "TimeoutException",
        "Timeout",
        "NetworkError",
        "OfflineModeIsEnabled",
        "LocalEntryNotFoundError",
        "TransportError",
    }
    return bool(names & network) or isinstance(error, (ConnectionError, TimeoutError))


# Every tokenizer class by name (MusicTokenizer's subclasses register themselves on creation),
# so that a params file naming its tokenization loads without this module importing them.
_TOKENIZER_CLASSES: dict[str, type] = {}


class HubMixin(_HubBase, TokenizerHost):
    """save_pretrained / from_pretrained / push_to_hub for MusicTokenizer subclasses."""

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        _TOKENIZER_CLASSES.setdefault(cls.__name__, cls)

    def save_pretrained(
        self,
        save_directory: str | Path,
        *,
        repo_id: str | None = None,
        push_to_hub: bool = False,
        **push_to_hub_kwargs,
    ) -> str | None:
        """Writes ``tokenizer.json`` into ``save_directory`` (created when missing), as
        huggingface_hub's ``save_pretrained``.

        With ``push_to_hub`` (default False) the folder is then uploaded to the Hub repository
        ``repo_id`` (default None: the folder's name), ``push_to_hub_kwargs`` going to
        :meth:`push_to_hub`. Returns what :meth:`push_to_hub` returns when pushed, else None."""
        save_directory = Path(save_directory)
        save_directory.mkdir(parents=True, exist_ok=True)
        self._save_pretrained(save_directory)
        if push_to_hub:
            return self.push_to_hub(repo_id=repo_id or save_directory.name, **push_to_hub_kwargs)
        return None

    def _save_pretrained(self, save_directory: Path, *args, **kwargs) -> None:
        self.save(save_directory, *args, **kwargs)

    def push_to_hub(self, repo_id: str, *args, **kwargs):
        """Uploads the tokenizer's ``tokenizer.json`` to the Hub repository ``repo_id``
        (huggingface_hub's ``push_to_hub``; its other positional ``args`` and keyword
        ``kwargs``, such as ``private``, ``token`` or ``commit_message``, are passed on).
        Returns huggingface_hub's commit information. Raises IoError when the Hub cannot be
        reached and ImportError when huggingface_hub is not installed."""
        try:
            return super().push_to_hub(repo_id, *args, **kwargs)
        except Exception as error:
            if _is_network_error(error):
                raise _network_error(f"push_to_hub({repo_id!r})", error) from error
            raise

    @classmethod
    def from_pretrained(cls, pretrained_model_name_or_path: str | Path, **kwargs):
        """Loads a tokenizer from ``pretrained_model_name_or_path``: a params file, a
        directory holding ``tokenizer.json``, or the id of a Hugging Face Hub repository.

        ``kwargs`` may hold ``filename`` (default ``"tokenizer.json"``) and the download
        options of huggingface_hub's ``hf_hub_download`` (``revision``, ``cache_dir``,
        ``token``, ``force_download``...). Returns a tokenizer of the params file's class
        (with a UserWarning when it differs from the class called, MusicTokenizer excepted).
        Raises IoError when the Hub cannot be reached, ConfigError on a params file without
        a tokenization and ImportError when a Hub download needs huggingface_hub."""
        path = Path(pretrained_model_name_or_path)
        filename = kwargs.pop("filename", DEFAULT_FILE_NAME)
        if path.is_file():
            return cls._from_params_file(path)
        if (path / filename).is_file():
            return cls._from_params_file(path / filename)
        if hf_hub_download is None:
            raise ImportError(_INSTALL_HINT)
        accepted = inspect.signature(hf_hub_download).parameters
        hub_kwargs = {k: v for k, v in kwargs.items() if k in accepted and v is not None}
        try:
            params = hf_hub_download(
                repo_id=str(pretrained_model_name_or_path),
                filename=filename,
                library_name="miditok-cpp",
                **hub_kwargs,
            )
        except Exception as error:
            if _is_network_error(error):
                raise _network_error(f"from_pretrained({str(path)!r})", error) from error
            raise
        return cls._from_params_file(Path(params))

    @classmethod
    def _from_params_file(cls, path: Path):
        """The tokenizer a params file describes: its own class when cls is the base class."""
        params = _fileio.load_json_file(path)
        tokenization = params.get("tokenization") if isinstance(params, dict) else None
        if not isinstance(tokenization, str):
            raise ConfigError(f'params file {path}: no "tokenization" (class name) string')
        if cls.__name__ == tokenization:
            return cls(params=path)
        klass = _TOKENIZER_CLASSES.get(tokenization)
        if klass is None:
            raise IoError(f"{path}: unknown tokenization {tokenization!r}")
        if cls.__name__ != "MusicTokenizer":
            warnings.warn(
                f"from_pretrained called on {cls.__name__} but {path} holds a {tokenization} "
                f"tokenizer: returning a {tokenization}.",
                stacklevel=3,
            )
        return klass(params=path)
