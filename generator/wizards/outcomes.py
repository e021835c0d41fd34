"""Outcomes of wizards: each answer is computed from the derived policy.

An outcome reads named facts (plan, item, situation, severity, region, price_rule,
from_version, to_version); the wizard compiler keeps exactly those in its state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import assert_never

from generator.content.flow_model import OUTCOME_KINDS, Outcome, OutcomeName
from generator.content.models import (
    Channel,
    Offer,
    Plan,
    PriceRule,
    Product,
    ScopeItem,
    Severity,
    Situation,
    Verdict,
)
from generator.content.resolve import Policy
from generator.policy.contacts import Reach, reach
from generator.policy.derive import (
    Coverage,
    Derived,
    Goal,
    channel_goal,
    goals_on,
    support_channels,
)
from generator.policy.hours import Hours
from generator.policy.life_cycle import VersionStatus, as_of, status, to_buy, upgrade_to
from generator.policy.prices import cost_of
from generator.policy.reporting import Reporting, reporting
from generator.policy.verdicts import can_use


class OutcomeError(Exception):
    """An outcome cannot be computed from the facts it was given."""


@dataclass(frozen=True)
class NextStep:
    """A channel to use, how, and how fast it answers."""

    channel: Channel
    response: Goal | None
    answered_in: Hours | None = None
    """The hours the channel is answered in for this answer, where the plan's goal sets
    them (policy/reporting.py); None: its own."""
    reach: Reach | None = None
    """How to reach the channel in the reader's region (set by ``answer``)."""


LIFE_CYCLE_VERSIONS = "versions"
"""The clause of an unsupported version: the life-cycle page's table of versions."""
LIFE_CYCLE_MINORS = "minor-releases"
"""The clause of a minor release out of its own life cycle: the page's table of them."""


class ClauseKind(StrEnum):
    """The kinds of policy section an answer can rest on (render's urls.clause links each)."""

    scope = "scope"
    severity = "severity"
    price_rule = "price_rule"
    life_cycle = "life_cycle"


@dataclass(frozen=True)
class Clause:
    """The section of the policy an answer rests on; render knows its page."""

    kind: ClauseKind
    product: str
    id: str
    products: tuple[str, ...] = ()
    """Every product whose pages hold this section, when several do: render links to
    the one the reader chose (urls.clause); empty means only ``product``."""


@dataclass(frozen=True)
class Answer:
    """What an outcome page says, in the order it says it, as typed facts: the
    outcome_headline and outcome_reason macros of macros.md.j2 word its headline
    and first reason from them (the kind of its outcome, the plan, the channels)."""

    outcome: Outcome
    verdict: Verdict | None = None
    coverage: Coverage | None = None
    plan: Plan | None = None
    situation: Situation | None = None
    channels: tuple[Channel, ...] = ()
    """For a channel outcome: the channels to use, or those the plan lacks."""
    severity: Severity | None = None
    versions: tuple[str | None, str | None] = (None, None)
    """For a cost outcome: from and to version."""
    why: tuple[str, ...] = ()
    clause: Clause | None = None
    conditions: tuple[str, ...] = ()
    instead: str | None = None
    next_steps: tuple[NextStep, ...] = ()
    response: Goal | None = None
    resolution: Goal | None = None
    updates: Goal | None = None
    """For a severity outcome: how often a case waiting on support is updated."""
    cost: int | None = None
    unit: str | None = None
    price_rule: PriceRule | None = None
    item_price: PriceRule | None = None
    """For a coverage outcome: the price rule of its item (outcome_price words it)."""
    offers: tuple[Offer, ...] = ()
    item: ScopeItem | None = None
    reporting: Reporting | None = None
    """For a severity outcome with a plan: the channels that plan opens to report it
    (then next_steps), those it lacks, and the ones it opens instead."""
    product: Product | None = None
    life: VersionStatus | None = None
    """For a version outcome: where the version stands, on which date."""
    upgrade_to: str | None = None
    """For a version outcome whose version is not supported: the version to move to."""
    texts: tuple[str, ...] = ()
    """The outcome's own wording shown on this path (its 'text' whose 'when' holds)."""
    included: tuple[Offer, ...] = ()
    """For a version outcome: the add-ons its phase needs that the reader's plan
    includes at no extra charge (``offers`` holds those still to buy)."""
    unavailable: tuple[Offer, ...] = ()
    """For a version outcome: the add-ons its phase needs that cannot be added to the
    reader's plan (their 'requires' leaves it out); ``upgrade_plans`` can have them."""
    upgrade_plans: tuple[Plan, ...] = ()


