"""The layering of quoteverify's modules, read from their source code (the AST), not from a running import.

Three rules, each with a short allow-list that says why:

* The imports a module runs when it is loaded form no cycle. That graph has every
  ``import`` at module level, and also those under ``if TYPE_CHECKING:``: a type-only
  import is still a dependency a reader has to follow, and today none of them closes a
  cycle, so counting them keeps the graph honest at no cost.
* An import inside a function (run on first call) is on :data:`DEFERRED_IMPORTS` with its
  reason. Most exist because the module-level edge would close a cycle (``model`` knows
  how to parse and render itself through modules that build on ``model``); the test
  checks that they still do, so a deferral that no cycle needs moves to the top of its
  module. A new deferred import fails until it is added here; a stale entry fails until
  it is removed.
* No module imports another module's underscore names (``from .x import _y`` or
  ``x._y`` on an imported module) outside :data:`PRIVATE_NAMES`. Private *modules*
  (``_labels``, ``_locator``...) are for the package's own use; inside them, what
  other modules use has a plain name.

The helpers take ``{module: source text}``, so the tests at the end show each rule
failing on a small made-up package.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

import pytest

PACKAGE = "quoteverify"
# The checkout's sources (an installed, compiled build may ship no .py for _locator).
ROOT = Path(__file__).resolve().parents[1] / PACKAGE

#: (importer, function, imported module) -> why the import runs at call time, not at load.
#: A reason starting "lazy:" is not about a cycle; every other entry must break one.
DEFERRED_IMPORTS: dict[tuple[str, str, str], str] = {
    ("model", "_tuple_of_turns", "_turns"): "_turns builds Turn objects from model; Source accepts LazyTurns",
    ("model", "Source.from_text", "sources"): "sources parses text into model.Source; Source.from_text calls it",
    ("model", "Source.from_transcript", "sources"): "sources parses into model.Source; the classmethod is sugar",
    ("model", "Source.from_webvtt", "sources"): "sources parses into model.Source; the classmethod is sugar",
    ("model", "Source.from_srt", "sources"): "sources parses into model.Source; the classmethod is sugar",
    ("model", "Source.from_article", "extraction"): "extraction reads articles into model.Source",
    ("model", "Source.detect", "sources"): "sources parses into model.Source; the classmethod is sugar",
    ("model", "Verification.explain", "report"): "report renders model values; explain() is sugar over it",
    ("model", "Verification.to_dict", "report"): "report renders model values; to_dict() is sugar over it",
    ("model", "Verification.__rich__", "report"): "report renders model values for rich",
    ("model", "Report.explain", "report"): "report renders model values; explain() is sugar over it",
    ("model", "Report.to_dict", "report"): "report renders model values; to_dict() is sugar over it",
    ("errors", "_size_check", "limits"): "limits raises errors' InvalidInputError; check_text asks limits for the size cap",
    ("cli", "build_parser", "__init__"): "lazy: only --version needs the package's version; no submodule loads the package",
    ("_hypothesis", "_hypothesis_setup_hook", "model"): (
        "lazy: Hypothesis runs the hook while it is itself importing, maybe from inside quoteverify.strategies"
    ),
    ("_hypothesis", "_strategy", "strategies"): "lazy: strategies imports Hypothesis; loaded at the first draw",
}

#: (importer, imported module, name) -> why an underscore name crosses a module boundary.
#: Empty since report.holds became the one holds (issue 12); an entry needs a reason.
PRIVATE_NAMES: dict[tuple[str, str, str], str] = {}


class Import(NamedTuple):
    """One import of a package module by another, as written."""

    importer: str
    imported: str  # module name inside the package; "__init__" for the package itself
    names: tuple[str, ...]  # names taken from it (empty for a plain module import)
    where: str  # "module", "type-checking" or "function"
    function: str  # qualified name of the enclosing function ("" at module level)
    line: int


def package_sources(root: Path = ROOT) -> dict[str, str]:
    """Every module of the package as ``{name: source}`` (``__init__`` included)."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(root.glob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _target(node: ast.ImportFrom, modules: Mapping[str, str]) -> list[tuple[str, tuple[str, ...]]]:
    """``(imported module, names)`` for a ``from ... import`` of the package, else ``[]``."""
    if node.level > 1:
        return []
    if node.level == 1:
        dotted = node.module or ""
    elif node.module == PACKAGE or (node.module or "").startswith(PACKAGE + "."):
        dotted = (node.module or "")[len(PACKAGE) + 1 :]
    else:
        return []
    names = tuple(alias.name for alias in node.names)
    if dotted:
        return [(dotted.split(".")[0], names)]
    # "from . import x": a submodule each, or names from the package itself
    out: list[tuple[str, tuple[str, ...]]] = [(n, ()) for n in names if n in modules]
    rest = tuple(n for n in names if n not in modules)
    if rest:
        out.append(("__init__", rest))
    return out


