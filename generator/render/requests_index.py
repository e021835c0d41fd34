"""The requests A to Z: every scope item under its title and under each of the
customers' phrasings for it, sorted, for the static page the search form leads
to without JavaScript (templates/requests.md.j2 words it)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from generator.content.models import ScopeItem
from generator.content.resolve import Policy


@dataclass(frozen=True)
class Entry:
    """One line of the index: a title, or an alias of ``item``."""

    text: str
    item: ScopeItem
    alias: bool


def a_to_z(policy: Policy) -> list[tuple[str, list[Entry]]]:
    """The entries under their first letters (or '#' for a digit or sign), A to Z."""
    entries = [
        Entry(text, item, alias)
        for item in policy.scope_items()
        for text, alias in [(item.title, False), *((a, True) for a in item.aliases)]
    ]
    entries.sort(key=lambda e: (e.text.casefold(), e.alias, str(e.item.product)))
    return [(letter, list(found)) for letter, found in groupby(entries, key=_letter)]


def _letter(entry: Entry) -> str:
    first = entry.text[:1].upper()
    return first if first.isalpha() else "#"
