"""Render stage: Jinja2 templates turn the derived policy into Markdown pages,
stylesheets, the JSON API and the JSON Schema, all held in memory.

Templates only loop and format; every answer they show comes from derive.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from generator.content.errors import ContentError, Location, display_path
from generator.content.models import Channel, Product, ScopeItem, Situation
from generator.content.resolve import Article, Policy
from generator.policy.changes import HistoryStep
from generator.policy.derive import Derived, goals_for, standing
from generator.render import urls
from generator.render.api import policy_json, schemas
from generator.render.environment import environment, render_template
from generator.render.rendered import NavEntry, RenderedSite
from generator.render.search_tags import search_tags
from generator.render.urls import Addresses, ProductPage, Source, Url
from generator.render.wizard_pages import render_wizards
from generator.render.wording import Wording
from generator.wizards.states import Wizards

MERMAID = Path(__file__).resolve().parent / "vendor" / "mermaid" / "mermaid.min.js"


def render(
    derived: Derived,
    wizards: Wizards,
    templates_dir: Path | None = None,
    related: dict[str, list[str]] | None = None,
    on_page: Callable[[], None] = lambda: None,
    history: list[HistoryStep] | None = None,
    compiled: jinja2.BytecodeCache | None = None,
) -> RenderedSite:
    """Render every page of the site, the JSON API and the schema.

    ``compiled`` keeps the templates compiled between the builds of one serve session.
    """
    env = environment(templates_dir, compiled)
    policy = derived.policy
    site = RenderedSite(policy.site, search_tags=search_tags(policy))
    pages_of_channels = urls.channel_pages(policy)
    names_of_states = {flow: urls.state_names(c.states, c.start) for flow, c in wizards.items()}
    pages_of_states = {flow: urls.state_pages(flow, n) for flow, n in names_of_states.items()}
    addresses = Addresses()
    common = {
        "derived": derived,
        "wizards": wizards,
        "policy": policy,
        "site": policy.site,
        "scope_groups": lambda product: _scope_groups(policy.scope_for(product)),
        "situation_channels": lambda found: _situation_channels(policy, found),
        "channel_page": lambda channel: pages_of_channels[channel.id],
        "state_page": lambda compiled, key: pages_of_states[compiled.flow.id][key],
        "related_to": lambda item: [policy.scope[i] for i in (related or {}).get(item.id, [])],
        "standing": lambda item: standing(policy, item),
    }

    def page(url: Url, template: str, source: Source | None = None, **context: Any) -> str:
        path = url.page
        addresses.claim(path, source or Source(f"scopesite's own page '{path}'"))
        site.add(path, render_template(env, template, {**common, **context, "here": path}))
        on_page()
        return path

    site.nav.append({"Home": page(urls.own_page(urls.HOME), "home.md.j2")})
    wizard_nav = render_wizards(derived, wizards, pages_of_states, names_of_states, page)
    site.help_links = _help_links(wizards)
    site.wizard_pages = {
        flow_id: (len(compiled.questions), len(compiled.outcomes))
        for flow_id, compiled in wizards.items()
    }
    if wizard_nav:
        site.nav.append({"Wizards": wizard_nav})
    for product in policy.products.values():
        site.nav.append({product.name: _product_pages(product, derived, page)})
    articles = sorted(policy.articles.values(), key=lambda a: (a.meta.order, a.meta.title))
    if articles:
        guides: list[NavEntry] = [
            {a.meta.title: page(urls.guide(a.slug), "article.md.j2", _article_source(a), article=a)}
            for a in articles
        ]
        site.nav.append({"Guides": guides})
    if history:
        changes = urls.own_page(urls.CHANGES)
        site.nav.append({"Policy changes": page(changes, "changes.md.j2", history=history)})
    site.nav.append({"Contact": page(urls.own_page(urls.CONTACT), "contact.md.j2")})
    if wizard_nav:
        site.nav.append({"For authors": [{"Wizard maps": urls.own_page(urls.WIZARD_MAPS).page}]})
        site.files[urls.asset("vendor/mermaid.min.js").page] = MERMAID.read_bytes()
    for asset in ("scopesite.css", "scopesite.js"):
        site.add(urls.asset(asset).page, render_template(env, f"assets/{asset}", {}))
    site.add(urls.API, policy_json(derived, Wording(env)))
    for name, text in schemas().items():
        site.add(urls.schema(name), text)
    if addresses.problems:
        raise ContentError(addresses.problems)
    return site


MAX_HELP_LINKS = 6
"""More wizards than this are offered through the home page's list of them: every
page carries these links (in the search dialog), so they must stay few."""


def _help_links(compiled_flows: Wizards) -> list[dict[str, str]]:
    """The wizards, or the home page's list of them, and contact."""
    wizards = [
        {"title": compiled.flow.title, "url": urls.wizard_start(flow_id).location}
        for flow_id, compiled in compiled_flows.items()
    ]
    if len(wizards) > MAX_HELP_LINKS:
        wizards = [{"title": "All our wizards", "url": urls.NO_WIZARD_LINKS}]
    contact = urls.own_page(urls.CONTACT).location
    return [*wizards, {"title": "Contact and business hours", "url": contact}]


def _article_source(article: Article) -> Source:
    return Source(f"the guide {display_path(article.source)}", Location(article.source))


def _product_pages(product: Product, derived: Derived, page: Any) -> list[NavEntry]:
    policy = derived.policy
    context = {
        "product": product,
        "matrix": derived.plan_matrices[product.id],
        "source": Source(f"product '{product.id}'", policy.where("products", product.id)),
    }

    def path(name: ProductPage) -> Url:
        return urls.product_page(product.id, name)

    pages: list[NavEntry] = [
        {"Overview": page(path(ProductPage.overview), "product.md.j2", **context)},
        {"Plans": page(path(ProductPage.plans), "plans.md.j2", **context)},
        {"Scope of support": page(path(ProductPage.scope), "scope.md.j2", **context)},
    ]
    if policy.severities_for(product):
        pages.append(
            {
                "Severity levels": page(
                    path(ProductPage.severities), "severities.md.j2", goals_for=goals_for, **context
                )
            }
        )
    pages.append({"Getting help": page(path(ProductPage.help), "help.md.j2", **context)})
    if policy.price_rules_for(product) or policy.packages_for(product):
        pages.append({"Pricing": page(path(ProductPage.pricing), "pricing.md.j2", **context)})
    return pages


def _scope_groups(items: list[ScopeItem]) -> list[tuple[str, list[ScopeItem]]]:
    """Group scope items by section, sections in the order they first appear."""
    groups: dict[str, list[ScopeItem]] = {}
    for item in items:
        groups.setdefault(item.group, []).append(item)
    return list(groups.items())


def _situation_channels(policy: Policy, situations: list[Situation]) -> list[Channel]:
    """The table's columns: every channel the situations name, in first-named order."""
    named = dict.fromkeys(channel for situation in situations for channel in situation.channels)
    return [policy.channels[channel] for channel in named]
