"""Validate stage's vocabulary: the typed content model of content/*.yml and of
articles' front matter.

Every class here is a declaration an author can read top to bottom; the field
descriptions become the JSON Schema that editors use for completion. Models
refer to each other by id only; the resolve stage checks those references.
Field types are in ``generator.content.fields``, site_config.yml's model in
``generator.content.site_config`` and flows' in ``generator.content.flow_model``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar, Literal, get_args

from pydantic import Field

from generator.content.contact_points import ContactPoint
from generator.content.fields import (
    ALIASES_DESCRIPTION,
    Amount,
    Count,
    DurationText,
    Id,
    Model,
    PositiveCount,
    Text,
    Url,
    Version,
)
from generator.content.severity_models import NO_TARGET as NO_TARGET
from generator.content.severity_models import GoalText as GoalText
from generator.content.severity_models import PlanGoal as PlanGoal
from generator.content.severity_models import Severity as Severity
from generator.content.severity_models import SeverityDifference as SeverityDifference
from generator.content.severity_models import Situation as Situation
from generator.content.severity_models import SituationDifference as SituationDifference
from generator.content.severity_models import Target as Target
from generator.content.severity_models import TimedTarget as TimedTarget
from generator.content.versions import LifeCycle

# ---------------------------------------------------------------- content/*.yml


class Product(Model):
    """Something the vendor supports, with its versions oldest first."""

    singular: ClassVar[str] = "product"
    id: Id
    name: Text
    summary: Text
    versions: list[Version] = Field(
        default_factory=list, description="Its versions, oldest first, as customers name them."
    )
    current_version: Text | None = Field(
        None, description="The newest version; a life cycle's 'window' counts back from it."
    )
    life_cycle: LifeCycle | None = Field(
        None,
        description="Which versions are supported and how (phases, dates, or a window back "
        "from the current version): the product gets a life-cycle page.",
    )
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

    singular: ClassVar[str] = "plan"
    id: Id
    name: Text
    extends: Id | None = Field(
        None,
        description="A plan this one builds on: it gets that plan's products, channels and "
        "notes as well as its own ('Everything in <base>, plus …').",
    )
    products: list[Id] = Field(
        default_factory=list,
        description="Products this plan supports; may be empty when 'extends' names a plan "
        "that lists them.",
    )
    summary: Text
    channels: list[Id] = Field(
        default_factory=list, description="Channels this plan opens to its holders."
    )
    term: Text | None = None
    renewal: Text | None = None
    price: Price | None = None
    notes: list[Text] = Field(default_factory=list)
    aliases: list[Text] = Field(default_factory=list, description=ALIASES_DESCRIPTION)

    def opens(self, channel: Channel) -> bool:
        """Whether holders of this plan may use ``channel`` (paid or not): the one
        rule, which policy.verdicts.access_to and can_use read."""
        return channel.open_to_all or channel.id in self.channels


class ChannelKind(StrEnum):
    self_service = "self_service"
    assisted = "assisted"
    commercial = "commercial"


class Channel(Model):
    """A way to get help: self-service, assisted support, or a commercial contact."""

    singular: ClassVar[str] = "channel"
    id: Id
    name: Text
    kind: ChannelKind
    summary: Text
    products: list[Id] = Field(default_factory=list, description="Empty means every product.")
    open_to_all: bool = Field(False, description="Usable without holding any plan.")
    availability: Text | None = None
    how: Text | None = Field(None, description="How to reach it, in words.")
    url: Url | None = Field(
        None, description="Its web address; pages show it as the channel's web contact point."
    )
    contacts: list[ContactPoint] = Field(
        default_factory=list,
        description="Phone numbers, e-mail addresses and web addresses that reach it; pages "
        "show them wherever a customer is told to use it.",
    )
    use_for: list[Text] = Field(default_factory=list, description="What to bring here.")
    include: list[Text] = Field(
        default_factory=list, description="What to include when you contact it."
    )
    response: DurationText | None = Field(None, description="First response goal.")
    hours: Id | None = Field(
        None,
        description="The hour set (site_config.yml 'hours') it is open in and its response "
        "goal counts in; default: business_hours.",
    )
    conditions: list[Text] = Field(default_factory=list)
    charge: Text | None = Field(None, description="Set when using it costs extra.")
    aliases: list[Text] = Field(default_factory=list, description=ALIASES_DESCRIPTION)


class Verdict(StrEnum):
    """A scope item's verdict as the policy states it: covered, covered with
    conditions, paid (billed separately), or not covered."""

    covered = "covered"
    conditional = "conditional"
    not_covered = "not_covered"
    paid = "paid"


class Instead(Model):
    """What to do when a request is not covered."""

    text: Text | None = None
    channels: list[Id] = Field(default_factory=list)
    offers: list[Id] = Field(default_factory=list)


class ProductDifference(Model):
    """How one product of a several-product scope item differs from the item as written;
    a field left out keeps the item's own value."""

    product: Id = Field(description="One of the item's 'products'.")
    verdict: Verdict | None = Field(None, description="The verdict on this product.")
    details: Text | None = Field(None, description="The details on this product.")
    conditions: list[Text] | None = Field(None, description="The conditions on this product.")
    plans: list[Id] | None = Field(
        None, description="Only these plans get the verdict on this product; empty means all."
    )
    instead: Instead | None = Field(
        None,
        description="What to do on this product when the request is not covered there: "
        "replaces the item's own 'instead'.",
    )


