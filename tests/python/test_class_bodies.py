"""Methods are defined where their class is: no function of a public class of miditok_cpp is
attached to it from outside its body.

Every Python function found on a class (its own ``__dict__`` and those of the classes of its MRO
that are ours) must have been written in that class's body: its ``__qualname__`` is
``<that class's qualname>.<name>``. A module function assigned in a class body (an alias such as
``x = staticmethod(f)``) has another qualname; it passes only when the class body's source
assigns that name, which the test checks with ``ast``. And no module assigns an attribute of one
of our classes (``Class.name = ...`` or ``setattr(Class, ...)``) at its top level.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import types
from pathlib import Path

import miditok_cpp

PACKAGE = Path(miditok_cpp.__file__).parent
# Modules whose import needs an optional extra that may be absent.
OPTIONAL = {"miditok_cpp.ray": "ray", "miditok_cpp.plot": "matplotlib"}


def _modules() -> list[types.ModuleType]:
    mods = [miditok_cpp]
    for info in pkgutil.walk_packages(miditok_cpp.__path__, "miditok_cpp."):
        if info.name == "miditok_cpp.__main__":
            continue
        extra = next((v for k, v in OPTIONAL.items() if info.name.startswith(k)), None)
        if extra is not None and importlib.util.find_spec(extra) is None:
            continue
        mods.append(importlib.import_module(info.name))
    return mods


def _our_classes() -> list[type]:
    seen: dict[int, type] = {}
    for mod in _modules():
        for value in vars(mod).values():
            if isinstance(value, type) and value.__module__.startswith("miditok_cpp"):
                for klass in value.__mro__:
                    if klass.__module__.startswith("miditok_cpp") and not (
                        klass.__module__.startswith("miditok_cpp._core")
                    ):
                        seen[id(klass)] = klass
    return list(seen.values())


def _functions(value) -> list[types.FunctionType]:
    if isinstance(value, (staticmethod, classmethod)):
        value = value.__func__
    if isinstance(value, property):
        return [
            f for f in (value.fget, value.fset, value.fdel) if isinstance(f, types.FunctionType)
        ]
    return [value] if isinstance(value, types.FunctionType) else []


def _body_assigns(klass: type, name: str) -> bool:
    """Whether the source of ``klass``'s body assigns ``name`` (an alias written in the body)."""
    tree = ast.parse(_dedent(inspect.getsource(klass)))
    body = tree.body[0]
    assert isinstance(body, ast.ClassDef)
    for node in body.body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            return True
    return False


def _dedent(source: str) -> str:
    lines = source.splitlines()
    indent = len(lines[0]) - len(lines[0].lstrip())
    return "\n".join(line[indent:] for line in lines)


def test_every_method_is_written_in_its_class_body():
    classes = _our_classes()
    assert len(classes) > 50  # the walk reached the package
    problems = []
    for klass in classes:
        for name, value in vars(klass).items():
            for func in _functions(value):
                if func.__qualname__ == f"{klass.__qualname__}.{name}" or (
                    func.__qualname__.startswith(f"{klass.__qualname__}.")
                ):
                    continue
                if _body_assigns(klass, name):
                    continue
                problems.append(
                    f"{klass.__module__}.{klass.__qualname__}.{name}: {func.__qualname__}"
                )
    assert problems == [], "functions attached to a class from outside its body:\n" + "\n".join(
        problems
    )


def _top_level(tree: ast.Module):
    """The statements run at import: the module body and its if / try blocks, not functions or
    class bodies."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (ast.If, ast.Try)):
            stack.extend(node.body + node.orelse + getattr(node, "finalbody", []))
            for handler in getattr(node, "handlers", []):
                stack.extend(handler.body)


def test_no_module_patches_a_class_at_import():
    class_names = {k.__name__ for k in _our_classes()}
    class_names |= {name for name, v in vars(miditok_cpp._core).items() if isinstance(v, type)}
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for node in _top_level(tree):
            targets = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            for t in targets:
                base = t.value if isinstance(t, ast.Attribute) else None
                # Class.attr = ..., or Class.method.attr = ... (a function's metadata is fine).
                if isinstance(base, ast.Name) and base.id in class_names:
                    problems.append(f"{path.name}:{node.lineno} {base.id}.{t.attr}")
            if (
                isinstance(node, ast.Expr)
                and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Name)
                and node.value.func.id == "setattr"
                and node.value.args
                and isinstance(node.value.args[0], ast.Name)
                and node.value.args[0].id in class_names
            ):
                problems.append(f"{path.name}:{node.lineno} setattr({node.value.args[0].id}, ...)")
    assert problems == [], "classes patched at import:\n" + "\n".join(problems)


def _outside(self):
    return self


class _Host:
    alias = staticmethod(_outside)

    def inside(self):
        return self


_Host.attached = _outside  # type: ignore[attr-defined]  # what the tests forbid in the package


def test_the_checks_tell_an_alias_from_an_attached_function():
    assert _Host.inside.__qualname__ == "_Host.inside"
    assert _body_assigns(_Host, "alias")
    assert not _body_assigns(_Host, "attached")
