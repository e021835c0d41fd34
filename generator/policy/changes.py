"""What changed between two versions of a policy, in the policy's own terms.

Things added and removed, fields changed (a severity's first response goal, a
plan's channels), and coverage per plan (a scope item that was covered and is not
any more). Reading the versions from git is authoring's (``authoring/diff.py``);
this compares two derived policies, whatever their source.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.content.models import KINDS
from generator.content.site_config import PolicyRevision
from generator.policy.derive import Derived
from generator.policy.verdicts import verdict_label

FIELD_LABELS = {
    "response": "first response goal",
    "resolution": "resolution goal",
    "channels": "channels",
    "report_via": "reported via",
    "delivered_via": "delivered via",
    "current_version": "current version",
    "open_to_all": "open to every plan",
}
REFERENCES = {
    "channels": "channels",
    "report_via": "channels",
    "delivered_via": "channels",
    "products": "products",
    "plans": "plans",
}
"""Fields listing ids: a change to one says what was added and removed, by name."""
SKIPPED_FIELDS = {"id", "verdict"}
"""A scope item's verdict shows as coverage per plan, which is what customers get."""


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a policy."""

    kind: str
    id: str
    change: str  # added, removed or changed
    field: str | None
    before: str | None
    after: str | None
    text: str


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
        before, after = getattr(old.policy, kind), getattr(new.policy, kind)
        for key in after:
            if key not in before:
                changes.append(_added_or_removed(kind, after[key], "added"))
        for key in before:
            if key not in after:
                changes.append(_added_or_removed(kind, before[key], "removed"))
            else:
                changes.extend(_field_changes(kind, before[key], after[key], names))
    changes.extend(_coverage_changes(old, new))
    return changes


def name_of(kind: str, thing: Any) -> str:
    """How the policy names one thing: "Severity 2: Major", "Plan 'Gold'"."""
    if kind == "severities":
        return str(thing.title)
    label = KINDS[kind].capitalize()
    for attribute in ("name", "title", "text"):
        if hasattr(thing, attribute):
            return f"{label} '{getattr(thing, attribute)}'"
    return f"{label} '{thing.id}'"


def _added_or_removed(kind: str, thing: Any, change: str) -> Change:
    text = f"{name_of(kind, thing)} {change}"
    if kind == "scope":
        text += f" ({verdict_label(thing.verdict).lower()})" if change == "added" else ""
    return Change(kind, thing.id, change, None, None, None, text)


def _field_changes(
    kind: str, before: BaseModel, after: BaseModel, names: dict[str, dict[str, str]]
) -> Iterator[Change]:
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    skipped = SKIPPED_FIELDS if kind == "scope" else {"id"}
    for field in old:
        if field in skipped or old[field] == new[field]:
            continue
        label = FIELD_LABELS.get(field, field.replace("_", " "))
        was, now = _shown(old[field]), _shown(new[field])
        if field in REFERENCES and isinstance(old[field], list) and isinstance(new[field], list):
            what = _added_and_removed(old[field], new[field], names[REFERENCES[field]])
        else:
            what = f"{was} → {now}"
        text = f"{name_of(kind, after)}: {label} {what}"
        yield Change(kind, getattr(after, "id", ""), "changed", field, was, now, text)


def _added_and_removed(old: list[str], new: list[str], names: dict[str, str]) -> str:
    """'added Phone support; removed Forum', by the names of the things referred to."""
    parts = []
    for verb, found in (
        ("added", [i for i in new if i not in old]),
        ("removed", [i for i in old if i not in new]),
    ):
        if found:
            parts.append(f"{verb} {', '.join(names.get(i, i) for i in found)}")
    return "; ".join(parts) or "reordered"


def _names(old: Derived, new: Derived) -> dict[str, dict[str, str]]:
    """Names of the things a field may refer to, by kind and id (current names first)."""
    found: dict[str, dict[str, str]] = {}
    for kind in set(REFERENCES.values()):
        for policy in (new.policy, old.policy):
            for key, thing in getattr(policy, kind).items():
                found.setdefault(kind, {})[key] = thing.name
    return found


def _coverage_changes(old: Derived, new: Derived) -> Iterator[Change]:
    """Per scope item, plans whose verdict changed; one line when every plan did alike."""
    for item_id, item in new.policy.scope.items():
        if item_id not in old.policy.scope:
            continue
        plans = [
            (plan_id, old.coverage[plan_id, item_id], new.coverage[plan_id, item_id])
            for plan_id in new.policy.plans
            if (plan_id, item_id) in old.coverage and (plan_id, item_id) in new.coverage
        ]
        changed = [(p, a, b) for p, a, b in plans if a.verdict != b.verdict]
        pairs = {(str(a.verdict), str(b.verdict)) for _, a, b in changed}
        if not changed:
            continue
        if len(changed) == len(plans) and len(pairs) == 1:
            was, now = (verdict_label(v).lower() for v in next(iter(pairs)))
            text = f"{name_of('scope', item)}: {was} → {now} on every plan"
            yield Change("coverage", item_id, "changed", "verdict", was, now, text)
            continue
        for plan_id, a, b in changed:
            was, now = verdict_label(a.verdict).lower(), verdict_label(b.verdict).lower()
            plan = new.policy.plans[plan_id].name
            text = f"{name_of('scope', item)} on {plan}: {was} → {now}"
            yield Change("coverage", f"{item_id}@{plan_id}", "changed", "verdict", was, now, text)


def _shown(value: object) -> str:
    if value is None or value == [] or value == {}:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k} {_shown(v)}" for k, v in value.items() if v not in (None, []))
    return str(value)
