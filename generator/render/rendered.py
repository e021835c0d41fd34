"""What the render stage hands on: every generated file by its path, the navigation,
and what the theme and search need besides the pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.content.site_config import SiteConfig
from generator.render.urls import confined

NavEntry = dict[str, "str | list[NavEntry]"]


@dataclass(frozen=True)
class ThemeWords:
    """Words the theme shows around the pages, worded by titles.md.j2 so that a
    project rewords or translates them; the site stage prints them, escaped."""

    search_help: str
    """Above the help links, while search finds nothing."""
    permalink_title: str
    """The title of each heading's permalink."""
    search_all_products: str = ""
    """The link that widens a search scoped to the product being read."""
    dark_scheme: str = ""
    """The header's toggle to the dark scheme."""
    light_scheme: str = ""
    """The header's toggle back to the light scheme."""
    authors_link: str = ""
    """The footer's link to the authors' pages, which the navigation leaves out."""


@dataclass
class RenderedSite:
    """Every generated file by its path inside the docs folder, and the navigation."""

    site: SiteConfig
    theme_words: ThemeWords
    files: dict[str, bytes] = field(default_factory=dict)
    nav: list[NavEntry] = field(default_factory=list)
    search_tags: dict[str, list[str]] = field(default_factory=dict)
    """Customers' phrasings to attach to sections of the in-browser search index."""
    search_verdicts: dict[str, str] = field(default_factory=dict)
    """Each scope item's verdict, per plan where plans differ, by search location."""
    search_products: dict[str, str] = field(default_factory=dict)
    """Each product's name by its id (the first folder of its pages), for search."""
    help_links: list[dict[str, str]] = field(default_factory=list)
    """Wizards and contact, offered when search finds nothing."""
    authors_page: str = ""
    """Where the authors' wizard maps are (a location), when the site has wizards."""
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
