"""Where content's pages live: the one way a value from content becomes part of a
path in the docs folder, and the check that two pages never share one.

Content chooses page names (a product's versions and a wizard's option values name
its steps, a guide's file name names its page), so a name is made from a value,
never taken as it is: ``slug`` keeps a safe character set, folds Unicode and case
(a case-insensitive file system must not merge two pages), and leaves no '..',
'/' or leading dot. A value it has to change gets a digest of the original, after
a '~' that no unchanged value can hold, so two values never share a name. Names
of several values are joined with '_', which no name holds, so the join cannot be
read two ways. ``page_path`` then checks the path stays inside the docs folder.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import EnumType, StrEnum
from pathlib import Path
from typing import Any, assert_never

from generator.content.errors import Location, Problem
from generator.content.models import Offer
from generator.content.names import DIGEST, Slug, digest, slug
from generator.content.resolve import Policy
from generator.content.site_config import DEFAULT_HOURS
from generator.wizards.outcomes import Clause, ClauseKind
from generator.wizards.states import StateKey

PAGE_SEGMENT = re.compile(r"[a-z0-9][a-z0-9._~-]*")
"""A folder or page name as ``page_path`` accepts it: a name, or names joined."""

MAX_SEGMENT = 150
"""Well under the 255 bytes file systems allow, with room for '.md' and a digest."""

JOIN = "_"
SECTION = "__"
"""Between a question's page name and one of its sections: no joined name holds it."""
ABSENT = "-"
"""The part of a joined name for a fact a state does not hold: no name is '-'."""


class UnsafePath(ValueError):
    """A path that would leave the docs folder, or holds a name no slug has."""


def joined(parts: Sequence[str | None]) -> Slug:
    """One name for several values in a fixed order; None marks a value not held."""
    name = JOIN.join(ABSENT if part is None else slug(part) for part in parts)
    if len(name) > MAX_SEGMENT:
        return Slug(f"{name[: MAX_SEGMENT - 12]}{DIGEST}{digest(name)}")
    return Slug(name)


def section(page: str, heading: str | None) -> Slug:
    """The name of one section of a question's page (a heading, or none)."""
    return Slug(f"{page}{SECTION}{ABSENT if heading is None else slug(heading)}")


def page_path(*segments: str, suffix: str = ".md") -> str:
    """The path of a page inside the docs folder, every segment made a name.

    Raises UnsafePath if the result would not stay inside the folder (a name made
    here never does; this is the check that keeps it so).
    """
    names = [segment if isinstance(segment, Slug) else slug(segment) for segment in segments]
    return confined("/".join(names) + suffix)


def confined(relative: str) -> str:
    """``relative`` itself, once it is known to name a file inside the docs folder."""
    parts = relative.split("/")
    if (
        not relative
        or posixpath.isabs(relative)
        or "\\" in relative
        or any(not PAGE_SEGMENT.fullmatch(part) or ".." in part for part in parts)
        or posixpath.normpath(posixpath.join("/docs", relative)) != f"/docs/{relative}"
    ):
        raise UnsafePath(f"'{relative}' is not a path inside the docs folder")
    return relative


def inside(root: Path, relatives: Iterable[str]) -> dict[str, Path]:
    """The file each relative path names in the folder ``root``, once all are known
    to stay there: none absolute, no '..', and no symbolic link on the way out.

    The writer's own check, whatever made the paths (defence in depth). Each folder
    is resolved once: a site has tens of thousands of pages in a few hundred folders.
    """
    real_root = root.resolve()
    folders: dict[str, bool] = {}
    found: dict[str, Path] = {}
    for relative in relatives:
        folder = relative.rpartition("/")[0]
        if folder not in folders:
            folders[folder] = (root / folder).resolve().is_relative_to(real_root)
        if (
            not relative
            or relative.startswith("/")
            or "\\" in relative
            or ".." in relative.split("/")
            or not folders[folder]
        ):
            raise UnsafePath(f"'{relative}' is not a path inside {root}")
        found[relative] = root / relative
    return found


