"""Render stage: Jinja2 templates turn the derived policy into Markdown pages,
stylesheets, the JSON API and the JSON Schema, all held in memory.

Templates only loop and format; every answer they show comes from derive.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from generator.content.assets import LOOK_STYLESHEET
from generator.content.errors import ContentError, Location, display_path
from generator.content.models import Channel, Product, ScopeItem, Situation
from generator.content.resolve import Article, Policy
from generator.policy import life_cycle
from generator.policy.changes import HistoryStep
from generator.policy.contacts import reach
from generator.policy.derive import (
    Derived,
    extension_of,
    goals_for,
    item_verdict,
    standing,
    table_goals,
)
from generator.policy.hours import hours_in_use, regions
from generator.policy.reporting import reporting_by_plan
from generator.render import urls
from generator.render.api import policy_json, schemas
from generator.render.environment import environment, render_template
from generator.render.look_css import look_stylesheet
from generator.render.rendered import NavEntry, RenderedSite, ThemeWords
from generator.render.requests_index import a_to_z
from generator.render.search_tags import search_tags
from generator.render.urls import Addresses, ProductPage, Source, Url
from generator.render.wizard_pages import AddPage, StatePages, render_wizards
from generator.render.wording import Wording
from generator.wizards.states import Wizards

Title = Callable[[str], str]
"""A title or theme word by its name in titles.md.j2 (Wording.title)."""

MERMAID = Path(__file__).resolve().parent / "vendor" / "mermaid" / "mermaid.min.js"


def render(
    derived: Derived,
    wizards: Wizards,
    templates_dir: Path | None = None,
    related: dict[tuple[str, str], list[str]] | None = None,
    on_page: Callable[[], None] = lambda: None,
    history: list[HistoryStep] | None = None,
    compiled: jinja2.BytecodeCache | None = None,
) -> RenderedSite:
    """Render every page of the site, the JSON API and the schema.

    ``compiled`` keeps the templates compiled between the builds of one serve session.
    """
    env = environment(templates_dir, compiled)
    title = Wording(env).title  # titles.md.j2 words the navigation: a project's own first
    policy = derived.policy
    site = RenderedSite(
        policy.site,
        _theme_words(title),
        search_tags=search_tags(policy),
        search_products={product.id: product.name for product in policy.products.values()},
    )
    names_of_states = {flow: urls.state_names(c.states, c.start) for flow, c in wizards.items()}
    pages_of_states = {flow: urls.state_pages(flow, n) for flow, n in names_of_states.items()}
    addresses = Addresses()
    common = _common_context(derived, wizards, related or {}, pages_of_states)
    page = _page_adder(env, site, addresses, common, on_page)
    site.search_verdicts = {
        urls.scope_item(str(item.product), item.id).location: render_template(
            env, "search_verdict.md.j2", {**common, "item": item}
        ).strip()
        for item in policy.scope_items()
    }
    site.nav.append({title("home"): page(urls.own_page(urls.HOME), "home.md.j2")})
    wizard_nav = render_wizards(derived, wizards, pages_of_states, names_of_states, page)
    _describe_wizards(site, wizards, title)
    if wizard_nav:
        site.nav.append({title("wizards"): wizard_nav})
    for product in policy.products.values():
        site.nav.append({product.name: _product_pages(product, derived, page, title)})
    site.nav.extend(_closing_pages(policy, history, page, title))
    # Not in the navigation: the search form leads here when JavaScript is off.
    page(urls.own_page(urls.REQUESTS), "requests.md.j2", entries=a_to_z(policy))
    if wizard_nav:
        # Built, but out of the customers' navigation: the footer links to it.
        site.authors_page = urls.own_page(urls.WIZARD_MAPS).location
        site.files[urls.asset("vendor/mermaid.min.js").page] = MERMAID.read_bytes()
    _add_data_files(site, env, derived)
    if addresses.problems:
        raise ContentError(addresses.problems)
    return site


def _common_context(
    derived: Derived,
    wizards: Wizards,
    related: dict[tuple[str, str], list[str]],
    pages_of_states: dict[str, StatePages],
) -> dict[str, Any]:
    """What every template may use: the policy's answers and the links between pages."""
    policy = derived.policy
    pages_of_channels = urls.channel_pages(policy)
    return {
        "derived": derived,
        "wizards": wizards,
        "policy": policy,
        "site": policy.site,
        "scope_groups": lambda product: _scope_groups(policy.scope_for(product)),
        "situation_channels": lambda found: _situation_channels(policy, found),
        "channel_page": lambda channel: pages_of_channels[channel.id],
        "state_page": lambda compiled, key: pages_of_states[compiled.flow.id][key],
        "related_to": lambda item: [
            policy.scope_item(item.product, i) for i in related.get((item.product, item.id), [])
        ],
        "standing": lambda item: standing(policy, item),
        "item_verdict": lambda item: item_verdict(policy, item),
        "extension_of": lambda plan: extension_of(policy, plan),
        "reach_of": lambda channel: reach(policy, channel),
    }


