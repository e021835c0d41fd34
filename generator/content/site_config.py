"""The content model of site_config.yml: who publishes the policy, where, and when
support is open."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import (
    BeforeValidator,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from generator.content.errors import did_you_mean, printable
from generator.content.fields import Id, Model, Text, Url
from generator.content.look import Look


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


class Holiday(Model):
    date: date
    name: Text


def _clock_time(closing: bool) -> Callable[[object], object]:
    """A time of day 'HH:MM' on the 24-hour clock; a closing time may be '24:00',
    midnight at the end of the day."""
    latest = "'24:00' (midnight at the end of the day)" if closing else "'23:59'"

    def check(value: object) -> object:
        if isinstance(value, str) and not (
            CLOCK_TIME.match(value) or (closing and value == "24:00")
        ):
            raise PydanticCustomError(
                "clock_time",
                "'{time}' is not a time of day",
                {
                    "time": printable(value),
                    "hint": f"write the time as HH:MM on the 24-hour clock, from '00:00' "
                    f"to {latest}, e.g. '09:00' or '17:30'",
                },
            )
        return value

    return check


CLOCK_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
OpeningTime = Annotated[
    str,
    BeforeValidator(_clock_time(closing=False)),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": CLOCK_TIME.pattern,
            "description": "HH:MM on the 24-hour clock, e.g. '09:00'",
        }
    ),
]
ClosingTime = Annotated[
    str,
    BeforeValidator(_clock_time(closing=True)),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$",
            "description": "HH:MM on the 24-hour clock, e.g. '17:00'; '24:00' is midnight "
            "at the end of the day",
        }
    ),
]


ZONE_HINT = "write an IANA time zone name, such as 'Europe/London' or 'America/New_York'"


def _known_zone(value: str | None) -> str | None:
    from zoneinfo import available_timezones

    zones = available_timezones()
    if value is not None and value not in zones:
        raise PydanticCustomError(
            "time_zone",
            "unknown time zone '{zone}'{suggestion}",
            {"zone": printable(value), "suggestion": did_you_mean(value, zones), "hint": ZONE_HINT},
        )
    return value


def _opening_order(opens: str, closes: str) -> None:
    if closes <= opens:
        raise PydanticCustomError(
            "hours_order",
            "closes at {closes}, not after it opens at {opens}",
            {
                "opens": opens,
                "closes": closes,
                "hint": "write a closing time later than the opening time; "
                "'24:00' is midnight at the end of the day",
            },
        )


class BusinessHours(Model):
    """When 'business hours' and 'business days' in goals are counted: the default
    hour set, with site_config.yml's 'holidays'."""

    timezone: Text = Field(description="IANA time zone, e.g. 'America/New_York'.")
    days: list[Weekday] = Field(min_length=1)
    opens: OpeningTime = "09:00"
    closes: ClosingTime = Field(
        "17:00", description="'24:00' is midnight at the end of the day (open until midnight)."
    )

    _zone = field_validator("timezone")(_known_zone)

    @model_validator(mode="after")
    def _in_order(self) -> BusinessHours:
        _opening_order(self.opens, self.closes)
        return self


DEFAULT_HOURS = "business-hours"
"""The id of the set that 'business_hours' and 'holidays' declare: goals that name
no hour set count in it."""


class HourSet(Model):
    """Named hours that goals count in: regional business hours with their own
    holidays, '24x5' (every weekday, all day) or '24x7' ('always_open')."""

    id: Id = Field(description="What channels, severities and per-plan goals name in 'hours:'.")
    name: Text = Field(description="As pages name it, e.g. 'North America business hours'.")
    always_open: bool = Field(
        False,
        description="24x7: every hour of every day counts, holidays too; leave out "
        "timezone, days, opens, closes and holidays.",
    )
    timezone: Text | None = Field(
        None, description="IANA time zone, e.g. 'America/New_York'; needed unless always open."
    )
    days: list[Weekday] = Field(
        default_factory=list, description="The days it is open; needed unless always open."
    )
    opens: OpeningTime = "09:00"
    closes: ClosingTime = Field(
        "17:00",
        description="'24:00' is midnight at the end of the day: '00:00' to '24:00' is all day.",
    )
    holidays: list[Holiday] = Field(
        default_factory=list, description="Days it is closed, such as local public holidays."
    )

    _zone = field_validator("timezone")(_known_zone)

    @model_validator(mode="after")
    def _complete(self) -> HourSet:
        given = self.model_fields_set
        if self.always_open:
            extra = [f for f in ("timezone", "days", "opens", "closes", "holidays") if f in given]
            if extra:
                raise PydanticCustomError(
                    "always_open_hours",
                    "hour set '{id}' is always open, so it has no '{field}'",
                    {
                        "id": self.id,
                        "field": extra[0],
                        "hint": "leave out 'always_open: true' or the opening hours",
                    },
                )
            return self
        missing = [f for f in ("timezone", "days") if not getattr(self, f)]
        if missing:
            raise PydanticCustomError(
                "hours_incomplete",
                "hour set '{id}' needs '{field}'",
                {
                    "id": self.id,
                    "field": missing[0],
                    "hint": f"add '{missing[0]}:', or "
                    "'always_open: true' for hours that count around the clock (24x7)",
                },
            )
        _opening_order(self.opens, self.closes)
        return self


