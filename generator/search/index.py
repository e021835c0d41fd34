"""Index stage: a Whoosh index of the policy, for `scopesite search` and
search-quality checks. Built in memory from the resolved policy.

Texts and queries are analysed as the browser's search analyses them
(generator/search/analysis.py): punctuation split off, question words dropped,
Porter stems.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from markdown.extensions.toc import slugify
from whoosh import fields, query
from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index

from generator.content.models import Product, ScopeItem
from generator.content.resolve import Policy
from generator.policy.derive import standing
from generator.policy.verdicts import verdict_label
from generator.render import urls
from generator.render.search_tags import FIELD_BOOSTS
from generator.search.analysis import analyzer as new_analyzer
from generator.search.analysis import synonyms_of, without_phrases

SEARCHED = ("title", "aliases", "body")
TITLE_BOOST = FIELD_BOOSTS["title"]["boost"]
TAGS_BOOST = FIELD_BOOSTS["tags"]["boost"]
"""The in-site search's boosts (titles and aliases over text), so both rank alike."""
SECTION = re.compile(r"^## +(.+?) *#* *$", re.MULTILINE)
"""A guide's second-level heading (Markdown's ATX form, as guides write them)."""
KIND_BOOST = {"scope": 2.0}
"""Scope items outrank incidental mentions of the same words elsewhere."""


def schema(analyzer: Any) -> fields.Schema:
    return fields.Schema(
        key=fields.ID(stored=True, unique=True),
        kind=fields.ID(stored=True),
        product=fields.ID(stored=True),
        title=fields.TEXT(analyzer=analyzer, field_boost=TITLE_BOOST, stored=True),
        aliases=fields.TEXT(analyzer=analyzer, field_boost=TAGS_BOOST),
        body=fields.TEXT(analyzer=analyzer),
        verdict=fields.STORED,
        summary=fields.STORED,
        url=fields.STORED,
    )


@dataclass(frozen=True)
class Entry:
    """One searchable thing: a scope item, plan, channel, severity, offer, price or guide."""

    key: str
    kind: str
    product: str
    title: str
    aliases: str
    body: str
    verdict: str
    summary: str
    url: str


@dataclass(frozen=True)
class Hit:
    """One search result."""

    kind: str
    key: str
    title: str
    verdict: str
    summary: str
    url: str
    score: float


class SearchIndex:
    """The Whoosh index of one policy."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.analyzer = new_analyzer()
        self.index: Index = RamStorage().create_index(schema(self.analyzer))
        _fill(self.index, entries(policy))

    def search(self, text: str, limit: int = 10) -> list[Hit]:
        """Rank entries for a customer's own words."""
        terms = words(without_phrases(text), self.analyzer)
        if not terms:
            return []
        with self.index.searcher() as searcher:
            results = searcher.search(_any_of(synonyms_of(terms, self.analyzer)), limit=limit)
            return [_hit(result, result.score or 0.0) for result in results]


def _fill(index: Index, found: Iterable[Entry]) -> None:
    """Add entries to an index; scope items get their boost."""
    with index.writer() as writer:
        for entry in found:
            writer.add_document(
                _boost=KIND_BOOST.get(entry.kind, 1.0),
                key=entry.key,
                kind=entry.kind,
                product=entry.product,
                title=entry.title,
                aliases=entry.aliases,
                body=entry.body,
                verdict=entry.verdict,
                summary=entry.summary,
                url=entry.url,
            )


def words(text: str, analyzer: Any = None) -> list[str]:
    """The stemmed terms of a text, without stop words, in order, once each.

    Pass the analyzer when splitting many texts: making one takes a while.
    """
    tokens = (analyzer or new_analyzer())(text)
    return list(dict.fromkeys(token.text for token in tokens))


def _any_of(terms: list[tuple[str, ...]]) -> query.Query:
    """Any term (or a synonym) in any field; an entry whose title or aliases hold
    every term ranks higher."""

    def either(field: str, alternatives: tuple[str, ...]) -> query.Query:
        return query.Or([query.Term(field, term) for term in alternatives])

    anywhere = [either(field, term) for field in SEARCHED for term in terms]
    complete = (
        [
            query.And([either(field, term) for term in terms], boost=2.0)
            for field in ("title", "aliases")
        ]
        if len(terms) > 1
        else []
    )
    return query.Or(anywhere + complete)


def _hit(result: dict[str, str], score: float) -> Hit:
    return Hit(
        result["kind"],
        result["key"].split(":", 1)[1],
        result["title"],
        result["verdict"],
        result["summary"],
        result["url"],
        round(score, 3),
    )


def _entries_for_items(policy: Policy, items: Iterable[ScopeItem]) -> Iterator[Entry]:
    """Scope items as search entries, each with the verdict its scope page claims; an
    item of several products is one entry per product, keyed 'product:item'."""
    for item in items:
        product = str(item.product)
        instead = item.instead.text if item.instead and item.instead.text else ""
        body = " ".join([item.group, item.details or "", *item.conditions, instead])
        shared = len(policy.products_of(policy.scope[item.id])) > 1
        yield Entry(
            f"scope:{product}:{item.id}" if shared else f"scope:{item.id}",
            "scope",
            product,
            item.title,
            " ; ".join(item.aliases),
            body,
            verdict_label(standing(policy, item)),
            item.details or item.group,
            urls.scope_item(product, item.id).location,
        )


