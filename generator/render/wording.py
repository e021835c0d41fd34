"""Render stage: the site's wording, for what is not a page.

The JSON API and ``scopesite ask`` say what the pages say: they word a typed fact
through the same macro of ``macros.md.j2`` (a project's own first, when its
templates/ has one), never through a sentence of their own. The navigation's titles
and the theme's words come from ``titles.md.j2`` the same way, so a project can
reword or translate them without touching Python.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.content.errors import ContentError, Location, Problem
from generator.content.fields import Duration
from generator.content.models import Verdict
from generator.policy.change import ENTRY_FIELDS, Change
from generator.policy.contacts import Point, Reach
from generator.policy.derive import Coverage, Goal, ItemVerdict
from generator.render.environment import template_problem
from generator.wizards.outcomes import Answer


class Wording:
    """The macros of one template environment, giving plain text."""

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        self._macros = _Macros(env, "macros.md.j2")
        self._titles: _Macros | None = None  # read on first use: most callers need none

    def title(self, name: str) -> str:
        """A navigation title or theme word by its name in titles.md.j2: 'plans', 'home'."""
        if self._titles is None:
            self._titles = _Macros(self._env, "titles.md.j2")
        return self._titles.word("title", name)

    def coverage_reason(self, coverage: Coverage) -> str:
        """Why ``coverage`` has its verdict, as its pages say it."""
        return self._word("coverage_reason", coverage)

    def headline(self, answer: Answer) -> str:
        """A wizard outcome's headline, as its page gives it."""
        return self._word("outcome_headline", answer)

    def first_reason(self, answer: Answer) -> str | None:
        """The reason an outcome page gives first under 'Why', if it gives one."""
        return self._word("outcome_reason", answer) or None

    def verdict_line(self, verdict: ItemVerdict) -> str:
        """A scope item's verdict as search results and the JSON API give it."""
        return self._word("verdict_line", verdict)

    def item_price(self, verdict: ItemVerdict) -> str | None:
        """A scope item's price where the content gives one."""
        return self._word("item_price", verdict) or None

    def price(self, answer: Answer) -> str | None:
        """The price a coverage outcome's page gives last under 'Why', if any."""
        return self._word("outcome_price", answer) or None

    def goal(self, goal: Goal) -> str:
        """A response goal as a page states it: '1 hour', 'under 1 hour'."""
        return self._word("goal", goal)

    def goal_counted(self, goal: Goal) -> str:
        """A goal with the hours it counts in where those are not the site's one set:
        '4 business hours (counted in the business hours of your region)'."""
        return self._word("goal_counted", goal)

    def updates_goal(self, goal: Goal) -> str:
        """How often a waiting case is updated: 'at least every business hour'."""
        return self._word("updates_goal", goal)

    def goal_within(self, goal: Goal) -> str:
        """How soon a channel answers: 'within 1 hour', 'in under 1 hour'."""
        return self._word("goal_within", goal)

    def contact_point(self, point: Point) -> str:
        """A contact point as pages give it, without the link: 'Phone (Toll-free):
        +1 555 0100, open Monday to Friday, 09:00 to 17:00, America/New_York time'."""
        name, open_ = self._word("contact_name", point), self._word("contact_open", point)
        return f"{name}: {point.value}{open_}"

    def reach_hours(self, reach: Reach) -> str | None:
        """When a channel is open, as its pages say it, if they say anything."""
        return self._word("reach_hours", reach) or None

    def duration(self, duration: Duration) -> str:
        """A duration as a page states it: '3 business days'."""
        return self._word("duration", duration)

    def change(self, change: Change) -> str:
        """One change to the policy, as the Policy changes page says it."""
        return self._word("change_text", change)

    def change_value(self, value: object, field: str | None = None) -> str:
        """A changed field's value before or after, as a change's sentence gives it
        (``field``: a whole entry added or removed, e.g. a plan's own goals)."""
        if field in ENTRY_FIELDS:
            return self._word("change_value", value, field)
        return self._word("change_value", value)  # as a project's older macro takes it

    def change_verdict(self, verdict: Verdict) -> str:
        """A coverage verdict as a change's sentence gives it: 'covered with conditions'."""
        return self._word("change_verdict", verdict)

    def _word(self, macro: str, *facts: object) -> str:
        return self._macros.word(macro, *facts)


class _Macros:
    """The macros of one template file, the project's own first."""

    def __init__(self, env: jinja2.Environment, name: str) -> None:
        self._env = env
        self._name = name
        try:
            template = env.get_template(name)
            self._module: Any = template.module
        except ContentError:
            raise  # a template that is not text
        except Exception as error:
            raise ContentError([template_problem(env, name, error)]) from None
        self._file = Path(template.filename or name)

    def word(self, macro: str, *facts: object) -> str:
        """Call one macro; a project's file without it is a content error."""
        found = getattr(self._module, macro, None)
        if found is None:
            message = f"template error: {self._name} has no macro '{macro}'"
            hint = f"copy that macro from the {self._name} scopesite ships into this one"
            raise ContentError([Problem(Location(self._file), message, hint)])
        try:
            return _plain(found(*facts))
        except Exception:  # a project's macro with a bad name or expression
            problem = self._problem()
        raise ContentError([problem])

    def _problem(self) -> Problem:
        """The error being handled, at its template line (Jinja2 maps the frames back)."""
        try:
            self._env.handle_exception()
        except Exception as error:
            return template_problem(self._env, self._name, error)
        raise AssertionError("handle_exception always raises")


def _plain(worded: object) -> str:
    """A macro's output as text: its escaping is for pages, not JSON or a terminal."""
    return Markup(str(worded)).unescape()
