"""The Markdown extensions and MkDocs plugins a project's mkdocs.yml names, and
whether this Python environment has them.

MkDocs reports a missing one only when it builds, without a line number; checking
here lets ``scopesite check`` report it at its line, with the content's errors.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from importlib.metadata import entry_points
from typing import Any

from generator.content.errors import Problem
from generator.content.load import DataPath, Document


def named_entries(document: Document, key: str) -> list[tuple[DataPath, str]]:
    """(where, name) of each entry of a list or mapping such as ``plugins``."""
    listed: Any = document.data.get(key) if isinstance(document.data, dict) else None
    if isinstance(listed, dict):
        return [((key, name), str(name)) for name in listed]
    entries: list[tuple[DataPath, str]] = []
    for index, item in enumerate(listed if isinstance(listed, list) else []):
        name = next(iter(item)) if isinstance(item, dict) and item else item
        if isinstance(name, str):
            entries.append(((key, index), name))
    return entries


def missing_extensions(document: Document) -> Iterator[Problem]:
    """Markdown extensions that Python-Markdown could not load here."""
    registered = _markdown_extensions()
    for at, name in named_entries(document, "markdown_extensions"):
        if not _extension_installed(name, registered):
            yield Problem(
                document.value_at(at),
                f"Markdown extension '{name}' is not installed",
                "install the package that provides it in this environment (for pymdownx.*, "
                "pymdown-extensions), or check its spelling",
            )


def missing_plugins(document: Document) -> Iterator[Problem]:
    """MkDocs plugins that MkDocs could not load here."""
    installed = _plugins()
    for at, name in named_entries(document, "plugins"):
        if not _plugin_installed(name, installed):
            yield Problem(
                document.value_at(at),
                f"MkDocs plugin '{name}' is not installed",
                "install the package that provides it in this environment, or check its "
                f"spelling; installed: {', '.join(sorted(installed))}",
            )


def _extension_installed(name: str, registered: frozenset[str]) -> bool:
    # Python-Markdown's own order: a registered name, then 'module' or 'module:Class'.
    if name in registered:
        return True
    module = name.partition(":")[0]
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a parent package that is missing or not a package
        return False


def _plugin_installed(name: str, installed: frozenset[str]) -> bool:
    # A theme may provide a plugin under its own name: 'search' is 'material/search'.
    return name in installed or f"material/{name}" in installed


# Read on each check, never kept: what is installed may change while serve runs.
def _markdown_extensions() -> frozenset[str]:
    return frozenset(point.name for point in entry_points(group="markdown.extensions"))


def _plugins() -> frozenset[str]:
    return frozenset(point.name for point in entry_points(group="mkdocs.plugins"))
