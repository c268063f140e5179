"""The package's modules form no import cycle, and none imports one of ours inside a function
(the usual way to dodge a cycle). Imports under ``if TYPE_CHECKING:`` are not run and do not
count; optional third-party packages (symusic, tqdm, miditok...) may be imported in functions.
``importlib.import_module`` / ``__import__`` calls with a literal name count as imports; the one
lazy import of ours (``miditok_cpp.pytorch_data``, which needs torch) is listed in LAZY_EXTRAS."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "python" / "miditok_cpp"


def _modules() -> dict[str, Path]:
    mods = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ["miditok_cpp", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        mods[".".join(parts)] = path
    return mods


def _targets(node: ast.AST, module: str, is_package: bool, mods: dict[str, Path]) -> list[str]:
    """Our modules an import statement loads (a name imported from a package that is one of its
    submodules counts as that submodule; the extension _core is a leaf)."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names if a.name.split(".")[0] == "miditok_cpp"]
        return [n for n in names if n in mods]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level == 0:
        base = node.module or ""
        if base.split(".")[0] != "miditok_cpp":
            return []
    else:
        parts = module.split(".")
        if not is_package:
            parts = parts[:-1]
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join(parts + ([node.module] if node.module else []))
    out = []
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        if sub in mods:
            out.append(sub)
        elif sub.endswith("._core") or base.endswith("._core"):
            continue
        elif base in mods:
            out.append(base)
    return out


# Our modules imported on first use because they need an optional extra (torch) that
# ``import miditok_cpp`` must not import: (importing module, [imported module]).
LAZY_EXTRAS = [("miditok_cpp", ["miditok_cpp.pytorch_data"])]


def _dynamic_targets(node: ast.Call, module: str, is_package: bool, mods) -> list[str]:
    """Our modules an ``importlib.import_module("name"[, package])`` or ``__import__("name")``
    call with literal arguments loads."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name not in ("import_module", "__import__") or not node.args:
        return []
    first = node.args[0]
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return []
    target = first.value
    if target.startswith("."):
        parts = module.split(".") if is_package else module.split(".")[:-1]
        level = len(target) - len(target.lstrip("."))
        parts = parts[: len(parts) - (level - 1)]
        target = ".".join([*parts, target.lstrip(".")])
    return [target] if target in mods else []


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _graph():
    mods = _modules()
    edges: dict[str, set[str]] = {m: set() for m in mods}
    in_functions: list[str] = []
    for module, path in mods.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(), str(path))

        def visit(node, in_function: bool, module=module, is_package=is_package) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.If) and _is_type_checking(child):
                    for sub in child.orelse:
                        visit(sub, in_function)
                    continue
                targets = []
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    targets = _targets(child, module, is_package, mods)
                elif isinstance(child, ast.Call):
                    targets = _dynamic_targets(child, module, is_package, mods)
                if targets:
                    where = f"{module} line {child.lineno}: {targets}"
                    if in_function and (module, targets) not in LAZY_EXTRAS:
                        in_functions.append(where)
                    edges[module].update(t for t in targets if t != module)
                inner = in_function or isinstance(
                    child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
                )
                visit(child, inner)

        visit(tree, False)
    return edges, in_functions


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def dfs(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := dfs(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := dfs(node)):
            return found
    return None


def test_no_import_cycle():
    edges, _ = _graph()
    # A package importing its own submodules is how packages work; a submodule importing back
    # its package (or anything that does) is the cycle this test forbids.
    cycle = _cycle(edges)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_no_import_of_ours_inside_functions():
    _, in_functions = _graph()
    assert in_functions == [], "imports of our modules inside functions:\n" + "\n".join(
        in_functions
    )


def test_the_checker_sees_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_checker_sees_dynamic_imports():
    mods = {"miditok_cpp": None, "miditok_cpp.a": None, "miditok_cpp.a.b": None}
    call = ast.parse('importlib.import_module(".b", __name__)').body[0].value
    assert _dynamic_targets(call, "miditok_cpp.a", True, mods) == ["miditok_cpp.a.b"]
    call = ast.parse('__import__("miditok_cpp.a")').body[0].value
    assert _dynamic_targets(call, "miditok_cpp", True, mods) == ["miditok_cpp.a"]
    _, in_functions = _graph()
    lazy = [w for w in in_functions if "pytorch_data" in w]
    assert lazy == []  # listed in LAZY_EXTRAS, and seen (the edge below)
    edges, _ = _graph()
    assert "miditok_cpp.pytorch_data" in edges["miditok_cpp"]