@dataclass(frozen=True)
class Source:
    """What made a page, to name it when two pages claim one address."""

    what: str
    where: Location | None = None
    """None for scopesite's own pages (home, contact, the wizard maps)."""


class Addresses:
    """The address each page publishes at, and the problems of two pages at one.

    MkDocs serves ``a.md`` and ``a/index.md`` both at ``a/``, and a file system that
    ignores case merges ``A.md`` with ``a.md``: addresses are compared that way.
    """

    def __init__(self) -> None:
        self.claimed: dict[str, tuple[str, Source]] = {}
        self.problems: list[Problem] = []

    def claim(self, path: str, source: Source) -> None:
        address = _address(path)
        first = self.claimed.setdefault(address, (path, source))
        if first[1] != source or first[0] != path:
            self.problems.append(_collision(address, first[1], source))


def _address(path: str) -> str:
    if not path.endswith(".md"):
        return path.casefold()
    stem = path.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index")
    return f"{stem}/".lstrip("/").casefold() or "/"


def _collision(address: str, first: Source, second: Source) -> Problem:
    blamed, other = (second, first) if second.where is not None else (first, second)
    assert blamed.where is not None, "scopesite's own pages never share an address"
    hint = (
        f"rename one of them: {other.what} is written at {other.where}"
        if other.where
        else f"rename it: {other.what} publishes there"
    )
    return Problem(
        blamed.where, f"{blamed.what} and {other.what} would both publish at '{address}'", hint
    )


# ---------------------------------------------------------------- the site's addresses
# One pattern per kind of page, as Pelican's ARTICLE_URL = "{slug}.html": every page
# path and every link between pages is made from these, so a link, the page it names
# and the search location of that page cannot disagree. A value in braces is made a
# name by ``slug``; the anchors are ids, which the pages print as their headings' ids.

HOME = "index.md"
CONTACT = "contact.md"
CHANGES = "changes.md"
REQUESTS = "requests.md"
"""Requests A to Z: where the search form leads without JavaScript."""
WIZARD_MAPS = "authors/wizards.md"
PRODUCT_PAGE = "{product}/{page}.md"
"""A product's pages, each one of ``ProductPage``."""
GUIDE = "guides/{guide}.md"
WIZARDS = "wizards/"
"""The folder of every wizard's pages."""
WIZARD_PAGE = WIZARDS + "{flow}/{state}.md"
"""A state of a wizard (``state_names``), or one section of a question's state."""
WIZARD_START = "index"
API = "api/policy.json"
SCHEMA = "schema/{file}"
ASSET = "assets/{name}"
WIZARD_LIST = "answer-a-few-questions"
"""The id of the home page's list of wizards; home.md.j2 prints it on that heading."""
NO_WIZARD_LINKS = f"#{WIZARD_LIST}"
"""The home page's list of wizards, offered instead of one link per wizard."""


class UnknownPage(ValueError):
    """A template names a product page there is no such page of."""


class _PageNames(EnumType):
    """Looking a page up by a name it lacks raises UnknownPage, not KeyError: a
    template's ``urls.ProductPage.plan`` then fails at its line, naming the pages."""

    def __getitem__(cls, name: str) -> Any:
        if name not in cls.__members__:
            names = ", ".join(cls.__members__)
            raise UnknownPage(f"no product page is named '{name}': the pages are {names}")
        return super().__getitem__(name)


class ProductPage(StrEnum, metaclass=_PageNames):
    """The pages every product may have: the one list of their names, which
    pages.py writes and templates link to as ``urls.ProductPage.plans``."""

    overview = "index"
    plans = "plans"
    scope = "scope"
    severities = "severities"
    help = "help"
    pricing = "pricing"
    life_cycle = "life-cycle"


