"""The MkDocs and Material settings scopesite needs, in one place, and how the
plugin adds them to whatever configuration a project has.

A project's mkdocs.yml may add to these (more Markdown extensions, theme
features, a palette); the plugin merges them in itself, so a project needs no
INHERIT. What a project must not change is refused in ``project_config``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.render.rendered import RenderedSite
from generator.render.theme_values import set_theme_values
from generator.site.look_settings import apply_look
from generator.site.theme import write_overrides

if TYPE_CHECKING:  # scopesite check runs without loading MkDocs
    from mkdocs.config.defaults import MkDocsConfig

REQUIRED_EXTENSIONS: dict[str, dict[str, Any]] = {
    "generator.site.safe_links": {},  # links to unsafe URLs and code-running attributes go
    "abbr": {},
    "admonition": {},
    # No attr_list: it would let any text from content add attributes ('{: onclick=…}');
    # the templates give headings their ids in HTML instead: '<h3 id="phone" markdown>'.
    "def_list": {},
    "md_in_html": {},  # for the templates' own HTML; content's '<' is always escaped
    "tables": {},
    "toc": {"permalink": True},  # its permalink_title is worded by titles.md.j2 (configure)
}
"""Markdown extensions every page needs, with the settings scopesite relies on."""

REFUSED_EXTENSIONS: dict[str, str] = {
    "attr_list": "it lets any text from the policy add attributes such as style or onclick",
    "extra": "it brings attr_list, which lets any text from the policy add attributes",
    "pymdownx.blocks.html": "it lets any text from the policy write HTML elements",
    "pymdownx.snippets": "it lets a page include any file the build can read",
}
"""Extensions that would turn policy text back into markup or reach outside it."""

REQUIRED_FEATURES = (
    "navigation.prune",  # without it every page embeds the whole nav
    "navigation.top",
    "search.highlight",
    "search.suggest",
    "toc.follow",
)

REQUIRED_THEME = "material"

OMITTED_FILES = "ignore"
"""``validation.nav.omitted_files``: wizard steps are pages reached from their
start, never listed in the navigation."""

ANCHORS = logging.WARNING
"""``validation.links.anchors``: a link to a section a page does not have is a
warning, so ``--strict`` fails on it (MkDocs' default only logs it as info)."""

BUILTIN_PREFIX = "markdown.extensions."


def extension_name(name: str) -> str:
    """One spelling for Python-Markdown's own extensions: 'markdown.extensions.toc' is 'toc'."""
    return name.removeprefix(BUILTIN_PREFIX)


def configure(config: MkDocsConfig, rendered: RenderedSite, docs_dir: Path, work_dir: Path) -> None:
    """Point MkDocs at the docs folder and add scopesite's settings, theme and assets."""
    apply_look(config, rendered.site.look, rendered.theme_words)  # where mkdocs.yml set none
    require(config)  # whatever the project's mkdocs.yml left out or replaced
    _word_permalinks(config, rendered.theme_words.permalink_title)
    config.docs_dir = str(docs_dir)
    set_theme_values(config, rendered)  # escaped: Material prints them as HTML
    # The project's own stylesheets and scripts come after scopesite's, so theirs win.
    config.extra_css = ["assets/scopesite.css", *config.extra_css]
    config.extra_javascript = ["assets/scopesite.js", *config.extra_javascript]
    overrides = write_overrides(config.theme.dirs, work_dir / "overrides")
    if str(overrides) not in config.theme.dirs:
        config.theme.dirs.insert(0, str(overrides))


def require(config: MkDocsConfig) -> None:
    """Add scopesite's extensions, theme features and settings to a loaded MkDocs config."""
    _require_extensions(config)
    theme = config.theme
    features = list(theme.get("features") or [])
    theme["features"] = features + [f for f in REQUIRED_FEATURES if f not in features]
    theme["font"] = False  # no web fonts: the site makes no request to another host
    config.validation.nav.omitted_files = logging.DEBUG  # MkDocs' level for 'ignore'
    config.validation.links.anchors = ANCHORS


def _word_permalinks(config: MkDocsConfig, title: str) -> None:
    """Title each heading's permalink as titles.md.j2 words it (require added toc)."""
    spelling = next(name for name in config.markdown_extensions if extension_name(name) == "toc")
    config.mdx_configs[spelling] = {
        **config.mdx_configs.get(spelling, {}),
        "permalink_title": title,
    }


def _require_extensions(config: MkDocsConfig) -> None:
    listed = {extension_name(name): name for name in config.markdown_extensions}
    for name, settings in REQUIRED_EXTENSIONS.items():
        spelling = listed.get(name)
        if spelling is None:
            config.markdown_extensions.append(name)
            spelling = name
        if settings:
            config.mdx_configs[spelling] = {**config.mdx_configs.get(spelling, {}), **settings}
