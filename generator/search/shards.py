"""Split Material's search index into shards a browser fetches only when a query
needs them.

Material's search hands its whole lunr index to every visitor: 3 MB at a thousand
scope items, 32 MB at thirty thousand. Here the index becomes a small manifest (in
Material's own ``search_index.json``, so the theme's code fetches it unchanged) and
one shard per three-letter word prefix. A query term of three letters or more
needs exactly the shard of its first three (Material matches each term as a
prefix, ``upgr*``); a shorter one, the shard of that exact short word. Our worker
(assets/scopesite-search.js) fetches the shards of a query's terms, hands the
documents to Material's own worker, and lets it rank, highlight and group them as
ever: results look the same, ranking within the fetched documents is lunr's.

A shard keeps its most relevant documents up to SHARD_BUDGET bytes (title and tag
matches before mentions in the text), with the page each section belongs to, so a
word found on thousands of pages costs the visitor one bounded download.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from generator.search.analysis import STOP_WORDS

PREFIX = 3
SHARD_BUDGET = 96_000
"""Bytes of documents in one shard: a two-word query stays well inside 300 KB."""
FIELD_WEIGHTS = {"title": 10, "tags": 10, "text": 1}
TERM_SATURATION = 3
SHARDS = "shards"
MARKUP = re.compile(r"<[^>]+>")

Doc = dict[str, Any]


def shard_index(search_dir: Path) -> int:
    """Replace ``search_index.json`` in ``search_dir`` by a manifest and shards.

    Returns how many shards were written.
    """
    index_file = search_dir / "search_index.json"
    data = json.loads(index_file.read_text())
    docs: list[Doc] = data["docs"]
    separator = re.compile(data["config"]["separator"])
    shards = _shards(docs, separator)
    folder = search_dir / SHARDS
    folder.mkdir(exist_ok=True)
    for key, members in shards.items():
        entries = [[position, docs[position]] for position in members]
        (folder / shard_file(key)).write_text(_compact({"docs": entries}))
    # Material's page script passes only 'config' and 'docs' on to the worker.
    shards_info = {"prefix": PREFIX, "keys": sorted(shards)}
    manifest = {**data, "config": {**data["config"], "shards": shards_info}, "docs": []}
    index_file.write_text(_compact(manifest))
    return len(shards)


def shard_file(key: str) -> str:
    """A shard's file name: the key's UTF-8 bytes in hex, safe on every file system."""
    return key.encode().hex() + ".json"


def key_of(token: str) -> str:
    return token[:PREFIX]


def all_docs(search_dir: Path) -> list[Doc]:
    """Every document of a sharded index, in Material's order (for tests and tools)."""
    manifest = json.loads((search_dir / "search_index.json").read_text())
    found: dict[int, Doc] = {}
    for key in manifest["config"]["shards"]["keys"]:
        shard = json.loads((search_dir / SHARDS / shard_file(key)).read_text())
        found.update((position, doc) for position, doc in shard["docs"])
    return [found[position] for position in sorted(found)]


def _shards(docs: list[Doc], separator: re.Pattern[str]) -> dict[str, list[int]]:
    """Each key's documents: the best up to the budget, with their pages, in index order."""
    scores: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for position, doc in enumerate(docs):
        for field, weight in FIELD_WEIGHTS.items():
            counts = Counter(key_of(token) for token in _tokens(doc.get(field), separator))
            for key, count in counts.items():
                # Saturating, as lunr's BM25 does: a word in the title outranks
                # the same word repeated through a section's text.
                scores[key][position] += weight * min(count, TERM_SATURATION)
    page_of = _pages(docs)
    sizes = [len(_compact([position, doc])) + 1 for position, doc in enumerate(docs)]
    shards: dict[str, list[int]] = {}
    for key, scored in scores.items():
        ranked = sorted(scored, key=lambda position: (-scored[position], position))
        chosen: set[int] = set()
        used = 0
        for position in ranked:
            wanted = {position, page_of[position]} - chosen
            cost = sum(sizes[p] for p in wanted)
            if chosen and used + cost > SHARD_BUDGET:
                break
            chosen |= wanted
            used += cost
        shards[key] = sorted(chosen)
    return shards


def _tokens(value: object, separator: re.Pattern[str]) -> list[str]:
    """Lowercase words as Material's tokenizer splits them (markup is not text), but
    not the stop words: no query holds them (generator/search/analysis.py)."""
    if value is None:
        return []
    text = " ".join(value) if isinstance(value, list) else str(value)
    split = separator.split(MARKUP.sub(" ", text).lower())
    return [token for token in split if token and token not in STOP_WORDS]


def _pages(docs: list[Doc]) -> list[int]:
    """For each document, the position of its page's document (Material's grouping)."""
    first: dict[str, int] = {}
    pages: list[int] = []
    for position, doc in enumerate(docs):
        path = doc["location"].split("#")[0]
        pages.append(first.setdefault(path, position))
    return pages


def _compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
