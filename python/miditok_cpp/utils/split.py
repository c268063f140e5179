"""Splitting of scores, music files and token files into chunks for training (MidiTok's utils).

The score splitting and the file splitting run in C++ (``miditok_cpp._core``), in native threads
with the GIL released. This module needs no PyTorch.
"""

from __future__ import annotations

import json
from copy import deepcopy
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence


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
            with (out_dir / f"{file_path.name}_{i}.json").open("w") as outfile:
                json.dump(new_tokens, outfile)


__all__ = [
    "split_seq_in_subsequences",
    "split_tokens_files_to_subsequences",
]
