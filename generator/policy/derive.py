"""Derive stage: every policy decision the site shows is made here, once.

Templates and wizards read these answers; they never decide coverage themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.content.fields import Duration
from generator.content.models import (
    NO_TARGET,
    Channel,
    Offer,
    Plan,
    PlanGoal,
    PriceRule,
    Product,
    ScopeItem,
    Severity,
    TimedTarget,
    Verdict,
)
from generator.content.resolve import Policy
from generator.policy.hours import Hours, RegionHours, depends_on_region, hours_for, regions
from generator.policy.verdicts import Access, Reason, Standing, access_to, can_use, standing_of


@dataclass(frozen=True)
class Coverage:
    """The answer to 'is this item covered on this plan?', with its reasons: typed,
    for templates to word (macros.md.j2, coverage_reason)."""

    item: ScopeItem
    plan: Plan
    verdict: Verdict
    reason: Reason
    conditions: tuple[str, ...]
    instead_text: str | None
    instead_channels: tuple[Channel, ...]
    instead_offers: tuple[Offer, ...]
    only_plans: tuple[Plan, ...] = ()
    """For Reason.only_other_plans: the plans that do get the item."""
    delivered_via: tuple[Channel, ...] = ()
    """For Reason.channel_not_included: the channels the plan would need."""


@dataclass(frozen=True)
class PlanRow:
    """One row of a plan comparison: a channel and how each plan stands with it."""

    channel: Channel
    access: tuple[Access, ...]


@dataclass(frozen=True)
class PlanMatrix:
    """The plans of one product side by side."""

    product: Product
    plans: tuple[Plan, ...]
    rows: tuple[PlanRow, ...]


@dataclass(frozen=True)
class Goal:
    """A response or resolution goal, typed until a template words it: a duration
    (None when the policy sets no target), whether it is a ceiling ('under 1 hour')
    rather than a target ('within 1 hour'), the hour set its business hours and days
    count in, and the policy's words for 'no target' when it has them."""

    duration: Duration | None
    under: bool = False
    hours: Hours | None = None
    """None when the site publishes no hours, or when they are the customer's region's
    and the region is not known (a business goal then has no 'due by')."""
    no_target: str | None = None
    region: RegionHours | None = None
    """The customer's region, when its business hours are the ones counted in."""
    regions: tuple[RegionHours, ...] = ()
    """When it counts in the business hours of the customer's region and the region is
    not known: every region with its hours, for templates to list."""

    def __str__(self) -> str:
        """As an author writes it in a flow's expectation ('under 1 hour', 'none'):
        compile.py compares it there and names it in the expectation's error. Customers
        read a goal through the ``goal`` and ``goal_within`` macros of macros.md.j2
        (Wording.goal)."""
        if self.duration is None:
            return NO_TARGET
        return f"under {self.duration}" if self.under else str(self.duration)


@dataclass(frozen=True)
class Goals:
    """A severity's goals for one plan (or its defaults when plan is None)."""

    plan: Plan | None
    response: Goal
    resolution: Goal | None
    updates: Goal | None = None
    """How often a case waiting on support is updated (the 'ongoing response')."""
    conditions: tuple[str, ...] = ()
    """What the goals depend on."""


GOAL_FIELDS = ("response", "resolution", "updates")
"""A severity's goals, in the order pages list them."""


@dataclass(frozen=True)
class TableGoals:
    """A severity's goals in its product's severity table: each goal every plan
    shares, or None with its name in ``by_plan`` when the plans' goals differ."""

    response: Goal | None
    resolution: Goal | None
    updates: Goal | None
    by_plan: tuple[str, ...]
    plans: dict[str, tuple[tuple[tuple[Plan, ...], Goal | None], ...]] = field(default_factory=dict)
    """Per goal that depends on the plan: the plans whose goal is the same target in
    the same hours, with it, so a cell can say 'Standard: 1 business hour; Premium: 1
    hour' (the policy's words for no target are the severity section's to give)."""


@dataclass(frozen=True)
class Derived:
    """The resolved policy with every derived answer."""

    policy: Policy
    coverage: dict[tuple[str, str, str], Coverage]
    """By (plan, product, item): an item written for several products is covered
    product by product."""
    plan_matrices: dict[str, PlanMatrix]

    def coverage_for(self, plan: Plan, item: ScopeItem) -> Coverage:
        """``item`` as one product lists it (Policy.scope_for), on ``plan``."""
        return self.coverage[(plan.id, str(item.product), item.id)]