class ScopeItem(Model):
    """One thing a customer may ask for, and whether support covers it."""

    singular: ClassVar[str] = "scope item"
    id: Id
    product: Id | None = Field(
        None, description="The product it belongs to; 'products' lists several instead."
    )
    products: list[Id] = Field(
        default_factory=list,
        description="The products (deployments, editions) it applies to, each listing it on "
        "its own scope page; write this or 'product'.",
    )
    per_product: list[ProductDifference] = Field(
        default_factory=list,
        description="Where the policy differs by product: fields that replace the item's own "
        "on one of its products.",
    )
    delivered_via: list[Id] = Field(
        default_factory=list,
        description="Channels this request is handled through, when not the product's "
        "support (a billing or licensing queue): coverage then follows these channels, "
        "not the product's 'delivered_via'.",
    )
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
    aliases: list[Text] = Field(default_factory=list, description=ALIASES_DESCRIPTION)
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

    singular: ClassVar[str] = "price rule"
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

    singular: ClassVar[str] = "package"
    id: Id
    name: Text
    products: list[Id] = Field(min_length=1)
    quantity: PositiveCount
    unit: Text
    price: Price | None = None


class Offer(Model):
    """An add-on bought on top of a plan: emergency or mission-critical support."""

    singular: ClassVar[str] = "offer"
    id: Id
    name: Text
    products: list[Id] = Field(min_length=1)
    summary: Text
    requires: list[Id] = Field(default_factory=list, description="Plans it is added to.")
    included_in: list[Id] = Field(
        default_factory=list,
        description="Plans that include it at no extra charge ('included in Premium'): the "
        "plans page and version answers say so, and such a plan's holders need not buy it.",
    )
    benefits: list[Text] = Field(default_factory=list)
    response: DurationText | None = None
    availability: Text | None = None
    price: Price | None = None
    terms: list[Text] = Field(default_factory=list)


class ContentFile(Model):
    """One content/*.yml file; any file may hold any kinds, merged by id."""

    # The one list of content kinds: a kind is a field here, whose model names it
    # ('singular'); KINDS, resolve's Policy and the schema follow this list.

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
    aliases: list[Text] = Field(default_factory=list, description=ALIASES_DESCRIPTION)


Product.model_rebuild()

KINDS: dict[str, str] = {
    key: get_args(field.annotation)[0].singular for key, field in ContentFile.model_fields.items()
}
"""The content kinds, by their key in a content file, with their singular name (as
authors' error messages name one)."""
