"""Render compiled flows: a page per state, start pages in the navigation, and
the authors' page with each flow's diagram. Templates only format."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.content.names import Slug
from generator.policy.derive import Derived, Goal
from generator.render import urls
from generator.render.urls import Source, Url
from generator.wizards.graph import mermaid
from generator.wizards.states import Choice, CompiledFlow, State, StateKey, Wizards
from generator.wizards.walk import answers_so_far

AddPage = Callable[..., str]
StatePages = dict[StateKey, Url]
StateNames = dict[StateKey, Slug]

MAX_CHOICES_ON_A_PAGE = 50
"""A question with more choices, in sections, lists its sections first and each
section's choices on a page of its own: 300 links on one page are hard to scan
and would make the page several times the 20 KB budget of a wizard page."""


@dataclass(frozen=True)
class ChoiceGroup:
    """Choices under one heading (scope items keep their policy sections)."""

    heading: str | None
    choices: list[tuple[Choice, Url]]


def render_wizards(
    derived: Derived,
    wizards: Wizards,
    pages: dict[str, StatePages],
    names: dict[str, StateNames],
    page: AddPage,
) -> list[dict[str, Any]]:
    """Write every state of every flow, each at its page in ``pages`` (by flow id),
    named in ``names`` as ``urls.state_names`` named it; return the navigation
    entries of their starts."""
    nav: list[dict[str, Any]] = []
    for flow_id, compiled in wizards.items():
        for state in compiled.states.values():
            _state_page(derived, compiled, state, pages[flow_id], names[flow_id], page)
        nav.append({compiled.flow.title: pages[flow_id][compiled.start].page})
    if wizards:
        page(
            urls.own_page(urls.WIZARD_MAPS),
            "authors_wizards.md.j2",
            diagrams=[(c, mermaid(c.flow)) for c in wizards.values()],
        )
    return nav


def _state_page(
    derived: Derived,
    compiled: CompiledFlow,
    state: State,
    pages: StatePages,
    names: StateNames,
    page: AddPage,
) -> None:
    given = [(answer, pages[answer.change]) for answer in answers_so_far(compiled, state)]
    context: dict[str, Any] = {
        "flow": compiled.flow,
        "state": state,
        "given": given,
        "is_start": state.key == compiled.start,
        "start_page": pages[compiled.start],
        "step": len(given) + 1,
        "chosen": dict(state.key[1]).get("product"),
        # the product the reader chose, when the flow keeps one: links go to its pages
    }
    path, source = pages[state.key], _source(compiled, state)
    if state.question:
        groups = _groups(state, pages)
        if len(state.choices) <= MAX_CHOICES_ON_A_PAGE or len(groups) < 2:
            page(path, "wizard_question.md.j2", source=source, groups=groups, **context)
            return
        name = names[state.key]
        sections = [
            (group, urls.section_page(compiled.flow.id, name, group.heading)) for group in groups
        ]
        page(path, "wizard_question.md.j2", source=source, sections=sections, **context)
        for group, section_page in sections:
            page(
                section_page,
                "wizard_question.md.j2",
                source=source,
                groups=[group],
                section_of=path,
                **context,
            )
    else:
        page(
            path,
            "wizard_outcome.md.j2",
            source=source,
            result=state.answer,
            due=due_attributes,
            **context,
        )


def _groups(state: State, pages: StatePages) -> list[ChoiceGroup]:
    groups: dict[str | None, list[tuple[Choice, Url]]] = {}
    for choice in state.choices:
        groups.setdefault(choice.group, []).append((choice, pages[choice.target]))
    return [ChoiceGroup(heading, choices) for heading, choices in groups.items()]


def _source(compiled: CompiledFlow, state: State) -> Source:
    """The flow's id for its first page, the node's id for the others."""
    flow = compiled.flow.id
    if state.key == compiled.start:
        return Source(f"the first page of wizard '{flow}'", compiled.locations.get(""))
    kind = "question" if state.question else "outcome"
    return Source(
        f"a page of {kind} '{state.key[0]}' of wizard '{flow}'",
        compiled.locations.get(state.key[0]),
    )


def due_attributes(goal: Goal | None) -> str:
    """Data attributes for the 'due by' enhancement (scopesite.js), or '' when it
    cannot be computed: no goal, no target, or business time without published hours.
    Business time counts in the goal's hour set; in an always-open (24x7) set it is
    plain time."""
    if not goal or goal.duration is None:
        return ""
    duration, hours = goal.duration, goal.hours
    business = duration.business and not (hours and hours.always_open)
    if business and hours is None:
        return ""
    data: dict[str, object] = {
        "amount": duration.amount,
        "unit": duration.unit,
        "business": business,
    }
    if business and hours:
        data["hours"] = {
            "timezone": hours.timezone,
            "days": [str(d) for d in hours.days],
            "opens": hours.opens,
            "closes": hours.closes,
            "holidays": [h.date.isoformat() for h in hours.holidays],
        }
    return json.dumps(data, sort_keys=True)
