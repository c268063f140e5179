"""Case builders the tokenization benchmarks share (bench_tokenize, bench_mmm, bench_multivoc):
the path -> ids and ids -> Score pair of one tokenizer on the shared corpus, ours vs miditok 3.1.0,
one thread, the work counted in files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench.harness import Case


def files_work(data) -> tuple[float, str]:
    """The work of a case over data["paths"]: one unit per file."""
    return float(len(data["paths"])), "file"


def encode_decode_cases(
    label: str,
    prepare: Callable[[bool], Callable[[], Any]],
    encode: Callable[[str], Callable[[Any], Any]],
    decode: Callable[[str], Callable[[Any], Any]],
    what: str = "ids",
) -> list[Case]:
    """`label: path -> what` and `label: what -> Score` on the shared corpus. prepare(with_ids)
    builds the inputs (with our ids of each file for decoding); encode(side) and decode(side) run
    side "ours" or "ref" over them."""
    return [
        Case(
            name=f"{label}: path -> {what}, shared corpus, 1 thread",
            peer="miditok 3.1.0 tokenizer(path)",
            prepare=prepare(False),
            ours=encode("ours"),
            theirs=encode("ref"),
            work=files_work,
        ),
        Case(
            name=f"{label}: {what} -> Score, shared corpus, 1 thread",
            peer="miditok 3.1.0 decode(ids)",
            prepare=prepare(True),
            ours=decode("ours"),
            theirs=decode("ref"),
            work=files_work,
        ),
    ]
