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

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.site.config_entries import missing_extensions, missing_plugins, named_entries
from generator.content.errors import ContentError, Location, Problem
from generator.content.load import DataPath, Document, Tagged, load_yaml
from generator.site.mkdocs_settings import (
    OMITTED_FILES,
    REFUSED_EXTENSIONS,
    REQUIRED_EXTENSIONS,
    REQUIRED_THEME,
    extension_name,
)
from generator.content.site_config import SiteConfig
from generator.build import generate
from generator.content.project import Project
from generator.render.pages import RenderedSite
from generator.site.theme import OVERRIDDEN
from generator.content.link_safety import ALLOWED_FORMS, url_problem
from generator.content.validate import validate

CONFIG_NAME = "mkdocs.yml"

LEGACY_DEFAULTS = Path(__file__).resolve().parent.parent / "mkdocs_default.yml"
"""What projects used to INHERIT; scopesite's own file, so never checked."""

REFUSED_FEATURES = {
    "navigation.instant": (
        "stops the wizards' scripts",
        "remove it: scopesite's scripts run when a page loads, and instant navigation "
        "swaps pages without loading them",
    ),
    "content.action.edit": (
        "links to page sources that do not exist",
        "remove it: scopesite generates every page from content/, so no page has a "
        "source file to edit or view",
    ),
}
REFUSED_FEATURES["content.action.view"] = REFUSED_FEATURES["content.action.edit"]

REPLACED_KEYS = {
    "nav": (
        "nav cannot be set: scopesite builds the navigation from the content",
        "remove nav; pages follow the content (guides by their 'order' field)",
    ),
    "exclude_docs": (
        "exclude_docs would leave out pages scopesite generates, and break the links to them",
        "remove exclude_docs; to leave something out of the site, leave it out of content/",
    ),
}
REPLACED_KEYS["draft_docs"] = (
    REPLACED_KEYS["exclude_docs"][0].replace("exclude_docs", "draft_docs"),
    REPLACED_KEYS["exclude_docs"][1].replace("exclude_docs", "draft_docs"),
)

PLUGIN_OFF = (
    "the scopesite plugin is turned off",
    "remove 'enabled: false' from scopesite's settings: scopesite builds the site through it",
)


def own_config(project: Project) -> Path | None:
    """The project's mkdocs.yml, when it has one."""
    path = project.root / CONFIG_NAME
    return path if path.is_file() else None


def generate_checked(
    project: Project, config_path: Path | None, *, theme_name: str | None = None
) -> RenderedSite:
    """Generate the pages, reporting the content's errors and mkdocs.yml's at once."""
    found = problems(project, config_path, theme_name=theme_name)
    try:
        rendered = generate(project)
    except ContentError as error:
        raise ContentError([*found, *error.problems]) from None
    if found:
        raise ContentError(found)
    return rendered


@dataclass(frozen=True)
class _Context:
    project: Project
    site: SiteConfig | None
    folder: Path
    """The folder of the file MkDocs loads: its relative paths start there."""
    site_files: tuple[Path, ...]
    """Folders whose files MkDocs copies into the site: custom_dir, then Material's."""


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
    context = _Context(project, _site(project), config_path.parent, _site_files(chain, config_path))
    for document in chain:
        for check in CHECKS:
            found.extend(check(document, context))
    if theme_name not in (None, REQUIRED_THEME) and not _sets(chain, ("theme",)):
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
        (value for d in chain if isinstance(value := _get(d, ("theme", "custom_dir")), str)),
        None,
    )
    material = Path(get_theme_dir(REQUIRED_THEME))
    return (config_path.parent / custom_dir, material) if custom_dir else (material,)


def _get(document: Document, path: DataPath) -> Any:
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


def _sets(chain: list[Document], path: DataPath) -> bool:
    return any(_get(document, path) is not None for document in chain)


Check = Callable[[Document, _Context], Iterator[Problem]]


def _not_a_mapping(document: Document, context: _Context) -> Iterator[Problem]:
    if document.data is not None and not isinstance(document.data, dict):
        yield Problem(
            document.value_at(()),
            f"{document.path.name} holds no settings",
            "write 'key: value' lines at the top level of the file",
        )


