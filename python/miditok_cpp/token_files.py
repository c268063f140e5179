"""MidiTok's token files: save_tokens, load_tokens and tokenize_dataset on MusicTokenizer.

The files are MidiTok's JSON documents ``{"ids": ..., "ids_encoded": ..., "programs": ...}``, so
miditok reads ours and we read miditok's. ``tokenize_dataset`` reads, tokenizes and writes the
files on C++ threads with the GIL released, drawing a tqdm bar from a counter the threads update;
a file that cannot be read or written is skipped and reported, never stops the others.
"""

from __future__ import annotations

import json
import os
import threading
import warnings
from collections.abc import Callable
from pathlib import Path

from . import _core, _fileio
from ._host import TokenizerHost
from .classes import TokSequence
from .utils.utils import convert_ids_tensors_to_list

# MidiTok's SUPPORTED_MUSIC_FILE_EXTENSIONS (MIDI and ABC, these exact cases).
MUSIC_FILE_EXTENSIONS = frozenset({".mid", ".midi", ".MID", ".MIDI", ".abc", ".ABC"})
# Files read per round when a validation function must see each Score in Python.
_VALIDATION_CHUNK = 256


def _plain(ids):
    """Ids as JSON-ready Python ints (lists, numpy arrays and tensors accepted)."""
    if isinstance(ids, list):
        return [_plain(x) if isinstance(x, list) else int(x) for x in ids]
    return convert_ids_tensors_to_list(ids)


def _deepest_common_dir(resolved: list[str]) -> Path:
    """Deepest folder holding every (resolved) file; MidiTok's get_deepest_common_subdir."""
    return Path(_core.deepest_common_dir(resolved))


