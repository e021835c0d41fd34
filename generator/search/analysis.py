"""How a text becomes search terms: one definition for `scopesite search` and for
the search in the browser, so a question finds the same entries in both.

A customer types a whole question ("How do I escalate my case?"). Its words are
split at white space and punctuation (a trailing "?" or "." is no part of a word;
a dot between digits is, so "4.3.7" stays one term), lower-cased, and the words
that only carry the sentence ("how", "do", "I", "my") are dropped: on a support
site they match every page. What is left is stemmed, so "escalation" and
"escalate" meet: lunr's Porter stemmer in the browser, Snowball's English stemmer
(Porter's revision) here. On the words of the built sites and the question set
the two differ on 30 of 1,339 words, mostly where Porter cuts a final "s" or "e"
Snowball keeps ("status", "use"); Whoosh's own Porter filter differs on 50
("running" stays "runn").

The browser's worker (templates/assets/scopesite-search.js) reads SEPARATOR and
STOP_WORDS from the search index's config, written by ``analysis_config``; lunr
stems the index and the query with its Porter stemmer, Whoosh with its own.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path
from typing import Any

from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stemmer_for_language

SEPARATOR = r"""[\s\-,:;!?()\[\]{}"'\u2018\u2019\u201c\u201d/\\<>=+*&#~^]+|\.(?!\d)"""
"""Where words end: white space, punctuation, and a dot unless a digit follows.

It is a JavaScript regular expression as well: Material's highlighter splits it
at "|", so no "|" may stand inside a character class."""

CONTRACTIONS = frozenset(
    "doesn don isn aren didn won wasn weren couldn shouldn wouldn haven hasn ll re ve".split()  # noqa: SIM905
)
"""What is left of "doesn't", "I'll", "we're" once the apostrophe splits them."""

STOP_WORDS = (
    frozenset(string.ascii_lowercase)
    | CONTRACTIONS
    | frozenset(
        """
        about also am an and any anyone anything are as at be been being but by can
        could did do does doing for from get got had has have having he her here him
        his how if in into is it its just let like me might must my myself of on or
        our ours please shall she should so some someone something such than that the
        their them then there these they this those to too us very was we were what
        when where which while who whom why will with would want you your yours
        much many still really just ever tell able ok okay hi hello thanks thank
        """.split()  # noqa: SIM905
    )
)
"""Words that only carry a question. Not here, as they carry its meaning: "not",
"no", "down", "up", "off", "out", "again", "one", "other", "before", "after"."""

SYNONYMS = (
    ("cost", "price", "charge", "fee", "pay", "quote"),
    ("call", "phone", "telephone"),
    ("reply", "respond", "response", "answer"),
    ("colleague", "coworker", "teammate"),
    ("outage", "down", "offline", "unavailable"),
    ("urgent", "emergency", "critical"),
    ("cosmetic", "typo", "misspelling"),
    ("slow", "slowly", "sluggish", "performance"),
    ("ticket", "case"),
    ("expire", "lapse", "expiry"),
    ("buy", "purchase", "invoice", "billing", "bill", "payment"),
    ("patch", "hotfix"),
    ("bug", "defect"),
    ("license", "licence"),
    ("optimize", "optimise"),
    ("customize", "customise"),
    ("analyze", "analyse"),
    ("organization", "organisation"),
)
"""Words customers and policies use for one thing: a query word finds its group's
other words too (after stemming, so "charged" finds "price" and "pricing").
American and British spellings, and the support trade's plain synonyms; no word
of one project's policy. Buying, invoices and payment are one matter: policies
send them all to the same commercial contact (sales, the account manager)."""

PHRASES = (
    ("run out", "expire"),
    ("runs out", "expire"),
    ("ran out", "expire"),
    ("running out", "expire"),
    ("log in", "login"),
    ("logs in", "login"),
    ("sign in", "login"),
)
"""Two-word phrases customers use for one word of the policies' ("my maintenance ran
out": it expired). A query's phrase becomes that word before it is split, in the
browser and here alike; the texts searched keep their own words."""


def without_phrases(text: str) -> str:
    """A query with each of PHRASES made its one word (lower-cased)."""
    lowered = text.lower()
    for phrase, word in PHRASES:
        lowered = re.sub(rf"\b{phrase}\b", word, lowered)
    return lowered


def analyzer() -> Any:
    """The Whoosh analyzer of these rules (a new one each time: its stem cache is state)."""
    return (
        RegexTokenizer(expression=SEPARATOR, gaps=True)
        | LowercaseFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=1)
        | StemFilter(stemfn=stemmer_for_language("en"), ignore=None, cachesize=10_000)
    )


def query_words(text: str) -> list[str]:
    """A text's words as the browser's worker keeps them from a query: unstemmed."""
    split = re.split(SEPARATOR, without_phrases(text))
    return [word for word in split if word and word not in STOP_WORDS]


def synonyms_of(stems: list[str], analyse: Any) -> list[tuple[str, ...]]:
    """Each stem with the stems of its synonyms (itself first), by ``analyse``'s stemmer."""
    groups = [tuple(token.text for word in group for token in analyse(word)) for group in SYNONYMS]
    found = []
    for stem in stems:
        group = next((g for g in groups if stem in g), ())
        found.append((stem, *(other for other in group if other != stem)))
    return found


def analysis_config() -> dict[str, object]:
    """What Material's search and our worker need to analyse texts these ways.

    Material's pipeline keeps only lunr's stemmer: stop words are dropped from
    the query before lunr sees it (lunr's own list drops "not" and "no"), and the
    separator already strips punctuation, which lunr's trimmer would do.
    """
    return {
        "separator": SEPARATOR,
        "pipeline": ["stemmer"],
        "stop_words": sorted(STOP_WORDS),
        "synonyms": [list(group) for group in SYNONYMS],
        "phrases": [list(pair) for pair in PHRASES],
    }


def analyse_alike(search_index: Path, products: dict[str, str]) -> None:
    """Make Material's index in ``search_index`` analyse texts by these rules, and
    tell our worker each product's name by the folder of its pages."""
    data = json.loads(search_index.read_text())
    data["config"] = {**data["config"], **analysis_config(), "products": products}
    search_index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
