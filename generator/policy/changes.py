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

from pydantic import BaseModel

from generator.content import resolve
from generator.content.models import KINDS, Verdict
from generator.content.site_config import PolicyRevision
from generator.policy.derive import Derived

REFERENCES = {
    path.removesuffix(".*"): target
    for _, path, target in resolve.REFERENCES
    if path.endswith(".*") and path.count(".") == 1
}
"""Fields listing ids (resolve's references that are a top-level list), by field name,
and the kind they name: a change to one says what was added and removed, by name."""
SKIPPED_FIELDS = {"id", "verdict"}
"""A scope item's verdict shows as coverage per plan, which is what customers get."""


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a policy, as typed facts.

    macros.md.j2's ``change_text`` words it, so a project words it its own way.
    """

    kind: str  # a content kind (KINDS), or "coverage"
    id: str
    label: str  # the kind's singular name: "plan", "scope item"
    name: str  # the thing's name or title: "Gold", "Severity 2: Major"
    change: str  # added, removed or changed
    field: str | None = None
    before: Any = None  # the field's value as data (JSON)
    after: Any = None
    added: tuple[str, ...] | None = None  # names, when the field lists ids
    removed: tuple[str, ...] | None = None
    plan: str | None = None  # a coverage change on this plan only; None: on every plan
    product: str | None = None  # a change of an entry of several products: on this one
    old_verdict: Verdict | None = None  # coverage before
    new_verdict: Verdict | None = None  # coverage after, or an added scope item's verdict


@dataclass(frozen=True)
class HistoryStep:
    """One published version and what changed since the one before."""

    older: PolicyRevision
    newer: PolicyRevision
    changes: list[Change]


def compare(old: Derived, new: Derived) -> list[Change]:
    """Every change from ``old`` to ``new``, kind by kind, then coverage."""
    changes: list[Change] = []
    names = _names(old, new)
    for kind in KINDS:
        before, after = _entries(old, kind), _entries(new, kind)
        for key, (thing, product) in after.items():
            if key not in before:
                changes.append(_on(_added_or_removed(kind, thing, "added"), product))
        for key, (thing, product) in before.items():
            if key not in after:
                changes.append(_on(_added_or_removed(kind, thing, "removed"), product))
            else:
                found = _field_changes(kind, thing, after[key][0], names)
                changes.extend(_on(change, product) for change in found)
    changes.extend(_coverage_changes(old, new))
    return changes


BY_PRODUCT = {"severities": "severities_by_product", "situations": "situations_by_product"}
"""Kinds compared as each product shows them: a severity or situation of several
products, with its differences by product, changes on one product at a time."""


def _entries(derived: Derived, kind: str) -> dict[str, tuple[Any, str | None]]:
    """A kind's entries by key, each with the name of its product where the entry is
    written for several ('id@product' keys); else by id, with no product."""
    policy = derived.policy
    if kind not in BY_PRODUCT:
        return {key: (thing, None) for key, thing in getattr(policy, kind).items()}
    written = getattr(policy, kind)
    found: dict[str, tuple[Any, str | None]] = {}
    for product_id, entries in getattr(policy, BY_PRODUCT[kind]).items():
        for entry in entries:
            if len(written[entry.id].products) == 1:
                found[entry.id] = (entry, None)
            else:
                found[f"{entry.id}@{product_id}"] = (entry, policy.products[product_id].name)
    return found


def _on(change: Change, product: str | None) -> Change:
    return change if product is None else replace(change, product=product)


def name_of(kind: str, thing: Any) -> str:
    """How the policy names one thing: a severity by its title ("Severity 2: Major"),
    anything else by its name, title or text, else its id."""
    if kind == "severities":
        return str(thing.title)
    for attribute in ("name", "title", "text"):
        if hasattr(thing, attribute):
            return str(getattr(thing, attribute))
    return str(thing.id)


def _added_or_removed(kind: str, thing: Any, change: str) -> Change:
    verdict = thing.verdict if kind == "scope" and change == "added" else None
    return Change(kind, thing.id, KINDS[kind], name_of(kind, thing), change, new_verdict=verdict)


def _field_changes(
    kind: str, before: BaseModel, after: BaseModel, names: dict[str, dict[str, str]]
) -> Iterator[Change]:
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    skipped = SKIPPED_FIELDS if kind == "scope" else {"id"}
    for field in old:
        if field in skipped or old[field] == new[field]:
            continue
        added = removed = None
        if field in REFERENCES and isinstance(old[field], list) and isinstance(new[field], list):
            named = names[REFERENCES[field]]
            added = tuple(named.get(i, i) for i in new[field] if i not in old[field])
            removed = tuple(named.get(i, i) for i in old[field] if i not in new[field])
        yield Change(
            kind,
            getattr(after, "id", ""),
            KINDS[kind],
            name_of(kind, after),
            "changed",
            field,
            old[field],
            new[field],
            added,
            removed,
        )


def _names(old: Derived, new: Derived) -> dict[str, dict[str, str]]:
    """Names of the things a field may refer to, by kind and id (current names first)."""
    found: dict[str, dict[str, str]] = {}
    for kind in set(REFERENCES.values()):
        for policy in (new.policy, old.policy):
            for key, thing in getattr(policy, kind).items():
                found.setdefault(kind, {})[key] = thing.name
    return found


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
