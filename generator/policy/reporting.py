"""Policy stage: the channels a plan's holders report a case of a severity through.

A severity names its reporting channels in the order it prefers them
(``report_via``); a plan may have its own order (``per_plan[].report_via``). A
reader sees only the channels their plan opens (``verdicts.can_use``, the one
rule), in that order; a plan that opens none of them is told so and pointed to
the channels it does open. A plan's goal may have its channels answered in the
goal's hours (``answered_in_goal_hours``): one phone line, open in business hours,
answered 24x7 for the top plan's top severities. Severity pages and severity
answers both read these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.content.models import Channel, Plan, Severity
from generator.content.resolve import Policy
from generator.policy.hours import Hours, hours_for
from generator.policy.verdicts import can_use


@dataclass(frozen=True)
class Reporting:
    """How holders of ``plans`` report a severity: typed, for templates to word."""

    plans: tuple[Plan, ...]
    channels: tuple[Channel, ...]
    """The channels to report through, in the order to prefer them: those the plans open."""
    lacking: tuple[Channel, ...]
    """The severity's channels the plans do not open."""
    instead: tuple[Channel, ...]
    """When ``channels`` is empty: the channels the plans do open, to use instead."""
    answered_in: Hours | None = None
    """The hours ``channels`` are answered in for this severity on these plans, when
    the plans' goal says so; None: each channel's own hours."""


def preferred(severity: Severity, plan: Plan) -> list[str]:
    """The channel ids to report ``severity`` through on ``plan``, best first."""
    own = next((g.report_via for g in severity.per_plan if g.plan == plan.id), None)
    return own or severity.report_via


def reporting(policy: Policy, severity: Severity, plan: Plan) -> Reporting:
    """The channels holders of ``plan`` report ``severity`` through, or what they
    use instead when their plan opens none of them."""
    opened = tuple(c for c in _channels(policy, preferred(severity, plan)) if can_use(plan, c))
    lacking = tuple(c for c in _channels(policy, severity.report_via) if not can_use(plan, c))
    instead: tuple[Channel, ...] = ()
    if not opened:
        own = (policy.channels[c] for c in plan.channels)
        instead = tuple(c for c in own if _serves(c, severity))
    return Reporting((plan,), opened, lacking, instead, answered_in(policy, severity, plan))


def answered_in(policy: Policy, severity: Severity, plan: Plan) -> Hours | None:
    """The hours ``plan``'s holders are answered in when they report ``severity``, where
    its goal for the plan says they are the goal's own (``answered_in_goal_hours``)."""
    goal = next((g for g in severity.per_plan if g.plan == plan.id), None)
    if goal is None or not goal.answered_in_goal_hours:
        return None
    return hours_for(policy.site, goal.hours)


def reporting_by_plan(policy: Policy, severity: Severity, plans: Iterable[Plan]) -> list[Reporting]:
    """``reporting`` for each of ``plans``, plans that report alike together, in the
    order of their first plan: one entry when every plan reports alike."""
    groups: dict[tuple[tuple[str, ...], ...], Reporting] = {}
    for plan in plans:
        found = reporting(policy, severity, plan)
        hours = found.answered_in.id if found.answered_in else ""
        key = (*(tuple(c.id for c in part) for part in _parts(found)), (hours,))
        first = groups.get(key)
        groups[key] = found if first is None else _joined(first, plan)
    return list(groups.values())


def _parts(found: Reporting) -> tuple[tuple[Channel, ...], ...]:
    return found.channels, found.lacking, found.instead


def _joined(group: Reporting, plan: Plan) -> Reporting:
    return Reporting(
        (*group.plans, plan), group.channels, group.lacking, group.instead, group.answered_in
    )


def _serves(channel: Channel, severity: Severity) -> bool:
    """Whether ``channel`` serves some product of ``severity`` (empty: every product)."""
    return not channel.products or any(p in channel.products for p in severity.products)


def _channels(policy: Policy, ids: list[str]) -> list[Channel]:
    return [policy.channels[c] for c in ids]
