"""Token stores: pre-tokenized corpora on disk as numpy ``.npy`` shards plus a JSON manifest.

A store is a directory that numpy alone reads (``np.load(shard, mmap_mode="r")``)::

    manifest.json               format, version, tokenizer_hash, dtype, counts, shards, files
    shard-000000.ids.npy        the ids of many documents back to back (uint8/uint16/uint32)
    shard-000000.offsets.npy    int64, documents + 1 values: document d is ids[o[d]:o[d + 1]]

:func:`tokenize_to_store` writes (or appends to) a store on C++ threads with the GIL released,
flushing shards as they fill; :class:`miditok_cpp.pytorch_data.DatasetTokens` reads one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from miditok_cpp import _core

__all__ = ["TokenStore", "read_manifest", "tokenize_to_store", "tokenizer_hash"]

TokenStore = _core.TokenStore
MANIFEST = "manifest.json"


def _native(tokenizer: Any) -> tuple[Any, Any]:
    core = getattr(tokenizer, "_core", None)
    if core is None or type(tokenizer).__module__.split(".")[0] != "miditok_cpp":
        msg = "a token store is written with a miditok_cpp tokenizer"
        raise TypeError(msg)
    return core, getattr(tokenizer, "_model", None)


def tokenizer_hash(tokenizer: Any) -> str:
    """The hash a token store records of what determines the ids of ``tokenizer`` (a
    miditok_cpp tokenizer): its params JSON and trained model, as a hex string."""
    core, model = _native(tokenizer)
    return _core.tokenizer_hash(core, model)


def tokenize_to_store(
    files_paths: Sequence[str | os.PathLike] | str | os.PathLike,
    tokenizer: Any,
    out_dir: str | os.PathLike,
    shard_tokens: int = 1 << 24,
    num_threads: int = 0,
) -> dict[str, Any]:
    """
    Tokenize music files (MIDI, or ABC by extension) into the token store ``out_dir``.

    The store is created when missing and appended to when it exists (new shards, the manifest
    replaced whole); appending with another tokenizer raises ``ConfigError``. Files are encoded
    on C++ threads with the GIL released (with the trained model, if any); a shard is written as
    soon as it holds ``shard_tokens`` ids, so memory does not grow with the number of files.
    One document per token stream (one per file for one-stream tokenizers, else one per track).
    Files that cannot be read are skipped and recorded in the manifest.

    :param files_paths: music file paths (or one path).
    :param tokenizer: a miditok_cpp tokenizer (multi-vocabulary ones are refused).
    :param out_dir: directory of the store.
    :param shard_tokens: ids per shard before it is flushed.
    :param num_threads: encoding threads (0: one per core).
    :return: ``{"files", "failed", "documents", "tokens", "shards", "errors"}`` of this call,
        ``errors`` a list of ``(path, message)``.
    """
    core, model = _native(tokenizer)
    if isinstance(files_paths, (str, bytes, os.PathLike)):
        files_paths = [files_paths]
    elif not isinstance(files_paths, Sequence):
        files_paths = list(files_paths)
    # The C++ side converts the paths a round at a time: no copy of the whole list.
    report = _core.tokenize_to_store(
        core, files_paths, os.fspath(out_dir), model, shard_tokens=shard_tokens, threads=num_threads
    )
    report["errors"] = [(os.fsdecode(files_paths[i]), err) for i, err in report["errors"]]
    return report


def read_manifest(store_dir: str | os.PathLike) -> dict[str, Any]:
    """The manifest of the token store in the folder ``store_dir``, as a dict (``files`` lists
    each source path and its error). Raises OSError when it cannot be read."""
    with (Path(store_dir) / MANIFEST).open(encoding="utf-8") as f:
        return json.load(f)
