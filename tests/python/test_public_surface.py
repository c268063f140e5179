"""Every public module and name of miditok 3.1.0 exists in miditok_cpp, with MidiTok's signatures.

The test walks miditok's public modules (no ``_private`` part), their public names (``__all__``,
else the classes and functions they define), the public methods and properties of each class, and
compares each signature with ours: MidiTok's parameters in the same order, of the same kind, with
the same defaults. Compatible extensions are accepted: extra parameters of ours that have a
default, and a default where MidiTok's parameter is required. The only other differences allowed
are listed in DIFFERENCES with their reason (docs/differences.md).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

pytestmark = pytest.mark.conformance

# (MidiTok's __qualname__, parameter): why our default differs.
DIFFERENCES = {
    ("MusicTokenizer.tokenize_dataset", "parallel_workers_size"): (
        "MidiTok's default is cpu_count() + 4 processes, computed when the module is imported; "
        "ours, None, means MIDITOK_NUM_THREADS or every core, in threads"
    ),
    ("augment_dataset", "parallel_workers_size"): "same as tokenize_dataset",
}
# Signatures not matched (none today; a gap closed must leave the set).
KNOWN_GAPS: set[str] = set()


def _public_modules(miditok) -> list[str]:
    names = [miditok.__name__]
    for info in pkgutil.walk_packages(miditok.__path__, miditok.__name__ + "."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return names


def _public_names(module) -> list[str]:
    if hasattr(module, "__all__"):
        return list(module.__all__)
    return [
        name
        for name, obj in vars(module).items()
        if not name.startswith("_")
        and (inspect.isclass(obj) or inspect.isfunction(obj))
        and obj.__module__ == module.__name__
    ]


def _ours(name: str) -> str:
    return "miditok_cpp" + name[len("miditok") :]


def _walk(miditok):
    """(qualified name, MidiTok's object, ours or None) of every public module, name, method
    and property."""
    seen: set[int] = set()
    for module_name in _public_modules(miditok):
        ref_module = importlib.import_module(module_name)
        try:
            our_module = importlib.import_module(_ours(module_name))
        except ImportError:
            yield module_name, ref_module, None
            continue
        for name in _public_names(ref_module):
            ref = getattr(ref_module, name)
            ours = getattr(our_module, name, None)
            qualified = f"{module_name}.{name}"
            yield qualified, ref, ours
            if not inspect.isclass(ref) or id(ref) in seen or ours is None:
                continue
            seen.add(id(ref))
            yield f"{qualified}.__init__", ref.__init__, ours.__init__
            for attr, value in vars(ref).items():
                if attr.startswith("_"):
                    continue
                if isinstance(value, (staticmethod, classmethod)):
                    value = value.__func__
                if isinstance(value, property) or callable(value):
                    yield f"{qualified}.{attr}", value, getattr(ours, attr, None)


def _same_default(ref, ours) -> bool:
    if ref is ours:
        return True
    if repr(ref) == "<factory>":  # a dataclass default_factory: an empty list / str
        return ours is None or repr(ours) == "<factory>"
    if isinstance(ref, (list, tuple)) and isinstance(ours, (list, tuple)):
        return list(ref) == list(ours)
    try:
        return bool(ref == ours)
    except Exception:
        return repr(ref) == repr(ours)


def _signature_problems(qualified: str, ref, ours) -> list[str]:
    try:
        ref_sig = inspect.signature(ref)
    except (TypeError, ValueError):
        return []
    try:
        our_sig = inspect.signature(ours)
    except (TypeError, ValueError):
        return [f"{qualified}: no Python signature"]
    ref_params = [p for p in ref_sig.parameters.values() if p.name not in ("self", "cls")]
    our_params = {p.name: p for p in our_sig.parameters.values() if p.name not in ("self", "cls")}
    problems = []
    order = [p.name for p in our_sig.parameters.values() if p.name in {r.name for r in ref_params}]
    if order != [p.name for p in ref_params if p.name in our_params]:
        problems.append(f"{qualified}: parameters in another order ({order})")
    for param in ref_params:
        mine = our_params.get(param.name)
        if mine is None:
            if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                if not any(p.kind == param.kind for p in our_params.values()):
                    problems.append(f"{qualified}: no {param}")
                continue
            problems.append(f"{qualified}: missing parameter {param.name!r}")
            continue
        if mine.kind != param.kind:
            problems.append(f"{qualified}({param.name}): {mine.kind.name} not {param.kind.name}")
        if param.default is param.empty or (ref.__qualname__, param.name) in DIFFERENCES:
            continue
        if mine.default is mine.empty or not _same_default(param.default, mine.default):
            problems.append(
                f"{qualified}({param.name}): default {mine.default!r}, MidiTok's {param.default!r}"
            )
    ref_names = {p.name for p in ref_params}
    for name, mine in our_params.items():
        extra = name not in ref_names and mine.kind not in (mine.VAR_POSITIONAL, mine.VAR_KEYWORD)
        if extra and mine.default is mine.empty:
            problems.append(f"{qualified}: extra required parameter {name!r}")
    return problems


def test_every_public_name_exists(miditok_ref):
    missing = [qualified for qualified, _, ours in _walk(miditok_ref) if ours is None]
    assert missing == [], "miditok names miditok_cpp lacks:\n" + "\n".join(missing)


def test_signatures_and_defaults(miditok_ref):
    problems, gaps, seen = [], set(), set()
    for qualified, ref, ours in _walk(miditok_ref):
        if ours is None or inspect.isclass(ref) or isinstance(ref, property) or not callable(ref):
            continue  # a class is checked through its __init__
        if id(ref) in seen:  # re-exported by several modules
            continue
        seen.add(id(ref))
        found = _signature_problems(qualified, ref, ours)
        if ref.__qualname__ in KNOWN_GAPS:
            gaps.add(ref.__qualname__)
            continue
        problems.extend(found)
    assert problems == [], "signatures differing from MidiTok's:\n" + "\n".join(problems)
    # A gap closed must leave the list (and a renamed one must not hide).
    assert gaps == KNOWN_GAPS


def test_attribute_control_constructors_take_miditoks_arguments(miditok_ref):
    import miditok_cpp.attribute_controls as ours

    ref = miditok_ref.attribute_controls
    for name, args in (
        ("TrackRepetition", {"num_bins": 4, "num_consecutive_bars": 2, "pitch_range": (21, 109)}),
        ("TrackNoteDensity", {"density_min": 0, "density_max": 18}),
        ("TrackOnsetPolyphony", {"polyphony_min": 1, "polyphony_max": 6}),
        ("BarOnsetPolyphony", {"polyphony_min": 1, "polyphony_max": 6}),
        ("BarNoteDensity", {"density_max": 18}),
        ("TrackNoteDuration", {}),
        ("BarNoteDuration", {}),
        ("BarPitchClass", {}),
    ):
        assert ours_tokens(getattr(ours, name)(**args)) == getattr(ref, name)(**args).tokens
        assert str(inspect.signature(getattr(ours, name).__init__)) == str(
            inspect.signature(getattr(ref, name).__init__)
        )
    with pytest.raises(TypeError):
        ours.TrackRepetition(4, 2)  # pitch_range is required, as MidiTok's


def ours_tokens(control) -> list[str]:
    return list(control.tokens)


def test_attribute_control_base_is_subclassable_in_python():
    """MidiTok users write controls in Python on AttributeControl: ours is a Python class they
    subclass the same way; a tokenizer takes only the built-in controls (docs/differences.md)."""
    from miditok_cpp import REMI, TokenizerConfig, Track
    from miditok_cpp.attribute_controls import AttributeControl, BarAttributeControl, BarPitchClass
    from miditok_cpp.classes import Event

    class Custom(AttributeControl):
        def __init__(self) -> None:
            super().__init__(tokens=["ACTrackCustom_0", "ACTrackCustom_1"])

        def compute(self, track, time_division, ticks_bars, ticks_beats, bars_idx):
            return [Event("ACTrackCustom", int(len(track.notes) > 0), -1)]

    custom = Custom()
    assert custom.tokens == ["ACTrackCustom_0", "ACTrackCustom_1"]
    assert [str(e) for e in custom.compute(Track(), 480, [0], [0], [0])] == ["ACTrackCustom_0"]
    assert isinstance(custom, AttributeControl) and not isinstance(custom, BarAttributeControl)
    assert isinstance(BarPitchClass(), AttributeControl)
    with pytest.raises(NotImplementedError):
        AttributeControl(["A_1"]).compute(Track(), 480, [0], [0], [0])
    tokenizer = REMI(TokenizerConfig(use_programs=True, one_token_stream_for_programs=False))
    with pytest.raises(TypeError, match="built-in"):
        tokenizer.add_attribute_control(custom)
