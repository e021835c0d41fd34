"""A mkdocs.yml as the checks of ``project_config`` read it: the value at a path,
and what every check may consult besides the file itself."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.errors import Problem
from generator.content.load import DataPath, Document
from generator.content.project import Project
from generator.content.site_config import SiteConfig


@dataclass(frozen=True)
class CheckContext:
    project: Project
    site: SiteConfig | None
    folder: Path
    """The folder of the file MkDocs loads: its relative paths start there."""
    site_files: tuple[Path, ...]
    """Folders whose files MkDocs copies into the site: custom_dir, then Material's."""


def get_setting(document: Document, path: DataPath) -> Any:
    """The value at ``path``, or None; a theme written as a bare name is {'name': …}."""
    value: Any = document.data
    for step in path:
        if step == "theme" and isinstance(value, dict) and isinstance(value.get(step), str):
            value = {"name": value[step]}
            continue
        if isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and step < len(value):
            value = value[step]
        else:
            return None
    return value


def sets(chain: list[Document], path: DataPath) -> bool:
    return any(get_setting(document, path) is not None for document in chain)


Check = Callable[[Document, CheckContext], Iterator[Problem]]
