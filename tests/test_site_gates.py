"""Gates over every page type of every site, in the browser: nothing is requested
from another host, no console error (a CSP violation is one), and axe-core finds
no accessibility violation. Plus a link check over all built HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import run_axe, serve_folder, wait_for
from tests.figures import record

SCANNED = {scheme: {"pages": 0, "violations": 0} for scheme in ("light", "dark")}
SCHEMES = {"light": "default", "dark": "slate"}
"""The reader's system setting, and the Material scheme a page must then show."""


def page_types(site: Path) -> list[str]:
    """One page of each kind the site has."""
    pages = ["", "contact/", "404.html", "authors/wizards/", "requests/"]
    for folder in sorted(p for p in site.iterdir() if (p / "scope").is_dir()):
        for kind in ("", "plans/", "scope/", "help/", "severities/", "pricing/"):
            if (folder / kind / "index.html").is_file():
                pages.append(f"{folder.name}/{kind}")
    guides = sorted((site / "guides").iterdir())
    pages.append(f"guides/{guides[0].name}/")
    wizard = sorted((site / "wizards").iterdir())[0]
    steps = sorted(p for p in wizard.iterdir() if p.is_dir())
    questions = [p for p in steps if "scopesite-choices" in (p / "index.html").read_text()]
    outcomes = [p for p in steps if p not in questions]
    pages += [f"wizards/{wizard.name}/", f"wizards/{wizard.name}/{outcomes[0].name}/"]
    pages += [f"wizards/{wizard.name}/{questions[0].name}/"] if questions else []
    return pages


SITES = [".", "examples/smartertools", "examples/support-credits", "examples/enterprise-linux"]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("project", SITES)
def test_every_page_type_is_private_quiet_and_accessible(
    browser: Browser, sites: dict[str, Path], project: str, scheme: str
) -> None:
    """In the light and the dark scheme, chosen as Material chooses it: by the
    reader's system setting (prefers-color-scheme), each site's own palette."""
    site = sites[project]
    problems: list[str] = []
    with serve_folder(site) as base:
        for path in page_types(site):
            page = browser.new_page(color_scheme=scheme)
            requests: list[str] = []
            errors: list[str] = []
            page.on("request", lambda request, found=requests: found.append(request.url))
            page.on(
                "console",
                lambda message, found=errors: (
                    found.append(message.text)
                    if message.type == "error" and "404" not in message.text
                    else None
                ),
            )
            page.on("pageerror", lambda error, found=errors: found.append(str(error)))
            page.goto(base + path, wait_until="networkidle")
            shown = _scheme_shown(page, SCHEMES[scheme])
            violations = run_axe(page)
            page.close()
            foreign = {url for url in requests if urlsplit(url).hostname != "127.0.0.1"}
            problems += [f"{path}: shows scheme {shown}"] if shown != SCHEMES[scheme] else []
            problems += [f"{path}: request to {url}" for url in sorted(foreign)]
            problems += [f"{path}: console: {error}" for error in errors]
            problems += [f"{path}: axe: {violation}" for violation in violations]
            SCANNED[scheme]["pages"] += 1
            SCANNED[scheme]["violations"] += len(violations)
    figures = SCANNED[scheme]
    record(f"axe {scheme}", f"{figures['pages']} pages, {figures['violations']} violations")
    assert problems == []


def _scheme_shown(page: Page, wanted: str) -> str | None:
    """The scheme the page shows once Material has applied the system's (a page with a
    large script, such as the wizard maps, applies it a moment after loading)."""
    shown: list[str | None] = [None]

    def applied() -> bool:
        shown[0] = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        return shown[0] == wanted

    wait_for(applied, seconds=5)
    return shown[0]


LINK = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')
IDS = re.compile(r'\bid="([^"]+)"')


@pytest.mark.parametrize("project", SITES)
def test_no_broken_internal_links_or_anchors(sites: dict[str, Path], project: str) -> None:
    site = sites[project]
    pages = {path: path.read_text() for path in site.rglob("*.html")}
    anchors = {path: set(IDS.findall(text)) for path, text in pages.items()}
    broken: list[str] = []
    checked = 0
    for path, text in pages.items():
        for href in LINK.findall(text):
            href = html.unescape(href)
            if not href or href.startswith(("http://", "https://", "mailto:", "tel:")):
                continue
            parts = urlsplit(href)
            base = site if parts.path.startswith("/") else path.parent  # 404.html uses "/..."
            relative = unquote(parts.path).lstrip("/")
            target = path if not parts.path else (base / relative).resolve()
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if target not in anchors:
                broken.append(f"{path.relative_to(site)}: {href}")
            elif parts.fragment and parts.fragment not in anchors[target]:
                broken.append(f"{path.relative_to(site)}: {href} (no such anchor)")
    record(f"internal links checked, {project}", str(checked))
    assert broken == []
    assert checked > 100
