"""Render stage: the site's wording, for what is not a page.

The JSON API and ``scopesite ask`` say what the pages say: they word a typed fact
through the same macro of ``macros.md.j2`` (a project's own first, when its
templates/ has one), never through a sentence of their own.
"""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

from generator.policy.derive import Coverage
from generator.wizards.outcomes import Answer


class Wording:
    """The macros of one template environment, giving plain text."""

    def __init__(self, env: jinja2.Environment) -> None:
        self._macros: Any = env.get_template("macros.md.j2").module

    def coverage_reason(self, coverage: Coverage) -> str:
        """Why ``coverage`` has its verdict, as its pages say it."""
        return _plain(self._macros.coverage_reason(coverage))

    def headline(self, answer: Answer) -> str:
        """A wizard outcome's headline, as its page gives it."""
        return _plain(self._macros.outcome_headline(answer))

    def first_reason(self, answer: Answer) -> str | None:
        """The reason an outcome page gives first under 'Why', if it gives one."""
        return _plain(self._macros.outcome_reason(answer)) or None

    def price(self, answer: Answer) -> str | None:
        """The price a coverage outcome's page gives last under 'Why', if any."""
        return _plain(self._macros.outcome_price(answer)) or None


def _plain(worded: object) -> str:
    """A macro's output as text: its escaping is for pages, not JSON or a terminal."""
    return Markup(str(worded)).unescape()
