"""Resolve stage: merge content files into one Policy; ids become checked references.

After this stage every id named anywhere is known to exist, so later stages look
objects up without checking.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content import by_product, expand
from generator.content.contact_points import contact_point_problems
from generator.content.errors import (
    ContentError,
    Location,
    Problem,
    did_you_mean,
    display_path,
    known_list,
)
from generator.content.flow_model import FlowFile
from generator.content.hour_sets import hour_set_problems
from generator.content.load import DataPath, Document, values_at
from generator.content.models import (
    KINDS,
    ArticleMeta,
    Channel,
    ContentFile,
    Offer,
    Package,
    Plan,
    PriceRule,
    Product,
    ScopeItem,
    Severity,
    Situation,
)
from generator.content.report_via import report_via_problems
from generator.content.site_config import SiteConfig
from generator.content.validate import Validated
from generator.content.versions import life_cycle_problems, version_parts

# (kind holding the reference, dotted field path with '*' for list items, kind referred to)
REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("products", "delivered_via.*", "channels"),
    ("products", "unlisted.ask.*", "channels"),
    ("plans", "extends", "plans"),
    ("plans", "products.*", "products"),
    ("plans", "channels.*", "channels"),
    ("channels", "products.*", "products"),
    ("severities", "products.*", "products"),
    ("severities", "report_via.*", "channels"),
    ("severities", "per_plan.*.plan", "plans"),
    ("severities", "per_plan.*.report_via.*", "channels"),
    ("severities", "per_product.*.product", "products"),
    ("severities", "per_product.*.report_via.*", "channels"),
    ("severities", "per_product.*.per_plan.*.plan", "plans"),
    ("severities", "per_product.*.per_plan.*.report_via.*", "channels"),
    ("scope", "product", "products"),
    ("scope", "products.*", "products"),
    ("scope", "per_product.*.plans.*", "plans"),
    ("scope", "delivered_via.*", "channels"),
    ("scope", "plans.*", "plans"),
    ("scope", "price_rule", "price_rules"),
    ("scope", "instead.channels.*", "channels"),
    ("scope", "instead.offers.*", "offers"),
    ("scope", "per_product.*.instead.channels.*", "channels"),
    ("scope", "per_product.*.instead.offers.*", "offers"),
    ("price_rules", "products.*", "products"),
    ("packages", "products.*", "products"),
    ("offers", "products.*", "products"),
    ("offers", "requires.*", "plans"),
    ("offers", "included_in.*", "plans"),
    ("products", "life_cycle.phases.*.offers.*", "offers"),
    ("situations", "products.*", "products"),
    ("situations", "channels.*", "channels"),
    ("situations", "per_product.*.product", "products"),
    ("situations", "per_product.*.channels.*", "channels"),
)


@dataclass(frozen=True)
class Article:
    """A Markdown article with validated front matter."""

    slug: str
    meta: ArticleMeta
    body: str
    source: Path


@dataclass(frozen=True)
class Policy:
    """The whole resolved policy: every kind by id, in the order authors wrote them."""

    site: SiteConfig
    products: dict[str, Product]
    plans: dict[str, Plan]
    channels: dict[str, Channel]
    severities: dict[str, Severity]
    scope: dict[str, ScopeItem]
    price_rules: dict[str, PriceRule]
    packages: dict[str, Package]
    offers: dict[str, Offer]
    situations: dict[str, Situation]
    articles: dict[str, Article]
    flows: dict[str, Validated[FlowFile]] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict, compare=False, repr=False)
    """The project's assets/ files by their path in the site (content.assets)."""
    locations: dict[tuple[str, str], Location] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Where each entry's id is written, by (kind, id): to name the source of a page."""
    scope_by_product: dict[str, list[ScopeItem]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Each product's scope items, built with the policy: scope_for is asked per
    question and per page. An item written for several products is here once per
    product, as that product lists it (expand.for_product)."""
    severities_by_product: dict[str, list[Severity]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Each product's own copy of each of its severities, lowest level first
    (by_product.for_product): what pages, answers and search read."""
    situations_by_product: dict[str, list[Situation]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Each product's own copy of each of its situations."""

    def where(self, kind: str, entry_id: str) -> Location | None:
        """The file:line:col of an entry's id, when the policy was read from files."""
        return self.locations.get((kind, entry_id))

    def plans_for(self, product: Product) -> list[Plan]:
        return [plan for plan in self.plans.values() if product.id in plan.products]

    def channels_for(self, product: Product) -> list[Channel]:
        return [c for c in self.channels.values() if not c.products or product.id in c.products]

    def severities_for(self, product: Product) -> list[Severity]:
        found = self.severities_by_product.get(product.id, ())
        return sorted(found, key=lambda severity: severity.level)

    def severity(self, product_id: str | None, severity_id: str) -> Severity:
        """Severity ``severity_id`` as product ``product_id`` shows it; as written when
        the product does not list it (or none is given)."""
        found = self.severities_by_product.get(product_id or "", ())
        return next((s for s in found if s.id == severity_id), self.severities[severity_id])

    def scope_for(self, product: Product) -> list[ScopeItem]:
        return list(self.scope_by_product.get(product.id, ()))

    def scope_items(self) -> Iterator[ScopeItem]:
        """Every product's scope items, product by product: an item written for several
        products once per product, each with its one 'product'."""
        for items in self.scope_by_product.values():
            yield from items

    def scope_item(self, product_id: str, item_id: str) -> ScopeItem:
        """Item ``item_id`` as product ``product_id`` lists it (KeyError if it does not)."""
        for item in self.scope_by_product.get(product_id, ()):
            if item.id == item_id:
                return item
        raise KeyError(f"{item_id}@{product_id}")

    def products_of(self, item: ScopeItem) -> list[Product]:
        """The products an item is listed under."""
        return [self.products[p] for p in expand.item_products(item)]

    def offers_for(self, product: Product) -> list[Offer]:
        return [offer for offer in self.offers.values() if product.id in offer.products]

    def price_rules_for(self, product: Product) -> list[PriceRule]:
        return [rule for rule in self.price_rules.values() if product.id in rule.products]

    def packages_for(self, product: Product) -> list[Package]:
        return [package for package in self.packages.values() if product.id in package.products]

    def situations_for(self, product: Product) -> list[Situation]:
        return list(self.situations_by_product.get(product.id, ()))

    def situation(self, product_id: str | None, situation_id: str) -> Situation:
        """Situation ``situation_id`` as product ``product_id`` shows it; as written
        when the product does not list it (or none is given)."""
        found = self.situations_by_product.get(product_id or "", ())
        return next((s for s in found if s.id == situation_id), self.situations[situation_id])

    def articles_for(self, product: Product) -> list[Article]:
        found = self.articles.values()
        return [a for a in found if not a.meta.products or product.id in a.meta.products]


def resolve(
    site: SiteConfig,
    files: list[Validated[ContentFile]],
    articles: list[tuple[Article, Validated[ArticleMeta]]],
    flows: list[Validated[FlowFile]] | None = None,
) -> Policy:
    """Merge content files by id and check every reference, raising all problems."""
    problems: list[Problem] = []
    merged = {kind: _merge(kind, files, problems) for kind in KINDS}
    ids = {kind: set(items) for kind, items in merged.items()}
    for validated in files:
        problems.extend(_reference_problems(validated.document, ids))
    for _, meta in articles:
        front = meta.document
        problems.extend(_check_ids(front, front.data, (), "products.*", "products", ids))
    for validated in files:
        problems.extend(_rule_problems(validated))
        problems.extend(expand.scope_problems(validated.document, validated.model.scope))
        for kind in ("severities", "situations"):
            entries = getattr(validated.model, kind)
            found = by_product.entry_problems(validated.document, kind, entries, ids["products"])
            problems.extend(found)
    problems.extend(expand.extends_problems(merged["plans"]))
    problems.extend(expand.plan_problems(merged["plans"]))
    problems.extend(_uncounted_versions(merged["products"], merged["price_rules"]))
    problems.extend(_duplicate_articles([article for article, _ in articles]))
    flows = flows or []
    problems.extend(_flow_problems(flows, ids))
    for validated in files:
        problems.extend(hour_set_problems(validated.document, site.hour_set_ids()))
        problems.extend(contact_point_problems(validated.document, site.region_ids()))
    if problems:
        raise ContentError(problems)
    policy = Policy(
        site=site,
        articles={a.slug: a for a, _ in articles},
        flows={f.model.flow.id: f for f in flows},
        locations=_id_locations(files),
        scope_by_product=expand.scope_by_product(item for item, _ in merged["scope"].values()),
        severities_by_product=by_product.by_product(s for s, _ in merged["severities"].values()),
        situations_by_product=by_product.by_product(s for s, _ in merged["situations"].values()),
        **{kind: {i: obj for i, (obj, _) in items.items()} for kind, items in merged.items()}
        | {"plans": expand.extended_plans({i: p for i, (p, _) in merged["plans"].items()})},
    )
    # what each plan opens is known once the policy is whole
    problems.extend(report_via_problems(merged["severities"], policy.plans, policy.channels))
    problems.extend(by_product.per_plan_problems(merged["severities"], policy.plans))
    if problems:
        raise ContentError(problems)
    return policy


def _merge(
    kind: str, files: list[Validated[ContentFile]], problems: list[Problem]
) -> dict[str, tuple[Any, Document]]:
    """Collect one kind from every file, reporting an id defined twice."""
    merged: dict[str, tuple[Any, Document]] = {}
    for validated in files:
        for index, item in enumerate(getattr(validated.model, kind)):
            if item.id in merged:
                first = merged[item.id][1]
                first_index = [o.id for o in getattr(_model_of(files, first), kind)].index(item.id)
                where = first.value_at((kind, first_index, "id"))
                problems.append(
                    Problem(
                        validated.document.value_at((kind, index, "id")),
                        f"duplicate {KINDS[kind]} id '{item.id}'",
                        f"it is already defined at {where}; rename one of them",
                    )
                )
                continue
            merged[item.id] = (item, validated.document)
    return merged


def _id_locations(files: list[Validated[ContentFile]]) -> dict[tuple[str, str], Location]:
    """Where each id is first written (a second definition is an error already)."""
    found: dict[tuple[str, str], Location] = {}
    for validated in files:
        for kind in KINDS:
            for index, item in enumerate(getattr(validated.model, kind)):
                found.setdefault((kind, item.id), validated.document.value_at((kind, index, "id")))
    return found


def _model_of(files: list[Validated[ContentFile]], document: Document) -> ContentFile:
    return next(v.model for v in files if v.document is document)


def _reference_problems(document: Document, ids: dict[str, set[str]]) -> Iterator[Problem]:
    data = document.data or {}
    for kind, reference, target in REFERENCES:
        for index, entry in enumerate(data.get(kind) or []):
            yield from _check_ids(document, entry, (kind, index), reference, target, ids)


def _check_ids(
    document: Document,
    entry: Any,
    prefix: DataPath,
    field: str,
    target: str,
    ids: dict[str, set[str]],
) -> Iterator[Problem]:
    """Report each id at ``field`` (relative to ``entry``) that names no known ``target``."""
    for value, path in values_at(entry, field.split("."), prefix):
        if isinstance(value, str) and value not in ids[target]:
            kind = KINDS[target]
            yield Problem(
                document.value_at(path),
                f"unknown {kind} '{value}'{did_you_mean(value, ids[target])}",
                known_list(kind, ids[target]),
            )


def _flow_problems(flows: list[Validated[FlowFile]], ids: dict[str, set[str]]) -> Iterator[Problem]:
    """Flow ids are unique; message outcomes name known channels."""
    seen: dict[str, Document] = {}
    for validated in flows:
        flow, document = validated.model.flow, validated.document
        if flow.id in seen:
            where = seen[flow.id].value_at(("flow", "id"))
            yield Problem(
                document.value_at(("flow", "id")),
                f"duplicate flow id '{flow.id}'",
                f"it is already defined at {where}; rename one of them",
            )
        seen.setdefault(flow.id, document)
        for index, outcome in enumerate(document.data["flow"].get("outcomes") or []):
            yield from _check_ids(
                document, outcome, ("flow", "outcomes", index), "channels.*", "channels", ids
            )


def _duplicate_articles(articles: list[Article]) -> Iterator[Problem]:
    """Articles publish at guides/<file name>, so two files may not share a name."""
    seen: dict[str, Article] = {}
    for article in articles:
        if article.slug in seen:
            yield Problem(
                Location(article.source),
                f"another article is also named '{article.source.name}'",
                f"both would publish at guides/{article.slug}/: rename this file or "
                f"{display_path(seen[article.slug].source)}",
            )
        seen.setdefault(article.slug, article)


def _uncounted_versions(
    products: dict[str, tuple[Any, Document]], rules: dict[str, tuple[Any, Document]]
) -> Iterator[Problem]:
    """A stepped price counts the versions between two: each must be a number such as
    4.3.1, or the cost wizard could only say 'ask for a quote' for it."""
    stepped = {}
    for rule, _ in rules.values():
        if rule.kind == "stepped":
            stepped.update(dict.fromkeys(rule.products, rule.id))
    for product_id, rule_id in stepped.items():
        if product_id not in products:
            continue  # reported as an unknown product
        product, document = products[product_id]
        index = _index_in(document, "products", product_id)
        for number, version in enumerate(product.versions):
            if version_parts(version) is None:
                yield Problem(
                    document.value_at(("products", index, "versions", number)),
                    f"version '{version}' cannot be counted by the stepped price rule '{rule_id}'",
                    "write versions as numbers joined by dots, such as 4.3.9",
                )


def _index_in(document: Document, kind: str, item_id: str) -> int:
    """The position of an entry in its file's list of a kind."""
    entries = document.data.get(kind) or []
    return next(i for i, entry in enumerate(entries) if entry.get("id") == item_id)


def _rule_problems(validated: Validated[ContentFile]) -> Iterator[Problem]:
    """Checks that span several fields of one entry."""
    model, document = validated.model, validated.document
    for index, product in enumerate(model.products):
        if product.current_version and product.current_version not in product.versions:
            yield Problem(
                document.value_at(("products", index, "current_version")),
                f"current version '{product.current_version}' is not in 'versions'",
                "add it to 'versions' or correct the spelling",
            )
        if product.life_cycle:
            yield from life_cycle_problems(
                index, product.versions, product.current_version, product.life_cycle, document
            )
    for index, item in enumerate(model.scope):
        if item.verdict == "paid" and item.price_rule is None:
            yield Problem(
                document.value_at(("scope", index, "verdict")),
                f"scope item '{item.id}' is paid but names no price rule",
                "add 'price_rule:' with the id of a price rule",
            )
    for index, rule in enumerate(model.price_rules):
        needs = "step" if rule.kind == "stepped" else "amount"
        if rule.kind != "quote" and getattr(rule, needs) is None:
            yield Problem(
                document.value_at(("price_rules", index, "kind")),
                f"price rule '{rule.id}' of kind '{rule.kind}' needs '{needs}'",
                f"add '{needs}:' to the rule",
            )
