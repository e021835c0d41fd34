"""Render stage: the site's wording, for what is not a page.

The JSON API and ``scopesite ask`` say what the pages say: they word a typed fact
through the same macro of ``macros.md.j2`` (a project's own first, when its
templates/ has one), never through a sentence of their own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.content.errors import ContentError, Location, Problem
from generator.content.fields import Duration
from generator.content.models import Verdict
from generator.policy.changes import Change
from generator.policy.derive import Coverage, Goal
from generator.wizards.outcomes import Answer


class Wording:
    """The macros of one template environment, giving plain text."""

    def __init__(self, env: jinja2.Environment) -> None:
        template = env.get_template("macros.md.j2")
        self._file = Path(template.filename or "macros.md.j2")
        self._macros: Any = template.module

    def coverage_reason(self, coverage: Coverage) -> str:
        """Why ``coverage`` has its verdict, as its pages say it."""
        return self._word("coverage_reason", coverage)

    def headline(self, answer: Answer) -> str:
        """A wizard outcome's headline, as its page gives it."""
        return self._word("outcome_headline", answer)

    def first_reason(self, answer: Answer) -> str | None:
        """The reason an outcome page gives first under 'Why', if it gives one."""
        return self._word("outcome_reason", answer) or None

    def price(self, answer: Answer) -> str | None:
        """The price a coverage outcome's page gives last under 'Why', if any."""
        return self._word("outcome_price", answer) or None

    def goal(self, goal: Goal) -> str:
        """A response goal as a page states it: '1 hour', 'under 1 hour'."""
        return self._word("goal", goal)

    def goal_within(self, goal: Goal) -> str:
        """How soon a channel answers: 'within 1 hour', 'in under 1 hour'."""
        return self._word("goal_within", goal)

    def duration(self, duration: Duration) -> str:
        """A duration as a page states it: '3 business days'."""
        return self._word("duration", duration)

    def change(self, change: Change) -> str:
        """One change to the policy, as the Policy changes page says it."""
        return self._word("change_text", change)

    def change_value(self, value: object) -> str:
        """A changed field's value before or after, as a change's sentence gives it."""
        return self._word("change_value", value)

    def change_verdict(self, verdict: Verdict) -> str:
        """A coverage verdict as a change's sentence gives it: 'covered with conditions'."""
        return self._word("change_verdict", verdict)

    def _word(self, macro: str, fact: object) -> str:
        """Call one macro; a project's macros.md.j2 without it is a content error."""
        found = getattr(self._macros, macro, None)
        if found is None:
            message = f"template error: macros.md.j2 has no macro '{macro}'"
            hint = "copy that macro from the macros.md.j2 scopesite ships into this one"
            raise ContentError([Problem(Location(self._file), message, hint)])
        return _plain(found(fact))


def _plain(worded: object) -> str:
    """A macro's output as text: its escaping is for pages, not JSON or a terminal."""
    return Markup(str(worded)).unescape()
