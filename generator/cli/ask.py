"""Walk a compiled flow in the terminal and print its outcome as text or JSON."""

from __future__ import annotations

import json

from generator.policy.contacts import Point
from generator.policy.derive import Goal
from generator.policy.verdicts import verdict_label
from generator.render import urls
from generator.render.wording import Wording
from generator.wizards.outcomes import Answer, NextStep


def as_text(answer: Answer, base_url: str, wording: Wording, chosen: str | None = None) -> str:
    """The outcome in the order a page gives it: verdict, why, conditions, next steps;
    its policy link on the pages of the product the reader ``chosen``."""
    lines = [wording.headline(answer)]
    if answer.verdict:
        lines.append(f"Verdict: {verdict_label(answer.verdict)}")
    if answer.cost is not None:
        lines.append(f"Cost: {answer.cost} {answer.unit}")
    if answer.response:
        lines.append(f"First response goal: {wording.goal_counted(answer.response)}")
    if answer.resolution:
        lines.append(f"Resolution goal: {wording.goal_counted(answer.resolution)}")
    if answer.updates:
        lines.append(f"Updates: {wording.updates_goal(answer.updates)}")
    lines += [f"Why: {reason}" for reason in _why(answer, wording)]
    lines += [f"Condition: {condition}" for condition in answer.conditions]
    if answer.instead:
        lines.append(f"Instead: {answer.instead}")
    for step in answer.next_steps:
        within = f" (answers {wording.goal_within(step.response)})" if step.response else ""
        lines.append(f"Next: {step.channel.name}{within}")
        lines += [f"  {line}" for line in _reach(step, wording)]
        if step.channel.include:
            lines.append(f"  Include: {'; '.join(step.channel.include)}")
    for offer in answer.offers:
        lines.append(f"Offer: {offer.name}")
    lines += [f"Note: {text}" for text in answer.texts]
    if answer.clause:
        lines.append(f"Policy: {urls.clause(answer.clause, chosen).absolute(base_url)}")
    return "\n".join(lines) + "\n"


def as_json(
    flow_id: str,
    path: list[str],
    answer: Answer,
    base_url: str,
    wording: Wording,
    chosen: str | None = None,
) -> str:
    """The outcome as JSON for scripts; the policy link is the page's address, as in
    the text form."""
    policy = urls.clause(answer.clause, chosen).absolute(base_url) if answer.clause else None
    data = {
        "flow": flow_id,
        "answers": path,
        "outcome": answer.outcome.id,
        "headline": wording.headline(answer),
        "verdict": str(answer.verdict) if answer.verdict else None,
        "why": _why(answer, wording),
        "conditions": list(answer.conditions),
        "instead": answer.instead,
        "next_steps": [
            {
                "channel": step.channel.id,
                "name": step.channel.name,
                "response": _goal(step.response, wording),
                "include": list(step.channel.include),
                "contacts": [_point(point, wording) for point in _points(step)],
                "open": wording.reach_hours(step.reach) if step.reach else None,
            }
            for step in answer.next_steps
        ],
        "response": _goal(answer.response, wording),
        "resolution": _goal(answer.resolution, wording),
        "updates": wording.updates_goal(answer.updates) if answer.updates else None,
        "cost": answer.cost,
        "unit": answer.unit,
        "notes": list(answer.texts),
        "policy": policy,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _points(step: NextStep) -> tuple[Point, ...]:
    return step.reach.points if step.reach else ()


def _reach(step: NextStep, wording: Wording) -> list[str]:
    """The contact points and opening hours of a next step, a line each."""
    lines = [wording.contact_point(point) for point in _points(step)]
    hours = wording.reach_hours(step.reach) if step.reach else None
    return [*lines, *([hours] if hours else [])]


def _point(point: Point, wording: Wording) -> dict[str, str | None]:
    return {
        "kind": point.kind,
        "value": point.value,
        "href": point.href,
        "label": point.label,
        "region": point.region.id if point.region else None,
        "text": wording.contact_point(point),
    }


def _goal(goal: Goal | None, wording: Wording) -> str | None:
    """A goal as its page states it ('under 1 hour'), with the hours it counts in
    where the page names them, for scripts."""
    return wording.goal_counted(goal) if goal is not None else None


def _why(answer: Answer, wording: Wording) -> list[str]:
    """The reasons in the order the outcome page gives them."""
    first, price = wording.first_reason(answer), wording.price(answer)
    return [*([first] if first else []), *answer.why, *([price] if price else [])]