def derive(policy: Policy) -> Derived:
    """Compute the coverage matrix and plan matrices of a policy."""
    coverage = {
        (plan.id, product.id, item.id): coverage_for(policy, plan, item)
        for product in policy.products.values()
        for item in policy.scope_for(product)
        for plan in policy.plans_for(product)
    }
    matrices = {product.id: plan_matrix(policy, product) for product in policy.products.values()}
    return Derived(policy, coverage, matrices)


def coverage_for(policy: Policy, plan: Plan, item: ScopeItem) -> Coverage:
    """Decide whether ``plan`` covers ``item`` (as one product lists it)."""
    instead = item.instead
    channels = tuple(policy.channels[c] for c in instead.channels) if instead else ()
    offers = tuple(policy.offers[o] for o in instead.offers) if instead else ()
    text = instead.text if instead else None
    if item.verdict is Verdict.not_covered:
        reason = Reason.listed_out_of_scope
        return Coverage(item, plan, item.verdict, reason, (), text, channels, offers)
    if item.plans and plan.id not in item.plans:
        only = tuple(policy.plans[p] for p in item.plans)
        reason = Reason.only_other_plans
        return Coverage(item, plan, Verdict.not_covered, reason, (), text, channels, offers, only)
    support = support_channels(policy, item)
    if not any(can_use(plan, channel) for channel in support):
        reason = Reason.channel_not_included
        own = tuple(policy.channels[c] for c in plan.channels)
        elsewhere = own or channels
        return Coverage(
            item, plan, Verdict.not_covered, reason, (), text, elsewhere, offers, (), support
        )
    reason = Reason.listed_in_scope
    return Coverage(
        item, plan, item.verdict, reason, tuple(item.conditions), text, channels, offers
    )


def support_channels(policy: Policy, item: ScopeItem) -> tuple[Channel, ...]:
    """The channels through which ``item`` is given: its own 'delivered_via' (a billing
    queue open to every plan), else its product's."""
    product = policy.products[str(item.product)]
    return tuple(policy.channels[c] for c in item.delivered_via or product.delivered_via)


@dataclass(frozen=True)
class PlanExtension:
    """What a plan that extends another adds to it: 'Everything in <base>, plus …'."""

    base: Plan
    channels: tuple[Channel, ...]
    notes: tuple[str, ...]


def extension_of(policy: Policy, plan: Plan) -> PlanExtension | None:
    """What ``plan`` adds to the plan it extends (None when it extends none); the
    resolved plan holds the base's channels and notes as well as its own."""
    if plan.extends is None:
        return None
    base = policy.plans[plan.extends]
    channels = tuple(policy.channels[c] for c in plan.channels if c not in base.channels)
    return PlanExtension(base, channels, tuple(n for n in plan.notes if n not in base.notes))


def standing(policy: Policy, item: ScopeItem) -> Standing:
    """What ``item``'s badge may claim wherever every plan reads it (its scope page,
    search results): the verdict all plans of its product give, or 'depends on plan'."""
    plans = policy.plans_for(policy.products[str(item.product)])
    return standing_of((coverage_for(policy, plan, item).verdict for plan in plans), item.verdict)


@dataclass(frozen=True)
class ItemVerdict:
    """The one verdict of a scope item that every surface shows (badge, A to Z,
    search results, the JSON API): what it may claim everywhere, each plan's verdict
    one glance away, and its price where the content gives one."""

    item: ScopeItem
    standing: Standing
    by_plan: tuple[tuple[Plan, Verdict], ...]
    price_rule: PriceRule | None
    """What the request costs, when the item names a price rule."""
    offers: tuple[Offer, ...]
    """The offers to buy instead that carry a price (shown when the price rule, if
    any, only says the price is set when you buy it)."""

    @property
    def paid(self) -> bool:
        """Whether any plan pays for it: then its price is shown beside the verdict."""
        return self.standing is Standing.paid or any(v == "paid" for _, v in self.by_plan)


def item_verdict(policy: Policy, item: ScopeItem) -> ItemVerdict:
    """``item``'s verdict on every plan of its product, from the coverage matrix."""
    plans = policy.plans_for(policy.products[str(item.product)])
    by_plan = tuple((plan, coverage_for(policy, plan, item).verdict) for plan in plans)
    rule = policy.price_rules[item.price_rule] if item.price_rule else None
    offers = tuple(policy.offers[o] for o in (item.instead.offers if item.instead else ()))
    priced = tuple(offer for offer in offers if offer.price)
    return ItemVerdict(item, standing(policy, item), by_plan, rule, priced)


def plan_matrix(policy: Policy, product: Product) -> PlanMatrix:
    """Set a product's plans side by side, one row per channel."""
    plans = tuple(policy.plans_for(product))
    rows = tuple(
        PlanRow(channel, tuple(access_to(p, channel) for p in plans))
        for channel in policy.channels_for(product)
    )
    return PlanMatrix(product, plans, rows)