@dataclass(frozen=True)
class Url:
    """A page in the docs folder, and optionally one section of it."""

    page: str
    anchor: str | None = None

    def __str__(self) -> str:
        """The page and section as a path in the docs folder: 'widget/scope.md#upgrade'."""
        return self.page + (f"#{self.anchor}" if self.anchor else "")

    def from_page(self, here: str) -> str:
        """The Markdown link to this URL written on the page ``here`` (MkDocs turns
        links between .md files into links between the pages it builds)."""
        section = f"#{self.anchor}" if self.anchor else ""
        if self.page == here and section:
            return section
        folder, _, name = self.page.rpartition("/")
        if folder == here.rpartition("/")[0]:
            return name + section
        return posixpath.relpath(self.page, posixpath.dirname(here) or ".") + section

    def from_served_page(self, here: str) -> str:
        """This URL as raw HTML on the page ``here`` links to it: relative to the
        address the page is served at, as MkDocs rewrites only Markdown links."""
        section = f"#{self.anchor}" if self.anchor else ""
        return posixpath.relpath(self.page, served(here) or ".") + section

    def absolute(self, base_url: str) -> str:
        """Where the site published at ``base_url`` serves it: the address the
        terminal prints."""
        return absolute(base_url, self.location)

    @property
    def location(self) -> str:
        """Where the built site serves it (MkDocs' directory URLs), relative to the
        site's root: the location search results and the terminal link to."""
        section = f"#{self.anchor}" if self.anchor else ""
        return served(self.page) + section


def absolute(base_url: str, location: str) -> str:
    """A location (``Url.location``, or a search result's) on the site published at
    ``base_url``: the one place the two are joined."""
    return f"{base_url.rstrip('/')}/{location}"


def served(page: str) -> str:
    """The address MkDocs serves a page at: 'a/b.md' and 'a/b/index.md' at 'a/b/'."""
    if not page.endswith(".md"):
        return page
    stem = page.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index")
    return f"{stem}/" if stem else ""


def _path(pattern: str, **values: str) -> str:
    """``pattern`` with each value made a name (a ``Slug`` is one already), confined."""
    names = {
        key: value if isinstance(value, Slug) else slug(value) for key, value in values.items()
    }
    return confined(pattern.format(**names))


def product_page(product: str, page: ProductPage | str) -> Url:
    """One of a product's pages; a name not in ``ProductPage`` (a project template's
    typo) raises UnknownPage, which the build reports at the template's line."""
    if page not in ProductPage._value2member_map_:
        names = ", ".join(ProductPage)
        raise UnknownPage(f"no product page is named '{page}': the pages are {names}")
    return Url(_path(PRODUCT_PAGE, product=product, page=ProductPage(page)))


def scope_item(product: str, item: str) -> Url:
    return Url(product_page(product, ProductPage.scope).page, item)


def plan(product: str, plan_or_offer: str) -> Url:
    """A plan, or an add-on offer: both are described on the plans page."""
    return Url(product_page(product, ProductPage.plans).page, plan_or_offer)


def severity(product: str, level: str) -> Url:
    return Url(product_page(product, ProductPage.severities).page, level)


def hours(hour_set: str) -> Url:
    """An hour set's section of the contact page (contact.md.j2 prints these ids)."""
    return Url(CONTACT, "business-hours" if hour_set == DEFAULT_HOURS else f"hours-{hour_set}")


def price_rule(product: str, rule: str) -> Url:
    return Url(product_page(product, ProductPage.pricing).page, rule)


def life_cycle(product: str, section: str) -> Url:
    """A phase of the product's life cycle, or its table of versions ('versions')."""
    return Url(product_page(product, ProductPage.life_cycle).page, section)


def packages(product: str) -> Url:
    return Url(product_page(product, ProductPage.pricing).page, "packages")


def channel(product: str | None, channel_id: str) -> Url:
    """A channel as a product's help page describes it, or contact for none."""
    page = product_page(product, ProductPage.help).page if product else CONTACT
    return Url(page, channel_id)


def guide(guide_id: str) -> Url:
    return Url(_path(GUIDE, guide=guide_id))


