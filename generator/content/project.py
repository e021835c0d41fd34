"""Where a project's files live, and reading them all (the load stage's driver)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, cast

from generator.content.assets import load_assets
from generator.content.errors import ContentError, Location, Problem
from generator.content.flow_model import FlowFile
from generator.content.load import Document, iter_content_files, load_markdown, load_yaml
from generator.content.models import ArticleMeta, ContentFile
from generator.content.names import slug
from generator.content.resolve import Article, Policy, resolve
from generator.content.site_config import SiteConfig
from generator.content.validate import Validated, validate

T = TypeVar("T")


@dataclass(frozen=True)
class Project:
    """A project folder: site_config.yml, content/ and optional templates/."""

    root: Path

    @property
    def site_config(self) -> Path:
        return self.root / "site_config.yml"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def flows_dir(self) -> Path:
        return self.content_dir / "flows"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def work_dir(self) -> Path:
        """Scratch space for generated Markdown (git-ignored)."""
        return self.root / ".scopesite"

    @classmethod
    def at(cls, root: Path | str) -> Project:
        """Open a project folder, or explain what is missing."""
        project = cls(Path(root).resolve())
        if not project.site_config.is_file():
            raise ContentError(
                [
                    Problem(
                        Location(project.site_config),
                        "no site_config.yml in this folder",
                        "run it in a project folder, or name one: scopesite check path/to/project",
                    )
                ]
            )
        project.refuse_linked_work_files()
        return project

    @classmethod
    def root_above(cls, start: Path) -> Path:
        """The nearest folder at or above ``start`` holding site_config.yml, else ``start``
        (where ``at`` then says what is missing): mkdocs.yml may sit below the project."""
        for folder in (start, *start.parents):
            if cls(folder).site_config.is_file():
                return folder
        return start

    def refuse_linked_work_files(self) -> None:
        """Raise ContentError when the working folder, or a folder or file in it that
        scopesite empties or writes, is a link: following it would empty and fill a
        folder outside the project (a link a pull request could add)."""
        problems = []
        for relative in WORK_FILES:
            path = self.root / relative
            if path.is_symlink():
                problems.append(
                    Problem(
                        Location(path),
                        f"{relative} is a link to {path.resolve()}, and scopesite empties "
                        "and fills it",
                        "delete the link: scopesite keeps its working files in .scopesite, "
                        "inside the project",
                    )
                )
                break  # what is inside a linked folder is not the project's
        if problems:
            raise ContentError(problems)


WORK_FILES = (".scopesite", ".scopesite/docs", ".scopesite/overrides", ".scopesite/mkdocs.yml")
"""The working folder and what scopesite writes in it, outermost first."""


def load_policy(project: Project, loads: LoadCache | None = None) -> Policy:
    """Load, validate and resolve every file of a project, reporting all problems.

    ``loads`` is kept by a serve session, so that a rebuild parses only what changed.
    """
    loads = loads or LoadCache()
    problems: list[Problem] = []
    site = _collect(problems, lambda: validate(load_yaml(project.site_config), SiteConfig))
    files: list[Validated[ContentFile]] = []
    articles: list[tuple[Article, Validated[ArticleMeta]]] = []
    try:
        yaml_paths = list(iter_content_files(project.content_dir, (".yml", ".yaml")))
        markdown_paths = list(iter_content_files(project.content_dir, (".md",)))
    except ContentError as error:
        raise ContentError([*problems, *error.problems]) from None
    flows: list[Validated[FlowFile]] = []
    for path in yaml_paths:
        if path.is_relative_to(project.flows_dir):
            flow = _collect(problems, partial(_load_flow_file, path, loads))
            flows.extend([flow] if flow else [])
            continue
        validated = _collect(problems, partial(_load_content_file, path, loads))
        if validated is not None:
            files.append(validated)
    for path in markdown_paths:
        article = _collect(problems, partial(_load_article, path))
        if article is not None:
            articles.append(article)
    assets = _collect(problems, partial(load_assets, project.root, site)) if site else None
    if problems or site is None or assets is None:
        raise ContentError(problems)
    return replace(resolve(site.model, files, articles, flows), assets=assets)


class LoadCache:
    """The last valid load of each file, by a digest of its bytes: `scopesite serve`
    rebuilds on every save, and one changed file should not mean parsing them all.
    (A digest, not the modification time, which can miss two saves in one tick.)"""

    def __init__(self) -> None:
        self._loaded: dict[Path, tuple[bytes, Any]] = {}

    def unchanged_or(self, path: Path, load: Callable[[Path], T]) -> T:
        digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
        cached = self._loaded.get(path)
        if cached and cached[0] == digest:
            return cast(T, cached[1])
        result = load(path)
        self._loaded[path] = (digest, result)
        return result


def _load_flow_file(path: Path, loads: LoadCache) -> Validated[FlowFile]:
    return loads.unchanged_or(path, lambda p: validate(_not_empty(load_yaml(p)), FlowFile))


def _load_content_file(path: Path, loads: LoadCache) -> Validated[ContentFile]:
    return loads.unchanged_or(path, lambda p: validate(_not_empty(load_yaml(p)), ContentFile))


def _not_empty(document: Document) -> Document:
    """An empty content file is almost always a mistake, such as a truncated save."""
    if document.data is None:
        raise ContentError(
            [Problem(Location(document.path), "file is empty", "add content to it, or delete it")]
        )
    return document


def _load_article(path: Path) -> tuple[Article, Validated[ArticleMeta]]:
    markdown = load_markdown(path)
    meta = validate(markdown.front_matter, ArticleMeta)
    return Article(slug(path.stem), meta.model, markdown.body, path), meta


def _collect(problems: list[Problem], step: Callable[[], T]) -> T | None:
    """Run one file's step; keep its problems so the run can report every file."""
    try:
        return step()
    except ContentError as error:
        problems.extend(error.problems)
        return None
