"""The stylesheet site_config.yml's look becomes: a '#rrggbb' colour as Material's
custom properties, and, for every primary colour, the links' colour in each scheme.

Material colours links with the primary colour, in the dark scheme too, where
several of its own colours read at under 3:1 on the dark background. Each
scheme gets the primary's nearest shade that reaches WCAG AA on its background
(computed here, so a vendor's colour stays its hue). A file, not an inline style:
the Content-Security-Policy allows the site's own stylesheets.
"""

from __future__ import annotations

from generator.content import colours
from generator.content.look import Look, accent_colour, header_colours

HEADER = "/* Made by scopesite from site_config.yml's look: edit that, not this file. */\n"
CUSTOM = "custom"
"""Material's palette name for colours a stylesheet defines."""


def palette_names(look: Look) -> tuple[str, str]:
    """The primary and accent names Material's palette is given."""
    primary = look.primary or "indigo"
    accent = look.accent or "indigo"
    return (
        CUSTOM if primary.startswith("#") else primary,
        CUSTOM if accent.startswith("#") else accent,
    )


def look_stylesheet(look: Look) -> str:
    rules = [HEADER]
    if look.primary and look.primary.startswith("#"):
        rules.append(_custom_primary(look.primary))
    if look.accent and look.accent.startswith("#"):
        rules.append(_custom_accent(look.accent))
    named = {name: hex for name, (hex, _) in colours.PRIMARY.items()}
    if look.primary and look.primary.startswith("#"):
        named[CUSTOM] = look.primary
    for name, colour in named.items():
        rules.append(_links(name, colour))
    return "".join(rules)


def _custom_primary(colour: str) -> str:
    _, text = header_colours(colour)
    return (
        f"[data-md-color-primary={CUSTOM}] {{\n"
        f"  --md-primary-fg-color: {colour};\n"
        f"  --md-primary-fg-color--light: {colours.mix(colour, colours.WHITE, 0.25)};\n"
        f"  --md-primary-fg-color--dark: {colours.mix(colour, colours.BLACK, 0.2)};\n"
        f"  --md-primary-bg-color: {text};\n"
        f"  --md-primary-bg-color--light: {text}b3;\n"
        "}\n"
    )


def _custom_accent(colour: str) -> str:
    accent = accent_colour(colour)
    return (
        f"[data-md-color-accent={CUSTOM}] {{\n"
        f"  --md-accent-fg-color: {accent};\n"
        f"  --md-accent-fg-color--transparent: {accent}1a;\n"
        f"  --md-accent-bg-color: {colours.WHITE};\n"
        f"  --md-accent-bg-color--light: {colours.WHITE}b3;\n"
        "}\n"
    )


def _links(name: str, colour: str) -> str:
    light = colours.readable_on(colour, colours.WHITE)
    dark = colours.readable_on(colour, colours.SLATE_BACKGROUND)
    return (
        f"[data-md-color-scheme=default][data-md-color-primary={name}] "
        f"{{ --md-typeset-a-color: {light}; }}\n"
        f"[data-md-color-scheme=slate][data-md-color-primary={name}] "
        f"{{ --md-typeset-a-color: {dark}; }}\n"
    )
