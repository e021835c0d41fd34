"""What changed between two versions of a policy, in the policy's own terms.

Things added and removed, fields changed (a severity's first response goal, a
plan's channels), and coverage per plan (a scope item that was covered and is not
any more). Reading the versions from git is authoring's (``authoring/diff.py``);
this compares two derived policies, whatever their source.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from generator.content.models import KINDS, Verdict
from generator.content.site_config import PolicyRevision
from generator.policy.change import Change, name_of
from generator.policy.derive import Derived
from generator.policy.field_changes import Names, field_changes
from generator.policy.site_changes import site_changes


@dataclass(frozen=True)
class HistoryStep:
    """One published version and what changed since the one before."""

    older: PolicyRevision
    newer: PolicyRevision
    changes: list[Change]


def compare(old: Derived, new: Derived) -> list[Change]:
    """Every change from ``old`` to ``new``, kind by kind, then coverage, then the
    site's hours and regions."""
    changes: list[Change] = []
    names = Names.of(old, new)
    for kind in KINDS:
        before, after = _entries(old, kind), _entries(new, kind)
        for key, (thing, shared) in after.items():
            if key not in before:
                product = names.product(key[1], shared)
                changes.append(_on(_added_or_removed(kind, thing, "added"), product))
        for key, (thing, shared) in before.items():
            product = names.product(key[1], shared or after.get(key, (None, False))[1])
            if key not in after:
                changes.append(_on(_added_or_removed(kind, thing, "removed"), product))
            else:
                found = field_changes(kind, thing, after[key][0], names)
                changes.extend(_on(change, product) for change in found)
    changes.extend(_coverage_changes(old, new))
    changes.extend(site_changes(old.policy.site, new.policy.site))
    return changes


BY_PRODUCT = {
    "scope": "scope_by_product",
    "severities": "severities_by_product",
    "situations": "situations_by_product",
}
"""Kinds compared as each product shows them: a scope item, severity or situation of
several products, with its differences by product, changes on one product at a time."""


def _entries(derived: Derived, kind: str) -> dict[tuple[str, str | None], tuple[Any, bool]]:
    """A kind's entries by (id, product): each product's own copy of a scope item,
    severity or situation (so one written for one product, then for several, pairs with the
    copy of that product), with whether it is written for several products."""
    policy = derived.policy
    if kind not in BY_PRODUCT:
        return {(key, None): (thing, False) for key, thing in getattr(policy, kind).items()}
    written = getattr(policy, kind)
    found: dict[tuple[str, str | None], tuple[Any, bool]] = {}
    for product_id, entries in getattr(policy, BY_PRODUCT[kind]).items():
        for entry in entries:
            found[entry.id, product_id] = (entry, _shared(derived, kind, written[entry.id]))
    return found


def _shared(derived: Derived, kind: str, written: Any) -> bool:
    """Whether an entry is written for several products (a scope item may name its
    one product with 'product')."""
    if kind == "scope":
        return len(derived.policy.products_of(written)) > 1
    return len(written.products) > 1


def _on(change: Change, product: str | None) -> Change:
    return change if product is None else replace(change, product=product)


def _added_or_removed(kind: str, thing: Any, change: str) -> Change:
    verdict = thing.verdict if kind == "scope" and change == "added" else None
    return Change(kind, thing.id, KINDS[kind], name_of(kind, thing), change, new_verdict=verdict)


def _coverage_changes(old: Derived, new: Derived) -> Iterator[Change]:
    """Per scope item and product, plans whose verdict changed; one change when every
    plan did alike. An item of several products names the product."""
    for item in new.policy.scope_items():
        item_id, product_id = item.id, str(item.product)
        if item_id not in old.policy.scope:
            continue
        shared = len(new.policy.products_of(new.policy.scope[item_id])) > 1
        product = new.policy.products[product_id].name if shared else None
        key = f"{item_id}@{product_id}" if shared else item_id
        plans = [
            (plan_id, old.coverage[at], new.coverage[at])
            for plan_id in new.policy.plans
            if (at := (plan_id, product_id, item_id)) in old.coverage and at in new.coverage
        ]
        changed = [(p, a, b) for p, a, b in plans if a.verdict != b.verdict]
        pairs = {(a.verdict, b.verdict) for _, a, b in changed}
        if not changed:
            continue
        name = name_of("scope", item)
        if len(changed) == len(plans) and len(pairs) == 1:
            was, now = next(iter(pairs))
            yield _coverage_change(key, name, was, now, product=product)
            continue
        for plan_id, a, b in changed:
            plan = new.policy.plans[plan_id].name
            yield _coverage_change(f"{key}@{plan_id}", name, a.verdict, b.verdict, plan, product)


def _coverage_change(
    key: str,
    name: str,
    was: Verdict,
    now: Verdict,
    plan: str | None = None,
    product: str | None = None,
) -> Change:
    label = KINDS["scope"]
    return Change(
        "coverage",
        key,
        label,
        name,
        "changed",
        "verdict",
        plan=plan,
        product=product,
        old_verdict=was,
        new_verdict=now,
    )
