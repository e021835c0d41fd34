"""site_config.yml's look, given to Material: the palette (light and dark schemes
with the header's toggle), the logo, the favicon and the look's stylesheets.

A project's mkdocs.yml may still set the palette, logo and favicon (the route that
came first); setting one in both files is refused by ``config_look``, so here the
look's settings apply as given, and its default palette (both schemes) where
mkdocs.yml set none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.content.assets import LOOK_STYLESHEET
from generator.content.look import Look
from generator.render.look_css import palette_names
from generator.render.rendered import ThemeWords
from generator.render.theme_values import theme_text
from generator.site.config_look import PALETTE_FIELDS

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

LIGHT_MEDIA = "(prefers-color-scheme: light)"
DARK_MEDIA = "(prefers-color-scheme: dark)"
TO_DARK_ICON = "material/brightness-4"
TO_LIGHT_ICON = "material/brightness-7"


def palette(look: Look, words: ThemeWords) -> list[dict[str, Any]]:
    """Material's palette: the light scheme, and the dark one when the look offers it
    (the reader's system setting chooses; the header's toggle switches)."""
    primary, accent = palette_names(look)
    light: dict[str, Any] = {"scheme": "default", "primary": primary, "accent": accent}
    if not look.dark_scheme:
        return [light]
    dark = {**light, "scheme": "slate", "media": DARK_MEDIA}
    light["media"] = LIGHT_MEDIA
    light["toggle"] = {"icon": TO_DARK_ICON, "name": theme_text(words.dark_scheme)}
    dark["toggle"] = {"icon": TO_LIGHT_ICON, "name": theme_text(words.light_scheme)}
    return [light, dark]


def apply_look(config: MkDocsConfig, look: Look, words: ThemeWords) -> None:
    """Give the theme the look's palette, logo and favicon where mkdocs.yml set none,
    and its stylesheets after scopesite's own (a project's mkdocs.yml ones come last)."""
    theme = config.theme
    if not theme.get("palette") or PALETTE_FIELDS & look.model_fields_set:
        theme["palette"] = palette(look, words)
    for key in ("logo", "favicon"):  # Material's default favicon counts as none
        value = getattr(look, key)
        if value:
            theme[key] = value
    own = [entry for entry in config.extra_css if entry not in (LOOK_STYLESHEET, *look.css)]
    config.extra_css = [LOOK_STYLESHEET, *look.css, *own]
