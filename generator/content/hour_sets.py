"""Resolve stage, continued: every hour set a channel or a goal names is one that
site_config.yml declares (its 'hours', or 'business-hours', the default set).

A severity's goals may name a set as a whole ('hours:'), per plan, per product, or
one goal its own ('response: {target: 1 hour, hours: around-the-clock}').
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.content.errors import Problem, did_you_mean
from generator.content.load import Document, values_at
from generator.content.site_config import known_hours_hint

GOAL_HOURS = ("hours", "response.hours", "resolution.hours", "updates.hours")
"""Where a severity's goals name an hour set: all of them, or one goal its own."""
HOUR_SET_REFERENCES = (
    ("channels", "hours"),
    ("channels", "contacts.*.hours"),
    *(
        ("severities", f"{where}{field}")
        for where in ("", "per_plan.*.", "per_product.*.", "per_product.*.per_plan.*.")
        for field in GOAL_HOURS
    ),
)
"""Fields naming an hour set of site_config.yml ('hours', or 'business-hours')."""


def hour_set_problems(document: Document, known: set[str]) -> Iterator[Problem]:
    """Each hour set named must be one site_config.yml declares."""
    data = document.data or {}
    for kind, reference in HOUR_SET_REFERENCES:
        for index, entry in enumerate(data.get(kind) or []):
            for value, path in values_at(entry, reference.split("."), (kind, index)):
                if isinstance(value, str) and value not in known:
                    yield Problem(
                        document.value_at(path),
                        f"unknown hour set '{value}'{did_you_mean(value, known)}",
                        known_hours_hint(known),
                    )