def wizard_page(flow: str, state: str) -> Url:
    return Url(_path(WIZARD_PAGE, flow=flow, state=state))


def wizard_start(flow: str) -> Url:
    return wizard_page(flow, Slug(WIZARD_START))


def own_page(path: str) -> Url:
    """One of scopesite's own pages: HOME, CONTACT, CHANGES, WIZARD_MAPS."""
    return Url(confined(path))


def schema(file: str) -> str:
    """A JSON Schema file ('flow.schema.json': scopesite's own names, kept as they are)."""
    return confined(SCHEMA.format(file=file))


def asset(name: str) -> Url:
    """A file of the site's own (stylesheet, script); raw HTML links to it."""
    return Url(confined(ASSET.format(name=name)))


def channel_owners(policy: Policy) -> dict[str, str | None]:
    """Each channel's describing product: the first that lists it, None for none
    (contact describes it then)."""
    owners: dict[str, str] = {}
    for product in policy.products.values():
        for listed in policy.channels_for(product):
            owners.setdefault(listed.id, product.id)
    return {channel_id: owners.get(channel_id) for channel_id in policy.channels}


def channel_on(policy: Policy, product: str | None, channel_id: str) -> Url:
    """A channel as a page of ``product`` (a page of no product: None) links to it:
    that product's help page when the channel serves the product (the page describes
    it there), else its describing page (``channel_owners``), so the linked section
    always exists."""
    served_products = policy.channels[channel_id].products
    if product is not None and (not served_products or product in served_products):
        return channel(product, channel_id)
    return channel(channel_owners(policy)[channel_id], channel_id)


def offer(found: Offer, chosen: str | None = None) -> Url:
    """An add-on offer on the plans page of the product the reader ``chosen`` when it
    is offered there, else of its first product."""
    return plan(chosen if chosen in found.products else found.products[0], found.id)


def channel_pages(policy: Policy) -> dict[str, Url]:
    """Each channel's describing page (see ``channel_owners``) and its section there."""
    return {
        channel_id: channel(owner, channel_id)
        for channel_id, owner in channel_owners(policy).items()
    }


def clause(found: Clause, chosen: str | None = None) -> Url:
    """The section of the policy an answer rests on, on the pages of the product the
    reader ``chosen`` when they hold it (a kind without a case fails mypy)."""
    product = chosen if chosen in found.products else found.product
    match found.kind:
        case ClauseKind.scope:
            return scope_item(product, found.id)
        case ClauseKind.severity:
            return severity(product, found.id)
        case ClauseKind.price_rule:
            return price_rule(product, found.id)
        case ClauseKind.life_cycle:
            return life_cycle(product, found.id)
        case _:
            assert_never(found.kind)


def state_pages(flow: str, names: dict[StateKey, Slug]) -> dict[StateKey, Url]:
    """The page of each state of a flow, from the names ``state_names`` gave them."""
    return {key: wizard_page(flow, name) for key, name in names.items()}


def section_page(flow: str, state: Slug, heading: str | None) -> Url:
    """The page of one section of a question's choices, beside the question's page
    (``state`` is the question's name from ``state_names``)."""
    return wizard_page(flow, section(state, heading))


def state_names(states: Iterable[StateKey], start: StateKey) -> dict[StateKey, Slug]:
    """Name each state's page: the start is 'index', any other joins its node and the
    values of its facts (``joined``, so distinct states get distinct names).

    The values are listed by fact name. A node reached with different facts lists
    every fact any of its states holds, marking the ones a state lacks: otherwise
    {plan: x} and {item: x} would share a page.
    """
    held: dict[str, set[str]] = {}
    for node, facts in states:
        held.setdefault(node, set()).update(fact for fact, _ in facts)
    named: dict[StateKey, Slug] = {}
    for key in states:
        node, values = key[0], dict(key[1])
        name = joined([node, *(values.get(fact) for fact in sorted(held[node]))])
        named[key] = Slug(WIZARD_START) if key == start else name
    return named
