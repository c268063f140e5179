"""Python's and C++'s views of every config option are equal, and equal to miditok's.

For each of the 11 tokenizations and MidiTok's test configs: after the tokenizer's construction,
every option of the table (config_options.def) read from the Python TokenizerConfig equals the C++
config's field (``_core.config_json()``), and the whole config equals the config of miditok 3.1.0's
tokenizer built from the same arguments (to_dict, serialised). Also: the option table is the
Python signature, defaults and docstring; an unknown key on the core's channel is a ConfigError;
MidiTok's warnings come back from the core with MidiTok's category.
"""

from __future__ import annotations

import inspect
import json
import warnings
from copy import deepcopy

import pytest
from test_conformance_config import CONFIGS as CONFIG_SWEEP
from tok_conformance import MULTI_VARIANTS, ONE_TRACK_PARAMS, SEED

miditok = pytest.importorskip("miditok")

import miditok_cpp  # noqa: E402
from miditok_cpp import _config_options, _core  # noqa: E402

# Every tokenization of MidiTok 3.1.0 (MMM over each of its three bases).
TOKENIZATIONS = list(miditok.tokenizations.__all__)
CONFIGS = [*CONFIG_SWEEP, SEED, ONE_TRACK_PARAMS, *MULTI_VARIANTS]
_MMM_BASES = ("REMI", "TSD", "MIDILike")
# Configs miditok accepts and we refuse with a ConfigError (docs/differences.md, row 64).
_DOCUMENTED_REFUSALS = {("PerTok", "sustain_pedal_duration")}


def _for(cls: str, params: dict, index: int) -> dict:
    """The config as MidiTok's tests adapt it to a tokenization (MMM's base, PerTok's timing)."""
    p = deepcopy(params)
    if cls == "MMM":
        p["base_tokenizer"] = _MMM_BASES[index % len(_MMM_BASES)]
    if cls == "PerTok":
        p.update(use_microtiming=True, ticks_per_quarter=220, max_microtiming_shift=0.25)
        p.update(num_microtiming_bins=110, beat_res={(0, 128): 4, (0, 32): 3})
    return p


def _comparable(d: dict) -> dict:
    """A serialised config with sets (listed in iteration order) as sorted lists."""
    out = json.loads(json.dumps(d))
    for o in _config_options.OPTIONS:
        if o.codec == "IntSet" and o.name in out:
            out[o.name] = sorted(out[o.name])
        # MidiTok only tests chord_unknown's truth: False is None (the core has no False there).
        if o.codec == "OptIntPair" and o.name in out and not out[o.name]:
            out[o.name] = None
    return out


def test_every_tokenization_is_covered():
    assert len(TOKENIZATIONS) == 10
    assert all(hasattr(miditok_cpp, cls) for cls in TOKENIZATIONS)


@pytest.mark.parametrize("cls", TOKENIZATIONS)
def test_python_cpp_and_miditok_views_equal(cls):
    checked = 0
    for index, params in enumerate(CONFIGS):
        p = _for(cls, params, index)
        where = f"{cls} with {p}"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                ref = getattr(miditok, cls)(miditok.TokenizerConfig(**deepcopy(p)))
            except Exception as e:  # miditok refuses the config: so must we
                with pytest.raises(type(e) if isinstance(e, ValueError) else Exception):
                    getattr(miditok_cpp, cls)(miditok_cpp.TokenizerConfig(**deepcopy(p)))
                continue
            refused = (cls, "sustain_pedal_duration") in _DOCUMENTED_REFUSALS
            if refused and p.get("sustain_pedal_duration") and p.get("use_sustain_pedals"):
                with pytest.raises(miditok_cpp.ConfigError, match="sustain_pedal_duration"):
                    getattr(miditok_cpp, cls)(miditok_cpp.TokenizerConfig(**deepcopy(p)))
                continue
            ours = getattr(miditok_cpp, cls)(miditok_cpp.TokenizerConfig(**deepcopy(p)))
        python_view = _comparable(ours.config.to_dict(serialize=True))
        cpp_view = _comparable(json.loads(ours._core.config_json()))
        for o in _config_options.OPTIONS:
            assert python_view[o.name] == cpp_view[o.name], f"{o.name}: Python != C++ for {where}"
        ref_view = _comparable(ref.config.to_dict(serialize=True))
        assert python_view == ref_view, f"ours != miditok for {where}"
        checked += 1
    assert checked >= len(CONFIGS) // 2, f"{cls}: miditok refused most configs"


@pytest.mark.parametrize("index", range(len(CONFIGS)))
def test_config_alone_equals_miditok_and_cpp(index):
    """The TokenizerConfig alone (no tokenizer): attributes, types and C++ finalisation."""
    params = CONFIGS[index]
    with warnings.catch_warnings(record=True) as ref_warnings:
        warnings.simplefilter("always")
        ref = miditok.TokenizerConfig(**deepcopy(params))
    with warnings.catch_warnings(record=True) as our_warnings:
        warnings.simplefilter("always")
        ours = miditok_cpp.TokenizerConfig(**deepcopy(params))
    assert [str(w.message) for w in our_warnings] == [str(w.message) for w in ref_warnings]
    assert [w.category for w in our_warnings] == [w.category for w in ref_warnings]
    assert list(ours.__dict__) == list(ref.__dict__)
    for key, value in ref.__dict__.items():
        assert type(getattr(ours, key)) is type(value), key
        assert getattr(ours, key) == value, key
    core = _comparable(json.loads(_core._config_finalize(ours._core_json())[1]))
    assert core == _comparable(ours.to_dict(serialize=True))


