"""The token store against miditok 3.1.0 on the generated corpus, with the seed's tokenizer
(REMI, 16 velocities, chords, programs):

- a DataLoader epoch (batch 16, DataCollator) over DatasetTokens (the mapped store) against
  miditok's DatasetJSON over the token files of the same ids (batches/s);
- tokenize_to_store against miditok's ``tokenize_dataset`` writing its JSON token files, on the
  same files (files/s; one run per side after a 20-file warm-up: miditok takes minutes);
- the peak RSS of tokenize_to_store at two corpus sizes (the files once, then the same paths
  4 times over), with 4M-id shards so that both sizes fill several: a streaming writer keeps it
  flat (at most one shard buffer, one round of encoded files and the manifest's file entries).

Both sides' inputs (the store and the JSON files) are built once, cached in build/bench-store.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from pathlib import Path

from bench.harness import ROOT, Case

MAX_SEQ_LEN = 1024
BATCH_SIZE = 16
CACHE = ROOT / "build" / "bench-store"
SHARD_TOKENS = 1 << 22  # 4M ids: both corpus sizes fill several shards


def _tokenizer(lib: str):
    import importlib

    mod = importlib.import_module(lib)
    return mod.REMI(mod.TokenizerConfig(num_velocities=16, use_chords=True, use_programs=True))


def _cached_inputs(paths: list[Path]) -> tuple[Path, list[Path]]:
    """The store and the JSON token files of paths (ours writes both; same ids as miditok's)."""
    from miditok_cpp.data import tokenize_to_store

    target = CACHE / str(len(paths))
    store, jsons = target / "store", target / "json"
    if not (target / ".complete").exists():
        shutil.rmtree(target, ignore_errors=True)
        tok = _tokenizer("miditok_cpp")
        tokenize_to_store(paths, tok, store)
        jsons.mkdir(parents=True)
        for i, path in enumerate(paths):
            ids = list(tok.encode(path).ids)
            (jsons / f"{i:06d}.json").write_text(json.dumps({"ids": ids}))
        (target / ".complete").write_text("ok")
    return store, sorted(jsons.glob("*.json"))


def _prepare_loader(paths: list[Path]):
    def prepare() -> dict:
        import miditok.pytorch_data  # noqa: F401 - imported before the baseline

        import miditok_cpp.pytorch_data  # noqa: F401
        import torch  # noqa: F401

        store, jsons = _cached_inputs(paths)
        return {"store": store, "jsons": jsons, "tok": _tokenizer("miditok_cpp")}

    return prepare


def _epoch(dataset, pad: int) -> int:
    from torch.utils.data import DataLoader

    from miditok_cpp.pytorch_data import DataCollator

    loader = DataLoader(dataset, batch_size=BATCH_SIZE, collate_fn=DataCollator(pad))
    return sum(1 for _ in loader)


def _tokens_epoch(data: dict) -> None:
    from miditok_cpp.pytorch_data import DatasetTokens

    tok = data["tok"]
    ds = DatasetTokens(data["store"], MAX_SEQ_LEN, tok["BOS_None"], tok["EOS_None"])
    data["batches"] = _epoch(ds, tok.pad_token_id)


def _json_epoch(data: dict) -> None:
    from miditok.pytorch_data import DataCollator, DatasetJSON
    from torch.utils.data import DataLoader

    tok = data["tok"]
    ds = DatasetJSON(data["jsons"], MAX_SEQ_LEN, tok["BOS_None"], tok["EOS_None"])
    loader = DataLoader(ds, batch_size=BATCH_SIZE, collate_fn=DataCollator(tok.pad_token_id))
    data["batches"] = sum(1 for _ in loader)


def _prepare_tokenize(paths: list[Path]):
    def prepare() -> dict:
        import miditok  # noqa: F401

        import miditok_cpp.data  # noqa: F401

        return {
            "paths": paths,
            "tok": {lib: _tokenizer(lib) for lib in ("miditok_cpp", "miditok")},
        }

    return prepare


def _fresh_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="bench_store_", dir="/dev/shm"))


def _to_store(data: dict) -> None:
    from miditok_cpp.data import tokenize_to_store

    out = _fresh_dir()
    try:
        tokenize_to_store(data["paths"], data["tok"]["miditok_cpp"], out, SHARD_TOKENS)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _tokenize_dataset(data: dict) -> None:
    out = _fresh_dir()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data["tok"]["miditok"].tokenize_dataset(data["paths"], out, verbose=False)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _warmup(data: dict) -> dict:
    return {**data, "paths": data["paths"][:20]}


def cases(corpus: dict[str, list[Path]]) -> list[Case]:
    paths = [p.resolve() for p in corpus["generated"]]
    if not paths:
        return []
    n = len(paths)
    batches = -(-n // BATCH_SIZE)
    return [
        Case(
            name=f"DataLoader epoch, DatasetTokens (token store), {n} generated files, batches/s",
            peer="miditok DatasetJSON over the JSON token files + DataCollator",
            prepare=_prepare_loader(paths),
            ours=_tokens_epoch,
            theirs=_json_epoch,
            work=lambda data: (float(batches), "batches"),
        ),
        Case(
            name=f"tokenize_to_store, {n} generated files, files/s",
            peer="miditok tokenize_dataset (JSON token files)",
            prepare=_prepare_tokenize(paths),
            ours=_to_store,
            theirs=_tokenize_dataset,
            work=lambda data: (float(len(data["paths"])), "files"),
            single_run=True,
            warmup=_warmup,
        ),
        Case(
            name=f"tokenize_to_store peak RSS, {4 * n} paths ({n} generated files x4), files/s",
            peer="- (compare the peak with the row above: flat in the number of files)",
            prepare=_prepare_tokenize(paths * 4),
            ours=_to_store,
            theirs=None,
            work=lambda data: (float(len(data["paths"])), "files"),
            single_run=True,
            warmup=_warmup,
        ),
    ]
