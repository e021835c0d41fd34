"""The package's stages import only downward, and no module imports itself back.

The order is the build's: content is read before policy is decided, wizards are
compiled from policy, render turns both into pages (and owns every URL), search
links its entries to those pages, authoring compares policies over time, the site
stage runs an engine over the rendered pages, ``build`` tells the whole story and
the CLI calls it. Every import counts, including those inside
a function or under ``TYPE_CHECKING``: a cycle hidden there is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "generator"
ROOT = "generator"
LAYERS = (
    ROOT,
    "progress",
    "content",
    "policy",
    "wizards",
    "render",
    "search",
    "authoring",
    "site",
    "build",
    "cli",
)
"""Lowest first: a module may import from its own layer or one listed before it.

The root package comes first: every import of a submodule runs it, so it may
import nothing of the package.
"""
IMPORT_CALLS = frozenset({"import_module", "__import__"})
"""Functions whose constant string argument names a module they import."""


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    """The index in LAYERS of a module's stage (``__main__`` is the CLI's)."""
    stage = module.split(".")[1] if "." in module else module
    if stage == "__main__":
        return LAYERS.index("cli")
    assert stage in LAYERS, f"{module} belongs to no stage: add it to LAYERS or move it"
    return LAYERS.index(stage)


def imported_modules(source: str, known: set[str], where: str = "<source>") -> set[str]:
    """The package's modules that ``source`` imports, wherever and however it does.

    Besides import statements: a constant string handed to ``import_module`` or
    ``__import__``, and an attribute chain from the name ``generator`` (after
    ``import generator``), which names the longest known module along it.
    """
    found: set[str] = set()
    tree = ast.parse(source, where)
    inner = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{where}: relative import; the package imports absolutely"
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Call) and _called_name(node.func) in IMPORT_CALLS:
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(_longest_known(first.value, known))
        elif isinstance(node, ast.Attribute) and id(node) not in inner:  # whole chains only
            chain = _attribute_chain(node)
            if chain and chain[0] == ROOT:
                found.add(_longest_known(".".join(chain), known))
    return {name for name in found if name in known}


def _called_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _attribute_chain(node: ast.expr) -> list[str]:
    """``a.b.c`` as ``["a", "b", "c"]``; empty unless the chain starts at a name."""
    names: list[str] = []
    while isinstance(node, ast.Attribute):
        names.insert(0, node.attr)
        node = node.value
    return [node.id, *names] if isinstance(node, ast.Name) else []


def _longest_known(dotted: str, known: set[str]) -> str:
    """The longest prefix of a dotted name that is one of the package's modules."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in known:
            return ".".join(parts[:end])
    return dotted


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(paths)
    return {
        name: imported_modules(path.read_text(), known, str(path)) - {name}
        for name, path in paths.items()
    }


def test_every_module_belongs_to_a_stage() -> None:
    for module in import_graph():
        layer_of(module)


def test_no_module_imports_from_a_later_stage() -> None:
    upward = [
        f"{module} ({LAYERS[layer_of(module)]}) imports {target} ({LAYERS[layer_of(target)]})"
        for module, targets in sorted(import_graph().items())
        for target in sorted(targets)
        if layer_of(target) > layer_of(module)
    ]
    assert upward == []


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle once, as the modules along it (Tarjan's strongly connected parts)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            part = []
            while True:
                member = stack.pop()
                part.append(member)
                if member == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": {"a"}, "c": {"c"}}, [["a", "b"]]),
    ],
)
def test_cycles_finds_what_it_should(graph: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert cycles(graph) == expected


KNOWN = {ROOT, "generator.cli", "generator.cli.commands", "generator.site", "generator.site.plugin"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import generator.cli.commands", {"generator.cli.commands"}),
        ("from generator.site import plugin", {"generator.site", "generator.site.plugin"}),
        ("import generator\ngenerator.cli.commands.main()", {ROOT, "generator.cli.commands"}),
        ("import generator\nx = generator.site.plugin.Plugin", {ROOT, "generator.site.plugin"}),
        ("import importlib\nimportlib.import_module('generator.cli')", {"generator.cli"}),
        (
            "from importlib import import_module\nimport_module('generator.site.plugin')",
            {"generator.site.plugin"},
        ),
        ("__import__('generator.cli.commands')", {"generator.cli.commands"}),
        ("import importlib\nimportlib.import_module(name)", set()),
        ("other.cli.commands.main()", set()),
    ],
)
def test_imported_modules_finds_every_form(source: str, expected: set[str]) -> None:
    assert imported_modules(source, KNOWN) == expected


def test_root_package_may_import_nothing_of_the_package() -> None:
    assert layer_of(ROOT) == 0 < layer_of("generator.progress")
