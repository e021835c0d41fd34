"""The content model of site_config.yml: who publishes the policy, where, and when
support is open."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from generator.content.errors import printable
from generator.content.fields import Model, Text, Url


class Link(Model):
    """A labelled link: a web page, 'mailto:' address or 'tel:' number."""

    label: Text
    url: Url


class Weekday(StrEnum):
    monday = "monday"
    tuesday = "tuesday"
    wednesday = "wednesday"
    thursday = "thursday"
    friday = "friday"
    saturday = "saturday"
    sunday = "sunday"


class BusinessHours(Model):
    """When 'business hours' and 'business days' in goals are counted."""

    timezone: Text = Field(description="IANA time zone, e.g. 'America/New_York'.")
    days: list[Weekday] = Field(min_length=1)
    opens: Annotated[str, StringConstraints(pattern=r"^\d\d:\d\d$")] = "09:00"
    closes: Annotated[str, StringConstraints(pattern=r"^\d\d:\d\d$")] = "17:00"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import available_timezones

        if value not in available_timezones():
            raise ValueError(f"unknown time zone '{value}'")
        return value


SITE_URL_PATTERN = r"^https?://[^\s\"'<>`\\]+$"
"""For editors; ``site_url_problem`` is the check."""
SITE_URL_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f\"'<>`\\]")
UNSAFE_NAMES = {
    '"': "a quote",
    "'": "a quote",
    "`": "a backquote",
    "<": "'<'",
    ">": "'>'",
    "\\": "a backslash",
}
SITE_URL_HINT = "write the address the site is published at, e.g. https://support.example.com/"


def site_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the address of the site, or None.

    The theme prints the address into attributes as it is (the canonical link), so
    nothing in it may end one: no quotes, spaces or angle brackets.
    """
    unsafe = SITE_URL_UNSAFE.search(url)
    if unsafe:
        found = UNSAFE_NAMES.get(unsafe[0], "a space" if unsafe[0].isspace() else "a control code")
        return f"'{printable(url)}' is not a web address: it holds {found}"
    try:
        parts = urlsplit(url)
    except ValueError:  # such as an unclosed '[' of an IPv6 address
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return f"'{printable(url)}' is not a web address starting with https:// or http://"
    return None


class Holiday(Model):
    date: date
    name: Text


Day = date
"""`date` under another name, for fields that are themselves called date."""


class PolicyRevision(Model):
    """A published version of the policy, for the site's 'Policy changes' page."""

    revision: Text = Field(description="A git commit, tag or branch holding this version.")
    date: Day = Field(description="When this version took effect.")
    note: Text | None = Field(None, description="One line on why it changed.")


class SiteConfig(Model):
    """site_config.yml: who publishes the policy and when support is open."""

    name: Text = Field(description="Site title, e.g. 'Acme Support Centre'.")
    base_url: Text = Field(
        description="Where the site will be published: an http:// or https:// address, "
        "e.g. 'https://support.example.com/'.",
        json_schema_extra={"pattern": SITE_URL_PATTERN},
    )
    tagline: Text | None = None
    logo: Url | None = Field(None, description="Path of a logo image inside content/.")
    contact: list[Link] = Field(default_factory=list)
    business_hours: BusinessHours | None = Field(
        None, description="Leave out when the policy does not publish its hours."
    )
    holidays: list[Holiday] = Field(default_factory=list)
    history: list[PolicyRevision] = Field(
        default_factory=list,
        description="Published versions, oldest first: the 'Policy changes' page shows "
        "what changed from each to the next.",
    )

    @field_validator("base_url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        problem = site_url_problem(value)
        if problem:
            raise PydanticCustomError(
                "site_url", "{problem}", {"problem": problem, "hint": SITE_URL_HINT}
            )
        return value
