"""Outcome texts shown only when facts hold ('text: [{when: {severity: sev-1}, text: …}]'),
checked before a flow is compiled: each 'when' names a fact the flow sets, with a
value it can have.

A fact's values are those the flow's options and start facts set, and for a fact
a generated question sets, every value that question can list (the plans, the
severities… of every product). A text whose 'when' can never hold would never be
shown, and no expectation would notice.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.content.errors import Location, Problem, did_you_mean
from generator.content.flow_model import Flow
from generator.content.resolve import Policy
from generator.wizards.options import generated_options

NodeLocation = Callable[..., Location]
"""Where a part of a node is written: (node id, *field path)."""

SHOWN_VALUES = 12
"""A hint lists at most this many values; a longer list ends with '…'."""


def fact_text_problems(policy: Policy, flow: Flow, where: NodeLocation) -> list[Problem]:
    """Every 'when' of every outcome text that names a fact or value the flow never sets."""
    values = fact_values(policy, flow)
    problems: list[Problem] = []
    for outcome in flow.outcomes:
        if not isinstance(outcome.text, list):
            continue
        for index, entry in enumerate(outcome.text):
            for fact, value in entry.when.items():
                at = where(outcome.id, "text", index, "when", fact)
                if fact not in values:
                    problems.append(_unknown_fact(outcome.id, fact, sorted(values), at))
                elif value not in values[fact]:
                    problems.append(_unknown_value(fact, value, values[fact], flow.id, at))
    return problems


def fact_values(policy: Policy, flow: Flow) -> dict[str, list[str]]:
    """Each fact the flow sets, with the values it can set it to, in a stable order."""
    found: dict[str, list[str]] = {}

    def add(fact: str, value: str) -> None:
        listed = found.setdefault(fact, [])
        if value not in listed:
            listed.append(value)

    for fact, value in flow.facts.items():
        add(fact, value)
    for question in flow.questions:
        for option in question.options:
            for fact, value in option.set.items():
                add(fact, value)
        source = question.options_from
        if source is not None:
            found.setdefault(source.sets, [])
            for product in policy.products:
                for value, _, _ in generated_options(policy, source, {"product": product}):
                    add(source.sets, value)
    return found


def _unknown_fact(outcome: str, fact: str, known: list[str], at: Location) -> Problem:
    return Problem(
        at,
        f"outcome '{outcome}' shows a text when fact '{fact}' is set, but no answer of the "
        "flow sets it" + did_you_mean(fact, known),
        f"use a fact the flow sets ({', '.join(known)})"
        if known
        else "set the fact with an option's 'set:' or a generated question",
    )


def _unknown_value(fact: str, value: str, known: list[str], flow: str, at: Location) -> Problem:
    shown = ", ".join(known[:SHOWN_VALUES]) + (", …" if len(known) > SHOWN_VALUES else "")
    return Problem(
        at,
        f"fact '{fact}' is never '{value}' in flow '{flow}'" + did_you_mean(value, known),
        f"use a value the flow sets it to ({shown})",
    )
