"""Resolve stage, continued: a plan's own order of reporting channels names only
channels the plan opens.

A severity may give a plan its own ``report_via`` (``per_plan[].report_via``): the
channels that plan's holders report it through, in the order to prefer them. A
channel there that the plan does not open could never be shown to its holders
(policy.reporting shows a reader only the channels their plan opens), so it is an
error at its line rather than a channel silently left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.content.errors import Problem
from generator.content.load import DataPath, Document
from generator.content.models import Channel, Plan, PlanGoal, Severity


def report_via_problems(
    severities: dict[str, tuple[Any, Document]],
    plans: dict[str, Plan],
    channels: dict[str, Channel],
) -> Iterator[Problem]:
    """Each per-plan 'report_via' channel its plan does not open: ``severities`` as
    resolve merged them (each with its document), ``plans`` and ``channels`` as the
    resolved policy holds them (unknown ids are reported already)."""
    for severity_id, (found, document) in severities.items():
        severity: Severity = found
        index = _index_in(document, severity_id)
        for where, goal in _plan_goals(severity):
            plan = plans.get(goal.plan)
            for position, channel_id in enumerate(goal.report_via):
                channel = channels.get(channel_id)
                if plan is None or channel is None or plan.opens(channel):
                    continue
                at = ("severities", index, *where, "report_via", position)
                yield Problem(
                    document.value_at(at),
                    f"plan '{plan.id}' does not open channel '{channel_id}', so its holders "
                    f"could not report severity '{severity_id}' through it",
                    f"name channels plan '{plan.id}' opens ({_opened(plan, channels)}), "
                    f"or add '{channel_id}' to the plan's 'channels'",
                )


def _plan_goals(severity: Severity) -> Iterator[tuple[DataPath, PlanGoal]]:
    """Every per-plan goal of a severity, its own and its products', with its path."""
    for number, goal in enumerate(severity.per_plan):
        yield ("per_plan", number), goal
    for product_number, difference in enumerate(severity.per_product):
        for number, goal in enumerate(difference.per_plan or ()):
            yield ("per_product", product_number, "per_plan", number), goal


def _opened(plan: Plan, channels: dict[str, Channel]) -> str:
    opened = [c for c in channels.values() if plan.opens(c)]
    return ", ".join(c.id for c in opened) or "none"


def _index_in(document: Document, severity_id: str) -> int:
    entries = document.data.get("severities") or []
    return next(i for i, entry in enumerate(entries) if entry.get("id") == severity_id)
