"""A flow's declared graph: the edges of its questions, the facts each sets, and its
Mermaid flowchart for the authors' page and `scopesite graph`."""

from __future__ import annotations

import re

from generator.content.flow_model import OPTION_SOURCES, Flow, Question


def mermaid(flow: Flow) -> str:
    """A Mermaid flowchart: questions as diamonds, outcomes as rounded boxes."""
    names = {q.id: f"q{i}" for i, q in enumerate(flow.questions)}
    names |= {o.id: f"o{i}" for i, o in enumerate(flow.outcomes)}
    lines = ["flowchart TD"]
    lines += [f'  {names[q.id]}{{"{_text(q.text)}"}}' for q in flow.questions]
    lines += [f'  {names[o.id]}(["{_text(o.title or o.id)} ({o.kind})"])' for o in flow.outcomes]
    for question in flow.questions:
        for option in question.options:
            lines.append(
                f'  {names[question.id]} -->|"{_text(option.label)}"| {names[option.next]}'
            )
        if question.options_from and question.next:
            label = OPTION_SOURCES[question.options_from.kind].graph_label
            lines.append(f'  {names[question.id]} -->|"{label}"| {names[question.next]}')
    return "\n".join(lines) + "\n"


def edges(question: Question) -> list[tuple[str, tuple[str | int, ...]]]:
    found: list[tuple[str, tuple[str | int, ...]]] = [
        (opt.next, ("options", i, "next")) for i, opt in enumerate(question.options)
    ]
    found += [(target, ("route", value)) for value, target in question.route.items()]
    return found + ([(question.next, ("next",))] if question.next else [])


def facts_set_by(question: Question) -> set[str]:
    found = {fact for option in question.options for fact in option.set}
    return found | ({question.options_from.sets} if question.options_from else set())


MERMAID_SYNTAX = re.compile(r"[#\"<>%`&]")
"""Characters Mermaid reads as syntax inside a quoted label: its entity codes ('#'),
the quote that ends the label, HTML ('<', '>', '&'), directives and comments ('%%',
read anywhere in the source, so '%%{init: …}%%' would restyle the diagram) and
Markdown strings ('`')."""


def _text(value: str) -> str:
    """A label as text: line breaks (which would start a statement) become spaces and
    each syntax character becomes Mermaid's numeric entity code, shown as written."""
    flat = " ".join(value.split())
    return MERMAID_SYNTAX.sub(lambda found: f"#{ord(found[0])};", flat)
