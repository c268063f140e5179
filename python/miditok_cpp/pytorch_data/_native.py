"""Tokenization of files for the datasets: the native batch path and the generic path.

The generic path works with any tokenizer speaking MidiTok's API (``preprocess_score``,
``encode(score, no_preprocess_score=True, attribute_controls_indexes=...)``,
``one_token_stream``); it loads files with the Score class of the tokenizer's package.
Pre-tokenizing runs on threads (never processes), so every sample reaches the dataset.
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

import torch

from .. import _core
from ..attribute_controls.classes import _native_ratio_args, create_random_ac_indexes
from ..score import Score
from ._samples import _label_tensor, chunk_position, preprocess_token_ids

if TYPE_CHECKING:
    from .datasets import DatasetMIDI
    from .streaming import DatasetMIDIStream

# What a Score constructor raises on an unreadable file (ours subclass ValueError / OSError).
SCORE_LOADING_EXCEPTION = (RuntimeError, ValueError, OSError)


def score_class(tokenizer: Any) -> Any:
    """The Score class matching a tokenizer: ours for miditok_cpp tokenizers, else symusic's."""
    if type(tokenizer).__module__.split(".")[0] == "miditok_cpp":
        return Score
    import symusic  # optional: only a tokenizer of MidiTok's gets here

    return symusic.Score


def _create_random_ac_indexes(tokenizer: Any) -> Any:
    if type(tokenizer).__module__.split(".")[0] == "miditok_cpp":
        return create_random_ac_indexes
    from miditok.attribute_controls import create_random_ac_indexes as theirs  # optional

    return theirs


def _uses_acs(ds: DatasetMIDI | DatasetMIDIStream) -> bool:
    return bool(ds.tracks_idx_random_ratio_range or ds.bars_idx_random_ratio_range)


def tokenize_score(
    ds: DatasetMIDI | DatasetMIDIStream, score: Any, ac_seed: int | None = None
) -> Any:
    """Preprocess, encode and cut a score as MidiTok's DatasetMIDI does: the TokSequence(s).

    Random attribute-control indexes are drawn with Python's ``random`` as MidiTok does, or,
    given ``ac_seed`` (our tokenizers only), with our seeded generator.
    """

    tokenizer = ds.tokenizer
    score = tokenizer.preprocess_score(score)
    ac_indexes = None
    if _uses_acs(ds):
        args = (
            score,
            tokenizer.attribute_controls,
            ds.tracks_idx_random_ratio_range,
            ds.bars_idx_random_ratio_range,
        )
        create = _create_random_ac_indexes(tokenizer)
        ours = type(tokenizer).__module__.split(".")[0] == "miditok_cpp"
        ac_indexes = create(*args, seed=ac_seed) if ours and ac_seed is not None else create(*args)
    tokseq = tokenizer.encode(
        score, no_preprocess_score=True, attribute_controls_indexes=ac_indexes
    )
    if not ds.pre_tokenize and not tokenizer.one_token_stream:
        tokseq = [tokseq[0]]

    add_bos, add_eos = chunk_position(score.markers)
    bos = ds.bos_token_id if add_bos else None
    eos = ds.eos_token_id if add_eos else None
    for seq in [tokseq] if tokenizer.one_token_stream else tokseq:
        seq.ids = preprocess_token_ids(list(seq.ids), ds.max_seq_len, bos, eos)
    return tokseq


MIDI_SUFFIXES = (".mid", ".midi", ".MID", ".MIDI")


def native_core(ds: DatasetMIDI | DatasetMIDIStream, seeded_acs: bool = False) -> Any | None:
    """The C++ tokenizer when the whole item can be made in C++ (ours, untrained, one vocab, no
    labels; random attribute controls only when drawn from per-file seeds), else None (the
    generic path is used)."""
    tok = ds.tokenizer
    if type(tok).__module__.split(".")[0] != "miditok_cpp" or not hasattr(tok, "_core"):
        return None
    if ds.func_to_get_labels is not None:
        return None
    if _uses_acs(ds) and not seeded_acs:
        return None
    if getattr(tok, "is_trained", False) or getattr(tok, "is_multi_voc", False):
        return None
    return tok._core


def _load(ds: DatasetMIDI | DatasetMIDIStream, path: Path) -> Any | None:
    try:
        return score_class(ds.tokenizer)(path)
    except SCORE_LOADING_EXCEPTION:
        return None


def tokenize_file(
    ds: DatasetMIDI | DatasetMIDIStream, path: Path, with_labels: bool = True
) -> tuple[torch.Tensor, Any] | None:
    """On-the-fly item of one file: (ids, labels) or None when the file cannot be loaded."""

    core = native_core(ds)
    if core is not None and path.suffix in MIDI_SUFFIXES:
        arr = _core.dataset_tokenize_file(
            core, str(path), ds.max_seq_len, ds.bos_token_id, ds.eos_token_id
        )
        if arr is None:
            return None
        return torch.from_numpy(np.asarray(arr).astype(np.int64)), None
    score = _load(ds, path)
    if score is None:
        return None
    tseq = tokenize_score(ds, score)
    ids = tseq.ids if ds.tokenizer.one_token_stream else tseq[0].ids
    labels = None
    if with_labels and ds.func_to_get_labels is not None:
        labels = _label_tensor(ds.func_to_get_labels(score, tseq, path))
    return torch.tensor(ids, dtype=torch.long), labels


