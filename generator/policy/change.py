"""One difference between two versions of a policy, as typed facts (``changes.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.content.models import Verdict

ENTRY_FIELDS = ("per_plan", "release", "phase")
"""A change's field when a whole nested entry was added or removed: its before or
after is the entry, worded by what it sets."""


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
    plan: str | None = None  # a coverage or per-plan goal change on this plan only
    product: str | None = None  # a change of an entry of several products: on this one
    part: str | None = None  # a change inside "per_plan" or "life_cycle"
    release: str | None = None  # a life-cycle change of this release (its version)
    phase: str | None = None  # a life-cycle change of this phase (its name)
    old_verdict: Verdict | None = None  # coverage before
    new_verdict: Verdict | None = None  # coverage after, or an added scope item's verdict


def name_of(kind: str, thing: Any) -> str:
    """How the policy names one thing: a severity by its title ("Severity 2: Major"),
    anything else by its name, title or text, else its id."""
    if kind == "severities":
        return str(thing.title)
    for attribute in ("name", "title", "text"):
        if hasattr(thing, attribute):
            return str(getattr(thing, attribute))
    return str(thing.id)
