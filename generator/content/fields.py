"""The field types content models are built from: ids, text, links, versions,
amounts and durations, and ``Model``, the base of every content model.

Each type carries its check and its JSON Schema, so a rule about a field is
written once, where the field is defined.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from generator.content.errors import printable
from generator.content.link_safety import ALLOWED_FORMS, url_problem

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


def _checked_url(value: object) -> object:
    """Refuse a URL that is not a plain link, checked as written (before any strip)."""
    if isinstance(value, str):
        problem = url_problem(value)
        if problem:
            raise PydanticCustomError(
                "unsafe_url",
                "unsafe URL '{url}': {problem}",
                {"url": printable(value), "problem": problem, "hint": ALLOWED_FORMS},
            )
    return value


Url = Annotated[
    str,
    BeforeValidator(_checked_url),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            "format": "uri-reference",
            "description": "https://…, http://…, mailto:…, tel:… or a page of the site",
        }
    ),
]
"""A link from content: https, http, mailto, tel, or a page or file of the site."""


def _checked_version(value: object) -> object:
    """A version names wizard pages: no path separators, line breaks or control codes."""
    if not isinstance(value, str):
        return value
    found = next((c for c in value if c in "/\\" or _invisible(c)), None)
    if found is not None:
        raise PydanticCustomError(
            "version_text",
            "version '{version}' holds '{found}'",
            {
                "version": printable(value),
                "found": printable(found),
                "hint": "a version names pages of the site: write it as text such as "
                "'4.3.1' or '2024 R1', without '/', '\\' or line breaks",
            },
        )
    return value


def _invisible(character: str) -> bool:
    return character != " " and unicodedata.category(character)[0] in "CZ"


Version = Annotated[
    str,
    StringConstraints(min_length=1, strip_whitespace=True),
    BeforeValidator(_checked_version),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            "pattern": "^[^/\\\\\\u0000-\\u001f\\u007f]+$",
            "description": "e.g. '4.3.1' or '2024 R1': it names wizard pages, so no '/' or '\\'",
        }
    ),
]
"""A product version, as shown and as part of wizard page names."""


MAX_AMOUNT = 10**12
"""Above any real price, count or credit balance, and below where JavaScript (the
cost calculator) stops counting whole numbers exactly."""
Amount = Annotated[float, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)]
"""A price: '.inf' and '.nan' are YAML numbers, never prices."""
Count = Annotated[int, Field(ge=0, le=MAX_AMOUNT)]
PositiveCount = Annotated[int, Field(ge=1, le=MAX_AMOUNT)]

MAX_DURATION = 100_000
"""Of any unit: 100,000 days still fits the dates the 'due by' script computes."""
DURATION = re.compile(r"^(\d+)\s+(business\s+)?(minute|hour|day)s?$")


class Model(BaseModel):
    """Base of every content model: immutable, and unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Duration(BaseModel):
    """A goal such as '1 hour' or '14 business days'."""

    model_config = ConfigDict(frozen=True)

    amount: int
    unit: Literal["minute", "hour", "day"]
    business: bool

    @classmethod
    def parse(cls, text: str) -> Duration:
        match = DURATION.match(text.strip().lower())
        if not match:
            raise ValueError(f"'{text}' is not a duration such as '1 hour' or '7 business days'")
        if int(match[1]) > MAX_DURATION:
            raise PydanticCustomError(
                "duration_too_long",
                "'{text}' is longer than a goal can be",
                {"text": text, "hint": f"write {MAX_DURATION:,} or fewer, such as '30 days'"},
            )
        return cls(amount=int(match[1]), unit=match[3], business=bool(match[2]))

    def __str__(self) -> str:
        """The author's notation, which ``parse`` reads back: '3 business days'. It is
        data, not wording: the JSON API and a policy change's before and after values
        carry it, and flow expectations compare it. Pages word a duration through the
        ``duration`` macro of macros.md.j2 (Wording.duration), so a project can reword it."""
        unit = f"{'business ' if self.business else ''}{self.unit}{'s' if self.amount != 1 else ''}"
        return f"{self.amount} {unit}"


def _parse_duration(value: object) -> object:
    return Duration.parse(value) if isinstance(value, str) else value


DurationText = Annotated[
    Duration,
    BeforeValidator(_parse_duration),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": DURATION.pattern,
            "description": "e.g. '1 hour', '4 business hours', '7 business days'",
        }
    ),
]


ALIASES_DESCRIPTION = (
    'Customers\' own words for this ("talk to sales", "my server is down"): search '
    "ranks them as high as its title, so a question in those words finds it."
)
"""One description for every kind that carries customers' phrasings."""
