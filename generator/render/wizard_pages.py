"""Render compiled flows: a page per state, start pages in the navigation, and
the authors' page with each flow's diagram. Templates only format."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.content.names import Slug
from generator.policy.derive import Derived, Goal
from generator.render import urls
from generator.render.urls import Source, Url
from generator.wizards.graph import mermaid
from generator.wizards.outcomes import Answer
from generator.wizards.states import Choice, CompiledFlow, State, StateKey, Wizards
from generator.wizards.steps import Position, positions

AddPage = Callable[..., str]
StatePages = dict[StateKey, Url]
StateNames = dict[StateKey, Slug]

MAX_CHOICES_ON_A_PAGE = 50
"""A question with more choices, in sections, lists its sections first and each
section's choices on a page of its own: 300 links on one page are hard to scan
and would make the page several times the 20 KB budget of a wizard page."""


FILTER_FROM = 10
"""A question with at least this many choices gets the type-to-filter box."""

VERDICT_ORDER = {"covered": 0, "conditional": 1, "paid": 2, "not_covered": 3}
"""Within a heading, what the chosen plan covers comes first."""


@dataclass(frozen=True)
class Option:
    """A choice as its page offers it: where it leads, and the verdict waiting there
    (when the next page is an outcome with one), shown beside the choice."""

    choice: Choice
    target: Url
    verdict: str | None


@dataclass(frozen=True)
class ChoiceGroup:
    """Choices under one heading (scope items keep their policy sections)."""

    heading: str | None
    choices: list[Option]


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
        placed = positions(compiled)
        for state in compiled.states.values():
            _state_page(compiled, state, placed[state.key], pages[flow_id], names[flow_id], page)
        nav.append({compiled.flow.title: pages[flow_id][compiled.start].page})
    if wizards:
        page(
            urls.own_page(urls.WIZARD_MAPS),
            "authors_wizards.md.j2",
            diagrams=[(c, mermaid(c.flow)) for c in wizards.values()],
        )
    return nav


def _state_page(
    compiled: CompiledFlow,
    state: State,
    position: Position,
    pages: StatePages,
    names: StateNames,
    page: AddPage,
) -> None:
    context: dict[str, Any] = {
        "flow": compiled.flow,
        "state": state,
        "given": [(answer, pages[answer.change]) for answer in position.given],
        "position": position,
        "back": pages[position.back] if position.back else None,
        "is_start": state.key == compiled.start,
        "start_page": pages[compiled.start],
        "chosen": dict(state.key[1]).get("product"),
        # the product the reader chose, when the flow keeps one: links go to its pages
    }
    path, source = pages[state.key], _source(compiled, state)
    if not state.question:
        page(
            path,
            "wizard_outcome.md.j2",
            source=source,
            result=state.answer,
            due=due_attributes,
            **context,
        )
        return
    groups = _groups(compiled, state, pages)
    context["filter"] = len(state.choices) >= FILTER_FROM
    answers = _answers_behind(compiled, state)
    if len(answers) > 1 and all(a.verdict == "not_covered" for a in answers):
        page(
            path,
            "wizard_nothing_covered.md.j2",
            source=source,
            groups=groups,
            result=_typical(answers),
            **context,
        )
        return
    if len(state.choices) <= MAX_CHOICES_ON_A_PAGE or len(groups) < 2:
        page(path, "wizard_question.md.j2", source=source, groups=groups, **context)
        return
    name = names[state.key]
    sections = [
        (group, urls.section_page(compiled.flow.id, name, group.heading)) for group in groups
    ]
    page(path, "wizard_question.md.j2", source=source, sections=sections, **context)
    context["back"] = path  # a section's page comes after its list of sections
    for group, section_page in sections:
        page(
            section_page,
            "wizard_question.md.j2",
            source=source,
            groups=[group],
            section_of=path,
            **context,
        )


def _groups(compiled: CompiledFlow, state: State, pages: StatePages) -> list[ChoiceGroup]:
    """The choices under their headings, what the chosen plan covers first."""
    groups: dict[str | None, list[Option]] = {}
    for choice in state.choices:
        answer = compiled.states[choice.target].answer
        verdict = str(answer.verdict) if answer and answer.verdict else None
        groups.setdefault(choice.group, []).append(Option(choice, pages[choice.target], verdict))
    return [
        ChoiceGroup(heading, sorted(options, key=lambda o: VERDICT_ORDER.get(o.verdict or "", 0)))
        for heading, options in groups.items()
    ]


def _answers_behind(compiled: CompiledFlow, state: State) -> list[Answer]:
    """The answers a question's choices lead straight to (none when any leads on)."""
    found = [compiled.states[choice.target].answer for choice in state.choices]
    return [a for a in found if a] if all(found) else []


def _typical(answers: list[Answer]) -> Answer:
    """The answer whose next steps most of the choices share: what a plan on which
    nothing is covered leads to for most requests."""
    ways = Counter(tuple(step.channel.id for step in a.next_steps) for a in answers if a.next_steps)
    if not ways:
        return answers[0]
    common = ways.most_common(1)[0][0]
    return next(a for a in answers if tuple(step.channel.id for step in a.next_steps) == common)


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
