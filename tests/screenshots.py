"""The README's screenshots: build the default site, open its pages in Debian's chromium
and write one PNG per page and screen size into docs/screenshots/.

    python -m tests.screenshots [OUT] [--site SITE] [--only NAME ...]

OUT is docs/screenshots by default. --site takes an already built site instead of
building the default content; --only writes the named files only (``home-mobile``).
The pages are fixed by SHOTS: a page renamed by the generator makes the capture fail
(a missing page is an error, not a picture of the 404 page), and
tests/test_screenshots.py keeps SHOTS, the files and the README's gallery in step.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve_folder, wait_for

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"


@dataclass(frozen=True)
class Screen:
    """A window size: CSS pixels and device scale (the PNG is their product)."""

    name: str
    width: int
    height: int
    scale: int


SCREENS = (Screen("desktop", 1280, 800, 1), Screen("mobile", 390, 844, 2))


@dataclass(frozen=True)
class Shot:
    """One page of the gallery: where it is and what the README calls it."""

    name: str
    title: str
    path: str
    """The page, relative to the site's root, with a #fragment to scroll to."""
    question: str = ""
    """Typed into the search box once the page is open; the picture shows the results."""
    dark: bool = False


SHOTS = (
    Shot("home", "Home", ""),
    Shot(
        "scope-page",
        "A scope page: the verdict and each plan's answer",
        "imacros/scope/#imacros-standard-functionality",
    ),
    Shot(
        "wizard-question",
        "A wizard question",
        "wizards/is-it-covered/which-licence_imacros/",
    ),
    Shot(
        "outcome",
        "A wizard's outcome",
        "wizards/is-it-covered/coverage-verdict_imacros-phone-assistance_imacros-personal_imacros/",
    ),
    Shot(
        "search-results",
        "Search results for a question typed as a sentence",
        "",
        question="Can I call support by phone with a Personal Edition licence?",
    ),
    Shot(
        "outcome-dark",
        "The same outcome in the dark scheme",
        "wizards/is-it-covered/coverage-verdict_imacros-phone-assistance_imacros-personal_imacros/",
        dark=True,
    ),
)


def file_names() -> list[str]:
    """Every file the gallery holds, in the README's order."""
    return [f"{shot.name}-{screen.name}.png" for shot in SHOTS for screen in SCREENS]


def build_default_site(folder: Path) -> Path:
    """The default content built with --strict into ``folder``; returns the site."""
    site = folder / "site"
    command = ["build", str(REPO), "--strict", "-q", "--site-dir", str(site)]
    subprocess.run([sys.executable, "-m", "generator", *command], check=True)
    return site


def open_page(page: Page, url: str) -> None:
    """Open a page; a missing one (a renamed page) stops the capture."""
    response = page.goto(url, wait_until="networkidle")
    if response is None or response.status != 200:
        status = response.status if response else "no answer"
        raise SystemExit(f"error: {url}: {status}; update SHOTS in tests/screenshots.py")
    page.evaluate("() => document.fonts.ready.then(() => true)")


def search(page: Page, question: str) -> None:
    """Type a question into the header's search box as a reader does, and wait until
    Material has ranked it (polled from here: the CSP forbids string predicates)."""
    opener = page.locator("label.md-header__button[for='__search']")
    if opener.is_visible():  # small screens: the box opens over the page
        opener.click()
    box = page.locator(".md-search__input")
    box.focus()
    page.keyboard.type(question, delay=15)
    results = page.locator(".md-search-result")
    seen: list[str] = []

    def settled() -> bool:
        """Results shown, and the same at two polls in a row: the last keystroke's."""
        seen.append(results.inner_text() if results.count() else "")
        meta = page.locator(".md-search-result__meta")
        ready = meta.count() > 0 and "Initializing" not in meta.inner_text()
        shown = page.locator(".md-search-result__item").count() > 0
        return ready and shown and seen[-2:] == [seen[-1]] * 2

    if not wait_for(settled, 20, step=0.5):
        raise SystemExit(f"error: no search results for {question!r}")


SLATE_UNLESS_DARK = """() => {
  if (document.body.dataset.mdColorScheme === "default")
    document.body.setAttribute("data-md-color-scheme", "slate");
}"""
"""A palette with no scheme for a dark system setting: Material's own dark one."""


def go_dark(page: Page) -> None:
    """The dark scheme as a reader whose system is set to dark gets it: the palette's
    scheme for (prefers-color-scheme: dark), or Material's slate without one."""
    page.emulate_media(color_scheme="dark")
    page.reload(wait_until="networkidle")
    page.evaluate(SLATE_UNLESS_DARK)


def capture(browser: Browser, base: str, out: Path, only: set[str]) -> Iterator[Path]:
    """Write each wanted picture; yields the files written."""
    for screen in SCREENS:
        context = browser.new_context(
            viewport={"width": screen.width, "height": screen.height},
            device_scale_factor=screen.scale,
            is_mobile=screen.name == "mobile",
            has_touch=screen.name == "mobile",
            reduced_motion="reduce",
            color_scheme="light",
        )
        for shot in SHOTS:
            target = out / f"{shot.name}-{screen.name}.png"
            if only and target.stem not in only:
                continue
            page = context.new_page()
            open_page(page, base + shot.path)
            if shot.dark:
                go_dark(page)
            if shot.question:
                search(page, shot.question)
            page.screenshot(path=str(target), animations="disabled", caret="hide")
            page.close()
            yield target
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.screenshots", description=__doc__)
    parser.add_argument("out", nargs="?", type=Path, default=OUT)
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--only", nargs="*", default=[], help="file names without .png")
    args = parser.parse_args(argv)
    unknown = set(args.only) - {Path(name).stem for name in file_names()}
    if unknown:
        parser.error(f"unknown shot {', '.join(sorted(unknown))}; known: {file_names()}")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scopesite-shots-") as scratch:
        site = args.site or build_default_site(Path(scratch))
        with sync_playwright() as playwright, serve_folder(site) as base:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for written in capture(browser, base, args.out, set(args.only)):
                print(written)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
