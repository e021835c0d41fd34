"""Changes to site_config.yml's hour sets and regions (``policy/changes.py``).

Goals count in hour sets and each region's customers in their region's set: a set
that opens later, or a region moved onto another set, changes when goals end for
customers, as a severity's changed goal does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.content.site_config import SiteConfig
from generator.policy.change import Change
from generator.policy.hours import Hours, hour_sets

HOUR_FIELDS = ("name", "always_open", "timezone", "days", "opens", "closes")


def site_changes(old: SiteConfig, new: SiteConfig) -> Iterator[Change]:
    """Hour sets added, removed and changed, then regions likewise."""
    before, after = hour_sets(old), hour_sets(new)
    yield from _added_and_removed("hours", "hour set", before, after, _hours_name)
    for key in after.keys() & before.keys():
        yield from _hours_changes(before[key], after[key])
    regions = {r.id: r for r in old.regions}, {r.id: r for r in new.regions}
    yield from _added_and_removed("regions", "region", *regions, lambda r: r.name)
    for region in new.regions:
        was = regions[0].get(region.id)
        if was is not None and was.hours != region.hours:
            hours = (_hours_name(before[was.hours]), _hours_name(after[region.hours]))
            yield Change("regions", region.id, "region", region.name, "changed", "hours", *hours)


def _added_and_removed(
    kind: str, label: str, before: dict[str, Any], after: dict[str, Any], name: Any
) -> Iterator[Change]:
    for key, thing in after.items():
        if key not in before:
            yield Change(kind, key, label, name(thing), "added")
    for key, thing in before.items():
        if key not in after:
            yield Change(kind, key, label, name(thing), "removed")


def _hours_name(hours: Hours) -> str:
    """The default set has no name of its own: pages call it 'Business hours'."""
    return hours.name or "Business hours"


def _hours_changes(old: Hours, new: Hours) -> Iterator[Change]:
    name = _hours_name(new)
    for field in HOUR_FIELDS:
        was, now = getattr(old, field), getattr(new, field)
        if was != now:
            if isinstance(was, tuple):
                was, now = [str(day) for day in was], [str(day) for day in now]
            yield Change("hours", new.id, "hour set", name, "changed", field, was, now)
    if old.holidays != new.holidays:
        added = tuple(h.name for h in new.holidays if h not in old.holidays)
        removed = tuple(h.name for h in old.holidays if h not in new.holidays)
        yield Change(
            "hours", new.id, "hour set", name, "changed", "holidays", None, None, added, removed
        )
