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
from generator.policy.derive import Coverage
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