def _pre_tokenize_one(
    ds: DatasetMIDI | DatasetMIDIStream, path: Path, ac_seed: int | None = None
) -> tuple[list, list | None] | None:

    score = _load(ds, path)
    if score is None:
        return None
    tseq = tokenize_score(ds, score, ac_seed)
    seqs = [tseq] if ds.tokenizer.one_token_stream else list(tseq)
    labels = None
    if ds.func_to_get_labels is not None:
        labels = [_label_tensor(ds.func_to_get_labels(score, seq, path)) for seq in seqs]
    return [seq.ids for seq in seqs], labels


def pre_tokenize_files(ds: DatasetMIDI, num_workers: int) -> tuple[Any, list | None, list[Path]]:
    """
    Tokenize every file of a dataset on threads, keeping every sample in file order.

    :return: (the bit-packed samples, labels or None, paths of the unreadable files).
    """
    from tqdm.auto import tqdm

    paths = ds.files_paths
    # Random attribute controls: one worker draws with `random` in file order, as MidiTok's
    # sequential pre-tokenization; several threads get one seed per file, drawn here in file
    # order from `random`, so that `random.seed(...)` makes the samples reproducible (the same
    # in C++ threads as in Python ones).
    seeds: list[int | None] = [None] * len(paths)
    if _uses_acs(ds) and num_workers > 1:
        seeds = [random.getrandbits(64) for _ in paths]
    core = native_core(ds, seeded_acs=num_workers > 1)
    if core is not None and all(p.suffix in MIDI_SUFFIXES for p in paths):
        return _pre_tokenize_native(ds, core, num_workers, seeds)
    results: list[Any] = [None] * len(paths)
    if num_workers <= 1:
        for i, p in enumerate(tqdm(paths, desc="Pre-tokenizing", miniters=1, smoothing=0)):
            results[i] = _pre_tokenize_one(ds, p)
        return pack_samples(results, paths, with_labels=ds.func_to_get_labels is not None)
    with (
        ThreadPoolExecutor(max_workers=num_workers) as pool,
        tqdm(total=len(paths), desc="Pre-tokenizing", miniters=1, smoothing=0) as bar,
    ):
        futures = {pool.submit(_pre_tokenize_one, ds, p, seeds[i]): i for i, p in enumerate(paths)}
        for future in futures:
            results[futures[future]] = future.result()
            bar.update(1)
    return pack_samples(results, paths, with_labels=ds.func_to_get_labels is not None)


def pack_samples(
    results: list, paths: list[Path], with_labels: bool
) -> tuple[Any, list | None, list[Path]]:
    """Pack per-file (sequences, labels) results into bit-packed samples (one flat buffer)."""
    arrays: list[np.ndarray] = []
    labels: list | None = [] if with_labels else None
    skipped: list[Path] = []
    for path, result in zip(paths, results, strict=True):
        if result is None:
            skipped.append(path)
            continue
        seqs, seq_labels = result
        arrays.extend(np.asarray(s, dtype=np.int64) for s in seqs)
        if labels is not None and seq_labels is not None:
            labels.extend(seq_labels)
    # Multi-vocab ids are rows of one id per vocabulary
    inner = next((a.shape[1] for a in arrays if a.size > 0 and a.ndim == 2), 1)
    samples = _core.PackedSamples(inner)
    for a in arrays:
        samples.append(a)
    samples.shrink_to_fit()
    return samples, labels, skipped


def _pre_tokenize_native(
    ds: DatasetMIDI, core: Any, num_workers: int, seeds: list[int | None]
) -> tuple[Any, None, list[Path]]:
    """Every file tokenized in C++ threads (GIL released) into bit-packed samples, by batches
    for the progress bar."""
    from tqdm.auto import tqdm

    paths = ds.files_paths
    acs = {}
    if _uses_acs(ds):
        acs = _native_ratio_args(ds.tracks_idx_random_ratio_range, ds.bars_idx_random_ratio_range)
    samples = _core.PackedSamples()
    skipped: list[Path] = []
    step = max(256, num_workers * 32)
    with tqdm(total=len(paths), desc="Pre-tokenizing", smoothing=0) as bar:
        for b in range(0, len(paths), step):
            batch = paths[b : b + step]
            _, errors = _core.dataset_pre_tokenize_files(
                core, [str(p) for p in batch], ds.max_seq_len, ds.bos_token_id,
                ds.eos_token_id, samples, num_workers,
                ac_seeds=[s for s in seeds[b : b + step] if s is not None], **acs,
            )  # fmt: skip
            skipped.extend(p for p, err in zip(batch, errors, strict=True) if err)
            bar.update(len(batch))
    samples.shrink_to_fit()
    return samples, None, skipped