def _replaced(document: Document, context: _Context) -> Iterator[Problem]:
    for key, (message, hint) in REPLACED_KEYS.items():
        if _get(document, (key,)) is not None:
            yield Problem(document.key_at((key,)), message, hint)


def _docs_dir(document: Document, context: _Context) -> Iterator[Problem]:
    value = _get(document, ("docs_dir",))
    if isinstance(value, str) and (context.folder / value).resolve() != (
        context.project.content_dir.resolve()
    ):
        yield Problem(
            document.value_at(("docs_dir",)),
            f"docs_dir '{value}' is never read: scopesite makes the pages from content/",
            "remove docs_dir (plain mkdocs build needs 'docs_dir: content' to start, "
            "which scopesite accepts)",
        )


def _site_dir(document: Document, context: _Context) -> Iterator[Problem]:
    value = _get(document, ("site_dir",))
    if isinstance(value, str):
        yield Problem(
            document.value_at(("site_dir",)),
            f"site_dir '{value}' is not where scopesite build writes the site",
            f"remove site_dir and name the folder when building: scopesite build "
            f"--site-dir {value} (or mkdocs build -d {value})",
        )


def _from_site_config(document: Document, context: _Context) -> Iterator[Problem]:
    site = context.site
    if site is None:
        return
    name = _get(document, ("site_name",))
    if isinstance(name, str) and name != site.name:
        yield Problem(
            document.value_at(("site_name",)),
            f"site_name '{name}' differs from the name in site_config.yml ('{site.name}')",
            f"the site's name comes from site_config.yml: remove site_name, or set it to "
            f"'{site.name}' (plain mkdocs build needs one)",
        )
    url = _get(document, ("site_url",))
    if isinstance(url, str) and url.rstrip("/") != site.base_url.rstrip("/"):
        yield Problem(
            document.value_at(("site_url",)),
            f"site_url '{url}' differs from base_url in site_config.yml ('{site.base_url}')",
            "where the site is published comes from site_config.yml's base_url: remove site_url",
        )
    description = _get(document, ("site_description",))
    if isinstance(description, str) and description != site.tagline:
        yield Problem(
            document.value_at(("site_description",)),
            "site_description differs from the tagline in site_config.yml",
            "the site's description comes from site_config.yml's tagline: remove site_description",
        )


def _directory_urls(document: Document, context: _Context) -> Iterator[Problem]:
    if _get(document, ("use_directory_urls",)) is False:
        yield Problem(
            document.value_at(("use_directory_urls",)),
            "use_directory_urls: false breaks scopesite's links",
            "remove it: the search dialog, the wizard maps and the JSON API link to pages "
            "as folders (contact/), which this setting turns into files (contact.html)",
        )


def _theme(document: Document, context: _Context) -> Iterator[Problem]:
    name = _get(document, ("theme", "name"))
    if name not in (None, REQUIRED_THEME) and not isinstance(name, Tagged):
        yield Problem(
            document.value_at(("theme", "name")),
            f"theme '{name}' is not Material for MkDocs, which scopesite's pages are made for",
            "set the theme's name to material; its palette, logo, favicon, language and "
            "features may still be yours",
        )
    font = _get(document, ("theme", "font"))
    if font is not None and font is not False and not isinstance(font, Tagged):
        yield Problem(
            document.value_at(("theme", "font")),
            "theme font loads web fonts from Google Fonts, which the site's "
            "Content-Security-Policy blocks",
            "remove font: the site uses the reader's own fonts and loads nothing from another host",
        )


def _features(document: Document, context: _Context) -> Iterator[Problem]:
    features = _get(document, ("theme", "features"))
    for index, feature in enumerate(features if isinstance(features, list) else []):
        refused = next(
            (why for name, why in REFUSED_FEATURES.items() if str(feature).startswith(name)),
            None,
        )
        if refused:
            yield Problem(
                document.value_at(("theme", "features", index)),
                f"theme feature '{feature}' {refused[0]}",
                refused[1],
            )


