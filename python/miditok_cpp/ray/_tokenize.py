"""tokenize_files: the Ray Data pipeline, and the driver's checks and atomic finish."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ray
import ray.data

from miditok_cpp import _core
from miditok_cpp.data import MANIFEST, _native, read_manifest, tokenizer_hash

from ._udf import ParquetEncoder, StorePartWriter, _id_dtype, parquet_rows

if TYPE_CHECKING:
    from collections.abc import Sequence

FORMATS = ("store", "parquet")


@dataclass
class _Job:
    """What both output formats need: the tokenizer, the directories, the inputs, the UDF pool."""

    tokenizer: Any
    work: Path
    out: Path
    expected: list[str] | None  # the paths Ray must give back, None for a given dataset
    missing: list[str]
    batch_size: int
    concurrency: int | None
    num_cpus: float

    def map(self, dataset: ray.data.Dataset, udf: type, kwargs: dict) -> ray.data.Dataset:
        """The UDF's map_batches over the dataset, order kept."""
        concurrency = self.concurrency
        if concurrency is None:
            cpus = ray.cluster_resources().get("CPU", 1)
            if self.expected is None:  # a given dataset's read tasks take a CPU: leave them one
                cpus -= 1
            concurrency = max(1, int(cpus // max(self.num_cpus, 1e-3)))
        mapped = dataset.map_batches(
            udf,
            fn_constructor_kwargs=kwargs,
            batch_size=self.batch_size,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=concurrency),
            num_cpus=self.num_cpus,
            zero_copy_batch=True,
        )
        mapped.context.execution_options.preserve_order = True  # the store keeps the input order
        return mapped


def tokenize_files(
    paths_or_dataset: Sequence[str | os.PathLike] | str | os.PathLike | ray.data.Dataset,
    tokenizer: Any,
    out_dir: str | os.PathLike,
    *,
    format: str = "store",
    batch_size: int = 256,
    concurrency: int | None = None,
    num_cpus: float = 1,
    threads_per_worker: int = 1,
    shard_tokens: int = 1 << 24,
) -> dict[str, Any]:
    """
    Tokenize music files on a Ray cluster into a token store (or Parquet) at ``out_dir``.

    Given paths, the driver makes a Ray Dataset of them (one block per batch) and the workers
    read the files in C++; a given Ray Dataset has ``bytes`` and ``path`` columns (e.g. from
    ``ray.data.read_binary_files``, for files on a file system the workers cannot open by path).
    Each batch is encoded in a class UDF of ``map_batches``: the tokenizer is sent once per
    worker and the C++ batch encode runs with the GIL released. ``format="store"`` writes the
    token store of :mod:`miditok_cpp.data` (the layout and manifest of
    :func:`~miditok_cpp.data.tokenize_to_store`, which a new store gets and an existing one is
    appended to, with the same ids and document order): each batch is a part store on the
    shared file system, merged by the driver. ``format="parquet"`` writes a
    Parquet dataset with one row per document (``path``, ``document``, ``ids``, ``error``) and
    one row per failed file (``ids`` null); ``out_dir`` must not exist yet.

    Files that cannot be read or tokenized are reported (path and error, in the manifest or the
    ``error`` column); every given file is recorded exactly once (else RuntimeError and nothing
    is written). The output appears whole or not at all. Ray must be initialised (``ray.init``)
    or is started locally by Ray Data; workers must see ``out_dir``'s file system.

    :param paths_or_dataset: music file paths (MIDI, or ABC by extension), or a Ray Dataset.
    :param tokenizer: a miditok_cpp tokenizer (multi-vocabulary ones are refused).
    :param out_dir: the store's directory, or the Parquet dataset's.
    :param format: ``"store"`` or ``"parquet"``.
    :param batch_size: files per UDF call (one part store, or one Parquet block, each).
    :param concurrency: number of UDF workers (None: as many as the cluster's CPUs, less one
        for a given dataset, whose read tasks take a CPU; paths need no read task).
    :param num_cpus: CPUs reserved per UDF worker.
    :param threads_per_worker: C++ encoding threads in each worker.
    :param shard_tokens: ids per shard before it is flushed (store format).
    :return: ``{"files", "failed", "documents", "tokens", "shards", "errors"}`` of this call,
        ``errors`` a list of ``(path, message)`` (``shards`` is 0 for Parquet).
    """
    if format not in FORMATS:
        msg = f"format must be one of {FORMATS}, not {format!r}"
        raise ValueError(msg)
    _native(tokenizer)  # TypeError for a tokenizer of another package
    if tokenizer.is_multi_voc:
        msg = "tokenize_files: multi-vocabulary tokenizers are not supported"
        raise _core.ConfigError(msg)
    out = Path(out_dir).absolute()
    if format == "parquet" and out.exists() and any(out.iterdir()):
        msg = f"tokenize_files: {out} exists and is not empty (Parquet output is never appended)"
        raise _core.IoError(msg)
    if format == "store" and (out / MANIFEST).exists():
        have = read_manifest(out)["tokenizer_hash"]
        if have != tokenizer_hash(tokenizer):
            msg = f"tokenize_files: {out} was written with another tokenizer ({have})"
            raise _core.ConfigError(msg)
    work = out.parent / f".{out.name}.ray-{uuid.uuid4().hex[:12]}"
    work.mkdir(parents=True)
    try:
        dataset, expected, missing = _input_dataset(paths_or_dataset, batch_size)
        job = _Job(tokenizer, work, out, expected, missing, batch_size, concurrency, num_cpus)
        if format == "parquet":
            return _to_parquet(job, dataset, threads_per_worker)
        return _to_store(job, dataset, threads_per_worker, shard_tokens)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _input_dataset(
    src: Any, batch_size: int
) -> tuple[ray.data.Dataset | None, list[str] | None, list[str]]:
    """(dataset of paths, or the given one of bytes and paths; the paths expected back or None;
    the paths not found)."""
    if isinstance(src, ray.data.Dataset):
        columns = set(src.columns() or ())
        if not {"bytes", "path"} <= columns:
            msg = f"tokenize_files: the Ray Dataset needs bytes and path columns, has {columns}"
            raise ValueError(msg)
        return src, None, []
    if isinstance(src, (str, os.PathLike)):
        src = [src]
    found: list[str] = []
    missing: list[str] = []
    for p in src:
        path = os.path.abspath(os.fspath(p))
        (found if os.path.isfile(path) else missing).append(path)
    if not found:
        return None, [], missing
    # A Dataset of the paths, one block per UDF batch, made here: the UDF's workers read the files
    # in C++. Ray's read_binary_files cost more than the encoding on a small cluster: on the
    # driver, about 0.3 ms a path to resolve it (and 3 ms when fsspec's HTTP module cannot be
    # imported, which Ray retries for each path); read tasks each waiting for a worker process
    # of their own (a Python start, seconds on a loaded machine); the bytes through the object
    # store. A Dataset of bytes (read_binary_files') is still taken as given.
    import pyarrow as pa

    blocks = [
        pa.table({"path": found[i : i + batch_size]}) for i in range(0, len(found), batch_size)
    ]
    return ray.data.from_arrow(blocks), found, missing


def _check_once(got: Counter, expected: list[str] | None) -> None:
    """Every expected file came back exactly once (RuntimeError naming the first that did not)."""
    want = Counter(expected) if expected is not None else Counter(set(got))
    for path in want.keys() | got.keys():
        if got[path] != want[path]:
            msg = (
                f"tokenize_files: {path} came back {got[path]} times from Ray, expected "
                f"{want[path]}; nothing was written"
            )
            raise RuntimeError(msg)


def _to_store(job: _Job, dataset, threads: int, shard_tokens: int) -> dict[str, Any]:
    core, model = _native(job.tokenizer)
    parts_dir = job.work / "parts"
    parts_dir.mkdir()
    parts: list[str] = []
    errors: list[tuple[str, str]] = []
    got: Counter = Counter()
    if dataset is not None:
        kwargs = {
            "tokenizer": job.tokenizer,
            "parts_dir": str(parts_dir),
            "shard_tokens": shard_tokens,
            "threads": threads,
        }
        for row in job.map(dataset, StorePartWriter, kwargs).iter_rows():
            got.update(json.loads(row["paths"]))
            errors += [tuple(e) for e in json.loads(row["errors"])]
            parts.append(str(row["part"]))
    _check_once(got, job.expected)
    if job.missing:  # recorded by the single-process writer, with its own error messages
        part = str(parts_dir / "part-missing")
        report = _core.tokenize_to_store(core, job.missing, part, model, shard_tokens=shard_tokens)
        errors += [(job.missing[i], err) for i, err in report["errors"]]
        parts.append(part)
    out = job.out
    if (out / MANIFEST).exists():
        return _report(_core.merge_token_stores(str(out), parts), errors)
    store = job.work / "store"
    report = _core.merge_token_stores(str(store), parts)
    if not parts:  # nothing given: an empty store all the same
        _core.tokenize_to_store(core, [], str(store), model)
    if out.exists():
        out.rmdir()  # an empty directory only (OSError otherwise: nothing is overwritten)
    os.rename(store, out)
    return _report(report, errors)


def _to_parquet(job: _Job, dataset, threads: int) -> dict[str, Any]:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    target = job.work / "parquet"
    target.mkdir()
    if dataset is not None:
        kwargs = {"tokenizer": job.tokenizer, "threads": threads}
        job.map(dataset, ParquetEncoder, kwargs).write_parquet(str(target))
    if job.missing:  # the errors of the single-process encode
        core, model = _native(job.tokenizer)
        failed = dict(core.encode_batch(job.missing, 1, model)[1])
        rows = [None] * len(job.missing)
        table = parquet_rows(job.missing, rows, failed, _id_dtype(job.tokenizer))
        pq.write_table(table, target / "missing.parquet")
    table = pq.read_table(target, columns=["path", "document", "ids", "error"])
    paths = table.column("path").to_pylist()
    documents = table.column("document").to_pylist()
    errs = table.column("error").to_pylist()
    got = Counter(p for p, d in zip(paths, documents, strict=True) if d <= 0)
    _check_once(got, None if job.expected is None else job.expected + job.missing)
    tokens = int(pc.sum(pc.list_value_length(table.column("ids"))).as_py() or 0)
    errors = [(p, e) for p, e in zip(paths, errs, strict=True) if e is not None]
    if job.out.exists():
        job.out.rmdir()
    os.rename(target, job.out)
    return {
        "files": sum(got.values()),
        "failed": len(errors),
        "documents": sum(1 for d in documents if d >= 0),
        "tokens": tokens,
        "shards": 0,
        "errors": errors,
    }


def _report(report: dict[str, Any], errors: list[tuple[str, str]]) -> dict[str, Any]:
    report["errors"] = errors
    return report
