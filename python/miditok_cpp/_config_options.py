"""TokenizerConfig's options as the C++ core declares them (``config_options.def``, exposed by
``_core.config_options()``), in Python form: MidiTok's defaults with MidiTok's Python types (tuples,
dicts with tuple keys), the JSON <-> Python conversion of each value kind ("codec"), the signature
and the docstring of ``TokenizerConfig.__init__``. Nothing here lists an option by hand.
"""

from __future__ import annotations

import inspect
import json
from dataclasses import dataclass
from typing import Any

from . import _core

# Python annotation of each codec (as MidiTok's signature writes them).
_ANNOTATIONS = {
    "Int": "int",
    "Bool": "bool",
    "Str": "str",
    "IntPair": "tuple[int, int]",
    "BeatRes": "dict[tuple[int, int], int]",
    "SpecialTokens": "Sequence[str]",
    "IntSet": "Sequence[int]",
    "IntTuple": "tuple[int, int, int]",
    "Num": "float",
    "NumPair": "tuple[int, int]",
    "ChordMaps": "dict[str, tuple]",
    "OptIntPair": "tuple[int, int] | None",
    "TsRange": "Mapping[int, list[int] | tuple[int, int]]",
}


def from_json_value(codec: str, value: Any) -> Any:
    """A value of the JSON form (MidiTok's to_dict(serialize=True)) in MidiTok's Python form."""
    if codec in ("IntPair", "IntTuple", "NumPair") or (codec == "OptIntPair" and value is not None):
        return tuple(value)
    if codec == "BeatRes":
        return {tuple(map(int, rng.split("_"))): res for rng, res in value.items()}
    if codec == "ChordMaps":
        return {quality: tuple(intervals) for quality, intervals in value.items()}
    if codec == "TsRange":
        return {int(den): nums for den, nums in value.items()}
    return value


def to_json_value(codec: str, value: Any) -> Any:
    """A value as the C++ core reads it: MidiTok's to_dict(serialize=True) form."""
    if codec == "BeatRes":
        return {f"{k1}_{k2}": v for (k1, k2), v in dict(value).items()}
    if codec == "TsRange":
        return {str(den): list(nums) for den, nums in value.items()}
    if codec == "ChordMaps":
        return {quality: list(intervals) for quality, intervals in dict(value).items()}
    if isinstance(value, (set, tuple, list)) or hasattr(value, "tolist"):
        return list(value.tolist() if hasattr(value, "tolist") else value)
    return value


@dataclass(frozen=True)
class Option:
    """One row of config_options.def."""

    name: str
    group: str
    position: int
    codec: str
    check: str
    doc: str
    default: Any

    @property
    def annotation(self) -> str:
        return _ANNOTATIONS[self.codec]


OPTIONS: tuple[Option, ...] = tuple(
    Option(
        row["name"],
        row["group"],
        row["position"],
        row["codec"],
        row["check"],
        row["doc"],
        from_json_value(row["codec"], json.loads(row["default_json"])),
    )
    for row in _core.config_options()
)
"""The options in MidiTok's attribute order (the key order of its serialised config)."""

BY_NAME: dict[str, Option] = {o.name: o for o in OPTIONS}
DEFAULTS: dict[str, Any] = {o.name: o.default for o in OPTIONS}
"""MidiTok's default of each option (constants.py exposes them under MidiTok's names)."""

AC_FLAGS: tuple[str, ...] = tuple(o.name for o in OPTIONS if o.group == "ac" and o.codec == "Bool")
"""The attribute-control switches."""


def signature(defaults: dict[str, Any]) -> inspect.Signature:
    """``TokenizerConfig.__init__``'s signature: the options in MidiTok's order, then **kwargs."""
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    for o in sorted(OPTIONS, key=lambda o: o.position):
        params.append(
            inspect.Parameter(
                o.name,
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
                default=defaults[o.name],
                annotation=o.annotation,
            )
        )
    params.append(inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD))
    return inspect.Signature(params, return_annotation="None")


def docstring(summary: str) -> str:
    """The class docstring: ``summary`` then one ``:param:`` line per option, in signature
    order."""
    lines = [summary, ""]
    for o in sorted(OPTIONS, key=lambda o: o.position):
        check = "" if o.check == "none" else f" (validated: {o.check})"
        lines.append(f":param {o.name}: {o.doc}{check}")
    lines.append(
        ":param kwargs: other keyword arguments, kept in ``additional_params`` (as MidiTok does)."
    )
    return "\n".join(lines)


def stub_init() -> str:
    """The ``__init__`` of a ``.pyi`` stub of TokenizerConfig (for scripts generating stubs)."""
    lines = ["    def __init__(", "        self,"]
    for o in sorted(OPTIONS, key=lambda o: o.position):
        lines.append(f"        {o.name}: {o.annotation} = ...,")
    lines += ["        **kwargs: Any,", "    ) -> None: ..."]
    return "\n".join(lines)
