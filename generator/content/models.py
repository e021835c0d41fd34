"""Validate stage's vocabulary: the typed content model.

Every class here is a declaration an author can read top to bottom; the field
descriptions become the JSON Schema that editors use for completion. Models
refer to each other by id only; the resolve stage checks those references.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    field_validator,
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


# ---------------------------------------------------------------- site_config.yml


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


# ---------------------------------------------------------------- content/*.yml


class Product(Model):
    """Something the vendor supports, with its versions oldest first."""

    id: Id
    name: Text
    summary: Text
    versions: list[Version] = Field(default_factory=list)
    current_version: Text | None = None
    delivered_via: list[Id] = Field(
        min_length=1,
        description="Channels through which support for this product is given; a plan "
        "without any of them gets none of the product's covered scope items.",
    )
    unlisted: UnlistedRule | None = Field(
        None, description="The verdict for any request the scope does not list."
    )


class UnlistedRule(Model):
    """The default rule for requests the scope does not list."""

    verdict: Literal["covered", "not_covered"]
    text: Text
    ask: list[Id] = Field(default_factory=list, description="Channels that can clarify.")


class Price(Model):
    """A price as published; amounts are in the smallest unit authors think in."""

    amount: Amount | None = None
    currency: Text = "USD"
    period: Text | None = Field(None, description="e.g. 'year', 'incident'.")
    text: Text | None = Field(None, description="Wording when the price is not a number.")


class Plan(Model):
    """What a customer holds: a licence tier, subscription, partnership or trial."""

    id: Id
    name: Text
    products: list[Id] = Field(min_length=1)
    summary: Text
    channels: list[Id] = Field(description="Channels this plan opens to its holders.")
    term: Text | None = None
    renewal: Text | None = None
    price: Price | None = None
    notes: list[Text] = Field(default_factory=list)


class ChannelKind(StrEnum):
    self_service = "self_service"
    assisted = "assisted"
    commercial = "commercial"


class Channel(Model):
    """A way to get help: self-service, assisted support, or a commercial contact."""

    id: Id
    name: Text
    kind: ChannelKind
    summary: Text
    products: list[Id] = Field(default_factory=list, description="Empty means every product.")
    open_to_all: bool = Field(False, description="Usable without holding any plan.")
    availability: Text | None = None
    how: Text | None = Field(None, description="How to reach it.")
    url: Url | None = None
    use_for: list[Text] = Field(default_factory=list, description="What to bring here.")
    include: list[Text] = Field(
        default_factory=list, description="What to include when you contact it."
    )
    response: DurationText | None = Field(None, description="First response goal.")
    conditions: list[Text] = Field(default_factory=list)
    charge: Text | None = Field(None, description="Set when using it costs extra.")


class PlanGoal(Model):
    """Goals for one plan where they differ from the severity's defaults."""

    plan: Id
    response: DurationText | None = None
    resolution: DurationText | None = None


class Severity(Model):
    """A severity level with its definition and goals."""

    id: Id
    level: int = Field(ge=1)
    name: Text
    products: list[Id] = Field(min_length=1)
    definition: Text
    examples: list[Text] = Field(default_factory=list)
    report_via: list[Id] = Field(min_length=1)
    response: DurationText
    response_qualifier: Literal["within", "under"] = "within"
    resolution: DurationText | None = None
    per_plan: list[PlanGoal] = Field(default_factory=list)


class Verdict(StrEnum):
    covered = "covered"
    conditional = "conditional"
    not_covered = "not_covered"
    paid = "paid"


VERDICT_LABELS = {
    "covered": "Covered",
    "conditional": "Covered with conditions",
    "not_covered": "Not covered",
    "paid": "Paid",
}
"""How each verdict reads on the site and in the terminal."""


class Instead(Model):
    """What to do when a request is not covered."""

    text: Text | None = None
    channels: list[Id] = Field(default_factory=list)
    offers: list[Id] = Field(default_factory=list)


class ScopeItem(Model):
    """One thing a customer may ask for, and whether support covers it."""

    id: Id
    product: Id
    group: Text = Field(description="Section of the scope page, e.g. 'Troubleshooting'.")
    title: Text
    verdict: Verdict
    details: Text | None = None
    conditions: list[Text] = Field(default_factory=list)
    plans: list[Id] = Field(
        default_factory=list, description="Only these plans get the verdict; empty means all."
    )
    price_rule: Id | None = Field(None, description="For verdict 'paid'.")
    instead: Instead | None = None
    aliases: list[Text] = Field(default_factory=list, description="Customers' own phrasings.")
    clause: Text = Field(description="The policy section this item comes from.")


class Step(Model):
    """A stepped price: base covers some steps, each further step costs more."""

    base: Count
    covers: PositiveCount = Field(description="Steps included in the base price.")
    each: Count = Field(description="Price of every further step.")
    per: Literal["major", "minor", "patch"] = Field(description="Version part counted.")


class PriceRule(Model):
    """How much a request costs: fixed, from N (quoted), stepped per version, or a
    price set when you buy it ('quote')."""

    id: Id
    name: Text
    products: list[Id] = Field(min_length=1)
    kind: Literal["fixed", "from", "stepped", "quote"]
    amount: Count | None = Field(None, description="For 'fixed' and 'from'.")
    step: Step | None = Field(None, description="For 'stepped'.")
    unit: Text = Field(description="e.g. 'credits' or 'USD'.")
    details: Text | None = None
    example: Text | None = None
    approval: Text | None = Field(
        None, description="When the customer must confirm the charge before work starts."
    )


class Package(Model):
    """A bundle a customer buys, such as a pack of credits."""

    id: Id
    name: Text
    products: list[Id] = Field(min_length=1)
    quantity: PositiveCount
    unit: Text
    price: Price | None = None


class Offer(Model):
    """An add-on bought on top of a plan: emergency or mission-critical support."""

    id: Id
    name: Text
    products: list[Id] = Field(min_length=1)
    summary: Text
    requires: list[Id] = Field(default_factory=list, description="Plans it is added to.")
    benefits: list[Text] = Field(default_factory=list)
    response: DurationText | None = None
    availability: Text | None = None
    price: Price | None = None
    terms: list[Text] = Field(default_factory=list)


class Situation(Model):
    """A customer situation and the channels that suit it (a 'phone or ticket' row)."""

    id: Id
    products: list[Id] = Field(min_length=1)
    text: Text
    channels: list[Id] = Field(min_length=1)


class ContentFile(Model):
    """One content/*.yml file; any file may hold any kinds, merged by id."""

    products: list[Product] = Field(default_factory=list)
    plans: list[Plan] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    severities: list[Severity] = Field(default_factory=list)
    scope: list[ScopeItem] = Field(default_factory=list)
    price_rules: list[PriceRule] = Field(default_factory=list)
    packages: list[Package] = Field(default_factory=list)
    offers: list[Offer] = Field(default_factory=list)
    situations: list[Situation] = Field(default_factory=list)


# ---------------------------------------------------------------- content/**/*.md


class ArticleMeta(Model):
    """Front matter of a Markdown article."""

    title: Text
    summary: Text
    products: list[Id] = Field(default_factory=list, description="Empty means every product.")
    order: int = 0
    aliases: list[Text] = Field(default_factory=list)


Product.model_rebuild()

KINDS: dict[str, str] = {
    "products": "product",
    "plans": "plan",
    "channels": "channel",
    "severities": "severity",
    "scope": "scope item",
    "price_rules": "price rule",
    "packages": "package",
    "offers": "offer",
    "situations": "situation",
}
"""The content kinds, by their key in a content file, with their singular name."""
