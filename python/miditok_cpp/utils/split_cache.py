"""The cache of split_files_for_training: a hidden file in save_dir naming the chunks of a
finished split, so that a second call (also from a new process) returns them at once, and the
Path objects of the chunk paths."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import _fileio

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence


class SplitFilesResult(list):
    """The chunk paths (a list), with ``skipped_files``: the inputs that could not be read."""

    skipped_files: list[Path]


def _cache_file(save_dir: Path, names: Sequence[str], params: tuple) -> Path:
    """The hidden marker of a finished split: a digest of the paths and parameters, stable
    across processes (MidiTok uses ``hash()``, which changes with every interpreter)."""
    digest = hashlib.sha256(
        json.dumps([list(names), [repr(p) for p in params]]).encode()
    ).hexdigest()[:32]
    return save_dir / f".{digest}"


def _to_paths(chunks: list[str]) -> Iterator[Path]:
    """Path objects of the chunk paths, parsed once per directory: a chunk's name holds no
    slash, so each is its directory's Path joined with the name (``_make_child_relpath``, what
    ``Path.iterdir`` uses; plain ``Path(s)`` where this Python lacks it)."""
    parents: dict[str, Any] = {}
    for chunk in chunks:
        head, _, name = chunk.rpartition("/")
        parent = parents.get(head)
        if parent is None:
            parent = parents[head] = getattr(Path(head or "/"), "_make_child_relpath", None)
        if parent is None or not head or name in ("", ".", ".."):
            yield Path(chunk)
        else:
            yield parent(name)


def _child_paths(parent: Path, names: list[str]) -> list[Path] | None:
    """The Paths ``parent / name`` of chunk names relative to ``parent``, as _to_paths gives them,
    built by ``map`` without splitting each path (the split's 10,000 chunks in ~3 ms); None when
    a name holds a slash or is "", "." or "..", or this Python has no ``_make_child_relpath``."""
    child = getattr(parent, "_make_child_relpath", None)
    if child is None or "/" in "".join(names) or any(n in names for n in ("", ".", "..")):
        return None
    return list(map(child, names))


# The split cache: a JSON document naming each chunk (relative to save_dir) and its size, the
# number of inputs and a SHA-256 of that payload. It is written atomically after the chunks; one
# that is cut, edited, or lists a chunk now missing or of another size is ignored (split again).
_CACHE_VERSION = "miditok-cpp split cache 3"


class CachePayload:
    """The cache's payload, ``json.dumps([num_files, names, sizes])`` byte for byte, and its
    JSON string escape, built batch by batch (each while the next batch runs): what is left for
    the end of the split is the last batch's part and the digest."""

    def __init__(self) -> None:
        self._names: list[str] = []  # json.dumps(names)[1:-1] of each batch
        self._escaped: list[str] = []  # the same, escaped as in a JSON string
        self._sizes: list[str] = []  # json.dumps(sizes)[1:-1]: digits, commas, spaces
        self._unsized: tuple[Path, list[str], list[int | None]] | None = None

    def add(self, names: list[str], sizes: list[int]) -> None:
        """Appends chunks: their paths relative to save_dir and their sizes in bytes."""
        if names:  # json.dumps of the whole lists joins the items with ", ", as here
            part = json.dumps(names)[1:-1]
            self._names.append(part)
            self._escaped.append(json.dumps(part)[1:-1])  # an escape is per character
            self._sizes.append(json.dumps(sizes)[1:-1])

    def add_unsized(self, save_dir: Path, names: list[str], sizes: list[int | None]) -> None:
        """add() when texts() is called, the sizes not known (None) taken from the files then
        (so that an OSError is the cache write's)."""
        self._unsized = (save_dir, names, sizes)

    def texts(self, num_files: int) -> tuple[str, str]:
        """The payload and its escape (ASCII: json.dumps escapes the rest)."""
        if self._unsized is not None:
            save_dir, names, sizes = self._unsized
            self._unsized = None
            self.add(names, _sizes_of(save_dir, names, sizes))
        size_text = ", ".join(self._sizes)
        return (
            f"[{num_files}, [{', '.join(self._names)}], [{size_text}]]",
            f"[{num_files}, [{', '.join(self._escaped)}], [{size_text}]]",
        )


def _sizes_of(save_dir: Path, names: list[str], sizes: list[int | None]) -> list[int]:
    """The chunks' sizes, taken from the files where not known (None)."""
    if None not in sizes:
        return sizes  # type: ignore[return-value]
    return [
        os.stat(save_dir / name).st_size if n is None else n
        for name, n in zip(names, sizes, strict=True)
    ]


def _write_cache(cache_file: Path, save_dir: Path, num_files: int, chunks: CachePayload) -> None:
    """Writes the cache of a finished split of `num_files` inputs whose chunks are `chunks`."""
    save_dir.mkdir(parents=True, exist_ok=True)
    # Two flat lists, not a list per chunk: no container per chunk for the cyclic GC to count.
    payload, escaped = chunks.texts(num_files)
    digest = hashlib.sha256(payload.encode("ascii")).hexdigest()
    # json.dumps({"version": ..., "sha256": digest, "payload": payload}), the payload escaped
    document = (
        f'{{"version": {json.dumps(_CACHE_VERSION)}, "sha256": "{digest}", "payload": "{escaped}"}}'
    )
    _fileio.write_text(cache_file, document + "\n", sync=False)


def _read_cache(cache_file: Path, save_dir: Path) -> SplitFilesResult | None:
    """The chunks the cache lists, or None when it is not a whole, matching cache."""
    try:
        document = json.loads(_fileio.read_bytes(cache_file).decode("utf-8"))
        payload = document["payload"]
        digest = hashlib.sha256(payload.encode("utf-8", "surrogateescape")).hexdigest()
        if document["version"] != _CACHE_VERSION or document["sha256"] != digest:
            return None
        _, names, sizes = json.loads(payload)
        prefix = os.path.join(str(save_dir), "")
        paths = [prefix + name for name in names]
        if any(os.stat(p).st_size != size for p, size in zip(paths, sizes, strict=True)):
            return None  # a chunk rewritten or cut since
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # cut, damaged or from another version, or a chunk deleted: split again
    fast = _child_paths(save_dir, names)
    chunks = SplitFilesResult(_to_paths(paths) if fast is None else fast)
    chunks.skipped_files = []
    return chunks
