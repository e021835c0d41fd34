"""Validate stage: how a customer reaches a channel, its contact points.

A contact point is one phone number, e-mail address or web address (a portal, a
chat, a form), with an optional label ('US and Canada'), the region of
site_config.yml it serves and the hour set it is open in where that differs from
the channel's. Each value is checked as written: pages print it as a link's text
and make its href (tel:, mailto:, https:) from it, so nothing in it may carry
markup or a second scheme. The region and hour ids are checked against
site_config.yml by ``contact_point_problems``, with the file's line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, ClassVar

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from generator.content.errors import Problem, did_you_mean, printable
from generator.content.fields import Id, Model, Text
from generator.content.link_safety import url_problem
from generator.content.load import Document, values_at

PHONE = re.compile(r"\+?[0-9() .-]+")
"""What a phone number holds: digits, spaces, '+' first, '-', '(', ')' and '.'."""
PHONE_DIGITS = 3
"""Fewer digits than this is no number anyone can dial."""
EMAIL = re.compile(r"[A-Za-z0-9.!#$%&*+/=?^_{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
"""A plain address: no quotes, spaces, angle brackets or a display name."""
WEB_SCHEMES = ("https://", "http://")


def _refused(code: str, message: str, value: str, hint: str) -> PydanticCustomError:
    return PydanticCustomError(code, message, {"value": printable(value), "hint": hint})


def _checked_phone(value: object) -> object:
    if isinstance(value, str):
        digits = sum(c.isdigit() for c in value)
        if not PHONE.fullmatch(value) or digits < PHONE_DIGITS:
            raise _refused(
                "phone_number",
                "'{value}' is not a phone number",
                value,
                "write it with digits, spaces, '+' (first), '-', '(', ')' and '.' only, "
                "e.g. '+1 555 0100'; put words such as 'toll-free' in 'label'",
            )
    return value


def _checked_email(value: object) -> object:
    if isinstance(value, str) and not EMAIL.fullmatch(value):
        raise _refused(
            "email_address",
            "'{value}' is not an e-mail address",
            value,
            "write the address alone, e.g. 'support@example.com', without 'mailto:', a "
            "name or angle brackets",
        )
    return value


def _checked_web(value: object) -> object:
    if isinstance(value, str):
        problem = url_problem(value)
        if problem is None and not value.lower().startswith(WEB_SCHEMES):
            problem = "a web contact point is a web page, not a link of another kind"
        if problem:
            raise PydanticCustomError(
                "web_address",
                "unsafe web address '{value}': {problem}",
                {
                    "value": printable(value),
                    "problem": problem,
                    "hint": "write the https://… or http://… address of the page, portal "
                    "or chat; use 'phone:' or 'email:' for the others",
                },
            )
    return value


Phone = Annotated[
    str,
    BeforeValidator(_checked_phone),
    WithJsonSchema({"type": "string", "pattern": r"^\+?[0-9() .-]+$"}),
]
Email = Annotated[
    str,
    BeforeValidator(_checked_email),
    WithJsonSchema({"type": "string", "format": "email"}),
]
WebAddress = Annotated[
    str,
    BeforeValidator(_checked_web),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]
KINDS = ("phone", "email", "web")


class ContactPoint(Model):
    """One way to reach a channel: a phone number, an e-mail address or a web address."""

    singular: ClassVar[str] = "contact point"
    phone: Phone | None = Field(
        None, description="A phone number as customers dial it, e.g. '+1 555 0100'."
    )
    email: Email | None = Field(None, description="An e-mail address, e.g. 'help@example.com'.")
    web: WebAddress | None = Field(
        None, description="The https:// address of a portal, chat or form."
    )
    label: Text | None = Field(
        None, description="What sets it apart from the others, e.g. 'US and Canada', 'Toll-free'."
    )
    region: Id | None = Field(
        None, description="The region (site_config.yml 'regions') it serves; default: every region."
    )
    hours: Id | None = Field(
        None,
        description="The hour set (site_config.yml 'hours') it is open in, where it differs "
        "from the channel's 'hours'.",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> ContactPoint:
        given = [kind for kind in KINDS if getattr(self, kind) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "contact_point_kind",
                "a contact point needs exactly one of 'phone', 'email' or 'web'{found}",
                {
                    "found": f"; it has {' and '.join(given)}" if given else "",
                    "hint": "write each number or address as a contact point of its own, "
                    "e.g. '- phone: +1 555 0100'",
                },
            )
        return self

    @property
    def kind(self) -> str:
        return next(kind for kind in KINDS if getattr(self, kind) is not None)

    @property
    def value(self) -> str:
        return str(getattr(self, self.kind))


def contact_point_problems(document: Document, regions: set[str]) -> Iterator[Problem]:
    """Each region a channel's contact point names is one site_config.yml declares."""
    data = document.data or {}
    for index, entry in enumerate(data.get("channels") or []):
        for value, path in values_at(entry, ["contacts", "*", "region"], ("channels", index)):
            if isinstance(value, str) and value not in regions:
                yield Problem(
                    document.value_at(path),
                    f"unknown region '{value}'{did_you_mean(value, regions)}",
                    _known_regions_hint(regions),
                )


def _known_regions_hint(regions: set[str]) -> str:
    if regions:
        return (
            f"known regions: {', '.join(sorted(regions))}; declare others under 'regions:' "
            "in site_config.yml, or leave out 'region' for a point that serves every region"
        )
    return (
        "site_config.yml declares no regions: add them under 'regions:', or leave out "
        "'region' for a point that serves every region"
    )