class Region(Model):
    """Where a customer's account is: its business hours are the region's hour set, so a
    goal counted in business hours counts in the hours of the customer's region."""

    id: Id = Field(description="What wizards and expectations name: e.g. 'europe'.")
    name: Text = Field(
        description="As customers know it, e.g. 'Europe, the Middle East and Africa'."
    )
    hint: Text | None = Field(
        None, description="Which countries or offices it takes in, e.g. 'UK, Germany, UAE'."
    )
    hours: Id = Field(
        DEFAULT_HOURS,
        description="The hour set (an id under 'hours:', or 'business-hours') its business "
        "hours are; default: business_hours.",
    )


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
    look: Look = Field(
        default_factory=Look,
        description="The vendor's own look: logo, favicon, colours, light and dark schemes, "
        "stylesheets (files of the project's assets/ folder).",
    )
    contact: list[Link] = Field(default_factory=list)
    business_hours: BusinessHours | None = Field(
        None,
        description="The default hour set (id 'business-hours'): goals that name no "
        "hour set count in it. Leave out when the policy does not publish its hours.",
    )
    holidays: list[Holiday] = Field(
        default_factory=list, description="Days the default business hours are closed."
    )
    hours: list[HourSet] = Field(
        default_factory=list,
        description="Further named hour sets (24x7, 24x5, regional business hours) that "
        "channels, severities and per-plan goals name in 'hours:'.",
    )
    regions: list[Region] = Field(
        default_factory=list,
        description="Where customers' accounts are, when business hours depend on it: a goal "
        "counted in business hours (the default set) counts in the customer's region's "
        "set. Wizards ask it with 'options_from: {kind: regions}'.",
    )
    history: list[PolicyRevision] = Field(
        default_factory=list,
        description="Published versions, oldest first: the 'Policy changes' page shows "
        "what changed from each to the next.",
    )

    @field_validator("hours")
    @classmethod
    def _unique_hours(cls, value: list[HourSet]) -> list[HourSet]:
        seen: set[str] = set()
        for hours in value:
            if hours.id in seen or hours.id == DEFAULT_HOURS:
                raise PydanticCustomError(
                    "duplicate_hours",
                    "hour set id '{id}' is used twice",
                    {
                        "id": hours.id,
                        "hint": f"give each hour set its own id; '{DEFAULT_HOURS}' names "
                        "business_hours",
                    },
                )
            seen.add(hours.id)
        return value

    @field_validator("regions")
    @classmethod
    def _known_regions(cls, value: list[Region], info: ValidationInfo) -> list[Region]:
        """Region ids are unique and each names a declared hour set (checked only once
        the hours themselves are valid)."""
        seen: set[str] = set()
        for index, region in enumerate(value):
            if region.id in seen:
                raise PydanticCustomError(
                    "duplicate_region",
                    "region id '{id}' is used twice",
                    {"id": region.id, "at": (index, "id"), "hint": "give each region its own id"},
                )
            seen.add(region.id)
        if "hours" not in info.data or "business_hours" not in info.data:
            return value
        known = _hour_set_ids(info.data["business_hours"], info.data["hours"])
        for index, region in enumerate(value):
            if region.hours not in known:
                raise PydanticCustomError(
                    "unknown_region_hours",
                    "region '{id}' names unknown hour set '{hours}'{suggestion}",
                    {
                        "id": region.id,
                        "hours": region.hours,
                        "suggestion": did_you_mean(region.hours, known),
                        "at": (index, "hours"),
                        "hint": known_hours_hint(known),
                    },
                )
        return value

    def region_ids(self) -> set[str]:
        return {region.id for region in self.regions}

    def hour_set_ids(self) -> set[str]:
        """The ids goals may name in 'hours:'."""
        return _hour_set_ids(self.business_hours, self.hours)

    @field_validator("base_url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        problem = site_url_problem(value)
        if problem:
            raise PydanticCustomError(
                "site_url", "{problem}", {"problem": problem, "hint": SITE_URL_HINT}
            )
        return value


def _hour_set_ids(default: BusinessHours | None, named: list[HourSet]) -> set[str]:
    return ({DEFAULT_HOURS} if default else set()) | {hours.id for hours in named}


def known_hours_hint(known: set[str]) -> str:
    """How to fix a reference to an hour set site_config.yml does not declare."""
    if known:
        return (
            f"known hour sets: {', '.join(sorted(known))}; declare others under 'hours:' "
            "in site_config.yml"
        )
    return "site_config.yml declares no hours: add 'business_hours:' or a set under 'hours:'"
