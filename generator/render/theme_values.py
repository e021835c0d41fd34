"""Content values on their way into the theme: escaped here, once.

Material's templates run in MkDocs' Jinja environment, which does not autoescape,
and print one value several ways: ``{{ config.site_name }}`` in <title> and in an
attribute, ``{{ config.site_name | e }}`` in another attribute, ``{{ page.title |
striptags }}`` in <title>. MkDocs itself treats titles as HTML (a title taken from a
heading keeps its entities), so every value scopesite hands the theme is escaped
HTML text, as ``Markup``: ``| e`` then leaves it alone instead of escaping it twice.
``| striptags`` unescapes what it is given; base.html's one use of it is patched to
escape again (``patched_base``).

URLs are not escaped but validated where they are read (``site_config.site_url_problem``);
the URLs of the search dialog's links are made of ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

if TYPE_CHECKING:  # render uses front_matter_text as a template filter
    from mkdocs.config.defaults import MkDocsConfig

    from generator.render.rendered import NavEntry, RenderedSite

BASE_TEMPLATE = "base.html"
UNESCAPED_TITLE = "{{ page.title | striptags }}"
ESCAPED_TITLE = "{{ page.title | striptags | e }}"


def theme_text(value: str) -> Markup:
    """A content value as text in the theme's HTML; a value already escaped stays as it is."""
    return escape(value)


def front_matter_text(value: object) -> Markup:
    """A value for a generated page's front matter (Material prints ``page.meta.title``
    as it is): escaped text, written as a JSON string, which YAML reads as it is."""
    return htmlsafe_json_dumps(str(theme_text(str(value))))


def theme_nav(nav: list[NavEntry]) -> list[NavEntry]:
    """The navigation with every title escaped (the targets are generated paths)."""
    return [
        {
            theme_text(title): theme_nav(target) if isinstance(target, list) else target
            for title, target in entry.items()
        }
        for entry in nav
    ]


def set_theme_values(config: MkDocsConfig, rendered: RenderedSite) -> None:
    """Give the theme the site's name, tagline, navigation and search-dialog words."""
    site = rendered.site
    config.site_name = theme_text(site.name)
    config.site_description = theme_text(site.tagline) if site.tagline else None
    config.nav = theme_nav(rendered.nav)
    config.extra["scopesite_help"] = [
        {"title": theme_text(link["title"]), "url": link["url"]} for link in rendered.help_links
    ]
    config.extra["scopesite_search_help"] = theme_text(rendered.theme_words.search_help)
    words = rendered.theme_words.search_all_products
    config.extra["scopesite_search_all"] = theme_text(words)
    config.extra["scopesite_authors"] = (
        {"title": theme_text(rendered.theme_words.authors_link), "url": rendered.authors_page}
        if rendered.authors_page
        else None
    )


def patched_base(original: str) -> str:
    """Material's base.html, escaping the page title after ``striptags`` unescaped it."""
    if original.count(UNESCAPED_TITLE) != 1:
        raise RuntimeError("Material's base.html changed: update generator/render/theme_values.py")
    return original.replace(UNESCAPED_TITLE, ESCAPED_TITLE)