def _custom_dir(document: Document, context: _Context) -> Iterator[Problem]:
    value = _get(document, ("theme", "custom_dir"))
    if not isinstance(value, str):
        return
    where = document.value_at(("theme", "custom_dir"))
    folder = context.folder / value
    if not folder.is_dir():
        yield Problem(
            where,
            f"theme custom_dir '{value}' is not a folder",
            "create the folder, or remove custom_dir",
        )
        return
    for name in OVERRIDDEN:
        if (folder / name).is_file():
            yield Problem(
                where,
                f"theme custom_dir '{value}' holds {name}, which scopesite's own version hides",
                f"remove or rename {Path(value, name).as_posix()}: scopesite's theme files "
                "come before the project's, so this one would never be used",
            )


def _site_assets(document: Document, context: _Context) -> Iterator[Problem]:
    """The logo, favicon and extra CSS and JavaScript must be files of the site."""
    wanted: list[tuple[str, DataPath]] = [
        (f"theme {key}", ("theme", key)) for key in ("logo", "favicon")
    ]
    for key in ("extra_css", "extra_javascript"):
        entries = _get(document, (key,))
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            at: DataPath = (key, index, "path") if isinstance(entry, dict) else (key, index)
            wanted.append((key, at))
    for label, at in wanted:
        value = _get(document, at)
        if isinstance(value, str):
            yield from _asset_problem(document, context, label, at, value)


def _asset_problem(
    document: Document, context: _Context, label: str, at: DataPath, value: str
) -> Iterator[Problem]:
    url = urlsplit(value)
    name = Path(url.path).name or "file"
    if url.scheme or url.netloc:
        yield Problem(
            document.value_at(at),
            f"{label} '{value}' loads from another host, which the site's "
            "Content-Security-Policy blocks",
            f"copy the file into the theme's custom_dir and give its path there (assets/{name})",
        )
        return
    relative = url.path.lstrip("/")
    if any((folder / relative).is_file() for folder in context.site_files):
        return
    custom = context.site_files[0] if len(context.site_files) > 1 else None
    place = (
        f"put it at {(custom / relative).relative_to(context.folder).as_posix()}"
        if custom
        else f"set the theme's custom_dir (overrides) and put it at overrides/{relative}"
    )
    yield Problem(
        document.value_at(at),
        f"{label} '{value}' is not a file of the site",
        f"{place}: MkDocs copies the theme's custom_dir into the site",
    )


PRINTED_TEXTS: tuple[tuple[str, DataPath], ...] = (
    ("copyright", ("copyright",)),
    ("site_author", ("site_author",)),
    ("repo_url", ("repo_url",)),
    ("repo_name", ("repo_name",)),
    ("edit_uri", ("edit_uri",)),
)
"""Settings Material prints into pages as they are, unescaped (copyright as HTML)."""
PRINTED_LINKS: tuple[tuple[str, DataPath], ...] = (("extra homepage", ("extra", "homepage")),)
"""Settings Material prints as a link's target."""
PRINTED_LISTS = {"social": ("name", "link"), "alternate": ("name", "link")}
"""Lists under extra whose entries Material prints: a name as text, a link as a target."""
HTML_CHARACTERS = re.compile(r'[<>"]')
"""What makes a tag or ends an attribute; an entity ('&copy;') only ever makes text."""


