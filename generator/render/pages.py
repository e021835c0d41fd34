"""Render stage: Jinja2 templates turn the derived policy into Markdown pages,
stylesheets, the JSON API and the JSON Schema, all held in memory.

Templates only loop and format; every answer they show comes from derive.
"""

from __future__ import annotations

import json
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape
from pydantic import BaseModel

from generator.authoring.diff import HistoryStep
from generator.content.errors import ContentError, Location, Problem, display_path
from generator.content.flow_model import FlowFile
from generator.content.link_safety import for_markdown
from generator.content.load import read_text
from generator.content.models import (
    VERDICT_LABELS,
    ArticleMeta,
    Channel,
    ContentFile,
    Product,
    ScopeItem,
    Situation,
)
from generator.content.resolve import Article, Policy
from generator.content.site_config import SiteConfig
from generator.policy.derive import Derived, goals_for
from generator.render import template_cache
from generator.render.bundled import bundled_templates
from generator.render.channel_pages import channel_pages
from generator.render.search_tags import search_tags
from generator.render.theme_values import front_matter_text
from generator.render.urls import Addresses, Source, confined, page_path
from generator.render.wizard_pages import render_wizards
from generator.wizards.states import Wizards

NavEntry = dict[str, "str | list[NavEntry]"]

MERMAID = Path(__file__).resolve().parent / "vendor" / "mermaid" / "mermaid.min.js"

VERDICT_SYMBOLS = {"covered": "✓", "conditional": "✓", "not_covered": "✗", "paid": "€"}


@dataclass
class RenderedSite:
    """Every generated file by its path inside the docs folder, and the navigation."""

    site: SiteConfig
    files: dict[str, bytes] = field(default_factory=dict)
    nav: list[NavEntry] = field(default_factory=list)
    search_tags: dict[str, list[str]] = field(default_factory=dict)
    help_links: list[dict[str, str]] = field(default_factory=list)
    """Wizards and contact, offered when search finds nothing."""
    """Customers' phrasings to attach to sections of the in-browser search index."""
    wizard_pages: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Question and outcome pages per flow id."""

    def summary(self) -> str:
        """What was generated, for the terminal."""
        pages = sum(1 for path in self.files if path.endswith(".md"))
        lines = [f"{pages} pages"]
        for flow_id, (questions, outcomes) in self.wizard_pages.items():
            lines.append(
                f"  wizard {flow_id}: {questions} question pages, {outcomes} outcome pages"
            )
        return "\n".join(lines)

    def add(self, path: str, text: str) -> None:
        self.files[confined(path)] = text.encode("utf-8")


def render(
    derived: Derived,
    wizards: Wizards,
    templates_dir: Path | None = None,
    related: dict[str, list[str]] | None = None,
    on_page: Callable[[], None] = lambda: None,
    history: list[HistoryStep] | None = None,
) -> RenderedSite:
    """Render every page of the site, the JSON API and the schema."""
    env = _environment(templates_dir)
    policy = derived.policy
    site = RenderedSite(policy.site, search_tags=search_tags(policy))
    pages_of_channels = channel_pages(policy)
    addresses = Addresses()
    common = {
        "derived": derived,
        "wizards": wizards,
        "policy": policy,
        "site": policy.site,
        "scope_groups": lambda product: _scope_groups(policy.scope_for(product)),
        "situation_channels": lambda found: _situation_channels(policy, found),
        "channel_page": lambda channel: pages_of_channels[channel.id],
        "related_to": lambda item: [policy.scope[i] for i in (related or {}).get(item.id, [])],
    }

    def page(path: str, template: str, source: Source | None = None, **context: Any) -> str:
        addresses.claim(path, source or Source(f"scopesite's own page '{path}'"))
        site.add(path, _render_template(env, template, {**common, **context}))
        on_page()
        return path

    site.nav.append({"Home": page("index.md", "home.md.j2")})
    wizard_nav = render_wizards(derived, wizards, page)
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
            {a.meta.title: page(_article_path(a), "article.md.j2", _article_source(a), article=a)}
            for a in articles
        ]
        site.nav.append({"Guides": guides})
    if history:
        site.nav.append({"Policy changes": page("changes.md", "changes.md.j2", history=history)})
    site.nav.append({"Contact": page("contact.md", "contact.md.j2")})
    if wizard_nav:
        site.nav.append({"For authors": [{"Wizard maps": "authors/wizards.md"}]})
        site.files["assets/vendor/mermaid.min.js"] = MERMAID.read_bytes()
    for asset in ("scopesite.css", "scopesite.js"):
        site.add(f"assets/{asset}", _render_template(env, f"assets/{asset}", {}))
    site.add("api/policy.json", policy_json(derived))
    for name, text in schemas().items():
        site.add(f"schema/{name}", text)
    if addresses.problems:
        raise ContentError(addresses.problems)
    return site


MAX_HELP_LINKS = 6
"""More wizards than this are offered through the home page's list of them: every
page carries these links (in the search dialog), so they must stay few."""


def _help_links(compiled_flows: Wizards) -> list[dict[str, str]]:
    """The wizards, or the home page's list of them, and contact."""
    wizards = [
        {"title": compiled.flow.title, "url": f"wizards/{flow_id}/"}
        for flow_id, compiled in compiled_flows.items()
    ]
    if len(wizards) > MAX_HELP_LINKS:
        wizards = [{"title": "All our wizards", "url": "#answer-a-few-questions"}]
    return [*wizards, {"title": "Contact and business hours", "url": "contact/"}]