def answer(derived: Derived, outcome: Outcome, facts: dict[str, str]) -> Answer:
    """Compute the answer of ``outcome`` for ``facts``."""
    for fact in OUTCOME_KINDS[outcome.kind].needs:
        if fact not in facts:
            raise OutcomeError(
                f"outcome '{outcome.id}' needs the fact '{fact}', which no answer on the way sets"
            )
    try:
        found = computer(outcome.kind)(derived, outcome, facts)
    except KeyError as error:
        raise OutcomeError(f"outcome '{outcome.id}': unknown id {error}") from None
    region = facts.get("region")
    steps = tuple(
        replace(step, reach=reach(derived.policy, step.channel, region, step.answered_in))
        for step in found.next_steps
    )
    return replace(found, texts=outcome.texts(facts), next_steps=steps)


def _coverage(derived: Derived, outcome: Outcome, facts: dict[str, str]) -> Answer:
    policy = derived.policy
    plan = policy.plans[facts["plan"]]
    item = _listed_item(policy, plan, facts)
    if (plan.id, item.product, item.id) not in derived.coverage:
        raise OutcomeError(f"plan '{plan.id}' is not a plan of the product of '{item.id}'")
    coverage = derived.coverage_for(plan, item)
    covered = coverage.verdict is not Verdict.not_covered
    channels = _support_channels(derived, plan, item) if covered else coverage.instead_channels
    why = [item.details] if item.details else []
    price = policy.price_rules[item.price_rule] if item.price_rule else None
    return Answer(
        outcome=outcome,
        verdict=coverage.verdict,
        coverage=coverage,
        plan=plan,
        item_price=price,
        why=tuple(why),
        clause=Clause(ClauseKind.scope, str(item.product), item.id),
        offers=coverage.instead_offers,
        conditions=coverage.conditions,
        instead=coverage.instead_text if not covered else None,
        next_steps=tuple(NextStep(c, _within(derived, c)) for c in channels),
        item=item,
    )


def _listed_item(policy: Policy, plan: Plan, facts: dict[str, str]) -> ScopeItem:
    """The item as the chosen product lists it; without a product fact, as the first
    of its products the plan supports lists it."""
    products = [p.id for p in policy.products_of(policy.scope[facts["item"]])]
    chosen = facts.get("product")
    ranked = [chosen] if chosen in products else [p for p in products if p in plan.products]
    return policy.scope_item(str((ranked or products)[0]), facts["item"])


def _support_channels(derived: Derived, plan: Plan, item: ScopeItem) -> tuple[Channel, ...]:
    channels = support_channels(derived.policy, item)
    return tuple(channel for channel in channels if can_use(plan, channel))


def _channel(derived: Derived, outcome: Outcome, facts: dict[str, str]) -> Answer:
    policy, region = derived.policy, facts.get("region")
    plan = policy.plans[facts["plan"]]
    situation = policy.situation(facts.get("product"), facts["situation"])
    suited = [policy.channels[c] for c in situation.channels]
    usable = [c for c in suited if can_use(plan, c)]
    if usable:
        return Answer(
            outcome,
            plan=plan,
            situation=situation,
            channels=tuple(usable),
            next_steps=tuple(NextStep(c, _within(derived, c, region)) for c in usable),
        )
    own = [policy.channels[c] for c in plan.channels]
    return Answer(
        outcome,
        verdict=Verdict.not_covered,
        plan=plan,
        situation=situation,
        channels=tuple(suited),
        next_steps=tuple(NextStep(c, _within(derived, c, region)) for c in own),
    )


def _severity(derived: Derived, outcome: Outcome, facts: dict[str, str]) -> Answer:
    policy, region = derived.policy, facts.get("region")
    severity = policy.severity(facts.get("product"), facts["severity"])
    plan = policy.plans[facts["plan"]] if "plan" in facts else None
    goals = goals_on(policy, severity, plan, region)
    found = reporting(policy, severity, plan) if plan else None
    if found is None:  # no plan chosen: every channel the severity names
        report = tuple(NextStep(policy.channels[c], goals.response) for c in severity.report_via)
    elif found.channels:  # those the plan opens, in its order
        report = tuple(NextStep(c, goals.response, found.answered_in) for c in found.channels)
    else:  # none: what the plan opens instead, each with its own goal
        report = tuple(NextStep(c, _within(derived, c, region)) for c in found.instead)
    return Answer(
        outcome,
        plan=plan,
        severity=severity,
        why=(severity.definition,),
        clause=Clause(
            ClauseKind.severity, severity.products[0], severity.id, tuple(severity.products)
        ),
        next_steps=report,
        reporting=found,
        response=goals.response,
        resolution=goals.resolution,
        updates=goals.updates,
        conditions=goals.conditions,
    )


