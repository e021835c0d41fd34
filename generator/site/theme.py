"""Scopesite's layer over Material's templates, applied over the installed theme.

The footer links to the authors' pages (AUTHORS_LINK). Wizard pages get a layout
of their own (WIZARD_LAYOUT); base.html escapes the page
title it prints (theme_values); Material's inline scripts become files of the site,
which the Content-Security-Policy allows (theme_scripts). The rest are
accessibility fixes.

Material's search dialog has no accessible name (axe: aria-dialog-name), and its
empty result list offers nothing; we add the wizards and contact links. Rather
than copy the partial, we patch the installed one, so a Material upgrade keeps
its own markup and this test-covered fix fails loudly if the markup changes.
"""

from __future__ import annotations

from pathlib import Path

from generator.render import urls
from generator.render.theme_values import BASE_TEMPLATE, patched_base
from generator.site.theme_scripts import script_overrides, script_partials
from generator.site.writer import write_docs

SCRIPT_PARTIAL = script_partials()[0]
"""One of Material's script partials, to find their folder by."""

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_DIALOG = (
    '<div class="md-search" data-md-component="search" role="dialog" '
    "aria-label=\"{{ lang.t('search') }}\">"
)


SEARCH_FORM = '<form class="md-search__form" name="search">'
STATIC_SEARCH_FORM = (
    '<form class="md-search__form" name="search" method="get" '
    "action=\"{{ base_url.rstrip('/') }}/" + urls.own_page(urls.REQUESTS).location + '">'
)
"""Without JavaScript, the header's search leads to the requests A to Z (with it,
Material's search keeps the form from being sent)."""

RESULT_LIST = '<ol class="md-search-result__list" role="presentation"></ol>'
SEARCH_HELP = (
    """<p class="scopesite-search-widen" hidden><a href="{{ base_url.rstrip('/') }}/">"""
    """{{ config.extra.scopesite_search_all }}</a></p>
<div class="scopesite-search-help">
  <p>{{ config.extra.scopesite_search_help }}</p>
  <ul>
  {%- for link in config.extra.scopesite_help %}
    <li><a href="{{ base_url.rstrip('/') }}/{{ link.url }}">{{ link.title }}</a></li>
  {%- endfor %}
  </ul>
</div>
""" + RESULT_LIST
)
"""Shown while there are no results (see scopesite.css). It goes before the list:
Material renders results into the last child of the result container. Its words are
titles.md.j2's (set_theme_values puts them in ``config.extra``)."""


COPYRIGHT = '<div class="md-copyright">'
AUTHORS_LINK = (
    COPYRIGHT + "\n  {%- if config.extra.scopesite_authors %}\n"
    '  <a class="scopesite-authors" href="{{ base_url.rstrip(\'/\') }}/'
    '{{ config.extra.scopesite_authors.url }}">{{ config.extra.scopesite_authors.title }}</a>\n'
    "  {%- endif %}"
)
"""The authors' pages are out of the customers' navigation; the footer links to them."""
COPYRIGHT_PARTIAL = "partials/copyright.html"


WIZARD_LAYOUT = Path(__file__).resolve().parent / "overrides" / "scopesite_wizard.html"

SEARCH_PARTIAL = "partials/search.html"

OVERRIDDEN = (
    SEARCH_PARTIAL,
    COPYRIGHT_PARTIAL,
    WIZARD_LAYOUT.name,
    BASE_TEMPLATE,
    *script_partials(),
)
"""Theme files scopesite writes; its folder comes first, so a project's are hidden."""


def write_overrides(material_dirs: list[str], folder: Path) -> Path:
    """Write patched partials into ``folder`` and return it, for the theme's search path."""
    original = _find(SEARCH_PARTIAL, material_dirs).read_text()
    if any(part not in original for part in (SEARCH_DIALOG, SEARCH_FORM, RESULT_LIST)):
        raise RuntimeError("Material's search partial changed: update generator/site/theme.py")
    patched = (
        original.replace(SEARCH_DIALOG, NAMED_DIALOG)
        .replace(SEARCH_FORM, STATIC_SEARCH_FORM)
        .replace(RESULT_LIST, SEARCH_HELP)
    )
    files = {SEARCH_PARTIAL: patched, WIZARD_LAYOUT.name: WIZARD_LAYOUT.read_text()}
    copyright_partial = _find(COPYRIGHT_PARTIAL, material_dirs).read_text()
    if copyright_partial.count(COPYRIGHT) != 1:
        raise RuntimeError("Material's copyright partial changed: update generator/site/theme.py")
    files[COPYRIGHT_PARTIAL] = copyright_partial.replace(COPYRIGHT, AUTHORS_LINK)
    files[BASE_TEMPLATE] = patched_base(_find(BASE_TEMPLATE, material_dirs).read_text())
    files |= script_overrides(_find(SCRIPT_PARTIAL, material_dirs).parent)
    write_docs({name: text.encode() for name, text in files.items()}, folder)
    return folder


def _find(name: str, dirs: list[str]) -> Path:
    for folder in dirs:
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(name)
