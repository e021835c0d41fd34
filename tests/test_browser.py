"""What a person's browser sees: no request leaves the site, no console error."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from tests.browser import serve_folder

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_path", ["", "imacros/scope/", "sitefinity/help/"])
def test_pages_load_only_from_the_site_itself(
    browser: Browser, default_site: Path, page_path: str
) -> None:
    with serve_folder(default_site) as base:
        page = browser.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on(
            "console",
            lambda message: errors.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + page_path, wait_until="networkidle")
        page.close()
    hosts = {urlsplit(url).hostname for url in requests}
    assert hosts == {"127.0.0.1"}
    assert len(requests) > 5  # the page, its stylesheets, scripts and search index
    assert errors == []


def test_a_scope_item_link_lands_on_its_verdict(browser: Browser, default_site: Path) -> None:
    with serve_folder(default_site) as base:
        page = browser.new_page()
        page.goto(base + "imacros/scope/#imacros-bypass-security")
        heading = page.locator("#imacros-bypass-security")
        assert heading.inner_text().startswith(
            "Circumventing safeguards or bypassing security mechanisms"
        )
        badge = page.locator("#imacros-bypass-security + p .scopesite-verdict")
        assert badge.inner_text() == "✗ Not covered"
        page.close()


def test_searching_from_the_home_page_finds_a_scope_item(
    browser: Browser, default_site: Path
) -> None:
    with serve_folder(default_site) as base:
        page = browser.new_page()
        page.goto(base)
        page.fill("#scopesite-query", "DLP")
        page.click("form.scopesite-search button")
        results = page.locator(".md-search-result__item")
        results.first.wait_for(timeout=15000)
        titles = results.all_inner_texts()
        page.close()
    assert any("Circumventing safeguards" in title for title in titles), titles