def _cost(derived: Derived, outcome: Outcome, facts: dict[str, str]) -> Answer:
    rule = derived.policy.price_rules[facts["price_rule"]]
    start, end = facts.get("from_version"), facts.get("to_version")
    cost = cost_of(rule, start, end)
    approval = (rule.approval,) if rule.approval else ()
    if cost is None and rule.kind == "quote":
        why = (*(t for t in (rule.details,) if t), *approval)
        return Answer(
            outcome,
            why=why,
            unit=rule.unit,
            clause=Clause(ClauseKind.price_rule, rule.products[0], rule.id, tuple(rule.products)),
            price_rule=rule,
        )
    if cost is None:  # outcome_reason says it cannot be priced between these versions
        return Answer(outcome, versions=(start, end), unit=rule.unit, price_rule=rule)
    return Answer(
        outcome,
        versions=(start, end),
        why=(*(text for text in (rule.details, rule.example) if text), *approval),
        clause=Clause(ClauseKind.price_rule, rule.products[0], rule.id, tuple(rule.products)),
        cost=cost,
        unit=rule.unit,
        price_rule=rule,
    )


def _message(derived: Derived, outcome: Outcome, facts: dict[str, str]) -> Answer:
    channels = [derived.policy.channels[c] for c in outcome.channels]
    return Answer(
        outcome,
        next_steps=tuple(NextStep(c, _within(derived, c)) for c in channels),
    )


def _version(derived: Derived, outcome: Outcome, facts: dict[str, str]) -> Answer:
    product = derived.policy.products[facts["product"]]
    if product.life_cycle is None:
        raise OutcomeError(f"product '{product.id}' has no 'life_cycle'")
    life = status(product, facts["version"], as_of())
    plan = derived.policy.plans.get(facts.get("plan", ""))
    to_buy, included = _phase_offers(derived.policy, life, plan)
    unavailable = tuple(o for o in to_buy if plan and o.requires and plan.id not in o.requires)
    to_buy = tuple(o for o in to_buy if o not in unavailable)
    opened = [c for c in _channels(derived, outcome) if plan is None or plan.opens(c)]
    steps = tuple(NextStep(c, _within(derived, c)) for c in opened)
    if life.supported and life.phase is not None:
        return Answer(
            outcome,
            plan=plan,
            why=(life.phase.delivers,),
            clause=Clause(ClauseKind.life_cycle, product.id, life.phase.id),
            next_steps=steps if to_buy or unavailable else (),
            offers=to_buy,
            included=included,
            unavailable=unavailable,
            upgrade_plans=_plans_for(derived.policy, unavailable),
            product=product,
            life=life,
        )
    # A minor release out of its own life cycle is supported on its major's newest
    # minor release: the major's after_support ('upgrade the major') does not apply.
    after = () if life.major else (product.life_cycle.after_support,)
    return Answer(
        outcome,
        plan=plan,
        why=tuple(t for t in after if t),
        clause=Clause(
            ClauseKind.life_cycle,
            product.id,
            LIFE_CYCLE_MINORS if life.major else LIFE_CYCLE_VERSIONS,
        ),
        next_steps=steps,
        product=product,
        life=life,
        upgrade_to=upgrade_to(product, life.on),
    )


def _phase_offers(
    policy: Policy, life: VersionStatus, plan: Plan | None
) -> tuple[tuple[Offer, ...], tuple[Offer, ...]]:
    """The add-ons that give the version's phase: those the reader must buy, and those
    their plan includes."""
    buy = to_buy(life, plan, policy.offers)
    offers = [policy.offers[o] for o in (life.phase.offers if life.phase else [])]
    return tuple(o for o in offers if o.id in buy), tuple(o for o in offers if o.id not in buy)


def _plans_for(policy: Policy, offers: tuple[Offer, ...]) -> tuple[Plan, ...]:
    """The plans every one of ``offers`` can be added to (their 'requires')."""
    ids = [p for o in offers for p in o.requires]
    return tuple(policy.plans[p] for p in dict.fromkeys(ids) if p in policy.plans)


def _channels(derived: Derived, outcome: Outcome) -> list[Channel]:
    return [derived.policy.channels[c] for c in outcome.channels]


def _within(derived: Derived, channel: Channel, region: str | None = None) -> Goal | None:
    """How soon ``channel`` answers, counted in its own hours (or the customer's
    region's business hours)."""
    return channel_goal(derived.policy, channel, region)


Compute = Callable[[Derived, Outcome, dict[str, str]], Answer]
"""How a kind of outcome computes its answer from the policy and the facts."""


def computer(kind: OutcomeName) -> Compute:
    """How each kind of content's OUTCOME_KINDS computes its answer: a kind without
    a case here fails mypy (assert_never)."""
    match kind:
        case OutcomeName.coverage:
            return _coverage
        case OutcomeName.channel:
            return _channel
        case OutcomeName.severity:
            return _severity
        case OutcomeName.cost:
            return _cost
        case OutcomeName.message:
            return _message
        case OutcomeName.version:
            return _version
        case _:
            assert_never(kind)
