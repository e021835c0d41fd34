"""Recall@3 over tests/search/queries.yml: the share of queries whose expected page
is among the first three hits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

QUERIES = Path(__file__).resolve().parent / "queries.yml"


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


def queries() -> list[dict[str, object]]:
    loaded: list[dict[str, object]] = yaml.safe_load(QUERIES.read_text())
    return loaded


def measure(top3: Callable[[str, str], list[str]]) -> Recall:
    """``top3(site, query)`` returns the first three hit locations."""
    recall = Recall()
    for case in queries():
        site, text, expected = str(case["site"]), str(case["query"]), case["expect"]
        found = top3(site, text)
        if any(location in expected for location in found):  # type: ignore[operator]
            recall.hits += 1
        else:
            recall.misses.append(f"{site}: '{text}' → {found}")
    return recall
