"""Colours of a vendor's look: Material's palette names and '#rrggbb', their WCAG
contrast, and the shades a page needs to keep text readable in either scheme.

The figures are WCAG 2's: relative luminance and contrast ratio; AA asks 4.5:1 of
text. Material's palette is written out here (its palette stylesheet's values), so
that `scopesite check` can judge a name without loading the theme.
"""

from __future__ import annotations

import re

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
BLACK = "#000000"
DARK_TEXT = "#242424"
"""Material's dark header text (black at 87 % over the colour), as it reads on white."""
SLATE_BACKGROUND = "#1e2029"
"""Material's dark scheme ('slate') page background, hsl(232, 15 %, 14 %)."""
TEXT_CONTRAST = 4.5
"""WCAG AA for normal text: the header's title and links are normal text."""
UI_CONTRAST = 3.0
"""WCAG AA for the parts of controls (1.4.11): the accent marks hovered and chosen things."""

PRIMARY: dict[str, tuple[str, str]] = {
    "red": ("#ef5552", WHITE),
    "pink": ("#e92063", WHITE),
    "purple": ("#ab47bd", WHITE),
    "deep-purple": ("#7e56c2", WHITE),
    "indigo": ("#4051b5", WHITE),
    "blue": ("#2094f3", WHITE),
    "light-blue": ("#02a6f2", WHITE),
    "cyan": ("#00bdd6", WHITE),
    "teal": ("#009485", WHITE),
    "green": ("#4cae4f", WHITE),
    "light-green": ("#8bc34b", DARK_TEXT),
    "lime": ("#cbdc38", DARK_TEXT),
    "yellow": ("#ffec3d", DARK_TEXT),
    "amber": ("#ffc105", DARK_TEXT),
    "orange": ("#ffa724", DARK_TEXT),
    "deep-orange": ("#ff6e42", WHITE),
    "brown": ("#795649", WHITE),
    "grey": ("#757575", WHITE),
    "blue-grey": ("#546d78", WHITE),
    "black": ("#14161c", WHITE),
    "white": (WHITE, DARK_TEXT),
}
"""Material's primary colours by name: the header's background and its text."""

ACCENT: dict[str, str] = {
    "red": "#ff1a47",
    "pink": "#f50056",
    "purple": "#df41fb",
    "deep-purple": "#7c4dff",
    "indigo": "#526cfe",
    "blue": "#4287ff",
    "light-blue": "#0091eb",
    "cyan": "#00bad6",
    "teal": "#00bda4",
    "green": "#00c753",
    "light-green": "#63de17",
    "lime": "#b0eb00",
    "yellow": "#ffd500",
    "amber": "#ffaa00",
    "orange": "#ff9100",
    "deep-orange": "#ff6e42",
}
"""Material's accent colours by name."""


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def hex_of(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{round(max(0.0, min(255.0, c))):02x}" for c in (red, green, blue))


def luminance(colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio, 1 to 21."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour: str, towards: str, share: float) -> str:
    """``colour`` moved ``share`` (0 to 1) of the way to ``towards``."""
    return hex_of(*(a + (b - a) * share for a, b in zip(rgb(colour), rgb(towards), strict=True)))


def readable_on(colour: str, background: str, needed: float = TEXT_CONTRAST) -> str:
    """The shade of ``colour`` nearest to it that reads on ``background``: moved towards
    black on a light background, towards white on a dark one, in steps of 5 %."""
    towards = BLACK if luminance(background) > 0.18 else WHITE
    for step in range(21):
        shade = mix(colour, towards, step / 20)
        if contrast(shade, background) >= needed:
            return shade
    return towards


def ratio(value: float) -> str:
    """A contrast as WCAG writes it, rounded down so that '4.49' never shows as '4.5'."""
    return f"{int(value * 100) / 100:.2f}:1"