def goals_for(policy: Policy, severity: Severity, region: str | None = None) -> list[Goals]:
    """A severity's default goals, then one entry per plan that differs; business
    hours are those of ``region`` when the customer's region is known."""
    return [
        _goals(policy, severity, None, region),
        *(_goals(policy, severity, g, region) for g in severity.per_plan),
    ]


def goals_on(
    policy: Policy, severity: Severity, plan: Plan | None, region: str | None = None
) -> Goals:
    """The goals holders of ``plan`` get (the defaults when it has none of its own, or
    when no plan is given), in ``region``'s business hours when it is known."""
    own = next((g for g in severity.per_plan if plan and g.plan == plan.id), None)
    return _goals(policy, severity, own, region)


def table_goals(policy: Policy, severity: Severity, plans: list[Plan]) -> TableGoals:
    """A severity's goals as its product's severity table shows them: the goal all
    ``plans`` share, else that it depends on the plan."""
    each = [goals_on(policy, severity, plan) for plan in plans] or goals_for(policy, severity)[:1]
    shared: dict[str, Goal | None] = {}
    by_plan = []
    for name in GOAL_FIELDS:
        values = [getattr(goals, name) for goals in each]
        if all(value == values[0] for value in values):
            shared[name] = values[0]
        else:
            shared[name] = None
            by_plan.append(name)
    alike = {name: _alike(plans, [getattr(goals, name) for goals in each]) for name in by_plan}
    return TableGoals(**shared, by_plan=tuple(by_plan), plans=alike)


def _alike(
    plans: list[Plan], goals: list[Goal | None]
) -> tuple[tuple[tuple[Plan, ...], Goal | None], ...]:
    """The plans grouped by the target and hours of one goal, in the policy's order."""
    groups: dict[object, tuple[list[Plan], Goal | None]] = {}
    for plan, goal in zip(plans, goals, strict=False):
        groups.setdefault(_cell_key(goal), ([], goal))[0].append(plan)
    return tuple((tuple(members), goal) for members, goal in groups.values())


def _cell_key(goal: Goal | None) -> object:
    """What a table cell shows of a goal: its target and hours; any goal without a
    target reads 'no target' there, whatever its hours or words."""
    if goal is None or goal.duration is None:
        return goal if goal is None else "no target"
    return (goal.duration, goal.under, goal.hours, goal.regions)


def _goals(policy: Policy, severity: Severity, own: PlanGoal | None, region: str | None) -> Goals:
    """The goals of ``own`` (a plan's), each falling back to the severity's. A goal's
    own hours come first, then the plan's, then the severity's."""
    words = (own.no_target if own else None) or severity.no_target
    plan_hours = own.hours if own else None

    def goal(name: str, ceiling: bool = False) -> Goal | None:
        written = (getattr(own, name) if own else None) or getattr(severity, name)
        target, hours = (
            (written.target, written.hours) if isinstance(written, TimedTarget) else (written, None)
        )
        if target is None:
            return None
        duration = target if isinstance(target, Duration) else None
        named = (hours, plan_hours, severity.hours)
        under = ceiling and duration is not None
        return counted_goal(policy, duration, named, region, under, words)

    response = goal("response", severity.response_qualifier == "under")
    assert response is not None  # a severity's response goal is required
    conditions = own.conditions if own and own.conditions is not None else severity.conditions
    return Goals(
        policy.plans[own.plan] if own else None,
        response,
        goal("resolution"),
        goal("updates"),
        tuple(conditions),
    )


def channel_goal(policy: Policy, channel: Channel, region: str | None = None) -> Goal | None:
    """How soon ``channel`` answers, counted in its own hour set (or the region's)."""
    if channel.response is None:
        return None
    return counted_goal(policy, channel.response, (channel.hours,), region)


def counted_goal(
    policy: Policy,
    duration: Duration | None,
    named: tuple[str | None, ...],
    region: str | None,
    under: bool = False,
    no_target: str | None = None,
) -> Goal:
    """A goal counted in the first hour set of ``named`` given, else the default set;
    the default set's business hours are the customer's region's (policy/hours.py):
    those of ``region`` when known, else the goal lists every region."""
    site = policy.site
    hours = hours_for(site, *named)
    if duration is None or not duration.business or not depends_on_region(site, hours):
        return Goal(duration, under, hours, no_target)
    known = next((r for r in regions(site) if r.id == region), None)
    if known is not None:
        return Goal(duration, under, known.hours, no_target, region=known)
    return Goal(duration, under, None, no_target, regions=regions(site))