def _page_adder(
    env: jinja2.Environment,
    site: RenderedSite,
    addresses: Addresses,
    common: dict[str, Any],
    on_page: Callable[[], None],
) -> AddPage:
    """The one way a page joins the site: its address claimed, its template rendered."""

    def page(url: Url, template: str, source: Source | None = None, **context: Any) -> str:
        path = url.page
        addresses.claim(path, source or Source(f"scopesite's own page '{path}'"))
        site.add(path, render_template(env, template, {**common, **context, "here": path}))
        on_page()
        return path

    return page


def _describe_wizards(site: RenderedSite, wizards: Wizards, title: Title) -> None:
    """What every page carries about the wizards: help links and each wizard's size."""
    site.help_links = _help_links(wizards, title)
    site.wizard_pages = {
        flow_id: (len(compiled.questions), len(compiled.outcomes))
        for flow_id, compiled in wizards.items()
    }


def _closing_pages(
    policy: Policy, history: list[HistoryStep] | None, page: AddPage, title: Title
) -> list[NavEntry]:
    """The guides, the policy's changes (when it has a history) and contact, in that order."""
    nav: list[NavEntry] = []
    articles = sorted(policy.articles.values(), key=lambda a: (a.meta.order, a.meta.title))
    if articles:
        guides: list[NavEntry] = [
            {a.meta.title: page(urls.guide(a.slug), "article.md.j2", _article_source(a), article=a)}
            for a in articles
        ]
        nav.append({title("guides"): guides})
    if history:
        changes = urls.own_page(urls.CHANGES)
        nav.append({title("changes"): page(changes, "changes.md.j2", history=history)})
    contact = urls.own_page(urls.CONTACT)
    nav.append(
        {
            title("contact"): page(
                contact, "contact.md.j2", hours=hours_in_use(policy), regions=regions(policy.site)
            )
        }
    )
    return nav


def _add_data_files(site: RenderedSite, env: jinja2.Environment, derived: Derived) -> None:
    """The stylesheet and script, the JSON API and its schemas."""
    for asset in ("scopesite.css", "scopesite.js"):
        site.add(urls.asset(asset).page, render_template(env, f"assets/{asset}", {}))
    site.add(LOOK_STYLESHEET, look_stylesheet(derived.policy.site.look))
    site.files |= derived.policy.assets  # the project's assets/, checked by content.assets
    site.add(urls.API, policy_json(derived, Wording(env)))
    for name, text in schemas().items():
        site.add(urls.schema(name), text)


MAX_HELP_LINKS = 6
"""More wizards than this are offered through the home page's list of them: every
page carries these links (in the search dialog), so they must stay few."""


def _help_links(compiled_flows: Wizards, title: Title) -> list[dict[str, str]]:
    """The wizards, or the home page's list of them, and contact."""
    wizards = [
        {"title": compiled.flow.title, "url": urls.wizard_start(flow_id).location}
        for flow_id, compiled in compiled_flows.items()
    ]
    if len(wizards) > MAX_HELP_LINKS:
        wizards = [{"title": title("all_wizards"), "url": urls.NO_WIZARD_LINKS}]
    contact = urls.own_page(urls.CONTACT).location
    return [*wizards, {"title": title("contact_and_hours"), "url": contact}]


def _article_source(article: Article) -> Source:
    return Source(f"the guide {display_path(article.source)}", Location(article.source))


def _theme_words(title: Title) -> ThemeWords:
    """The words the theme shows around the pages, as titles.md.j2 words them."""
    return ThemeWords(
        search_help=title("search_help"),
        permalink_title=title("permalink"),
        search_all_products=title("search_all_products"),
        dark_scheme=title("dark_scheme"),
        light_scheme=title("light_scheme"),
        authors_link=title("authors_link"),
    )


def _product_pages(product: Product, derived: Derived, page: Any, title: Title) -> list[NavEntry]:
    """A product's pages, each titled as titles.md.j2 names its ProductPage."""
    policy = derived.policy
    context = {
        "product": product,
        "matrix": derived.plan_matrices[product.id],
        "source": Source(f"product '{product.id}'", policy.where("products", product.id)),
    }

    def entry(name: ProductPage, template: str, **more: Any) -> NavEntry:
        return {title(name): page(urls.product_page(product.id, name), template, **more)}

    pages: list[NavEntry] = [
        entry(ProductPage.overview, "product.md.j2", **context),
        entry(ProductPage.plans, "plans.md.j2", **context),
        entry(ProductPage.scope, "scope.md.j2", **context),
    ]
    if policy.severities_for(product):
        severities = ProductPage.severities
        reports = {
            "goals_for": goals_for,
            "table_goals": table_goals,
            "reporting_by_plan": reporting_by_plan,
            "regions": regions(policy.site),
        }
        pages.append(entry(severities, "severities.md.j2", **reports, **context))
    pages.append(entry(ProductPage.help, "help.md.j2", **context))
    if policy.price_rules_for(product) or policy.packages_for(product):
        pages.append(entry(ProductPage.pricing, "pricing.md.j2", **context))
    if product.life_cycle:
        on = life_cycle.as_of()
        rows = life_cycle.statuses(product, on)
        minor_rows = life_cycle.minor_statuses(product, on)
        page_name = ProductPage.life_cycle
        pages.append(
            entry(
                page_name,
                "life_cycle.md.j2",
                as_of=on,
                rows=rows,
                minor_rows=minor_rows,
                **context,
            )
        )
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
