"""Shared fixtures: the files of ../shared/corpus by folder, and the reference libraries.

Where the corpus or miditok/symusic are missing (a user's machine), the conformance tests say so
and skip; on CI (CI=true) they fail instead, so they never skip there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("MIDITOK_CORPUS", ROOT.parent / "shared" / "corpus"))
ON_CI = os.environ.get("CI") == "true"


def _missing(what: str) -> None:
    if ON_CI:
        pytest.fail(f"{what} is missing on CI: conformance tests never skip there")
    pytest.skip(f"{what} is missing; conformance tests skipped on this machine")


def corpus_files(folder: str, pattern: str = "*.mid") -> list[Path]:
    """Files of one corpus folder (one_track, multitrack, corrupted, abc), sorted; [] if absent."""
    directory = CORPUS / folder
    return sorted(directory.glob(pattern)) if directory.is_dir() else []


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus directory; skips (fails on CI) when it is absent."""
    if not CORPUS.is_dir():
        _missing(f"the shared corpus ({CORPUS})")
    return CORPUS


@pytest.fixture(scope="session")
def miditok_ref():
    """The reference miditok module (3.1.0)."""
    try:
        import miditok
    except ImportError:
        _missing("miditok==3.1.0")
    return miditok


@pytest.fixture(scope="session")
def symusic_ref():
    """The reference symusic module (0.6.0)."""
    try:
        import symusic
    except ImportError:
        _missing("symusic==0.6.0")
    return symusic
