"""Material's in-browser search, driven by Playwright over the three built sites."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import run_axe, serve_folder
from tests.figures import record
from tests.search.recall import Search, held_out_questions, measure, measure_at, questions

pytestmark = pytest.mark.browser

TOP_1 = 0.80
TOP_3 = 0.95
"""The targets for the question set (measured: 61/75 and 72/75)."""

SCORED_LINKS = """els => els
  .filter(e => parseFloat(e.querySelector('article').dataset.mdScore) > 0)
  .filter(e => !e.closest('details'))
  .map(e => e.getAttribute('href'))"""
"""The results a reader sees, in order: Material folds a page's sections that score
below its best into "N more on this page", and shows a page's title (score 0 when
a section of it matched better) as the heading of its sections."""


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


@contextmanager
def searching(browser: Browser, sites: dict[str, Path]) -> Iterator[Search]:
    """Search each built site in one page, as a reader does."""
    page = browser.new_page()
    with ExitStack() as servers:
        searches = {
            site: top3(page, servers.enter_context(serve_folder(path)))
            for site, path in sites.items()
        }
        try:
            yield lambda site, text: searches[site](text)
        finally:
            page.close()


def test_in_browser_recall_at_3(browser: Browser, sites: dict[str, Path]) -> None:
    with searching(browser, sites) as search:
        recall = measure(search)
    record("search recall@3, in-browser (Material)", recall.report())
    assert recall.value >= 0.85, "\n".join(recall.misses)


def test_in_browser_questions_top_1_and_top_3(browser: Browser, sites: dict[str, Path]) -> None:
    """Customers' whole questions: tuned ones, and held-out ones written after tuning."""
    with searching(browser, sites) as search:
        tuned = measure_at(search, questions(held_out=False), (1, 3))
        held_out = measure_at(search, questions(held_out=True), (1, 3))
        second = measure_at(search, held_out_questions(), (1, 3))
    record("search questions top-1, in-browser", tuned[1].report())
    record("search questions top-3, in-browser", tuned[3].report())
    for depth, recall in held_out.items():
        record(f"search held-out questions top-{depth}, in-browser", recall.report())
    for depth, recall in second.items():
        record(f"search second held-out set top-{depth}, in-browser", recall.report())
    assert tuned[1].value >= TOP_1, "\n".join(tuned[1].misses)
    assert tuned[3].value >= TOP_3, "\n".join(tuned[3].misses)


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


def test_without_javascript_search_leads_to_the_requests_a_to_z(
    browser: Browser, default_site: Path
) -> None:
    """The home page's search form, sent with JavaScript off, opens the requests A to
    Z: every request and alias with its verdict, axe-clean in light and dark."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    with serve_folder(default_site) as base:
        page.goto(base)
        page.get_by_label("Describe what you need help with").fill("upgrade my install")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url("**/requests/?q=upgrade+my+install")
        heading = page.get_by_role("heading", level=1).inner_text()
        alias = page.get_by_role("listitem").filter(has_text="“upgrade my install”")
        lines = alias.all_inner_texts()
        context.close()
        page = browser.new_page()
        page.goto(base + "requests/")
        light = run_axe(page)
        page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
        dark = run_axe(page)
        page.close()
    assert heading == "Requests A to Z¶"
    assert lines == [
        "“upgrade my install”: see Upgrading your products (iMacros) · ✗ Not covered",
        "“upgrade my install”: see Upgrading or migrating projects (Sitefinity CMS) · ✗ Not covered",
    ]
    assert (light, dark) == ([], [])


def test_search_on_a_product_page_is_scoped_and_widens(
    browser: Browser, default_site: Path
) -> None:
    """On iMacros' pages search finds iMacros' answers (and pages of no product), not
    Sitefinity's; a visible link runs the same search over all products."""
    with serve_folder(default_site) as base:
        page = browser.new_page()
        scoped = top3(page, base + "imacros/scope/")("upgrade my install")
        widen = page.locator(".scopesite-search-widen a")
        widen.wait_for()
        link = (widen.inner_text(), widen.get_attribute("href"))
        widen.click()
        page.wait_for_url("**/?q=upgrade%20my%20install")
        meta = page.locator(".md-search-result__meta")
        meta.filter(has_not_text="Initializing search").wait_for(timeout=15000)
        everywhere = [
            urlsplit(href).path.lstrip("/") + "#" + urlsplit(href).fragment
            for href in page.eval_on_selector_all(".md-search-result__link", SCORED_LINKS)
        ]
        page.close()
    assert scoped[0] == "imacros/scope/#imacros-upgrades"
    assert not [location for location in scoped if location.startswith("sitefinity/")]
    assert link == ("Search all products", "../../?q=upgrade%20my%20install")
    assert "sitefinity/scope/#sitefinity-upgrade-migration" in everywhere


def test_results_show_the_verdict_per_plan(browser: Browser, default_site: Path) -> None:
    with serve_folder(default_site) as base:
        page = browser.new_page()
        top3(page, base)("Can I get phone assistance for iMacros?")
        verdict = page.locator(
            ".md-search-result__link[href$='#imacros-phone-assistance'] .scopesite-search-verdict"
        ).first.inner_text()
        page.close()
    assert verdict == (
        "Depends on your plan: Personal Edition, not covered; Professional, covered; "
        "Enterprise, covered; Trial or evaluation, not covered"
    )