def test_table_is_the_python_signature_defaults_and_doc():
    ours = inspect.signature(miditok_cpp.TokenizerConfig)
    ref = inspect.signature(miditok.TokenizerConfig)
    assert list(ours.parameters) == list(ref.parameters)
    for name, param in ref.parameters.items():
        if name != "kwargs":
            assert ours.parameters[name].default == param.default, name
    names = [o.name for o in _config_options.OPTIONS]
    assert names == list(miditok.TokenizerConfig().__dict__)[: len(names)]
    assert len(set(names)) == len(names)
    for o in _config_options.OPTIONS:
        assert f":param {o.name}: {o.doc}" in miditok_cpp.TokenizerConfig.__doc__
    # constants.py's defaults are the signature's objects (mutating one changes later configs).
    assert (
        miditok_cpp.constants.TIME_SIGNATURE_RANGE
        is ours.parameters["time_signature_range"].default
    )
    assert (
        list(miditok_cpp.constants.CONTROL_CHANGES)
        == miditok_cpp.constants.DEFAULT_CONTROL_CHANGE_NUMBERS
    )


def test_unknown_keys_as_miditok():
    # MidiTok keeps unknown keyword arguments, and unknown keys of a loaded config, in
    # additional_params: so do we.
    ours = miditok_cpp.TokenizerConfig(my_param=3)
    assert ours.additional_params == miditok.TokenizerConfig(my_param=3).additional_params
    d = miditok.TokenizerConfig().to_dict()
    d["my_key"] = [1, 2]
    ref = miditok.TokenizerConfig.from_dict(deepcopy(d))
    ours = miditok_cpp.TokenizerConfig.from_dict(deepcopy(d))
    assert ours.additional_params == ref.additional_params == {"my_key": [1, 2]}
    # On the channel between Python and the core, a key that is not an option is an error: a
    # Python option the core does not know cannot pass silently.
    bad = json.loads(ours._core_json())
    bad["not_an_option"] = 1
    with pytest.raises(miditok_cpp.ConfigError, match="not_an_option"):
        _core._config_finalize(json.dumps(bad))
    with pytest.raises(miditok_cpp.ConfigError, match="not_an_option"):
        _core._CoreTokenizer.create("REMI", json.dumps(bad))
    assert issubclass(miditok_cpp.ConfigError, ValueError)


def test_wrong_type_is_config_error():
    with pytest.raises(miditok_cpp.ConfigError, match="num_velocities"):
        miditok_cpp.TokenizerConfig(num_velocities="many")
    with pytest.raises(miditok_cpp.ConfigError, match="encode_ids_split"):
        miditok_cpp.TokenizerConfig(encode_ids_split="word")


@pytest.mark.parametrize("cls", TOKENIZATIONS)
def test_tokenization_warnings_as_miditok(cls):
    """The warnings a tokenizer's constructor gives about its config come from the C++ rules
    and are MidiTok's (same messages, same category)."""
    warned = 0
    for index, params in enumerate(CONFIGS):
        p = _for(cls, params, index)
        if (cls, "sustain_pedal_duration") in _DOCUMENTED_REFUSALS and (
            p.get("sustain_pedal_duration") and p.get("use_sustain_pedals")
        ):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the config's own warnings (checked above)
            ref_config = miditok.TokenizerConfig(**deepcopy(p))
            our_config = miditok_cpp.TokenizerConfig(**deepcopy(p))
        with warnings.catch_warnings(record=True) as ref_warnings:
            warnings.simplefilter("always")
            try:
                getattr(miditok, cls)(ref_config)
            except Exception:  # refused: checked by the test above
                continue
        with warnings.catch_warnings(record=True) as our_warnings:
            warnings.simplefilter("always")
            getattr(miditok_cpp, cls)(our_config)
        # Compared without spaces: some of MidiTok's messages lose one where its source breaks
        # the string ("Be awarethat"); ours keep them.
        ref = sorted((w.category.__name__, "".join(str(w.message).split())) for w in ref_warnings)
        ours = sorted((w.category.__name__, "".join(str(w.message).split())) for w in our_warnings)
        assert ours == ref, f"{cls} with {p}"
        warned += bool(ref)
    assert cls in ("PerTok", "TSD", "MIDILike", "REMI", "BEAT") or warned, cls


def test_python_holds_no_config_rule():
    """No module of the package but config.py sets a config option: the tokenizations' rules
    (what each forces or turns off) are applied by the C++ core, once, and Python takes its
    result. ``special_tokens`` is set from the core's vocabulary when tokens are added."""
    import ast
    from pathlib import Path

    names = {o.name for o in _config_options.OPTIONS} - {"special_tokens"}
    package = Path(miditok_cpp.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.name in ("config.py", "_config_options.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            found += [
                f"{path.name}:{node.lineno} .{t.attr}"
                for t in targets
                if isinstance(t, ast.Attribute) and t.attr in names
            ]
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "setattr"
                and node.args
                and any(w in ast.unparse(node.args[0]) for w in ("config", "cfg"))
            ):
                found.append(f"{path.name}:{node.lineno} setattr")
    assert found == [], "config options set outside config.py:\n" + "\n".join(found)
