"""Render compiled flows: a page per state, start pages in the navigation, and
the authors' page with each flow's diagram. Templates only format."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown.extensions.toc import slugify

from .derive import Derived
from .graph import mermaid
from .models import BusinessHours, Duration
from .wizard import Choice, CompiledFlow, State, StateKey, answers_so_far

AddPage = Callable[..., str]

MAX_CHOICES_ON_A_PAGE = 50
"""A question with more choices, in sections, lists its sections first and each
section's choices on a page of its own: 300 links on one page are hard to scan
and would make the page several times the 20 KB budget of a wizard page."""


@dataclass(frozen=True)
class ChoiceGroup:
    """Choices under one heading (scope items keep their policy sections)."""

    heading: str | None
    choices: list[tuple[Choice, str]]


def wizard_folder(flow_id: str) -> str:
    return f"wizards/{flow_id}"


def render_wizards(derived: Derived, page: AddPage) -> list[dict[str, Any]]:
    """Write every state of every flow; return the navigation entries of their starts."""
    nav: list[dict[str, Any]] = []
    for compiled in derived.wizards.values():
        slug_of = {key: state.slug for key, state in compiled.states.items()}
        for state in compiled.states.values():
            _state_page(derived, compiled, state, slug_of, page)
        nav.append({compiled.flow.title: f"{wizard_folder(compiled.flow.id)}/index.md"})
    if derived.wizards:
        page(
            "authors/wizards.md",
            "authors_wizards.md.j2",
            diagrams=[(c, mermaid(c.flow)) for c in derived.wizards.values()],
        )
    return nav


def _state_page(
    derived: Derived,
    compiled: CompiledFlow,
    state: State,
    slug_of: dict[StateKey, str],
    page: AddPage,
) -> None:
    given = [(answer, slug_of[answer.change]) for answer in answers_so_far(compiled, state)]
    context: dict[str, Any] = {
        "flow": compiled.flow,
        "state": state,
        "given": given,
        "is_start": state.key == compiled.start,
        "step": len(given) + 1,
    }
    folder = wizard_folder(compiled.flow.id)
    if state.question:
        groups = _groups(state, slug_of)
        if len(state.choices) <= MAX_CHOICES_ON_A_PAGE or len(groups) < 2:
            page(f"{folder}/{state.slug}.md", "wizard_question.md.j2", groups=groups, **context)
            return
        sections = list(zip(groups, _section_slugs(state.slug, groups), strict=True))
        page(f"{folder}/{state.slug}.md", "wizard_question.md.j2", sections=sections, **context)
        for group, section_slug in sections:
            page(
                f"{folder}/{section_slug}.md",
                "wizard_question.md.j2",
                groups=[group],
                section_of=state.slug,
                **context,
            )
    else:
        hours = derived.policy.site.business_hours
        page(
            f"{folder}/{state.slug}.md",
            "wizard_outcome.md.j2",
            result=state.answer,
            due=lambda text: due_attributes(text, hours, derived),
            **context,
        )


def _groups(state: State, slug_of: dict[StateKey, str]) -> list[ChoiceGroup]:
    groups: dict[str | None, list[tuple[Choice, str]]] = {}
    for choice in state.choices:
        groups.setdefault(choice.group, []).append((choice, slug_of[choice.target]))
    return [ChoiceGroup(heading, choices) for heading, choices in groups.items()]


def _section_slugs(slug: str, groups: list[ChoiceGroup]) -> list[str]:
    """A page name per section of a question, unique even when headings slugify alike."""
    names: list[str] = []
    for group in groups:
        name = f"{slug}--{slugify(group.heading or '', '-') or 'other'}"
        names.append(name if name not in names else f"{name}-{len(names) + 1}")
    return names


def due_attributes(text: str | None, hours: BusinessHours | None, derived: Derived) -> str:
    """Data attributes for the 'due by' enhancement, or '' when it cannot be computed."""
    if not text:
        return ""
    duration = Duration.parse(text.removeprefix("under ").removeprefix("within "))
    if duration.business and hours is None:
        return ""
    data: dict[str, object] = {
        "amount": duration.amount,
        "unit": duration.unit,
        "business": duration.business,
    }
    if duration.business and hours:
        data["hours"] = {
            "timezone": hours.timezone,
            "days": [str(d) for d in hours.days],
            "opens": hours.opens,
            "closes": hours.closes,
            "holidays": [h.date.isoformat() for h in derived.policy.site.holidays],
        }
    return json.dumps(data, sort_keys=True)
