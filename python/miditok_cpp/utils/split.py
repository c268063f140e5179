"""Splitting of scores, music files and token files into chunks for training (MidiTok's utils).

The score splitting and the file splitting run in C++ (``miditok_cpp._core``), in native threads
with the GIL released. This module needs no PyTorch.
"""

from __future__ import annotations

import json
import os
import threading
import warnings
from copy import deepcopy
from os import cpu_count
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import _core, _fileio
from .._gc import cyclic_gc_paused
from ..constants import (
    CPU_COUNT_ADDED_WORKERS,
    MAX_NUM_FILES_NUM_TOKENS_PER_NOTE,
    MAX_THREADS_PROCESSED_IN_PARALLEL,
    MIDI_FILES_EXTENSIONS,
    SCORE_LOADING_EXCEPTION,
)
from ..score import Score
from .split_cache import (
    CachePayload,
    SplitFilesResult,
    _cache_file,
    _child_paths,
    _read_cache,
    _to_paths,
    _write_cache,
)
from .split_score import (
    _is_ours,
    _to_ours,
    split_score_per_beats,
    split_score_per_note_density,
    split_score_per_ticks,
    split_score_per_tracks,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


def split_seq_in_subsequences(
    seq: Sequence[Any], min_seq_len: int, max_seq_len: int
) -> list[Sequence[Any]]:
    r"""
    Split a sequence into consecutive subsequences of ``max_seq_len`` elements.

    The last subsequence is kept when it holds at least ``min_seq_len`` elements, so that
    ``min_seq_len <= len(sub_seq) <= max_seq_len`` (MidiTok also drops a tail of exactly
    ``min_seq_len``).

    :param seq: sequence to split.
    :param min_seq_len: minimum length of the last subsequence.
    :param max_seq_len: maximum subsequence length.
    :return: the subsequences.
    """
    if max_seq_len < 1:
        msg = f"max_seq_len must be >= 1 (got {max_seq_len})"
        raise ValueError(msg)
    sub_seqs = []
    i = 0
    while i < len(seq):
        if len(seq) - i < min_seq_len:
            break  # the tail is too short
        sub_seqs.append(seq[i : i + max_seq_len])
        i += max_seq_len
    return sub_seqs


def split_tokens_files_to_subsequences(
    files_paths: Sequence[Path | str],
    out_dir: Path | str,
    min_seq_len: int,
    max_seq_len: int,
    one_token_stream: bool = True,
) -> None:
    """
    Split JSON token files into subsequences, one JSON file each, as MidiTok names them.

    Subsequence ``i`` of ``x.json`` is written to ``out_dir/x.json_i.json``, a copy of the file
    whose ``"ids"`` holds the subsequence. With ``one_token_stream=False``, each track's sequence
    is split and the subsequences of all tracks are numbered in a row.

    :param files_paths: token files to split.
    :param out_dir: output directory.
    :param min_seq_len: minimum sequence length.
    :param max_seq_len: maximum sequence length.
    :param one_token_stream: False when ``"ids"`` holds one sequence per track.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for file_path in map(Path, files_paths):
        with file_path.open() as json_file:
            tokens = json.load(json_file)
        if one_token_stream:
            subseqs = split_seq_in_subsequences(tokens["ids"], min_seq_len, max_seq_len)
        else:
            subseqs = []
            for track_seq in tokens["ids"]:
                subseqs += split_seq_in_subsequences(track_seq, min_seq_len, max_seq_len)
        for i, subseq in enumerate(subseqs):
            new_tokens = deepcopy({k: v for k, v in tokens.items() if k != "ids"})
            new_tokens["ids"] = subseq
            # Same key order as the source file
            new_tokens = {k: new_tokens[k] for k in tokens}
            _fileio.write_json(out_dir / f"{file_path.name}_{i}.json", new_tokens, sync=False)


def _score_class(tokenizer: Any) -> Any:
    if _is_ours(tokenizer):
        return Score
    import symusic  # optional: only a tokenizer of MidiTok's gets here

    return symusic.Score


def _native_tokenizer(tokenizer: Any) -> bool:
    """True for our tokenizers whose encoding is the C++ one (not MMM, CPWord, Octuple or a
    subclass that overrides encode / __call__)."""
    native = getattr(tokenizer, "_has_native_encoding", None)
    return native is not None and native()


def get_average_num_tokens_per_note(tokenizer: Any, files_paths: Sequence[Path | str]) -> float:
    """
    Return the average number of tokens per note of ``tokenizer`` over the music files
    ``files_paths``.

    The mean of ``len(tokens) / num_notes`` per file (per track for multi-stream tokenizers);
    unreadable and empty files are skipped. ValueError if no file has a note. Our tokenizers
    read and tokenize the files on C++ threads.
    """
    if _native_tokenizer(tokenizer):
        raw = _core.tokens_per_note_ratios(
            tokenizer._core, [os.fspath(p) for p in files_paths], 0, tokenizer._model
        )
        ratios = np.asarray(raw).tolist()  # already a numpy array
    else:
        ratios = _ratios_in_python(tokenizer, files_paths)
    if len(ratios) == 0:
        msg = "All the music files provided are empty and contain no note."
        raise ValueError(msg)
    return sum(ratios) / len(ratios)  # Python's sum, in file order, as MidiTok


def _ratios_in_python(tokenizer: Any, files_paths: Sequence[Path | str]) -> list[float]:
    score_class = _score_class(tokenizer)
    ratios = []
    for file_path in files_paths:
        try:
            score = score_class(Path(file_path))
        except SCORE_LOADING_EXCEPTION:
            continue
        tok_seq = tokenizer(score)
        if tokenizer.one_token_stream:
            if (num_notes := score.note_num()) > 0:
                ratios.append(len(tok_seq) / num_notes)
        else:
            for track, seq in zip(score.tracks, tok_seq, strict=False):
                if (num_notes := track.note_num()) > 0:
                    ratios.append(len(seq) / num_notes)
    return ratios


def _tokenizer_options(tokenizer: Any) -> tuple[bool, bool, list[tuple[int, int]]]:
    config = tokenizer.config
    use_ts = bool(config.use_time_signatures)
    supported = [(int(n), int(d)) for n, d in tokenizer.time_signatures] if use_ts else []
    return bool(tokenizer.one_token_stream), use_ts, supported


def _dump_chunk(chunk: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix in MIDI_FILES_EXTENSIONS:
        chunk.dump_midi(path)
    elif hasattr(chunk, "dump_abc"):
        chunk.dump_abc(path)
    else:
        chunk.to_symusic().dump_abc(path)


def split_files_for_training(
    files_paths: Sequence[Path | str],
    tokenizer: Any,
    save_dir: Path | str,
    max_seq_len: int,
    average_num_tokens_per_note: float | None = None,
    num_overlap_bars: int = 1,
    min_seq_len: int | None = None,
    preprocessing_method: Callable[[Any], Any] | None = None,
    parallel_workers_size: int = min(
        MAX_THREADS_PROCESSED_IN_PARALLEL, (cpu_count() or 1) + CPU_COUNT_ADDED_WORKERS
    ),
) -> list[Path]:
    """
    Split music files into chunks of about ``max_seq_len`` tokens, saved as files for training.

    ``files_paths`` are the MIDI / ABC files; ``tokenizer`` the tokenizer the chunks are meant
    for (ours or MidiTok's); ``save_dir`` the folder the chunks are written to.
    ``average_num_tokens_per_note`` (default None: measured on the files with
    :func:`get_average_num_tokens_per_note`) estimates the tokens of a bar from its notes;
    ``num_overlap_bars`` (default 1) bars end a chunk and start the next; the last chunk of a
    file is kept when it has at least ``min_seq_len`` tokens (default None:
    ``max_seq_len // 4``). ``parallel_workers_size`` (default: the cores plus a few, capped)
    sets the threads. Raises ValueError when ``files_paths`` is empty.

    Each file's time signatures are cleaned as the tokenizer needs, ``preprocessing_method``
    (a function Score -> Score) is applied, tracks are split apart for multi-stream tokenizers,
    then the score is cut at bars by note density (:func:`split_score_per_note_density`). Chunk
    ``i`` of ``N`` holds a ``miditok: chunk i/N-1`` marker at tick 0 and is saved as
    ``save_dir/<path relative to the inputs' deepest common dir>`` with the stem ``<stem>_<i>``
    (``<stem>_t<track>_<i>`` when tracks are split), the stem of the path as given (a symlink
    keeps its own name; directories are resolved). MIDI files are read, split and written in
    native threads, one open/write/close per chunk.

    A hidden file in ``save_dir``, named after a digest of the paths and parameters, marks a
    finished split: a second call, also from a new process, returns the same chunks at once. It
    lists each chunk with its size under a checksum and is written atomically after the chunks;
    a cache that is cut short, damaged, or lists a chunk since deleted or changed is ignored and
    the files are split again. Every chunk is whole or absent. A ``save_dir`` that does not exist
    or is empty is written as a hidden directory next to it, renamed to ``save_dir`` when the
    split ends: the chunks appear all at once (none when the split is interrupted). Otherwise each
    chunk is written unnamed and linked under its name (an existing chunk is replaced whole).
    Unreadable files are skipped, counted and listed in a warning and ``result.skipped_files``.

    :return: the paths of the chunk files (in input order).
    """
    # No user code runs inside unless preprocessing_method is given: without it, the cyclic GC
    # waits until the chunk Paths are built (see cyclic_gc_paused).
    with cyclic_gc_paused(preprocessing_method is None):
        names = [_fileio.fspath(p) for p in files_paths]
        save_dir = Path(_fileio.fspath(save_dir))
        if len(names) == 0:
            msg = "No music file provided to split for training."
            raise ValueError(msg)
        params: tuple[object, ...] = (
            max_seq_len,
            average_num_tokens_per_note,
            num_overlap_bars,
            min_seq_len,
        )
        if preprocessing_method is not None:
            params = (
                *params,
                getattr(preprocessing_method, "__qualname__", repr(preprocessing_method)),
            )
        cache_file = _cache_file(save_dir, names, params)
        if cache_file.is_file():
            cached = _read_cache(cache_file, save_dir)
            if cached is not None:
                return cached

        # The average of our tokenizers is measured in C++ threads while this thread resolves
        # the inputs (an error of the average still comes first).
        average = _Average(tokenizer, names, average_num_tokens_per_note)
        try:
            resolved = _resolve_parents(names)
            root_dir = _core.deepest_common_dir(resolved)
            is_native = _is_native(names, preprocessing_method is None)
        finally:
            average_num_tokens_per_note = average.result()
        options = _core.SplitFilesOptions()
        options.save_dir = str(save_dir)
        options.root_dir = root_dir
        options.max_seq_len = int(max_seq_len)
        options.average_num_tokens_per_note = float(average_num_tokens_per_note)
        options.num_overlap_bars = int(num_overlap_bars)
        options.min_seq_len = min_seq_len
        (
            options.one_token_stream,
            options.use_time_signatures,
            options.supported_time_signatures,
        ) = _tokenizer_options(tokenizer)

        threads = max(1, min(parallel_workers_size, len(names)))
        chunks, payload, errors = _split_all(
            names, resolved, is_native, tokenizer, options, preprocessing_method, threads, save_dir
        )
        chunks.skipped_files = [Path(names[i]) for i in sorted(errors)]
        if chunks.skipped_files:
            shown = ", ".join(str(p) for p in chunks.skipped_files[:10])
            more = ", ..." if len(chunks.skipped_files) > 10 else ""
            warnings.warn(
                f"split_files_for_training: {len(chunks.skipped_files)} unreadable file(s) "
                f"skipped: {shown}{more}",
                stacklevel=2,
            )
        try:
            _write_cache(cache_file, save_dir, len(names), payload)
        except OSError as err:  # the chunks are whole; only the next call's shortcut is lost
            warnings.warn(f"split_files_for_training: cache not written ({err})", stacklevel=2)
        return chunks


class _Average:
    """The average tokens per note of the split (``given`` when set): measured on a thread for
    our tokenizers (the C++ call releases the GIL), else at once; ``result()`` gives it or
    raises its error."""

    def __init__(self, tokenizer: Any, names: list[str], given: float | None) -> None:
        self._value: float = given or 0.0
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if given:
            return
        files = names[:MAX_NUM_FILES_NUM_TOKENS_PER_NOTE]
        if _native_tokenizer(tokenizer):
            self._thread = threading.Thread(target=self._run, args=(tokenizer, files), daemon=True)
            self._thread.start()
        else:  # Python code of the tokenizer: on the caller's thread, as before
            self._value = get_average_num_tokens_per_note(tokenizer, files)

    def _run(self, tokenizer: Any, files: list[str]) -> None:
        try:
            self._value = get_average_num_tokens_per_note(tokenizer, files)
        except BaseException as err:  # given back by result(), in the caller's thread
            self._error = err

    def result(self) -> float:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


def _is_native(names: list[str], native: bool) -> list[bool]:
    """Which files are split by the C++ batches: MIDI files, when no preprocessing_method runs."""
    return [native and os.path.splitext(n)[1] in MIDI_FILES_EXTENSIONS for n in names]


def _resolve_parents(names: list[str]) -> list[str]:
    """Absolute paths with the directories resolved (symlinks, ``..``), each directory once;
    the file names stay as given, so chunks are named after them as MidiTok does."""
    parents: dict[str, str] = {}
    out = []
    for name in names:
        head, tail = os.path.split(name)
        parent = parents.get(head)
        if parent is None:
            parent = parents[head] = os.path.realpath(head or os.curdir)
        out.append(os.path.join(parent, tail))
    return out


def _split_all(
    names: list[str],
    resolved: list[str],
    is_native: list[bool],
    tokenizer: Any,
    options: Any,
    preprocessing_method: Callable[[Any], Any] | None,
    threads: int,
    save_dir: Path,
) -> tuple[SplitFilesResult, CachePayload, dict[int, str]]:
    """The chunk paths of every file in input order, the cache's payload of them (names
    relative to save_dir, sizes in bytes) and the errors by file index: MIDI files in C++ batches
    on threads, the others one by one in Python. Each C++ batch runs in the background while the
    previous one's paths are turned into Path objects and cache entries."""
    from tqdm.auto import tqdm

    native = [i for i, n in enumerate(is_native) if n]
    # Files split through Python, and the batches' results by file when some are
    per_file: dict[int, tuple[list[str], list[int | None]]] = {}
    chunks = SplitFilesResult()
    payload = CachePayload()
    errors: dict[int, str] = {}
    prefix = os.path.join(str(save_dir), "")
    all_native = len(native) == len(names)
    # One output over the batches: a new or empty save_dir is staged and appears in one rename
    # (the chunks of a split cut short by an error or an interrupt are absent, not half there).
    batch = _core.SplitBatch(options)
    step = max(256, threads * 64)
    batches = [native[b : b + step] for b in range(0, len(native), step)]
    with tqdm(total=len(names), desc=f"Splitting music files ({save_dir})", smoothing=0) as bar:
        if batches:
            batch.advance([resolved[i] for i in batches[0]], threads)
        for k, idx in enumerate(batches):
            following = batches[k + 1] if k + 1 < len(batches) else []
            paths, counts, errs, sizes = batch.advance([resolved[i] for i in following], threads)
            errors.update((idx[e], err) for e, err in errs)
            sizes = sizes.tolist()
            if all_native:
                rels = _relative_names(paths, prefix, save_dir)
                fast = _child_paths(save_dir, rels)
                chunks.extend(_to_paths(paths) if fast is None else fast)
                payload.add(rels, sizes)
            else:
                start = 0
                for i, count in zip(idx, counts.tolist(), strict=True):
                    per_file[i] = (paths[start : start + count], sizes[start : start + count])
                    start += count
            bar.update(len(idx))
        batch.commit()  # before the files split in Python write into save_dir
        if all_native:
            return chunks, payload, errors
        for i, n in enumerate(is_native):
            if not n:
                paths, err = _split_one_in_python(
                    Path(names[i]), resolved[i], tokenizer, options, preprocessing_method
                )
                per_file[i] = (paths, [None] * len(paths))
                if err:
                    errors[i] = err
                bar.update(1)
    rel_names: list[str] = []
    chunk_sizes: list[int | None] = []
    for i in range(len(names)):
        chunks.extend(_to_paths(per_file[i][0]))
        rel_names += _relative_names(per_file[i][0], prefix, save_dir)
        chunk_sizes += per_file[i][1]
    payload.add_unsized(save_dir, rel_names, chunk_sizes)
    return chunks, payload, errors


def _relative_names(paths: list[str], prefix: str, save_dir: Path) -> list[str]:
    """The chunk paths relative to save_dir (`prefix`: save_dir with a trailing slash)."""
    cut = len(prefix)
    return [p[cut:] if p.startswith(prefix) else os.path.relpath(p, save_dir) for p in paths]


def _split_one_in_python(
    file_path: Path,
    resolved: str,
    tokenizer: Any,
    options: Any,
    preprocessing_method: Callable[[Any], Any] | None,
) -> tuple[list[str], str]:
    """One file through the Python-facing steps (ABC files, custom preprocessing)."""
    try:
        score = Score(file_path)
    except SCORE_LOADING_EXCEPTION as err:
        return [], str(err) or type(err).__name__
    _core.prepare_time_signatures_for_split(score, options)
    if preprocessing_method is not None:
        score, _ = _to_ours(preprocessing_method(score))
    if file_path.suffix in MIDI_FILES_EXTENSIONS:
        return _core.split_score_to_files(score, resolved, options), ""
    paths = []
    for path, chunk in _core.split_score_for_files(score, resolved, options):
        _dump_chunk(chunk, Path(path))
        paths.append(path)
    return paths, ""


__all__ = [
    "get_average_num_tokens_per_note",
    "split_files_for_training",
    "split_score_per_beats",
    "split_score_per_note_density",
    "split_score_per_ticks",
    "split_score_per_tracks",
    "split_seq_in_subsequences",
    "split_tokens_files_to_subsequences",
]
