"""What a generated question offers: each option source of content's OPTION_SOURCES,
listed from the policy as (value, label, group)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from generator.content.flow_model import OPTION_SOURCES, OptionSource
from generator.content.models import Product
from generator.content.resolve import Policy

Listed = tuple[str, str, str | None]
"""An option as its value, its label and the heading it is grouped under."""

PER_PRODUCT: dict[str, Callable[[Policy, Product], Iterable[Listed]]] = {
    "plans": lambda policy, product: ((p.id, p.name, None) for p in policy.plans_for(product)),
    "scope": lambda policy, product: ((i.id, i.title, i.group) for i in policy.scope_for(product)),
    "situations": lambda policy, product: (
        (s.id, s.text, None) for s in policy.situations_for(product)
    ),
    "severities": lambda policy, product: (
        (s.id, s.title, None) for s in policy.severities_for(product)
    ),
    "versions": lambda policy, product: ((v, v, None) for v in product.versions),
    "price_rules": lambda policy, product: (
        (r.id, r.name, None) for r in policy.price_rules_for(product)
    ),
}
"""How each source that lists a product's entries lists them, by its name in
OPTION_SOURCES ('products' lists the products themselves)."""


def generated_options(
    policy: Policy, source: OptionSource, facts: dict[str, str]
) -> Iterator[Listed]:
    """The options ``source`` generates when the question is asked with ``facts``."""
    if not OPTION_SOURCES[source.kind].per_product:
        for candidate in policy.products.values():
            if not source.having or _has(policy, candidate, source.having):
                yield candidate.id, candidate.name, None
        return
    product = policy.products.get(facts.get("product", ""))
    if product is None:
        return
    listed = list(PER_PRODUCT[source.kind](policy, product))
    yield from _wanted_versions(listed, source, facts) if source.kind == "versions" else listed


def _has(policy: Policy, product: Product, kind: str) -> bool:
    return any(PER_PRODUCT[kind](policy, product))  # an option is a non-empty tuple


def _wanted_versions(
    listed: list[Listed], source: OptionSource, facts: dict[str, str]
) -> list[Listed]:
    """Versions after the one in the fact ``after`` names, without the newest if asked."""
    versions = [value for value, _, _ in listed]
    if source.after:
        after = facts.get(source.after)
        listed = listed[versions.index(after) + 1 :] if after in versions else []
    if source.but_last:
        listed = listed[:-1]
    return listed
