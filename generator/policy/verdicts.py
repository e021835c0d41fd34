"""Policy stage: the one verdict model.

What a verdict is, what each is called and which symbol marks it, the verdict a
scope item may claim where every plan reads it, and how a plan stands with a
channel. Badges, plan tables, search results, the JSON API, ``scopesite ask`` and
``scopesite diff`` all read these, so a page never claims more than the coverage
matrix gives; templates print them through the macros of ``macros.md.j2``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from generator.content.models import Channel, Plan, Verdict


class Standing(StrEnum):
    """What a scope item's badge may claim: the verdict every plan gives, or that
    the answer depends on the plan (the page then lists each plan's verdict)."""

    covered = "covered"
    conditional = "conditional"
    paid = "paid"
    not_covered = "not_covered"
    depends_on_plan = "depends_on_plan"


class Access(StrEnum):
    """How a plan stands with a channel: a plan table's cell."""

    included = "included"
    paid_add_on = "paid_add_on"
    not_included = "not_included"


class Reason(StrEnum):
    """Why a plan gets an item's verdict; macros.md.j2 (coverage_reason) words each."""

    listed_in_scope = "listed_in_scope"
    listed_out_of_scope = "listed_out_of_scope"
    only_other_plans = "only_other_plans"
    """The item names the plans that get it, and this is not one of them."""
    channel_not_included = "channel_not_included"
    """The plan opens none of the channels the product's support is delivered through."""


@dataclass(frozen=True)
class Mark:
    """How a verdict or an access reads: its words, and a symbol before them so
    that colour is never the only sign."""

    label: str
    symbol: str


VERDICT_MARKS: Mapping[str, Mark] = MappingProxyType(
    {
        Standing.covered: Mark("Covered", "✓"),
        Standing.conditional: Mark("Covered with conditions", "✓"),
        Standing.paid: Mark("Paid", "+"),
        Standing.not_covered: Mark("Not covered", "✗"),
        Standing.depends_on_plan: Mark("Depends on your plan", "◐"),
    }
)
"""By verdict or standing (a Verdict's value is a Standing's value)."""

ACCESS_MARKS: Mapping[str, Mark] = MappingProxyType(
    {
        Access.included: Mark("Included", "✓"),
        Access.paid_add_on: Mark("Paid add-on", "+"),
        Access.not_included: Mark("Not included", "✗"),
    }
)


class Fit(StrEnum):
    """Whether a channel suits a situation: a cell of a help page's table."""

    suits = "suits"
    does_not_suit = "does_not_suit"


FIT_MARKS: Mapping[str, Mark] = MappingProxyType(
    {
        Fit.suits: Mark("Yes", "✓"),
        Fit.does_not_suit: Mark("No", "✗"),
    }
)


def verdict_label(verdict: str) -> str:
    """A verdict's or standing's name, as the site and the terminal print it."""
    return VERDICT_MARKS[verdict].label


def standing_of(verdicts: Iterable[Verdict], default: Verdict) -> Standing:
    """The verdict every plan gives, or 'depends on plan'; ``default`` (the item's
    own verdict) when its product has no plans to differ."""
    found = set(verdicts)
    if len(found) > 1:
        return Standing.depends_on_plan
    return Standing(found.pop() if found else default)


def access_to(plan: Plan, channel: Channel) -> Access:
    """Whether ``plan`` opens ``channel``, and whether using it costs extra."""
    if not plan.opens(channel):
        return Access.not_included
    return Access.paid_add_on if channel.charge else Access.included


def can_use(plan: Plan, channel: Channel) -> bool:
    """Whether a holder of ``plan`` may use ``channel`` (paid or not)."""
    return access_to(plan, channel) is not Access.not_included