def _dynamic_module(node: ast.Call) -> str | None:
    """``importlib.import_module("quoteverify.x")`` -> ``x``."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if name != "import_module" or not node.args or not isinstance(node.args[0], ast.Constant):
        return None
    value = node.args[0].value
    if isinstance(value, str) and value.startswith(PACKAGE + "."):
        return value[len(PACKAGE) + 1 :].split(".")[0]
    return None


def imports_of(modules: Mapping[str, str]) -> list[Import]:
    """Every import of one package module by another, with where it runs."""
    found: list[Import] = []

    def visit(module: str, node: ast.AST, where: str, function: str, scope: str) -> None:
        for child in ast.iter_child_nodes(node):
            w, f, s = where, function, scope
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                w, f = "function", f"{scope}{child.name}"
                s = f + "."
            elif isinstance(child, ast.ClassDef):
                s = f"{scope}{child.name}."
            elif isinstance(child, ast.If) and where == "module" and _is_type_checking(child.test):
                for stmt in child.body:
                    visit(module, ast.Module(body=[stmt], type_ignores=[]), "type-checking", f, s)
                for stmt in child.orelse:
                    visit(module, ast.Module(body=[stmt], type_ignores=[]), where, f, s)
                continue
            if isinstance(child, ast.ImportFrom):
                for imported, names in _target(child, modules):
                    found.append(Import(module, imported, names, w, f, child.lineno))
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith(PACKAGE + "."):
                        sub = alias.name[len(PACKAGE) + 1 :].split(".")[0]
                        found.append(Import(module, sub, (), w, f, child.lineno))
            elif isinstance(child, ast.Call) and (dynamic := _dynamic_module(child)) is not None:
                found.append(Import(module, dynamic, (), w, f, child.lineno))
            visit(module, child, w, f, s)

    for module, source in modules.items():
        visit(module, ast.parse(source), "module", "", "")
    return found


def load_graph(imports: list[Import]) -> dict[str, set[str]]:
    """Module -> the package modules it imports when loaded (module level and TYPE_CHECKING)."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        if imp.where != "function" and imp.imported != imp.importer:
            graph.setdefault(imp.importer, set()).add(imp.imported)
    return graph


def find_cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as ``[a, b, ..., a]``, or None when it has none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def dfs(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := dfs(nxt)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := dfs(start)) is not None:
            return cycle
    return None


def deferred_imports(imports: list[Import]) -> dict[tuple[str, str, str], int]:
    """(importer, function, imported) -> line, for every import that runs inside a function."""
    return {(i.importer, i.function, i.imported): i.line for i in imports if i.where == "function"}


def private_names(modules: Mapping[str, str], imports: list[Import]) -> Iterator[tuple[str, str, str, int]]:
    """``(importer, imported, name, line)`` for each underscore name one module takes from another.

    Both ``from .x import _y`` and ``x._y`` on a module bound by ``from . import x [as z]``
    or ``import quoteverify.x as z``. Dunders (``__version__``) are not private.
    """

    def private(name: str) -> bool:
        return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))

    for imp in imports:
        for name in imp.names:
            if private(name) and imp.imported != imp.importer:
                yield imp.importer, imp.imported, name, imp.line
    for module, source in modules.items():
        tree = ast.parse(source)
        bound: dict[str, str] = {}  # local name -> package module
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                for imported, names in _target(node, modules):
                    if not names:  # "from . import x": x is the module
                        for alias in node.names:
                            if alias.name == imported:
                                bound[alias.asname or alias.name] = imported
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith(PACKAGE + ".") and alias.asname:
                        bound[alias.asname] = alias.name[len(PACKAGE) + 1 :].split(".")[0]
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in bound
                and private(node.attr)
                and bound[node.value.id] != module
            ):
                yield module, bound[node.value.id], node.attr, node.lineno