def _article_path(article: Article) -> str:
    return page_path("guides", article.slug)


def _article_source(article: Article) -> Source:
    return Source(f"the guide {display_path(article.source)}", Location(article.source))


def _product_pages(product: Product, derived: Derived, page: Any) -> list[NavEntry]:
    policy = derived.policy
    context = {
        "product": product,
        "matrix": derived.plan_matrices[product.id],
        "source": Source(f"product '{product.id}'", policy.where("products", product.id)),
    }

    def path(name: str) -> str:
        return page_path(product.id, name)

    pages: list[NavEntry] = [
        {"Overview": page(path("index"), "product.md.j2", **context)},
        {"Plans": page(path("plans"), "plans.md.j2", **context)},
        {"Scope of support": page(path("scope"), "scope.md.j2", **context)},
    ]
    if policy.severities_for(product):
        pages.append(
            {
                "Severity levels": page(
                    path("severities"), "severities.md.j2", goals_for=goals_for, **context
                )
            }
        )
    pages.append({"Getting help": page(path("help"), "help.md.j2", **context)})
    if policy.price_rules_for(product) or policy.packages_for(product):
        pages.append({"Pricing": page(path("pricing"), "pricing.md.j2", **context)})
    return pages


def _render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template, reporting a broken template as a content error.

    A project's templates/ is code its author writes: a syntax error, an unknown
    name, a division by zero or a template that includes itself is reported at the
    template's file and line, like any content error, never as a traceback.
    """
    try:
        return env.get_template(name).render(**context)
    except ContentError:
        raise  # a template that is not text (_TextLoader)
    except jinja2.TemplateSyntaxError as error:
        where = Location(Path(error.filename or name), error.lineno or 1)
        message, hint = f"template error: {error.message}", "fix the Jinja2 syntax of this template"
    except jinja2.TemplateNotFound as error:  # its message lists this machine's folders
        where = _template_line(env, name, error)
        message = f"template error: no template named '{error.name}'"
        hint = "include a template of templates/ or one scopesite ships, by its file name"
    except RecursionError as error:
        where = _template_line(env, name, error)
        message = "template error: templates include or extend each other without end"
        hint = "remove the include or extends that leads back to this template"
    except Exception as error:
        where = _template_line(env, name, error)
        message, hint = f"template error: {_plain(error)}", _runtime_hint(error)
    raise ContentError([Problem(where, message, hint)]) from None


def _template_line(env: jinja2.Environment, name: str, error: BaseException) -> Location:
    """Where in the templates an error arose: Jinja2 gives each template's frames
    its file and line, so the innermost such frame is the line that failed."""
    folders = [Path(folder) for folder in getattr(env.loader, "searchpath", [])]
    found = None
    for frame, line in traceback.walk_tb(error.__traceback__):
        source = Path(frame.f_code.co_filename)
        if any(source.is_relative_to(folder) for folder in folders):
            found = Location(source, line)
    return found or Location(Path(env.get_or_select_template(name).filename or name))


MISSING_ATTRIBUTE = re.compile(r"^'(?:[\w.]+\.)?(\w+) object' has no attribute '([^']*)'$")


def _plain(error: Exception) -> str:
    """Jinja2's message, without Python's module paths: 'Product has no field 'title''."""
    missing = MISSING_ATTRIBUTE.match(str(error))
    return f"{missing[1]} has no field '{missing[2]}'" if missing else str(error)


def _runtime_hint(error: Exception) -> str:
    if isinstance(error, jinja2.UndefinedError):
        return "check the names this template uses"
    return "fix the expression on this line"


class _TextLoader(jinja2.FileSystemLoader):
    """Jinja2's loader, except that a template that is not UTF-8 text is a content
    error at its first bad byte, as a content file would be, not a traceback; and a
    template that is a link out of its folder is an error, as a content file is: a
    link to /proc/self/environ in a pull request would publish the build's secrets."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            found = super().get_source(environment, template)
        except UnicodeDecodeError:
            for folder in self.searchpath:  # the file Jinja2 read: the first found
                path = Path(folder, *template.split("/"))
                if path.is_file():
                    read_text(path)  # raises ContentError naming line and column
            raise
        _refuse_links_out(self.searchpath, Path(found[1]))
        return found


