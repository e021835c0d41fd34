"""The settings of a project's mkdocs.yml that would break scopesite: each check
finds one kind, at its line and column (``project_config`` runs them all)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.content.errors import Problem
from generator.content.load import DataPath, Document, Tagged
from generator.site.config_entries import missing_extensions, missing_plugins, named_entries
from generator.site.config_look import look_twice
from generator.site.config_printed import printed_settings, site_assets
from generator.site.config_values import Check, CheckContext, get_setting
from generator.site.mkdocs_settings import (
    OMITTED_FILES,
    REFUSED_EXTENSIONS,
    REQUIRED_EXTENSIONS,
    REQUIRED_THEME,
    extension_name,
)
from generator.site.theme import OVERRIDDEN

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


def _not_a_mapping(document: Document, context: CheckContext) -> Iterator[Problem]:
    if document.data is not None and not isinstance(document.data, dict):
        yield Problem(
            document.value_at(()),
            f"{document.path.name} holds no settings",
            "write 'key: value' lines at the top level of the file",
        )


def _replaced(document: Document, context: CheckContext) -> Iterator[Problem]:
    for key, (message, hint) in REPLACED_KEYS.items():
        if get_setting(document, (key,)) is not None:
            yield Problem(document.key_at((key,)), message, hint)


def _docs_dir(document: Document, context: CheckContext) -> Iterator[Problem]:
    value = get_setting(document, ("docs_dir",))
    if isinstance(value, str) and (context.folder / value).resolve() != (
        context.project.content_dir.resolve()
    ):
        yield Problem(
            document.value_at(("docs_dir",)),
            f"docs_dir '{value}' is never read: scopesite makes the pages from content/",
            "remove docs_dir (plain mkdocs build needs 'docs_dir: content' to start, "
            "which scopesite accepts)",
        )


def _site_dir(document: Document, context: CheckContext) -> Iterator[Problem]:
    value = get_setting(document, ("site_dir",))
    if isinstance(value, str):
        yield Problem(
            document.value_at(("site_dir",)),
            f"site_dir '{value}' is not where scopesite build writes the site",
            f"remove site_dir and name the folder when building: scopesite build "
            f"--site-dir {value} (or mkdocs build -d {value})",
        )


def _from_site_config(document: Document, context: CheckContext) -> Iterator[Problem]:
    site = context.site
    if site is None:
        return
    name = get_setting(document, ("site_name",))
    if isinstance(name, str) and name != site.name:
        yield Problem(
            document.value_at(("site_name",)),
            f"site_name '{name}' differs from the name in site_config.yml ('{site.name}')",
            f"the site's name comes from site_config.yml: remove site_name, or set it to "
            f"'{site.name}' (plain mkdocs build needs one)",
        )
    url = get_setting(document, ("site_url",))
    if isinstance(url, str) and url.rstrip("/") != site.base_url.rstrip("/"):
        yield Problem(
            document.value_at(("site_url",)),
            f"site_url '{url}' differs from base_url in site_config.yml ('{site.base_url}')",
            "where the site is published comes from site_config.yml's base_url: remove site_url",
        )
    description = get_setting(document, ("site_description",))
    if isinstance(description, str) and description != site.tagline:
        yield Problem(
            document.value_at(("site_description",)),
            "site_description differs from the tagline in site_config.yml",
            "the site's description comes from site_config.yml's tagline: remove site_description",
        )


def _directory_urls(document: Document, context: CheckContext) -> Iterator[Problem]:
    if get_setting(document, ("use_directory_urls",)) is False:
        yield Problem(
            document.value_at(("use_directory_urls",)),
            "use_directory_urls: false breaks scopesite's links",
            "remove it: the search dialog, the wizard maps and the JSON API link to pages "
            "as folders (contact/), which this setting turns into files (contact.html)",
        )


def _theme(document: Document, context: CheckContext) -> Iterator[Problem]:
    name = get_setting(document, ("theme", "name"))
    if name not in (None, REQUIRED_THEME) and not isinstance(name, Tagged):
        yield Problem(
            document.value_at(("theme", "name")),
            f"theme '{name}' is not Material for MkDocs, which scopesite's pages are made for",
            "set the theme's name to material; its palette, logo, favicon, language and "
            "features may still be yours",
        )
    font = get_setting(document, ("theme", "font"))
    if font is not None and font is not False and not isinstance(font, Tagged):
        yield Problem(
            document.value_at(("theme", "font")),
            "theme font loads web fonts from Google Fonts, which the site's "
            "Content-Security-Policy blocks",
            "remove font: the site uses the reader's own fonts and loads nothing from another host",
        )


def _features(document: Document, context: CheckContext) -> Iterator[Problem]:
    features = get_setting(document, ("theme", "features"))
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


def _custom_dir(document: Document, context: CheckContext) -> Iterator[Problem]:
    value = get_setting(document, ("theme", "custom_dir"))
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


def _extensions(document: Document, context: CheckContext) -> Iterator[Problem]:
    listed = get_setting(document, ("markdown_extensions",))
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


def _refused_extensions(document: Document, context: CheckContext) -> Iterator[Problem]:
    for at, name in named_entries(document, "markdown_extensions"):
        reason = REFUSED_EXTENSIONS.get(extension_name(name))
        if reason:
            yield Problem(
                document.value_at(at),
                f"Markdown extension '{name}' is refused: {reason}",
                "remove it: policy text is data, and scopesite's own pages do not need it",
            )


def _not_installed(document: Document, context: CheckContext) -> Iterator[Problem]:
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


def _plugin_off(document: Document, context: CheckContext) -> Iterator[Problem]:
    """MkDocs leaves out a plugin whose settings say 'enabled: false'."""
    listed = get_setting(document, ("plugins",))
    places: list[DataPath] = [("plugins", "scopesite", "enabled")]
    places += [
        ("plugins", index, "scopesite", "enabled")
        for index in range(len(listed) if isinstance(listed, list) else 0)
    ]
    for at in places:
        if get_setting(document, at) is False:
            yield Problem(document.key_at(at), *PLUGIN_OFF)


def _validation(document: Document, context: CheckContext) -> Iterator[Problem]:
    at = ("validation", "nav", "omitted_files")
    value = get_setting(document, at)
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
    look_twice,
    _directory_urls,
    _theme,
    _features,
    _custom_dir,
    site_assets,
    printed_settings,
    _extensions,
    _refused_extensions,
    _not_installed,
    _plugin_off,
    _validation,
)
