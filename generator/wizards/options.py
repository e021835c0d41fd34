"""What a generated question offers: each option source of content's OPTION_SOURCES,
listed from the policy as (value, label, group)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import assert_never

from generator.content.flow_model import OPTION_SOURCES, OptionSource, SourceName
from generator.content.models import Product
from generator.content.resolve import Policy

Listed = tuple[str, str, str | None]
"""An option as its value, its label and the heading it is grouped under."""

Listing = Callable[[Policy, Product], Iterable[Listed]]
"""How a source lists the options one product offers."""


def listing(kind: SourceName) -> Listing | None:
    """How ``kind`` lists a product's entries; None for the sources that list the
    site's own entries, the products themselves and the regions (OPTION_SOURCES: not
    per_product; see ``_site_wide``). A source without a case here fails mypy
    (assert_never)."""
    match kind:
        case SourceName.products | SourceName.regions:
            return None
        case SourceName.plans:
            return lambda policy, product: ((p.id, p.name, None) for p in policy.plans_for(product))
        case SourceName.scope:
            return lambda policy, product: (
                (i.id, i.title, i.group) for i in policy.scope_for(product)
            )
        case SourceName.situations:
            return lambda policy, product: (
                (s.id, s.text, None) for s in policy.situations_for(product)
            )
        case SourceName.severities:
            return lambda policy, product: (
                (s.id, s.title, None) for s in policy.severities_for(product)
            )
        case SourceName.versions:
            return lambda policy, product: ((v, v, None) for v in product.versions)
        case SourceName.minor_releases:
            return lambda policy, product: (
                (r.version, r.version, None)
                for r in (product.life_cycle.minor_releases if product.life_cycle else [])
            )
        case SourceName.price_rules:
            return lambda policy, product: (
                (r.id, r.name, None) for r in policy.price_rules_for(product)
            )
        case _:
            assert_never(kind)


def generated_options(
    policy: Policy, source: OptionSource, facts: dict[str, str]
) -> Iterator[Listed]:
    """The options ``source`` generates when the question is asked with ``facts``."""
    if not OPTION_SOURCES[source.kind].per_product:
        yield from _site_wide(policy, source)
        return
    product = policy.products.get(facts.get("product", ""))
    if product is None:
        return
    listed = list(_per_product(source.kind)(policy, product))
    yield from _wanted(listed, source, facts) if OPTION_SOURCES[source.kind].ordered else listed


def _site_wide(policy: Policy, source: OptionSource) -> Iterator[Listed]:
    """The options of a source that is not per product: the regions customers' accounts
    are in, or the products (those with entries of the kind 'having' names)."""
    if source.kind is SourceName.regions:
        yield from ((r.id, r.name, None) for r in policy.site.regions)
        return
    for candidate in policy.products.values():
        if not source.having or _has(policy, candidate, source.having):
            yield candidate.id, candidate.name, None


def _per_product(kind: SourceName) -> Listing:
    found = listing(kind)
    if found is None:
        raise ValueError(f"the option source '{kind}' does not list a product's entries")
    return found


def _has(policy: Policy, product: Product, kind: SourceName) -> bool:
    return any(_per_product(kind)(policy, product))  # an option is a non-empty tuple


def _wanted(listed: list[Listed], source: OptionSource, facts: dict[str, str]) -> list[Listed]:
    """Of an ordered source (versions), the entries after the one the fact ``after``
    names, without the newest if asked."""
    versions = [value for value, _, _ in listed]
    if source.after:
        after = facts.get(source.after)
        listed = listed[versions.index(after) + 1 :] if after in versions else []
    if source.but_last:
        listed = listed[:-1]
    return listed
