"""Token ids checked before they reach the C++ decoder: integers (integral floats accepted, as
MidiTok decodes float tensors), in [0, 2**31); anything else raises TokenError naming the value
and its position. Vectorised with numpy: no per-token Python loop unless an error is reported."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _core

_MAX_ID = 2**31 - 1


def _bad(seq_index: int, pos: int, value: Any, why: str) -> Exception:
    return _core.TokenError(
        f"cannot decode id {value!r} at position {pos} of sequence {seq_index}: {why}"
    )


def _first_bad(seq: Any, seq_index: int, why: str, ok) -> Exception:
    for pos, value in enumerate(seq):
        if not ok(value):
            return _bad(seq_index, pos, value, why)
    return _core.TokenError(f"cannot decode sequence {seq_index}: {why}")


def _is_int(value: Any) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return True
    if isinstance(value, (int, np.integer)):
        return bool(0 <= value <= _MAX_ID)
    if isinstance(value, (float, np.floating)):
        return bool(np.isfinite(value) and float(value).is_integer() and 0 <= value <= _MAX_ID)
    return False


def _as_array(seq: Any, seq_index: int, expected: str) -> np.ndarray | None:
    """The sequence as a numpy array, None when numpy cannot hold it as one (ragged, huge ints),
    or TokenError when it is not a sequence at all."""
    if not isinstance(seq, (list, tuple, np.ndarray)):
        msg = f"cannot decode sequence {seq_index}: expected {expected}, got {seq!r}"
        raise _core.TokenError(msg)
    try:
        return np.asarray(seq)
    except (ValueError, TypeError, OverflowError):
        return None


def checked_ids(seqs: list, expected_dims: int = 1) -> list[list[int]]:
    """The sequences as lists of Python ints, or TokenError naming the first bad value."""
    out: list[list[int]] = []
    for i, seq in enumerate(seqs):
        arr = _as_array(seq, i, "a sequence of ids")
        if arr is None:
            arr = np.asarray(seq, dtype=object)
        if arr.ndim != expected_dims:
            raise _first_bad(seq, i, f"ids must be nested {expected_dims} deep", _is_int)
        if arr.size == 0:
            out.append([])
            continue
        if arr.dtype.kind in "iub":
            if arr.dtype.kind != "b" and (arr.min() < 0 or arr.max() > _MAX_ID):
                raise _first_bad(arr.ravel(), i, "out of the id range [0, 2**31)", _is_int)
        elif arr.dtype.kind == "f":
            integral = np.isfinite(arr) & (arr == np.floor(arr)) & (arr >= 0) & (arr <= _MAX_ID)
            if not integral.all():
                raise _first_bad(arr.ravel(), i, "not an integral id in [0, 2**31)", _is_int)
            arr = arr.astype(np.int64)
        else:
            raise _first_bad(list(arr.ravel()), i, "not an integer id", _is_int)
        out.append(arr.astype(np.int64).tolist())
    return out


def _is_row_id(value: Any) -> bool:
    """A compound slot id: an integral number below 2**31 (negative ones, such as MuMIDI's absent
    slots, are judged by the C++ decoder, which names the slot)."""
    if isinstance(value, (bool, np.bool_, int, np.integer)):
        return bool(-_MAX_ID <= int(value) <= _MAX_ID)
    if isinstance(value, (float, np.floating)):
        return bool(np.isfinite(value) and float(value).is_integer() and abs(value) <= _MAX_ID)
    return False


def checked_rows(seqs: list) -> list[list[list[int]]]:
    """Compound sequences (rows of slot ids, ragged rows allowed) as nested lists of Python ints,
    or TokenError naming the first value that is not an integral id. Rectangular sequences are
    checked with numpy at once; ragged ones (MuMIDI) value by value. Decoders call it only after
    the C++ call refused their input, so well-formed ids never pay for it."""
    out = []
    for i, seq in enumerate(seqs):
        arr = _as_array(seq, i, "rows of ids")
        if arr is not None and arr.ndim == 2 and arr.dtype.kind in "iubf":
            if arr.dtype.kind == "f":
                ok = np.isfinite(arr) & (arr == np.floor(arr)) & (np.abs(arr) <= _MAX_ID)
            else:
                ok = (arr >= -_MAX_ID) & (arr <= _MAX_ID)
            if not ok.all():
                pos = int(np.argmin(ok.ravel()))
                row, slot = divmod(pos, arr.shape[1])
                value = arr.ravel()[pos].item()
                raise _core.TokenError(
                    f"cannot decode id {value!r} at compound token {row}, slot {slot} of "
                    f"sequence {i}: not an integral id below 2**31"
                )
            out.append(arr.astype(np.int64).tolist())
            continue
        rows = []
        for r, row in enumerate(seq):
            if not isinstance(row, (list, tuple, np.ndarray)):
                msg = f"cannot decode compound token {r} of sequence {i}: expected a row of ids"
                raise _core.TokenError(f"{msg}, got {row!r}")
            for s, value in enumerate(row):
                if not _is_row_id(value):
                    raise _core.TokenError(
                        f"cannot decode id {value!r} at compound token {r}, slot {s} of "
                        f"sequence {i}: not an integral id below 2**31"
                    )
            rows.append([int(v) for v in row])
        out.append(rows)
    return out
