"""What a project's mkdocs.yml puts into every page: its logo, favicon, CSS and
scripts must be files of the site, and what the theme prints as it is must be
plain text and safe links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from generator.content.errors import Problem
from generator.content.link_safety import ALLOWED_FORMS, url_problem
from generator.content.load import DataPath, Document
from generator.site.config_values import CheckContext, get_setting


def site_assets(document: Document, context: CheckContext) -> Iterator[Problem]:
    """The logo, favicon and extra CSS and JavaScript must be files of the site."""
    wanted: list[tuple[str, DataPath]] = [
        (f"theme {key}", ("theme", key)) for key in ("logo", "favicon")
    ]
    for key in ("extra_css", "extra_javascript"):
        entries = get_setting(document, (key,))
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            at: DataPath = (key, index, "path") if isinstance(entry, dict) else (key, index)
            wanted.append((key, at))
    for label, at in wanted:
        value = get_setting(document, at)
        if isinstance(value, str):
            yield from _asset_problem(document, context, label, at, value)


def _asset_problem(
    document: Document, context: CheckContext, label: str, at: DataPath, value: str
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


def printed_settings(document: Document, context: CheckContext) -> Iterator[Problem]:
    """What the theme prints unescaped must be plain text, and its links safe links:
    a project's settings, like its content, add no markup and no script links."""
    texts = list(PRINTED_TEXTS)
    links = list(PRINTED_LINKS)
    for key, (name_field, link_field) in PRINTED_LISTS.items():
        entries = get_setting(document, ("extra", key))
        for index in range(len(entries) if isinstance(entries, list) else 0):
            texts.append((f"extra {key} {name_field}", ("extra", key, index, name_field)))
            links.append((f"extra {key} {link_field}", ("extra", key, index, link_field)))
    found: list[Problem] = []
    for label, at in texts:
        value = get_setting(document, at)
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
        value = get_setting(document, at)
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
    if get_setting(document, ("extra", "analytics")) is not None:
        yield Problem(
            document.key_at(("extra", "analytics")),
            "extra analytics loads a script from another host and runs an inline script, "
            "which the site's Content-Security-Policy blocks",
            "remove it: the site loads nothing from another host",
        )