# --------------------------------------------------------------------------- the rules

SOURCES = package_sources()
IMPORTS = imports_of(SOURCES)


def test_the_package_is_read() -> None:
    # Guards the rules below against passing on nothing.
    assert {"model", "sources", "_labels", "verification", "__init__"} <= set(SOURCES)
    assert len(IMPORTS) > 50
    assert {i.where for i in IMPORTS} == {"module", "type-checking", "function"}


def test_imports_at_load_time_form_no_cycle() -> None:
    cycle = find_cycle(load_graph(IMPORTS))
    assert cycle is None, "import cycle at module level: " + " -> ".join(cycle or [])


def test_every_deferred_import_is_on_the_allow_list() -> None:
    found = deferred_imports(IMPORTS)
    new = {f"{m}.py:{line} {fn}() imports {t}" for (m, fn, t), line in found.items() if (m, fn, t) not in DEFERRED_IMPORTS}
    stale = sorted(set(DEFERRED_IMPORTS) - set(found))
    assert not new, f"an import inside a function: move it to the top, or add it to DEFERRED_IMPORTS with why: {sorted(new)}"
    assert not stale, f"DEFERRED_IMPORTS lists imports that are gone; remove them: {stale}"


@pytest.mark.parametrize("key", sorted(k for k, why in DEFERRED_IMPORTS.items() if not why.startswith("lazy:")))
def test_each_deferred_import_breaks_a_cycle(key: tuple[str, str, str]) -> None:
    importer, _, imported = key
    graph = load_graph(IMPORTS)
    graph.setdefault(importer, set()).add(imported)
    assert find_cycle(graph) is not None, (
        f"{importer} could import {imported} at module level without a cycle: move the import up "
        "and drop the DEFERRED_IMPORTS entry"
    )


def test_no_module_imports_another_modules_private_names() -> None:
    found = {(m, t, n): line for m, t, n, line in private_names(SOURCES, IMPORTS)}
    new = sorted(f"{m}.py:{line} takes {t}.{n}" for (m, t, n), line in found.items() if (m, t, n) not in PRIVATE_NAMES)
    stale = sorted(set(PRIVATE_NAMES) - set(found))
    assert not new, f"give the name a plain name in its (private) module, or allow it in PRIVATE_NAMES: {new}"
    assert not stale, f"PRIVATE_NAMES lists imports that are gone; remove them: {stale}"


# --------------------------------------------------------------------------- each rule can fail

TOY = {
    "__init__": "from .a import f\n",
    "a": "from typing import TYPE_CHECKING\nfrom .b import g\nif TYPE_CHECKING:\n    from .c import C\n",
    "b": "def g():\n    from .a import f\n    return f\n",
    "c": "from . import b as _b\nfrom .a import _hidden\nx = _b._secret\n\nclass C:\n    def m(self):\n        import importlib\n        return importlib.import_module('quoteverify.b')\n",
}


def test_a_toy_package_is_read_as_written() -> None:
    imports = imports_of(TOY)
    assert ("a", "c", ("C",), "type-checking", "") in [i[:5] for i in imports]
    assert deferred_imports(imports) == {("b", "g", "a"): 2, ("c", "C.m", "b"): 8}
    assert load_graph(imports) == {"__init__": {"a"}, "a": {"b", "c"}, "c": {"a", "b"}}


def test_a_cycle_is_found_also_through_a_type_checking_import() -> None:
    imports = imports_of(TOY)
    assert find_cycle(load_graph(imports)) == ["a", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_a_deferred_import_that_breaks_a_cycle_is_told_from_one_that_does_not() -> None:
    graph = load_graph(imports_of({"a": "from .b import g\n", "b": "def g():\n    from .a import f\n"}))
    assert find_cycle(graph) is None
    assert find_cycle({**graph, "b": {"a"}}) == ["a", "b", "a"]


def test_private_names_are_found_by_import_and_by_attribute() -> None:
    imports = imports_of(TOY)
    assert sorted(private_names(TOY, imports)) == [("c", "a", "_hidden", 2), ("c", "b", "_secret", 3)]
