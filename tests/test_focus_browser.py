"""Keyboard focus in the browser: tabbing through a page from the top reaches only
what can be seen, and shows where focus is, in the light and the dark scheme, on a
wide screen and a narrow one.

Each element focus lands on must be drawn (a box of some size, not hidden, not
transparent), inside the viewport once the browser has scrolled to it, and carry a
focus indicator: an outline of 2px or more, or a box shadow. A radio that Material
draws as the label after it (the palette toggle) shows focus on that label; a
wizard's choice shows it on its whole box.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.browser import serve_folder
from tests.figures import record

FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) return null;
  let drawn = element;
  if (element.matches('input.md-option') && element.nextElementSibling?.tagName === 'LABEL') {
    drawn = element.nextElementSibling;
  }
  const ringed = element.closest('.scopesite-options li') || drawn;
  const box = drawn.getBoundingClientRect();
  let opacity = 1;
  for (let node = drawn; node && node.nodeType === 1; node = node.parentElement) {
    opacity *= parseFloat(getComputedStyle(node).opacity);
  }
  const style = getComputedStyle(drawn);
  const ring = getComputedStyle(ringed);
  const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
    (element.className && typeof element.className === 'string'
      ? '.' + element.className.trim().split(/\\s+/).join('.') : '') +
    ' "' + (element.textContent || element.getAttribute('aria-label') || '').trim().slice(0, 40) + '"';
  return {
    name,
    key: name + (box.top + scrollY) + ',' + (box.left + scrollX),
    sized: box.width > 0 && box.height > 0,
    shown: style.visibility === 'visible' && opacity > 0.1,
    inView: box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
    ring: (ring.outlineStyle !== 'none' && parseFloat(ring.outlineWidth) >= 2)
      || ring.boxShadow !== 'none',
  };
}"""

MAX_STOPS = 400
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def walk_tabs(browser: Browser, url: str, scheme: str, width: int) -> tuple[int, list[str]]:
    """Tab from the top of ``url`` until focus leaves the page; return how many stops
    it made and what was wrong at each."""
    page = browser.new_page(
        color_scheme="dark" if scheme == "dark" else "light",
        viewport={"width": width, "height": 800},
    )
    page.goto(url, wait_until="networkidle")
    # Material fades some things in on focus: judge them as they end, not mid-fade.
    page.add_style_tag(content=STILL)
    problems: list[str] = []
    seen: set[str] = set()
    stops = 0
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        found: dict[str, Any] | None = page.evaluate(FOCUSED)
        if found is None or found["key"] in seen:
            break
        seen.add(found["key"])
        stops += 1
        wrong = [w for w in ("sized", "shown", "inView", "ring") if not found[w]]
        if wrong:
            problems.append(f"{found['name']}: not {', '.join(wrong)}")
    page.close()
    return stops, problems


PAGES = {
    "home": "",
    "scope page": "imacros/scope/",
    "contact": "contact/",
    "wizard question": "wizards/is-it-covered/what-do-you-need_imacros-personal_imacros/",
}
WALKED: dict[str, int] = {"walks": 0, "stops": 0, "problems": 0}


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_tab_stop_is_seen_and_shows_focus(
    browser: Browser, default_site: Path, name: str, scheme: str
) -> None:
    problems: list[str] = []
    with serve_folder(default_site) as base:
        for width in (1280, 400):
            stops, found = walk_tabs(browser, base + PAGES[name], scheme, width)
            problems += [f"{width}px: {problem}" for problem in found]
            assert stops > 5, f"{width}px: only {stops} tab stops"
            WALKED["walks"] += 1
            WALKED["stops"] += stops
    WALKED["problems"] += len(problems)
    record(
        "focus walks: walks, tab stops (unseen or unmarked)",
        f"{WALKED['walks']}, {WALKED['stops']} ({WALKED['problems']})",
    )
    assert problems == []


@pytest.mark.browser
def test_the_closed_search_dialog_takes_no_tab_stop(browser: Browser, default_site: Path) -> None:
    """Its help links are reached once the dialog is open, never while it is closed."""
    with serve_folder(default_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(base, wait_until="networkidle")
        closed = page.evaluate(REACHABLE_IN_SEARCH)
        page.locator("input.md-search__input").focus()
        page.wait_for_timeout(300)
        opened = page.evaluate(REACHABLE_IN_SEARCH)
        page.close()
    assert (closed, opened) == (0, 1 + HELP_LINKS)


HELP_LINKS = 5
"""The default site's wizards and contact link (beside the result area, tabindex 0)."""
REACHABLE_IN_SEARCH = """() => [...document.querySelectorAll(
  '.md-search__output a[href], .md-search__output [tabindex="0"]')]
  .filter(e => getComputedStyle(e).visibility === 'visible' && !e.closest('[hidden]')).length"""
