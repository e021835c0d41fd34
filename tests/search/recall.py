"""Search quality over two sets: keyword queries (tests/search/queries.yml, recall@3)
and customers' whole questions (tests/search/questions.yml, top-1 and top-3).

A case is a hit at k when one of its expected locations is among the first k
results. An expected page without an anchor is the answer as a whole: a result
that opens one of its sections opens it too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries.yml"
QUESTIONS = HERE / "questions.yml"
HELD_OUT = HERE / "held_out.yml"

Case = dict[str, object]
Search = Callable[[str, str], list[str]]
"""``search(site, text)`` returns the first hit locations, best first."""


@dataclass
class Recall:
    hits: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.hits + len(self.misses)

    @property
    def value(self) -> float:
        return self.hits / self.total

    def report(self) -> str:
        return f"{self.value:.3f} ({self.hits}/{self.total})"


def queries() -> list[Case]:
    loaded: list[Case] = yaml.safe_load(QUERIES.read_text())
    return loaded


def questions(*, held_out: bool | None = None) -> list[Case]:
    """The question set; only the held-out ones, or only the others, if asked."""
    loaded: list[Case] = yaml.safe_load(QUESTIONS.read_text())
    if held_out is None:
        return loaded
    return [case for case in loaded if bool(case.get("held_out")) == held_out]


def held_out_questions() -> list[Case]:
    """The second held-out set: questions written before the ranking changed for them."""
    loaded: list[Case] = yaml.safe_load(HELD_OUT.read_text())
    return loaded


def measure(top3: Search, cases: list[Case] | None = None, at: int = 3) -> Recall:
    """Recall@``at`` of the keyword queries (or of ``cases``)."""
    return measure_at(top3, cases if cases is not None else queries(), (at,))[at]


def measure_at(search: Search, cases: list[Case], depths: tuple[int, ...]) -> dict[int, Recall]:
    """Recall at each depth, from one search per case."""
    found = {depth: Recall() for depth in depths}
    for case in cases:
        site, expected = str(case["site"]), [str(e) for e in case["expect"]]  # type: ignore[attr-defined]
        text = str(case.get("question", case.get("query")))
        hits = search(site, text)
        for depth, recall in found.items():
            if any(answers(location, expected) for location in hits[:depth]):
                recall.hits += 1
            else:
                recall.misses.append(f"{site}: '{text}' → {hits[:depth]}")
    return found


def answers(location: str, expected: list[str]) -> bool:
    """Whether a result at ``location`` opens one of the expected answers."""
    page = location.split("#")[0]
    return location in expected or page in expected
