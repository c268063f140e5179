"""Ray Data tokenization: music files into a token store (or Parquet) on a Ray cluster.

:func:`tokenize_files` takes file paths (a Ray Dataset of the paths, each file read by the
workers in C++) or a Ray Dataset with ``bytes`` and ``path`` columns (e.g. from
``ray.data.read_binary_files``), encodes each batch in a class UDF of ``map_batches`` (the
tokenizer sent once per worker, the C++ batch encode with the GIL released) and writes the
token store of :mod:`miditok_cpp.data` (each batch a part store written by the same C++ writer,
merged on the driver) or Parquet. Needs the ``ray`` extra:
``pip install miditok-cpp[ray]``.
"""

from __future__ import annotations


def _require_ray() -> None:
    try:
        import ray.data  # noqa: F401
    except ImportError as err:  # pragma: no cover - depends on the environment
        msg = (
            "miditok_cpp.ray needs Ray Data, which is not installed: "
            "pip install 'miditok-cpp[ray]' (the `ray` extra)"
        )
        raise ImportError(msg) from err


_require_ray()

from ._tokenize import tokenize_files  # noqa: E402  (after the check: a clear ImportError)

__all__ = ["tokenize_files"]
