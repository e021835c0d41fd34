"""A look set twice: site_config.yml's 'look:' and a project's mkdocs.yml may both
give the palette, logo and favicon (mkdocs.yml was the first way). Either file may
set each, never both: the site would follow one and the author would edit the other."""

from __future__ import annotations

from collections.abc import Iterator

from generator.content.errors import Problem
from generator.content.load import Document
from generator.site.config_values import CheckContext, get_setting

PALETTE_FIELDS = frozenset({"primary", "accent", "dark_scheme"})
"""The look's fields that make Material's palette."""


def look_twice(document: Document, context: CheckContext) -> Iterator[Problem]:
    site = context.site
    if site is None:
        return
    given = site.look.model_fields_set
    palette_fields = sorted(PALETTE_FIELDS & given)
    if get_setting(document, ("theme", "palette")) is not None and palette_fields:
        yield _twice(document, "palette", f"look's {', '.join(palette_fields)}")
    for key in ("logo", "favicon"):
        if get_setting(document, ("theme", key)) is not None and getattr(site.look, key):
            yield _twice(document, key, f"look's {key}")


def _twice(document: Document, key: str, look: str) -> Problem:
    return Problem(
        document.key_at(("theme", key)),
        f"theme {key} is set here and by site_config.yml's {look}",
        f"set it in one place: remove theme {key} from this file"
        + (
            " (site_config.yml's look also checks the colours' contrast)"
            if key == "palette"
            else ""
        )
        + f", or remove the {look}",
    )