def _refuse_links_out(folders: list[str], path: Path) -> None:
    """Raise ContentError when ``path``, found in one of ``folders``, resolves outside it."""
    folder = next((Path(f) for f in folders if path.is_relative_to(f)), None)
    if folder is not None and not path.resolve().is_relative_to(folder.resolve()):
        raise ContentError(
            [
                Problem(
                    Location(path),
                    "template is a link to somewhere outside the templates folder",
                    "copy the file into templates/ instead of linking to it",
                )
            ]
        )


def _environment(templates_dir: Path | None) -> jinja2.Environment:
    """Project templates override the bundled ones, file by file."""
    search = [str(d) for d in (templates_dir, bundled_templates()) if d and d.is_dir()]
    env = jinja2.Environment(
        loader=_TextLoader(search),
        # Content is data, never markup: escaping every value keeps an author's
        # stray '<script>' inert while Markdown still formats the page around it.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=template_cache.PAGES,  # serve renders every page again on each edit
    )
    env.filters["cell"] = _table_cell
    env.filters["amount"] = _amount
    env.filters["verdict_badge"] = _verdict_badge
    env.filters["link_text"] = _link_text
    env.filters["href"] = for_markdown  # a checked URL as a Markdown link's target
    env.filters["front_matter"] = front_matter_text  # the theme prints page.meta as HTML
    # Article bodies are the author's own Markdown, kept as Markdown; raw HTML in
    # them is escaped so it shows as text and never runs.
    env.filters["markdown_body"] = lambda body: Markup(str(body).replace("<", "&lt;"))
    env.tests["contains"] = lambda container, value: value in container
    env.globals["VERDICT_LABELS"] = VERDICT_LABELS
    return env


def _amount(value: float) -> str:
    """A price as its author wrote it: 100, 49.99, 1500000 ('%g' gives 1.5e+06)."""
    text = f"{Decimal(repr(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _link_text(value: object) -> Markup:
    """Escape a value for the text of a Markdown link, where brackets would end it."""
    return Markup(str(escape(str(value))).replace("[", "&#91;").replace("]", "&#93;"))


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


def _table_cell(value: object) -> Markup:
    """Escape a value for a Markdown table cell: a '|' would split the cell."""
    # escape(value), not escape(str(value)): a macro's output is Markup already, and
    # escaping it again would show '&lt;' where the content says '<'.
    return Markup(str(escape(value)).replace("|", "&#124;").replace("\n", " "))


def _verdict_badge(verdict: str) -> Markup:
    """A verdict as a labelled badge: symbol and words, never colour alone."""
    label, symbol = VERDICT_LABELS[verdict], VERDICT_SYMBOLS[verdict]
    return Markup(
        f'<span class="scopesite-verdict scopesite-verdict--{verdict}">'
        f'<span aria-hidden="true">{symbol}</span> {label}</span>'
    )


def policy_json(derived: Derived) -> str:
    """The resolved policy and its coverage matrix as one JSON document."""
    policy = derived.policy
    kinds = (
        "products",
        "plans",
        "channels",
        "severities",
        "scope",
        "price_rules",
        "packages",
        "offers",
        "situations",
    )
    data: dict[str, Any] = {"site": policy.site.model_dump(mode="json")}
    for kind in kinds:
        data[kind] = [item.model_dump(mode="json") for item in getattr(policy, kind).values()]
    data["articles"] = [
        {"slug": a.slug, **a.meta.model_dump(mode="json")} for a in policy.articles.values()
    ]
    data["coverage"] = [
        {
            "plan": plan_id,
            "item": item_id,
            "verdict": str(c.verdict),
            "reason": c.reason,
            "conditions": list(c.conditions),
        }
        for (plan_id, item_id), c in derived.coverage.items()
    ]
    # allow_nan=False: validation refuses '.inf' and '.nan', and JSON has neither.
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def schemas() -> dict[str, str]:
    """The JSON Schema of each content file kind, by file name."""
    models: dict[str, type[BaseModel]] = {
        "site_config": SiteConfig,
        "content": ContentFile,
        "flow": FlowFile,
        "article": ArticleMeta,
    }
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), indent=2) + "\n"
        for name, model in models.items()
    }
