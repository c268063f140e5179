"""Paths and files in one place: every file the package writes from Python goes through
``write_bytes`` / ``write_text`` / ``write_json`` (the C++ core's atomic write: a temporary name
in the same directory, fsync, rename), so a full disk or a killed process never leaves a partial
file under its final name. Path arguments take str, bytes or os.PathLike; names that are not UTF-8
work (os.fsencode / os.fsdecode). Params files are read with ``load_json_file``, which turns
every way a file can be bad into ConfigError naming the file and the position.
"""

from __future__ import annotations

import errno
import json
import os
from typing import Any

from . import _core


def fspath(path: Any) -> str:
    """The path as a str (bytes decoded as os.fsdecode does); IoError for a NUL inside."""
    path = os.fsdecode(os.fspath(path))
    if "\x00" in path:
        raise _core.IoError(errno.EINVAL, f"path holds a NUL byte: {path!r}", path)
    return path


def write_bytes(path: Any, data: bytes, sync: bool = True) -> None:
    """Writes data atomically at path (whole or not at all); IoError (errno, path) on failure."""
    _core.write_file_atomic(fspath(path), bytes(data), sync)


def write_text(path: Any, text: str, sync: bool = True) -> None:
    """write_bytes of the UTF-8 text (file names inside may hold surrogate escapes)."""
    write_bytes(path, text.encode("utf-8", "surrogateescape"), sync)


def write_json(path: Any, obj: Any, sync: bool = True, **dump_kwargs: Any) -> None:
    """Writes obj as JSON (json.dump's keyword arguments) atomically at path."""
    write_text(path, json.dumps(obj, **dump_kwargs), sync)


def read_bytes(path: Any) -> bytes:
    """The bytes of a regular file; IoError at once for a FIFO, a device or a directory."""
    return _core.read_regular_file(fspath(path))


def load_json_file(path: Any, what: str = "params file") -> Any:
    """The JSON document in a regular file; ConfigError naming the file and the position when it
    is not UTF-8, not JSON or nested too deeply."""
    data = read_bytes(path)
    name = fspath(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        msg = f"{what} {name} is not UTF-8 (byte {err.start}: {err.reason})"
        raise _core.ConfigError(msg) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        msg = f"{what} {name} is not valid JSON: {err.msg} (line {err.lineno}, column {err.colno})"
        raise _core.ConfigError(msg) from None
    except RecursionError:
        msg = f"{what} {name} is nested too deeply to be a {what}"
        raise _core.ConfigError(msg) from None


# What reading a params document whose values do not fit the schema raises in Python code.
BAD_CONTENT = (
    TypeError,
    AttributeError,
    KeyError,
    IndexError,
    ValueError,
    RecursionError,
    OverflowError,
)


def naming_file(err: Exception, path: Any) -> Exception:
    """err, or an error of its class whose message names the file when it does not yet."""
    name = fspath(path)
    if name in str(err) or isinstance(err, OSError):
        return err
    return type(err)(f"{err} (in {name})")


def bad_params(path: Any, err: BaseException) -> Exception:
    """The ConfigError for a params file whose content does not fit (a wrong type, a missing key,
    a value out of range), naming the file and the offending value."""
    return _core.ConfigError(f"params file {fspath(path)}: {type(err).__name__}: {err}")