def entries(policy: Policy) -> Iterator[Entry]:
    """Everything a customer may look for, with the page and anchor that answers it."""
    yield from _entries_for_items(policy, policy.scope_items())
    for product in policy.products.values():
        yield from _plan_entries(policy, product)
        yield from _severity_entries(policy, product)
        yield from _offer_entries(policy, product)
        yield from _package_entries(policy, product)
        yield from _price_entries(policy, product)
        yield from _phase_entries(product)
    yield from _channel_entries(policy)
    yield from _hour_entries(policy)
    yield from _guide_entries(policy)


def _plan_entries(policy: Policy, product: Product) -> Iterator[Entry]:
    for plan in policy.plans_for(product):
        body = " ".join([plan.summary, plan.term or "", plan.renewal or "", *plan.notes])
        yield Entry(
            f"plan:{product.id}:{plan.id}",
            "plan",
            product.id,
            plan.name,
            " ; ".join(plan.aliases),
            body,
            "",
            plan.summary,
            urls.plan(product.id, plan.id).location,
        )


def _severity_entries(policy: Policy, product: Product) -> Iterator[Entry]:
    for severity in policy.severities_for(product):
        yield Entry(
            f"severity:{severity.id}",
            "severity",
            product.id,
            severity.title,
            " ; ".join(severity.aliases),
            " ".join([severity.definition, *severity.examples]),
            "",
            severity.definition,
            urls.severity(product.id, severity.id).location,
        )


def _offer_entries(policy: Policy, product: Product) -> Iterator[Entry]:
    for offer in policy.offers_for(product):
        body = " ".join([offer.summary, *offer.benefits, *offer.terms])
        yield Entry(
            f"offer:{offer.id}",
            "offer",
            product.id,
            offer.name,
            "",
            body,
            "",
            offer.summary,
            urls.plan(product.id, offer.id).location,
        )


def _package_entries(policy: Policy, product: Product) -> Iterator[Entry]:
    """One entry for all of a product's packages: their sizes are what a customer asks."""
    packages = policy.packages_for(product)
    if packages:
        sizes = ", ".join(package.name for package in packages)
        yield Entry(
            f"packages:{product.id}",
            "package",
            product.id,
            "Packages",
            "",
            f"buy a package of {packages[0].unit}: {sizes}",
            "",
            sizes,
            urls.packages(product.id).location,
        )


def _price_entries(policy: Policy, product: Product) -> Iterator[Entry]:
    for rule in policy.price_rules_for(product):
        body = " ".join([rule.details or "", rule.example or ""])
        yield Entry(
            f"price:{rule.id}",
            "price",
            product.id,
            rule.name,
            "",
            body,
            "",
            rule.details or rule.name,
            urls.price_rule(product.id, rule.id).location,
        )


def _channel_entries(policy: Policy) -> Iterator[Entry]:
    """Channels, each linked where it is described: its product's help page, or contact."""
    owners = urls.channel_owners(policy)
    for channel in policy.channels.values():
        body = " ".join([channel.summary, channel.how or "", *channel.use_for, *channel.conditions])
        owner = owners[channel.id]
        yield Entry(
            f"channel:{channel.id}",
            "channel",
            owner or "",
            channel.name,
            " ; ".join(channel.aliases),
            body,
            "",
            channel.summary,
            urls.channel(owner, channel.id).location,
        )


def _guide_entries(policy: Policy) -> Iterator[Entry]:
    for article in policy.articles.values():
        yield Entry(
            f"guide:{article.slug}",
            "guide",
            "",
            article.meta.title,
            " ; ".join(article.meta.aliases),
            f"{article.meta.summary} {article.body}",
            "",
            article.meta.summary,
            urls.guide(article.slug).location,
        )
        for heading, text in _sections(article.body):
            yield Entry(
                f"guide:{article.slug}#{heading}",
                "guide",
                "",
                heading,
                "",
                text,
                "",
                article.meta.summary,
                f"{urls.guide(article.slug).location}#{slugify(heading, '-')}",
            )


def _sections(body: str) -> Iterator[tuple[str, str]]:
    """A guide's second-level sections, as (heading, text): the in-site search finds
    them one by one, at the anchor MkDocs' toc extension gives each heading."""
    parts = SECTION.split(body)
    for at in range(1, len(parts) - 1, 2):
        yield parts[at].strip(), parts[at + 1]


def _phase_entries(product: Product) -> Iterator[Entry]:
    """A product's life-cycle phases, each where its life-cycle page describes it, as
    the in-site search finds them ("How long is a version in maintenance?")."""
    if not product.life_cycle:
        return
    for phase in product.life_cycle.phases:
        yield Entry(
            f"phase:{product.id}:{phase.id}",
            "life cycle",
            product.id,
            phase.name,
            "",
            " ".join([phase.delivers, phase.open_end or ""]),
            "",
            phase.delivers,
            urls.life_cycle(product.id, phase.id).location,
        )


def _hour_entries(policy: Policy) -> Iterator[Entry]:
    """The named hour sets with their holidays, where the contact page gives them."""
    for hours in policy.site.hours:
        holidays = " ".join(holiday.name for holiday in hours.holidays)
        yield Entry(
            f"hours:{hours.id}",
            "hours",
            "",
            hours.name,
            "",
            holidays,
            "",
            hours.name,
            urls.hours(hours.id).location,
        )
