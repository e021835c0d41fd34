"""Resolve stage, continued: severities and situations that differ by product.

A severity or situation written for several products is one entry on each
product's pages, with that product's ``per_product`` difference applied (as
scope items are, content/expand.py). Later stages read each product's own copy
(Policy.severities_for, Policy.severity), so a severity page, a severity answer,
search and the API all see the product's own definition, goals and channels.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from generator.content.errors import Problem
from generator.content.expand import applied, difference_problems
from generator.content.load import Document
from generator.content.models import Plan, Severity, Situation

Listed = TypeVar("Listed", Severity, Situation)


def entry_problems(
    document: Document, kind: str, entries: list[Any], products: set[str]
) -> Iterator[Problem]:
    """Each severity's or situation's 'per_product' entries name its products, once
    (``products``: every product's id; an unknown one is reported already)."""
    for index, entry in enumerate(entries):
        listed = list(entry.products)
        yield from difference_problems(document, (kind, index), entry, listed, products)


def per_plan_problems(
    severities: dict[str, tuple[Any, Document]], plans: dict[str, Plan]
) -> Iterator[Problem]:
    """A product's own per-plan goals name plans that support that product: another
    product's plan would never read them. ``plans`` are the resolved plans (with what
    they extend); unknown ids are reported already."""
    for severity_id, (found, document) in severities.items():
        severity: Severity = found
        index = _index_in(document, severity_id)
        for number, difference in enumerate(severity.per_product):
            for position, goal in enumerate(difference.per_plan or ()):
                plan = plans.get(goal.plan)
                if plan is None or difference.product in plan.products:
                    continue
                at = ("severities", index, "per_product", number, "per_plan", position, "plan")
                supporting = [p.id for p in plans.values() if difference.product in p.products]
                yield Problem(
                    document.value_at(at),
                    f"plan '{plan.id}' does not support product '{difference.product}', so "
                    f"its goals for severity '{severity_id}' there would never be read",
                    f"name a plan of '{difference.product}' ({', '.join(supporting) or 'none'}), "
                    "or move these goals to the severity's own 'per_plan'",
                )


def by_product(entries: Iterable[Listed]) -> dict[str, list[Listed]]:
    """Each product's own copy of each severity or situation listed under it."""
    found: dict[str, list[Listed]] = {}
    for entry in entries:
        for product in entry.products:
            found.setdefault(product, []).append(for_product(entry, product))
    return found


def for_product(entry: Listed, product: str) -> Listed:
    """``entry`` as ``product``'s pages show it: that product only, its difference
    applied. An entry of one product with no differences is itself."""
    if entry.products == [product] and not entry.per_product:
        return entry
    return applied(entry, entry.per_product, product, {"products": [product], "per_product": []})


def _index_in(document: Document, severity_id: str) -> int:
    entries = document.data.get("severities") or []
    return next(i for i, entry in enumerate(entries) if entry.get("id") == severity_id)
