"""Differences inside one thing of a policy, field by field (``policy/changes.py``).

A severity's per-plan goals and a product's life cycle nest lists of entries: they
are compared entry by entry, each list by the field that names its entries (a plan,
a product, a phase's id, a release's version), and every field by name, so that a
change reads as one fact ('Extended support ends 2027-12-31 → 2026-12-31'), never
as the whole list twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

ENTRY_KEYS = ("id", "plan", "product", "version")
"""The field that names an entry of a nested list, in the order looked for."""

Path = tuple[str, ...]


def differences(old: Any, new: Any, path: Path = ()) -> Iterator[tuple[Path, Any, Any]]:
    """Each differing leaf of two JSON values: (where, before, after).

    ``where`` names list entries by their key, so an entry added or removed is one
    difference whose other side is None. A goal ({target, hours}) is one value.
    """
    if old == new:
        return
    if _is_record(old) and _is_record(new):
        for key in [*old, *(k for k in new if k not in old)]:
            yield from differences(old.get(key), new.get(key), (*path, key))
        return
    old_entries, new_entries = _entries(old), _entries(new)
    if old_entries is not None and new_entries is not None:
        for key, entry in new_entries.items():
            yield from differences(old_entries.get(key), entry, (*path, key))
        for key, entry in old_entries.items():
            if key not in new_entries:
                yield (*path, key), entry, None
        return
    yield path, old, new


def _is_record(value: Any) -> bool:
    """A mapping compared field by field: not a goal, which reads as one value."""
    return isinstance(value, dict) and "target" not in value


def _entries(value: Any) -> dict[str, Any] | None:
    """A list of entries by their key; None for anything else (a list of ids, a
    value): those compare whole."""
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return None
    key = next((k for k in ENTRY_KEYS if all(k in entry for entry in value)), None)
    return None if key is None else {str(entry[key]): entry for entry in value}
