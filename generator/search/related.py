"""Related scope items: for each item, the most similar items of the same product.

A plain BM25 over titles and customers' phrasings, product by product. Whoosh
did this at first, one query per item; at the L benchmark scale (30,000 items)
the per-query overhead, not the scoring, took minutes. Same analyzer, same
terms, a dictionary and a counter instead.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from generator.content.models import ScopeItem
from generator.content.resolve import Policy
from generator.search.analysis import analyzer as new_analyzer
from generator.search.index import words

K1 = 1.2  # BM25's usual term-frequency saturation
B = 0.75  # and length normalisation


class RelatedCache(dict[str, tuple[object, dict[str, list[str]]]]):
    """Each product's last answer and what it was computed from: a serve session
    keeps one, so that a rebuild recomputes only the products an edit touched."""


def related_items(
    policy: Policy, limit: int = 3, last_answers: RelatedCache | None = None
) -> dict[tuple[str, str], list[str]]:
    """Every scope item, by (product, item id), to the ids of its ``limit`` most similar
    items of that product (an item of several products has neighbours on each)."""
    cache = RelatedCache() if last_answers is None else last_answers
    found: dict[tuple[str, str], list[str]] = {}
    for product in policy.products.values():
        items = policy.scope_for(product)
        inputs = (limit, [(item.id, item.title, tuple(item.aliases)) for item in items])
        last = cache.get(product.id)
        if last is None or last[0] != inputs:
            last = cache[product.id] = (inputs, _related_within(items, limit))
        found.update({(product.id, item): similar for item, similar in last[1].items()})
    return found


def _related_within(items: list[ScopeItem], limit: int) -> dict[str, list[str]]:
    """Rank each item's neighbours by the BM25 score of its own terms as a query."""
    analyzer = new_analyzer()
    terms_of = [Counter(words(" ".join([item.title, *item.aliases]), analyzer)) for item in items]
    postings: dict[str, list[int]] = defaultdict(list)
    for position, terms in enumerate(terms_of):
        for term in terms:
            postings[term].append(position)
    average = sum(sum(t.values()) for t in terms_of) / max(len(items), 1) or 1.0
    idf = {
        term: math.log(1 + (len(items) - len(found) + 0.5) / (len(found) + 0.5))
        for term, found in postings.items()
    }

    def weight(term: str, position: int) -> float:
        frequency = terms_of[position][term]
        length = sum(terms_of[position].values())
        norm = frequency + K1 * (1 - B + B * length / average)
        return idf[term] * frequency * (K1 + 1) / norm

    related: dict[str, list[str]] = {}
    for position, item in enumerate(items):
        scores: dict[int, float] = defaultdict(float)
        for term in terms_of[position]:
            for other in postings[term]:
                if other != position:
                    scores[other] += weight(term, other)
        # Ties keep the policy's order, so the answer is the same on every build.
        ranked = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]
        related[item.id] = [items[other].id for other, _ in ranked]
    return related
