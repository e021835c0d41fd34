"""Material's in-browser search, driven by Playwright over the three built sites."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import serve_folder
from tests.figures import record
from tests.search.recall import measure

pytestmark = pytest.mark.browser

SCORED_LINKS = """els => els
  .filter(e => parseFloat(e.querySelector('article').dataset.mdScore) > 0)
  .map(e => e.getAttribute('href'))"""


def top3(page: Page, base: str) -> Callable[[str], list[str]]:
    """Search as a reader does; hits are the result links Material scored, in order."""

    def search(text: str) -> list[str]:
        page.goto(base + "?q=" + quote(text))
        meta = page.locator(".md-search-result__meta")
        meta.filter(has_not_text="Initializing search").wait_for(timeout=15000)
        found: list[str] = []
        for href in page.eval_on_selector_all(".md-search-result__link", SCORED_LINKS):
            parts = urlsplit(href)
            location = parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")
            if location not in found:
                found.append(location)
        return found[:3]

    return search


def test_in_browser_recall_at_3(browser: Browser, sites: dict[str, Path]) -> None:
    searches = {}
    page = browser.new_page()
    servers = {site: serve_folder(path) for site, path in sites.items()}
    try:
        for site, server in servers.items():
            searches[site] = top3(page, server.__enter__())
        recall = measure(lambda site, text: searches[site](text))
    finally:
        for server in servers.values():
            server.__exit__(None, None, None)
        page.close()
    record("search recall@3, in-browser (Material)", recall.report())
    assert recall.value >= 0.85, "\n".join(recall.misses)


def test_no_results_offer_wizards_and_contact(browser: Browser, default_site: Path) -> None:
    with serve_folder(default_site) as base:
        page = browser.new_page()
        page.goto(base + "?q=zzqxv")
        page.locator(".md-search-result__meta", has_text="No matching documents").wait_for()
        help_box = page.locator(".scopesite-search-help")
        links = help_box.get_by_role("link").all_inner_texts()
        visible = help_box.is_visible()
        page.close()
    assert visible
    assert links == [
        "Is this covered for me?",
        "Is my version supported?",
        "Phone or ticket?",
        "Which severity, and how fast?",
        "Contact and business hours",
    ]
