"""The class UDFs that Ray Data runs in its workers (one instance per worker process). A batch has
a ``path`` column, and a ``bytes`` column when the files were read by Ray (a given Dataset)."""

from __future__ import annotations

import json
import os
import uuid
from typing import Any

import numpy as np

from miditok_cpp import _core
from miditok_cpp.data import _native


def _batch_paths(batch: dict[str, np.ndarray]) -> list[str]:
    return [os.fspath(p) for p in batch["path"]]


def _batch_inputs(batch: dict[str, np.ndarray]) -> tuple[list[bytes], list[str]]:
    return [bytes(b) for b in batch["bytes"]], _batch_paths(batch)


class StorePartWriter:
    """Writes each batch as a part store: the token store writer over the batch's paths (files
    read in C++) or over its bytes (a given Ray Dataset's)."""

    def __init__(self, tokenizer: Any, parts_dir: str, shard_tokens: int, threads: int) -> None:
        self._core, self._model = _native(tokenizer)
        self._parts_dir = parts_dir
        self._shard_tokens = shard_tokens
        self._threads = threads

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        part = os.path.join(self._parts_dir, f"part-{uuid.uuid4().hex}")
        if "bytes" not in batch:  # paths: read and encoded by the C++ writer, GIL released
            names = _batch_paths(batch)
            report = _core.tokenize_to_store(
                self._core, names, part, self._model, self._shard_tokens, self._threads
            )
        else:
            data, names = _batch_inputs(batch)
            report = _core.tokenize_bytes_to_store(
                self._core, data, names, part, self._model, self._shard_tokens, self._threads
            )
        errors = [(names[i], err) for i, err in report["errors"]]
        return {
            "part": np.array([part]),
            "paths": np.array([json.dumps(names)]),
            "errors": np.array([json.dumps(errors)]),
        }


class ParquetEncoder:
    """Encodes each batch into Parquet rows: one per document, one per failed file."""

    def __init__(self, tokenizer: Any, threads: int) -> None:
        self._core, self._model = _native(tokenizer)
        self._threads = threads
        self._dtype = _id_dtype(tokenizer)

    def __call__(self, batch: dict[str, np.ndarray]) -> Any:
        if "bytes" not in batch:  # paths: read and encoded in C++, GIL released
            names = _batch_paths(batch)
            per_file, errors = self._core.encode_batch(names, self._threads, self._model)
        else:
            data, names = _batch_inputs(batch)
            per_file, errors = _core.encode_bytes_batch(
                self._core, data, names, self._model, self._threads
            )
        return parquet_rows(names, per_file, dict(errors), self._dtype)


def _id_dtype(tokenizer: Any) -> np.dtype:
    vocab = len(tokenizer)
    return np.dtype(np.uint8 if vocab <= 0x100 else np.uint16 if vocab <= 0x10000 else np.uint32)


def parquet_rows(
    names: list[str], per_file: list[Any], errors: dict[str, str], dtype: np.dtype
) -> Any:
    """A pyarrow Table: path, document (index in its file), ids (list, null when failed), error."""
    import pyarrow as pa

    paths: list[str] = []
    documents: list[int] = []
    arrays: list[Any] = []
    errs: list[str | None] = []
    for name, seqs in zip(names, per_file, strict=True):
        if not seqs:  # failed (None), or no token stream: one row all the same
            paths.append(name)
            documents.append(-1)
            arrays.append(None)
            errs.append(None if seqs is not None else errors.get(name, "unknown error"))
            continue
        for d, ids in enumerate(seqs):
            paths.append(name)
            documents.append(d)
            arrays.append(ids)
            errs.append(None)
    valid = [a for a in arrays if a is not None]
    lengths = np.array([0 if a is None else len(a) for a in arrays], dtype=np.int32)
    offsets = np.zeros(len(arrays) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    values = np.concatenate(valid).astype(dtype) if valid else np.zeros(0, dtype)
    mask = pa.array([a is None for a in arrays], type=pa.bool_())
    ids = pa.ListArray.from_arrays(pa.array(offsets), pa.array(values), mask=mask)
    return pa.table(
        {
            "path": pa.array(paths, type=pa.string()),
            "document": pa.array(documents, type=pa.int32()),
            "ids": ids,
            "error": pa.array(errs, type=pa.string()),
        }
    )
