"""TokenizerConfig: MidiTok 3.1.0's configuration class, same signature, attributes and JSON.

The options, their defaults and docs come from the C++ table (config_options.def, through
``_config_options``); MidiTok's constructor logic runs once, in the C++ core (``ConfigError``, a
``ValueError``, naming the option and its allowed range; MidiTok's warnings reported back). The
attributes stay plain Python objects, so ``to_dict``, ``==``, ``copy`` and pickling behave as
MidiTok's.
"""

from __future__ import annotations

import json
import warnings
from copy import deepcopy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _config_options, _core, _fileio
from ._config_options import OPTIONS

_IGNORED_KEYS = ("miditok_version", "symusic_version", "hf_tokenizers_version")


def _stored(codec: str, value: Any) -> Any:
    """The attribute MidiTok's constructor stores for an argument of this kind: sets for sets, a
    new list of special tokens, time_signature_range's (min, max) tuples expanded (JSON, the
    core's form, cannot tell a tuple from a list)."""
    if codec == "IntSet":
        return set(value)
    if codec == "SpecialTokens":
        return list(value)
    if codec == "TsRange":
        return {
            den: (list(range(nums[0], nums[1] + 1)) if isinstance(nums, tuple) else nums)
            for den, nums in value.items()
        }
    return value


def _json_default(value: Any) -> Any:
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    msg = f"{type(value).__name__} is not a valid TokenizerConfig value"
    raise TypeError(msg)


