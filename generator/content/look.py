"""site_config.yml's 'look:': the vendor's logo, favicon, colours and stylesheets.

Colours are checked for contrast here, where they are read: the header prints its
title on the primary colour, so a colour the title cannot be read on is refused,
with the contrast found and the contrast needed. Paths are checked for their form
here (a file of the project's assets/ folder, of a kind the site may serve);
``assets`` checks that the files exist and are safe to publish.
"""

from __future__ import annotations

import posixpath
from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.content import colours
from generator.content.errors import did_you_mean, printable
from generator.content.fields import Model

ASSETS = "assets"
"""The project's folder of images and stylesheets, published as the site's assets/."""
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico")
STYLESHEET_TYPES = (".css",)


def _colour(role: str, names: dict[str, str]) -> BeforeValidator:
    def check(value: object) -> object:
        if not isinstance(value, str):
            return value
        if value in names or colours.HEX.match(value):
            _contrast(role, value)
            return value.lower()
        raise PydanticCustomError(
            "colour",
            "'{colour}' is not a colour{suggestion}",
            {
                "colour": printable(value),
                "suggestion": did_you_mean(value, names),
                "hint": "write '#rrggbb' (e.g. '#1a4d8f') or one of Material's names: "
                + ", ".join(names),
            },
        )

    return BeforeValidator(check)


def header_colours(primary: str) -> tuple[str, str]:
    """The header's background and text for a primary colour (a name or '#rrggbb')."""
    return colours.PRIMARY.get(primary, (primary, colours.WHITE))


def accent_colour(accent: str) -> str:
    return colours.ACCENT.get(accent, accent)


def _contrast(role: str, value: str) -> None:
    if role == "primary":
        background, text = header_colours(value)
        needed, found = colours.TEXT_CONTRAST, colours.contrast(background, text)
        what = "the header's white title" if text == colours.WHITE else "the header's title"
        fix = "choose a darker colour, such as '#1a4d8f'"
    else:
        background, text = accent_colour(value), colours.WHITE
        needed, found = colours.UI_CONTRAST, colours.contrast(background, text)
        what = "the white page it marks things on"
        fix = "choose a stronger colour, such as '#c2185b'"
    if found < needed:
        raise PydanticCustomError(
            "colour_contrast",
            "{role} colour '{colour}' has a contrast of {found} with {what}, under the "
            "{needed} WCAG AA needs",
            {
                "role": role,
                "colour": value,
                "found": colours.ratio(found),
                "needed": colours.ratio(needed),
                "what": what,
                "hint": fix,
            },
        )


COLOUR_SCHEMA = {"type": "string", "pattern": "^(#[0-9a-fA-F]{6}|[a-z-]+)$"}
Primary = Annotated[
    str,
    _colour("primary", {name: hex for name, (hex, _) in colours.PRIMARY.items()}),
    WithJsonSchema(
        {**COLOUR_SCHEMA, "description": "'#rrggbb' or a Material name, e.g. 'indigo'."}
    ),
]
Accent = Annotated[
    str,
    _colour("accent", colours.ACCENT),
    WithJsonSchema({**COLOUR_SCHEMA, "description": "'#rrggbb' or a Material name, e.g. 'pink'."}),
]


def _asset_path(kinds: tuple[str, ...], what: str) -> BeforeValidator:
    def check(value: object) -> object:
        if not isinstance(value, str):
            return value
        problem = asset_path_problem(value, kinds)
        if problem:
            raise PydanticCustomError(
                "asset_path",
                "{what} '{path}' {problem}",
                {
                    "what": what,
                    "path": printable(value),
                    "problem": problem,
                    "hint": f"put the file in the project's {ASSETS}/ folder and give its "
                    f"path from the project folder, e.g. '{ASSETS}/logo.svg'; "
                    f"allowed: {', '.join(kinds)}",
                },
            )
        return value

    return BeforeValidator(check)


def asset_path_problem(path: str, kinds: tuple[str, ...]) -> str | None:
    """Why ``path`` cannot name a file of the assets folder of these kinds, or None."""
    if any(c in path for c in '\\"<>`\x00') or any(ord(c) < 32 or c.isspace() for c in path):
        return "holds a space, quote, backslash, '<' or '>', which a path of the site may not"
    parts = path.split("/")
    if path.startswith("/") or ":" in parts[0]:
        return "is not a path inside the project"
    if ".." in parts or "." in parts or "" in parts:
        return "leaves or repeats a folder ('..', '.', '//')"
    if parts[0] != ASSETS or len(parts) < 2:
        return f"is not in the project's {ASSETS}/ folder"
    if posixpath.splitext(path)[1].lower() not in kinds:
        return "is not a file of an allowed kind"
    return None


ASSET_PATTERN = r"^assets/[^\s\"'<>`\\:]+$"
"""For editors; ``asset_path_problem`` is the check."""
ImagePath = Annotated[
    str,
    _asset_path(IMAGE_TYPES, "image"),
    WithJsonSchema(
        {"type": "string", "pattern": ASSET_PATTERN, "description": "e.g. 'assets/logo.svg'"}
    ),
]
StylesheetPath = Annotated[
    str,
    _asset_path(STYLESHEET_TYPES, "stylesheet"),
    WithJsonSchema(
        {"type": "string", "pattern": ASSET_PATTERN, "description": "e.g. 'assets/brand.css'"}
    ),
]


class Look(Model):
    """The vendor's own look: logo, favicon, colours and stylesheets. Every file is one
    of the project's assets/ folder, which the site publishes as its assets/."""

    logo: ImagePath | None = Field(
        None, description="The header's logo: an image in assets/, e.g. 'assets/logo.svg'."
    )
    favicon: ImagePath | None = Field(
        None, description="The browser tab's icon: an image in assets/, e.g. 'assets/icon.png'."
    )
    primary: Primary | None = Field(
        None,
        description="The header's colour and the links' hue: '#rrggbb' or a Material name. "
        "White header text must reach 4.5:1 on it (WCAG AA).",
    )
    accent: Accent | None = Field(
        None,
        description="The colour of hovered and chosen things: '#rrggbb' or a Material name; "
        "3:1 on white at least.",
    )
    dark_scheme: bool = Field(
        True,
        description="Offer a dark scheme beside the light one, with a toggle in the header; "
        "the reader's system setting chooses the first.",
    )
    css: list[StylesheetPath] = Field(
        default_factory=list,
        description="Stylesheets of assets/ that every page loads after scopesite's own.",
    )

    def files(self) -> list[tuple[str, tuple[str | int, ...]]]:
        """Every file the look names, with where it is named (under 'look')."""
        named: list[tuple[str, tuple[str | int, ...]]] = []
        for key in ("logo", "favicon"):
            value = getattr(self, key)
            named += [(value, (key,))] if value else []
        return named + [(path, ("css", index)) for index, path in enumerate(self.css)]