def _run_with_progress(fn: Callable, total: int, desc: str, counter, show: bool):
    """Runs fn (a C++ call that releases the GIL and counts files) under a tqdm bar."""
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        show = False
    if not show or total == 0:
        return fn()
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as err:  # re-raised in the caller
            outcome["error"] = err

    worker = threading.Thread(target=target, daemon=True)
    with tqdm(total=total, desc=desc, unit="file", smoothing=0) as bar:
        worker.start()
        while worker.is_alive():
            worker.join(0.1)
            bar.update(counter.value - bar.n)
        bar.update(counter.value - bar.n)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class TokenFilesMixin(TokenizerHost):
    """save_tokens / load_tokens / tokenize_dataset for MusicTokenizer (MidiTok 3.1.0's API)."""

    def save_tokens(self, tokens, path, programs=None, **kwargs) -> None:
        """Writes ``tokens`` (a :class:`TokSequence`, a list of them, ids, an array or a
        tensor) to the JSON token file ``path`` in MidiTok's format (parent folders created).

        Only the ids are saved, with ``ids_encoded`` when TokSequences are given. ``programs``
        (default None) adds the ``(program, is_drum)`` of each track, and any other keyword
        ``kwargs`` are written as extra entries of the file. Returns None; raises IoError when
        the file cannot be written.
        """
        ids: list = []
        ids_encoded: bool | list[bool] | None = None
        if isinstance(tokens, TokSequence):
            if len(tokens.ids) == 0:
                self.complete_sequence(tokens)
            ids_encoded = bool(tokens.are_ids_encoded)
            ids = _plain(tokens.ids)
        elif isinstance(tokens, list) and len(tokens) == 0:
            pass
        elif isinstance(tokens[0], TokSequence):
            encoded: list[bool] = []
            for seq in tokens:
                if len(seq.ids) == 0:
                    self.complete_sequence(seq)
                encoded.append(bool(seq.are_ids_encoded))
                ids.append(_plain(seq.ids))
            ids_encoded = encoded
        else:
            ids = _plain(tokens)
        if "ids_encoded" not in kwargs and ids_encoded is not None:
            kwargs["ids_encoded"] = ids_encoded
        content = {"ids": ids, **kwargs}
        if programs is not None:
            content["programs"] = [(int(p), bool(d)) for p, d in programs]
        _fileio.write_json(path, content, sync=False)  # written in numbers: no fsync each

    def load_tokens(self, path, raw: bool = False):
        """Reads the JSON token file ``path`` (as written by :meth:`save_tokens` or MidiTok).

        Returns its ids as :class:`TokSequence` (one, or a list per track, following the
        tokenizer's i/o format), or with ``raw`` (default False) the file's whole content as a
        dict. Raises OSError when the file cannot be read and ValueError on malformed JSON.
        """
        with Path(path).open() as file:
            content = json.load(file)
        if raw:
            return content
        return self._convert_sequence_to_tokseq(content["ids"])

    def _convert_sequence_to_tokseq(self, input_seq):
        """Ids or tokens (lists, array, tensor) as a TokSequence, or one per track."""
        if isinstance(input_seq, (list, tuple)):
            seq = list(input_seq)
        else:
            seq = convert_ids_tensors_to_list(input_seq)
        # Dimensions as MidiTok counts them: up to three, from the first element of each
        # level; an empty first row counts as one more when that makes the i/o format's.
        expected = len(self.io_format)
        dims, first = 1, seq[0] if seq else None
        if isinstance(first, list):
            dims = 2
            if (first and isinstance(first[0], list)) or (not first and dims == expected - 1):
                dims = 3
        leaf = seq
        while isinstance(leaf, list) and leaf:
            leaf = leaf[0]
        kind = "tokens" if isinstance(leaf, str) else "ids"
        if not self.one_token_stream and dims == expected - 1:
            warnings.warn(
                f"The input sequence has one dimension less than expected ({dims} instead of "
                f"{expected}). It is being unsqueezed to conform with the tokenizer's i/o "
                f"format ({self.io_format})",
                stacklevel=3,
            )
            seq, dims = [seq], expected
        if dims != expected:
            msg = (
                f"The input sequence does not have the expected dimension ({dims} instead of "
                f"{expected})."
            )
            raise ValueError(msg)
        base = len(self._vocab_base)

        def one(values) -> TokSequence:
            out = TokSequence(**{kind: values})
            if kind == "ids" and self.is_trained and not self.is_multi_voc:
                out.are_ids_encoded = any(i >= base for i in values)
            return out

        return one(seq) if self.one_token_stream else [one(s) for s in seq]

    def tokenize_dataset(
        self,
        files_paths,
        out_dir,
        overwrite_mode: bool = True,
        validation_fn: Callable | None = None,
        save_programs: bool | None = None,
        verbose: bool = True,
        parallel_workers_size: int | None = None,
    ) -> list[tuple[str, str]]:
        """Tokenizes music files (MIDI, ABC) into MidiTok JSON token files, on C++ threads.

        ``files_paths`` is a folder (searched recursively for .mid/.midi/.abc files) or a list
        of files; the folders under their deepest common folder are reproduced in ``out_dir``,
        each file giving ``<stem>.json`` (``<stem>_<i>.json`` when ``overwrite_mode`` is False
        and the name is taken). ``validation_fn(score)`` returning False skips a file.
        ``save_programs`` (default: ``not config.use_programs``) adds the tracks' programs.
        ``parallel_workers_size`` is the number of threads (default: MIDITOK_NUM_THREADS, else
        all cores). A tqdm bar shows the progress.

        Returns the files skipped because they could not be read, tokenized or written, as
        ``(path, error)``; with ``verbose`` their count and paths are also given in a warning.
        MidiTok returns None and skips such files silently.
        """
        out = Path(out_dir).resolve()
        out.mkdir(parents=True, exist_ok=True)
        if isinstance(files_paths, (str, os.PathLike)):
            root = Path(files_paths).resolve()
            paths = sorted(p for p in root.glob("**/*") if p.suffix in MUSIC_FILE_EXTENSIONS)
            resolved = [str(p) for p in paths]
        else:
            paths = [Path(p) for p in files_paths]
            resolved = [os.path.realpath(p) for p in paths]
            root = _deepest_common_dir(resolved) if resolved else out
        if not paths:
            warnings.warn(
                f"miditok_cpp - tokenizer.tokenize_dataset: No music file found in the given "
                f"path(s): {files_paths}. Supported extensions are: "
                f"{sorted(MUSIC_FILE_EXTENSIONS)}.",
                stacklevel=2,
            )
            return []
        if save_programs is None:
            save_programs = not self.config.use_programs
        threads = parallel_workers_size or 0
        desc = f"Tokenizing music files ({'/'.join(out.parts[-2:])})"
        errors = _write_files(
            self, resolved, validation_fn, str(root), str(out), overwrite_mode,
            bool(save_programs), threads, desc,
        )  # fmt: skip
        if verbose and errors:
            listed = "\n".join(f"  {p}: {e}" for p, e in errors[:20])
            more = f"\n  ... and {len(errors) - 20} more" if len(errors) > 20 else ""
            warnings.warn(
                f"miditok_cpp - tokenize_dataset: {len(errors)} of {len(paths)} files could not "
                f"be tokenized and were skipped:\n{listed}{more}",
                stacklevel=2,
            )
        return errors


def _write_files(
    tokenizer, paths, validation_fn, root, out, overwrite, save_programs, threads, desc
) -> list[tuple[str, str]]:
    """Runs the C++ writer over all paths (in rounds when validation_fn must see the scores)."""
    counter = _core._Counter()

    def write(batch, scores):
        return _core._write_token_files(
            tokenizer._core, tokenizer._model, batch, scores, root, out, overwrite,
            save_programs, threads, counter,
        )  # fmt: skip

    if validation_fn is None:
        _, written_errors = _run_with_progress(
            lambda: write(paths, None), len(paths), desc, counter, show=True
        )
        return list(written_errors)

    from tqdm import tqdm  # a dependency of the package

    bar = tqdm(total=len(paths), desc=desc, unit="file")
    errors: list[tuple[str, str]] = []
    for start in range(0, len(paths), _VALIDATION_CHUNK):
        chunk = paths[start : start + _VALIDATION_CHUNK]
        scores, failed = _core.read_midi_files(chunk, threads)
        errors.extend(failed)
        keep = [i for i, s in enumerate(scores) if s is not None and validation_fn(s)]
        _, write_errors = write([chunk[i] for i in keep], [scores[i] for i in keep])
        errors.extend(write_errors)
        bar.update(len(chunk))
    bar.close()
    return errors
