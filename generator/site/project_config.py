"""A project's own mkdocs.yml: the settings that would break scopesite, and what
``scopesite build`` and ``serve`` add so that the file needs none of MkDocs'
required keys.

The file may set the theme's palette, logo, favicon, language and features, more
Markdown extensions and plugins, and its own CSS and JavaScript; the plugin merges
them with scopesite's own (``mkdocs_settings``). A setting scopesite would replace
or that would break the site without a word is refused here, at its line and
column, with the content's errors of the same run.
"""

from __future__ import annotations

from pathlib import Path

from generator.content.errors import ContentError, Location, Problem
from generator.content.load import Document, load_yaml
from generator.content.project import Project
from generator.content.site_config import SiteConfig
from generator.content.validate import validate
from generator.site.config_checks import CHECKS
from generator.site.config_values import CheckContext, get_setting, sets
from generator.site.mkdocs_settings import REQUIRED_THEME

CONFIG_NAME = "mkdocs.yml"

LEGACY_DEFAULTS = Path(__file__).resolve().parent.parent / "mkdocs_default.yml"
"""What projects used to INHERIT; scopesite's own file, so never checked."""


def own_config(project: Project) -> Path | None:
    """The project's mkdocs.yml, when it has one."""
    path = project.root / CONFIG_NAME
    return path if path.is_file() else None


def problems(
    project: Project, config_path: Path | None, *, theme_name: str | None = None
) -> list[Problem]:
    """Every setting in ``config_path`` and the files it INHERITs that breaks scopesite.

    ``theme_name`` is the theme MkDocs settled on, given by the plugin: a file that
    sets no theme gets MkDocs' own, which plain ``mkdocs build`` cannot fill in.
    """
    if config_path is None:
        return []
    chain, found = _chain(config_path)
    context = CheckContext(
        project, _site(project), config_path.parent, _site_files(chain, config_path)
    )
    for document in chain:
        for check in CHECKS:
            found.extend(check(document, context))
    if theme_name not in (None, REQUIRED_THEME) and not sets(chain, ("theme",)):
        found.append(
            Problem(
                Location(config_path),
                f"theme is not set, so MkDocs uses its own theme '{theme_name}'",
                "add 'theme: {name: material}' (scopesite build adds it; plain mkdocs "
                "build needs it)",
            )
        )
    return found


def _chain(config_path: Path) -> tuple[list[Document], list[Problem]]:
    """The file and the files it INHERITs, scopesite's legacy defaults left out."""
    chain: list[Document] = []
    path: Path | None = config_path
    while path is not None and path.resolve() != LEGACY_DEFAULTS:
        try:
            document = load_yaml(path, tags=True)
        except ContentError as error:
            return chain, error.problems
        chain.append(document)
        path, problem = _parent(document)
        if problem:
            return chain, [problem]
    return chain, []


def _parent(document: Document) -> tuple[Path | None, Problem | None]:
    data = document.data if isinstance(document.data, dict) else {}
    inherit = data.get("INHERIT")
    if not isinstance(inherit, str):
        return None, None
    parent = document.path.parent / inherit
    if parent.is_file():
        return parent, None
    return None, Problem(
        document.value_at(("INHERIT",)),
        f"INHERIT '{inherit}' is not a file",
        "fix the path (it starts at this file's folder), or remove INHERIT: scopesite needs none",
    )


def _site(project: Project) -> SiteConfig | None:
    """site_config.yml, when it is valid (the content check reports it otherwise)."""
    try:
        return validate(load_yaml(project.site_config), SiteConfig).model
    except (ContentError, OSError):
        return None


def _site_files(chain: list[Document], config_path: Path) -> tuple[Path, ...]:
    from mkdocs.utils import get_theme_dir

    custom_dir = next(
        (value for d in chain if isinstance(value := get_setting(d, ("theme", "custom_dir")), str)),
        None,
    )
    material = Path(get_theme_dir(REQUIRED_THEME))
    return (config_path.parent / custom_dir, material) if custom_dir else (material,)
