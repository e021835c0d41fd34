"""The changed fields of one thing of a policy, as changes (``policy/changes.py``).

Nested entries (a severity's per-plan goals, a product's life cycle) compare entry
by entry (``policy/nested.py``); each change names the plan, release or phase it is
about, and carries values as data a template words: names rather than ids, a goal
with the hours it counts in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.content import resolve
from generator.content.models import KINDS
from generator.policy.change import Change, name_of
from generator.policy.derive import Derived
from generator.policy.hours import Hours, hour_sets
from generator.policy.nested import Path, differences

REFERENCES = {
    path.removesuffix(".*"): target
    for _, path, target in resolve.REFERENCES
    if path.endswith(".*") and path.count(".") == 1
}
"""Fields listing ids (resolve's references that are a top-level list), by field name,
and the kind they name: a change to one says what was added and removed, by name."""
SKIPPED_FIELDS = {
    # A verdict shows as coverage per plan; each product's copy compares on its own.
    "scope": {"id", "verdict", "product", "products", "per_product"},
    "severities": {"id", "products", "per_product"},  # compared product by product
    "situations": {"id", "products", "per_product"},
}
GOALS = {"response", "resolution", "updates"}
"""Fields holding a goal: '1 hour', or {target, hours} counted in hours of its own."""


@dataclass(frozen=True)
class Where:
    """The field a difference is in, and the plan, release or phase it is about."""

    field: str
    part: str | None = None  # "per_plan" or "life_cycle"
    plan: str | None = None
    release: str | None = None
    phase: str | None = None


@dataclass(frozen=True)
class Names:
    """What a change names, from both versions (the newer's names first)."""

    things: dict[str, dict[str, str]]  # by kind, then id
    hours: dict[str, Hours]
    phases: dict[tuple[str, str], str]  # by (product id, phase id)

    @classmethod
    def of(cls, old: Derived, new: Derived) -> Names:
        things: dict[str, dict[str, str]] = {}
        hours: dict[str, Hours] = {}
        phases: dict[tuple[str, str], str] = {}
        for policy in (old.policy, new.policy):
            for kind in KINDS:
                for key, thing in getattr(policy, kind).items():
                    things.setdefault(kind, {})[key] = name_of(kind, thing)
            hours |= hour_sets(policy.site)
            for product in policy.products.values():
                for phase in product.life_cycle.phases if product.life_cycle else []:
                    phases[product.id, phase.id] = phase.name
        return cls(things, hours, phases)

    def name(self, kind: str, key: str) -> str:
        return self.things.get(kind, {}).get(key, key)

    def product(self, key: str | None, shared: bool) -> str | None:
        """A product's name where a change is about its copy of a shared entry."""
        return self.name("products", key) if key is not None and shared else None

    def hours_name(self, key: Any) -> Any:
        """An hour set's name; the default set has none (templates word it)."""
        found = self.hours.get(key) if isinstance(key, str) else None
        return key if found is None else found.name or "Business hours"

    def goal(self, value: Any) -> Any:
        """A goal as data to word: its hours' name and whether they never close."""
        if not isinstance(value, dict):
            return value
        found = self.hours.get(value["hours"])
        always = bool(found and found.always_open)
        return {**value, "hours": self.hours_name(value["hours"]), "always_open": always}


def field_changes(kind: str, before: BaseModel, after: BaseModel, names: Names) -> Iterator[Change]:
    """Each changed field of one thing, nested entries entry by entry."""
    skipped = SKIPPED_FIELDS.get(kind, {"id"})
    old = {k: v for k, v in before.model_dump(mode="json").items() if k not in skipped}
    new = {k: v for k, v in after.model_dump(mode="json").items() if k not in skipped}
    base = Change(kind, getattr(after, "id", ""), KINDS[kind], name_of(kind, after), "changed")
    for path, was, now in differences(old, new):
        yield _change(base, path, was, now, names)


def _change(base: Change, path: Path, was: Any, now: Any, names: Names) -> Change:
    where = _where(base.id, path, names)
    field = where.field
    if field in GOALS:
        was, now = names.goal(was), names.goal(now)
    elif field == "hours":
        was, now = names.hours_name(was), names.hours_name(now)
    added = removed = None
    if field in REFERENCES and isinstance(was, list) and isinstance(now, list):
        named = names.things.get(REFERENCES[field], {})
        added = tuple(named.get(str(i), str(i)) for i in now if i not in was)
        removed = tuple(named.get(str(i), str(i)) for i in was if i not in now)
    return Change(
        base.kind,
        base.id,
        base.label,
        base.name,
        "changed",
        field,
        before=was,
        after=now,
        added=added,
        removed=removed,
        plan=where.plan,
        part=where.part,
        release=where.release,
        phase=where.phase,
    )


def _where(thing: str, path: Path, names: Names) -> Where:
    """Where a difference is; a whole entry added or removed has its list's name as
    field: 'per_plan', 'release', 'phase', 'life_cycle'."""
    if path[0] == "per_plan":
        plan = names.name("plans", path[1])
        return Where(path[2] if len(path) > 2 else "per_plan", "per_plan", plan)
    if path[0] != "life_cycle":
        return Where(" ".join(path))
    if len(path) == 1:
        return Where("life_cycle", "life_cycle")
    if path[1] in ("releases", "minor_releases"):
        release = path[2]
        if len(path) == 3:
            return Where("release", "life_cycle", release=release)
        if path[3] == "ends" and len(path) > 4:
            phase = names.phases.get((thing, path[4]), path[4])
            return Where("ends", "life_cycle", release=release, phase=phase)
        return Where(path[3], "life_cycle", release=release)
    if path[1] == "phases":
        phase = names.phases.get((thing, path[2]), path[2])
        return Where(path[3] if len(path) > 3 else "phase", "life_cycle", phase=phase)
    return Where(path[1], "life_cycle")
