"""Resolve stage, continued: what authors write once and the policy holds many times.

A plan that ``extends`` another holds that plan's products, channels and notes and
its own; a scope item that names several ``products`` is one item on each product's
scope page, with its ``per_product`` differences applied. Later stages see only the
result: plans with all they hold, and each product's own copy of each item.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.content.errors import Problem
from generator.content.load import DataPath, Document
from generator.content.models import Plan, ScopeItem

T = TypeVar("T", bound=BaseModel)

Merged = dict[str, tuple[Any, Document]]
"""A kind's entries by id, each with the document it is written in (resolve._merge)."""


def item_products(item: ScopeItem) -> list[str]:
    """The products an item is listed under, as written ('product' or 'products')."""
    return [item.product] if item.product else list(item.products)


def extends_problems(plans: Merged) -> Iterator[Problem]:
    """Each plan whose chain of 'extends' comes back to itself, reported once per cycle
    at the 'extends' of its first plan in the policy's order."""
    reported: set[str] = set()
    for plan_id, (_, document) in plans.items():
        chain = _chain(plan_id, plans)
        if chain[-1] != plan_id or len(chain) < 2 or reported & set(chain):
            continue
        reported.update(chain)
        index = _index_in(document, "plans", plan_id)
        cycle = " → ".join(chain)
        yield Problem(
            document.value_at(("plans", index, "extends")),
            f"plan '{plan_id}' extends itself through {cycle}",
            "a plan may build on another, never on itself: remove 'extends' from one plan "
            "of the cycle",
        )


def extended_plans(plans: dict[str, Plan]) -> dict[str, Plan]:
    """Every plan with what the plans it extends hold: their products, channels and notes
    first, then its own, each once (the references and cycles are checked already)."""
    return {plan_id: _with_base(plan, plans) for plan_id, plan in plans.items()}


def plan_problems(plans: Merged) -> Iterator[Problem]:
    """A plan must support some product: its own, or the ones of a plan it extends."""
    for plan_id, (_, document) in plans.items():
        chain = _chain(plan_id, plans)
        last = plans[chain[-1]][0].extends
        if len(set(chain)) < len(chain) or (last is not None and last not in plans):
            continue  # a cycle or an unknown plan, reported already
        if not any(plans[link][0].products for link in chain if link in plans):
            index = _index_in(document, "plans", plan_id)
            yield Problem(
                document.value_at(("plans", index, "id")),
                f"plan '{plan_id}' supports no product",
                "add 'products:' with the ids of the products it supports, or 'extends:' "
                "with the id of a plan it builds on",
            )


def scope_problems(document: Document, items: list[ScopeItem]) -> Iterator[Problem]:
    """One scope item's 'product'/'products' and its 'per_product' differences agree."""
    for index, item in enumerate(items):
        where = ("scope", index)
        if item.product and item.products:
            yield Problem(
                document.value_at((*where, "products")),
                f"scope item '{item.id}' has both 'product' and 'products'",
                "keep one: 'products' lists every product the item applies to",
            )
        elif not item_products(item):
            yield Problem(
                document.value_at((*where, "id")),
                f"scope item '{item.id}' names no product",
                "add 'product:' with a product's id, or 'products:' with several",
            )
        listed = item_products(item)
        yield from difference_problems(document, where, item, listed)
        for number, difference in enumerate(item.per_product):
            if difference.verdict == "paid" and item.price_rule is None:
                yield Problem(
                    document.value_at((*where, "per_product", number, "verdict")),
                    f"scope item '{item.id}' is paid on '{difference.product}' but names no "
                    "price rule",
                    "add 'price_rule:' to the item with the id of a price rule",
                )


def difference_problems(
    document: Document,
    where: DataPath,
    entry: Any,
    listed: list[str],
    known: set[str] | None = None,
) -> Iterator[Problem]:
    """An entry's 'per_product' entries each name one of its products, once: ``where``
    is the entry's path in ``document``; a product not among ``known`` (when given) is
    reported as unknown already."""
    label, entry_id = entry.singular, entry.id
    short = label.split()[-1]  # "the item's 'products'"
    seen: set[str] = set()
    for number, product in enumerate(d.product for d in entry.per_product):
        at = (*where, "per_product", number, "product")
        if product in seen:
            yield Problem(
                document.value_at(at),
                f"product '{product}' has two 'per_product' entries in {label} '{entry_id}'",
                "merge them into one entry",
            )
        elif product not in listed and (known is None or product in known):
            yield Problem(
                document.value_at(at),
                f"{label} '{entry_id}' does not apply to product '{product}'",
                f"add it to the {short}'s 'products' ({', '.join(listed)}), or correct the id",
            )
        seen.add(product)


def applied(entry: T, differences: list[Any], product: str, changes: dict[str, Any]) -> T:
    """``entry`` with ``changes`` and its 'per_product' difference for ``product``
    (the fields that difference gives) applied."""
    for difference in differences:
        if difference.product == product:
            fields = difference.model_dump(exclude={"product"}, exclude_none=True)
            changes.update({name: getattr(difference, name) for name in fields})
    return entry.model_copy(update=changes)


def scope_by_product(items: Iterable[ScopeItem]) -> dict[str, list[ScopeItem]]:
    """Each product's own copy of each item listed under it, in the policy's order."""
    found: dict[str, list[ScopeItem]] = {}
    for item in items:
        for product in item_products(item):
            found.setdefault(product, []).append(for_product(item, product))
    return found


def for_product(item: ScopeItem, product: str) -> ScopeItem:
    """``item`` as ``product``'s scope page lists it: that product only, its differences
    applied. An item written for one product with no differences is itself."""
    if item.product == product and not item.per_product:
        return item
    return applied(
        item, item.per_product, product, {"product": product, "products": [], "per_product": []}
    )


def _with_base(plan: Plan, plans: dict[str, Plan]) -> Plan:
    if plan.extends is None:
        return plan
    base = _with_base(plans[plan.extends], plans)
    return plan.model_copy(
        update={
            "products": _once([*base.products, *plan.products]),
            "channels": _once([*base.channels, *plan.channels]),
            "notes": _once([*base.notes, *plan.notes]),
        }
    )


def _chain(plan_id: str, plans: Merged) -> list[str]:
    """The plans ``plan_id`` extends, in order, ending where the chain stops or first
    comes back to a plan it has passed (the cycle's plan)."""
    chain = [plan_id]
    current = plans[plan_id][0].extends
    while current is not None and current in plans:
        chain.append(current)
        if current in chain[:-1]:
            break
        current = plans[current][0].extends
    return chain


def _once(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _index_in(document: Document, kind: str, item_id: str) -> int:
    entries = document.data.get(kind) or []
    return next(i for i, entry in enumerate(entries) if entry.get("id") == item_id)
