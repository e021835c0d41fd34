"""Bytes a browser downloads for its first search on a built site.

    python bench/search_bytes.py SITE_DIR [QUERY]

Serves SITE_DIR on 127.0.0.1, opens the home page, types a query into the
site's search, and counts the body bytes of every response the search needed
(the search index and the search worker and its scripts), as a first-time
visitor with an empty cache would download them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve_folder

SEARCH_ASSETS = ("/search/", "/workers/", "/lunr/")


def first_search_bytes(site: Path, text: str = "upgrade") -> dict[str, int]:
    """Body bytes per search asset fetched while loading home and running one query."""
    sizes: dict[str, int] = {}
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()

        def count(response: object) -> None:
            url = urlsplit(response.url).path  # type: ignore[attr-defined]
            if any(part in url for part in SEARCH_ASSETS):
                sizes[url] = len(response.body())  # type: ignore[attr-defined]

        page.on("response", count)
        page.goto(base + "?q=" + quote(text))
        meta = page.locator(".md-search-result__meta")
        meta.filter(has_not_text="Initializing search").wait_for(timeout=120000)
        browser.close()
    return sizes


if __name__ == "__main__":
    found = first_search_bytes(Path(sys.argv[1]), *sys.argv[2:3])
    for url, size in sorted(found.items()):
        print(f"{size:>12,}  {url}")
    print(f"{sum(found.values()):>12,}  total")
