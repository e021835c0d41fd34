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
LAYERS = (
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
"""Lowest first: a module may import from its own layer or one listed before it."""


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    """The index in LAYERS of a module's stage (``__main__`` is the CLI's)."""
    stage = module.split(".")[1] if "." in module else ""
    if stage == "__main__":
        return LAYERS.index("cli")
    assert stage in LAYERS, f"{module} belongs to no stage: add it to LAYERS or move it"
    return LAYERS.index(stage)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``path`` imports, wherever the import statement is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import; the package imports absolutely"
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name in known}


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(paths)
    return {name: imported_modules(path, known) - {name} for name, path in paths.items()}


def test_every_module_belongs_to_a_stage() -> None:
    for module in import_graph():
        if module != "generator":
            layer_of(module)


def test_no_module_imports_from_a_later_stage() -> None:
    upward = [
        f"{module} ({LAYERS[layer_of(module)]}) imports {target} ({LAYERS[layer_of(target)]})"
        for module, targets in sorted(import_graph().items())
        for target in sorted(targets)
        if module != "generator" and target != "generator" and layer_of(target) > layer_of(module)
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
    graph = {m: {t for t in ts if t != "generator"} for m, ts in import_graph().items()}
    assert cycles(graph) == []


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