class TokenizerConfig:
    # __doc__, __init__'s signature and its defaults come from the C++ option table.
    __doc__ = _config_options.docstring(
        "Tokenizer configuration, with MidiTok's parameters, defaults and derived flags.\n\n"
        "MidiTok's constructor logic (validation, normalisation, derived flags, warnings) runs in "
        "the C++ core; the attributes stay plain Python objects, so ``to_dict``, ``==``, "
        "``copy`` and pickling behave as MidiTok's."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        bound = _SIGNATURE.bind(self, *args, **kwargs)
        bound.apply_defaults()
        values = bound.arguments
        for option in OPTIONS:  # MidiTok's attribute order
            setattr(self, option.name, _stored(option.codec, values[option.name]))
        self.additional_params = values["kwargs"]
        self._finalize()

    def _finalize(self) -> None:
        """Applies MidiTok's constructor logic (in the C++ core): the options it changes are set
        from the core's result, the others keep the objects given; its warnings are shown as
        MidiTok shows them (UserWarning)."""
        read_json, result_json, messages = _core._config_finalize(self._core_json())
        self._take_core_result(read_json, result_json, messages, stacklevel=4)

    def _take_core_result(
        self, read_json: str, result_json: str, messages: list[str], stacklevel: int
    ) -> None:
        """Takes the C++ core's changes to this config: ``read_json`` is the config as the core
        read it and ``result_json`` as its rules left it (both in its form); the options that
        differ are set from the result, the others keep the objects given; ``messages`` are the
        warnings of those rules, shown as MidiTok shows them (UserWarning, ``stacklevel`` frames
        up)."""
        for message in messages:
            warnings.warn(message, UserWarning, stacklevel=stacklevel)
        read, result = json.loads(read_json), json.loads(result_json)
        for option in OPTIONS:
            if result[option.name] != read[option.name]:
                value = _config_options.from_json_value(option.codec, result[option.name])
                setattr(self, option.name, _stored(option.codec, value))
        params, before = result["additional_params"], read["additional_params"]
        for key in [k for k in self.additional_params if k not in params]:
            del self.additional_params[key]  # in place, as MidiTok pops legacy arguments
        self.additional_params.update(
            {k: v for k, v in params.items() if k not in before or before[k] != v}
        )

    @property
    def max_num_pos_per_beat(self) -> int:
        """Maximum number of positions per beat (max of beat_res values)."""
        return max(self.beat_res.values())

    @property
    def using_note_duration_tokens(self) -> bool:
        """True when at least one program has Duration tokens."""
        return len(self.use_note_duration_programs) > 0

    def _core_dict(self) -> dict[str, Any]:
        """The options and additional_params in the core's form (sets listed in iteration
        order); other attributes set on the object are not options and stay on the Python side,
        as MidiTok's tokenizers ignore them."""
        d = {o.name: _config_options.to_json_value(o.codec, getattr(self, o.name)) for o in OPTIONS}
        d["additional_params"] = self.additional_params
        return d

    def _core_json(self) -> str:
        """The serialised config handed to the C++ core (its exact form: an unknown key there is
        a ConfigError)."""
        return json.dumps(self._core_dict(), default=_json_default)

    @classmethod
    def from_dict(cls, input_dict: dict[str, Any], **kwargs) -> TokenizerConfig:
        """Builds a config from ``input_dict``, a dict as ``to_dict`` returns it: its
        ``additional_params`` are merged into it and the keys MidiTok writes but does not take
        back (versions) are dropped. ``kwargs`` (none by default) are passed to the
        constructor with them, overriding nothing (a key in both raises TypeError)."""
        input_dict = dict(input_dict)
        input_dict.update(**input_dict.pop("additional_params", {}))
        for key in _IGNORED_KEYS:
            input_dict.pop(key, None)
        return cls(**input_dict, **kwargs)

    def to_dict(self, serialize: bool = False) -> dict[str, Any]:
        """The attributes as a dict; ``serialize=True`` makes it JSON-serialisable."""
        dict_config = deepcopy(self.__dict__)
        if serialize:
            _serialize_dict(dict_config)
        return dict_config

    def save_to_json(self, out_path) -> None:
        """Writes the config to ``out_path`` (a path; its parent folders are created) as a
        JSON file, in MidiTok's layout (``to_dict(serialize=True)``, indent 4), whole or not
        at all. Returns None."""
        out_path = Path(out_path)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        _fileio.write_json(out_path, self.to_dict(serialize=True), indent=4)

    @classmethod
    def load_from_json(cls, config_file_path) -> TokenizerConfig:
        """Loads the config saved at ``config_file_path`` (a path to a JSON file written by
        ``save_to_json``, ours or MidiTok's). Raises an OSError subclass when the file cannot
        be read and a ValueError subclass when it is not such a config."""
        dict_config = _fileio.load_json_file(config_file_path, "config file")
        return cls.from_serialized_dict(dict_config, chord_maps_as_tuples=False)

    @classmethod
    def from_serialized_dict(
        cls, dict_config: dict[str, Any], chord_maps_as_tuples: bool = True
    ) -> TokenizerConfig:
        """Builds a config from ``dict_config``, its JSON form (``to_dict(serialize=True)``:
        beat ranges as ``"start_end"`` strings, time-signature denominators as strings,
        lists for tuples). ``chord_maps_as_tuples`` (default True) turns the chord maps'
        lists back into tuples, as MidiTok does; MidiTok 2's ``rest_range`` key is read too."""
        dict_config = dict(dict_config)
        for key in ("beat_res", "beat_res_rest"):
            if key in dict_config:
                dict_config[key] = {
                    tuple(map(int, rng.split("_"))): res for rng, res in dict_config[key].items()
                }
        if "time_signature_range" in dict_config:
            dict_config["time_signature_range"] = {
                int(den): nums for den, nums in dict_config["time_signature_range"].items()
            }
        if chord_maps_as_tuples and "chord_maps" in dict_config:
            dict_config["chord_maps"] = {q: tuple(m) for q, m in dict_config["chord_maps"].items()}
        if "rest_range" in dict_config:
            rr = dict_config.pop("rest_range")
            dict_config["beat_res_rest"] = {(0, rr[1]): rr[0]}
        return cls.from_dict(dict_config)

    def copy(self) -> TokenizerConfig:
        """A deep copy."""
        return deepcopy(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TokenizerConfig):
            return False
        other_dict = other.to_dict()
        for key, value in self.to_dict().items():
            if key not in other_dict:
                return False
            try:
                if len(value) != len(other_dict[key]):
                    return False
                for v1, v2 in zip(value, other_dict[key], strict=False):
                    if v1 != v2:
                        return False
            except TypeError:
                if other_dict[key] != value:
                    return False
        return True

    __hash__ = None  # type: ignore[assignment]  # mutable, unhashable (as MidiTok's)

    if TYPE_CHECKING:  # the options' attributes are set from the C++ option table at run time

        def __getattr__(self, name: str) -> Any: ...

        def __setattr__(self, name: str, value: Any) -> None: ...

    def __repr__(self) -> str:
        return f"TokenizerConfig({self.to_dict()!r})"


_SIGNATURE = _config_options.signature(_config_options.DEFAULTS)
TokenizerConfig.__init__.__signature__ = _SIGNATURE  # type: ignore[attr-defined]


def _serialize_dict(d: dict) -> None:
    for key, value in d.items():
        if key in ("beat_res", "beat_res_rest"):
            d[key] = {f"{k1}_{k2}": v for (k1, k2), v in value.items()}
        elif isinstance(value, dict):
            _serialize_dict(value)
        elif isinstance(value, set):
            d[key] = list(value)
        elif hasattr(value, "tolist"):
            d[key] = value.tolist()