def _printed(document: Document, context: _Context) -> Iterator[Problem]:
    """What the theme prints unescaped must be plain text, and its links safe links:
    a project's settings, like its content, add no markup and no script links."""
    texts = list(PRINTED_TEXTS)
    links = list(PRINTED_LINKS)
    for key, (name_field, link_field) in PRINTED_LISTS.items():
        entries = _get(document, ("extra", key))
        for index in range(len(entries) if isinstance(entries, list) else 0):
            texts.append((f"extra {key} {name_field}", ("extra", key, index, name_field)))
            links.append((f"extra {key} {link_field}", ("extra", key, index, link_field)))
    found: list[Problem] = []
    for label, at in texts:
        value = _get(document, at)
        unsafe = HTML_CHARACTERS.search(value) if isinstance(value, str) else None
        if unsafe:
            found.append(
                Problem(
                    document.value_at(at),
                    f"{label} '{value}' holds '{unsafe[0]}', which the theme prints as HTML",
                    "write it as plain text, without '<', '>' or '\"': the theme "
                    "prints it into the page as it is",
                )
            )
    for label, at in links:
        value = _get(document, at)
        broken = url_problem(value) if isinstance(value, str) else None
        if broken:
            found.append(
                Problem(
                    document.value_at(at),
                    f"{label} '{value}' is not a link the site may hold: {broken}",
                    ALLOWED_FORMS,
                )
            )
    yield from sorted(found, key=lambda p: (p.location.line, p.location.column))
    if _get(document, ("extra", "analytics")) is not None:
        yield Problem(
            document.key_at(("extra", "analytics")),
            "extra analytics loads a script from another host and runs an inline script, "
            "which the site's Content-Security-Policy blocks",
            "remove it: the site loads nothing from another host",
        )


def _extensions(document: Document, context: _Context) -> Iterator[Problem]:
    listed = _get(document, ("markdown_extensions",))
    for key, name, settings in _listed_items(listed):
        required = REQUIRED_EXTENSIONS.get(extension_name(str(name)), {})
        for setting, value in (settings if isinstance(settings, dict) else {}).items():
            if setting in required and value != required[setting]:
                yield Problem(
                    document.value_at(("markdown_extensions", *key, setting)),
                    f"{name} setting '{setting}: {json.dumps(value)}' would undo scopesite's "
                    f"'{setting}: {json.dumps(required[setting])}'",
                    f"remove it: scopesite sets {name}'s {setting} itself; other {name} "
                    "settings are kept",
                )


def _refused_extensions(document: Document, context: _Context) -> Iterator[Problem]:
    for at, name in named_entries(document, "markdown_extensions"):
        reason = REFUSED_EXTENSIONS.get(extension_name(name))
        if reason:
            yield Problem(
                document.value_at(at),
                f"Markdown extension '{name}' is refused: {reason}",
                "remove it: policy text is data, and scopesite's own pages do not need it",
            )


def _not_installed(document: Document, context: _Context) -> Iterator[Problem]:
    yield from missing_extensions(document)
    yield from missing_plugins(document)


def _listed_items(listed: Any) -> Iterator[tuple[DataPath, Any, Any]]:
    """(path to the settings, name, settings) of each extension, listed or mapped."""
    if isinstance(listed, dict):
        for name, settings in listed.items():
            yield (name,), name, settings
    for index, item in enumerate(listed if isinstance(listed, list) else []):
        if isinstance(item, dict) and len(item) == 1:
            name, settings = next(iter(item.items()))
            yield (index, name), name, settings


def _plugin_off(document: Document, context: _Context) -> Iterator[Problem]:
    """MkDocs leaves out a plugin whose settings say 'enabled: false'."""
    listed = _get(document, ("plugins",))
    places: list[DataPath] = [("plugins", "scopesite", "enabled")]
    places += [
        ("plugins", index, "scopesite", "enabled")
        for index in range(len(listed) if isinstance(listed, list) else 0)
    ]
    for at in places:
        if _get(document, at) is False:
            yield Problem(document.key_at(at), *PLUGIN_OFF)


def _validation(document: Document, context: _Context) -> Iterator[Problem]:
    at = ("validation", "nav", "omitted_files")
    value = _get(document, at)
    if isinstance(value, str) and value != OMITTED_FILES:
        yield Problem(
            document.value_at(at),
            f"validation omitted_files '{value}' would report every wizard step",
            "remove it: wizard steps are pages reached from their first question, never "
            "listed in the navigation",
        )


CHECKS: tuple[Check, ...] = (
    _not_a_mapping,
    _replaced,
    _docs_dir,
    _site_dir,
    _from_site_config,
    _directory_urls,
    _theme,
    _features,
    _custom_dir,
    _site_assets,
    _printed,
    _extensions,
    _refused_extensions,
    _not_installed,
    _plugin_off,
    _validation,
)
