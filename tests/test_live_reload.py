"""Serving tells the truth: an edit shows in the open page under the site's CSP,
sources are watched whatever comes and goes, and broken content is shown, not hung on."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from tests.browser import fetch, free_port, wait_for

MakeProject = Callable[[dict[str, str]], Path]

BANNER_TITLE = (
    "The site was not rebuilt: this page is from the last build that worked. "
    "Fix the errors below and save; the page reloads by itself."
)
TITLE = "How-to questions"  # a scope item of the minimal fixture's widget


@contextmanager
def served(project: Path, command: list[str], page: str) -> Iterator[Path]:
    """Run a serve command in the project until the page answers; yield its log."""
    log = project.parent / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=project, stdout=output, stderr=subprocess.STDOUT)
    try:
        started = wait_for(lambda: server.poll() is not None or fetch(page) is not None, 90)
        assert started and server.poll() is None, log.read_text()
        yield log
    finally:
        server.terminate()
        server.wait(timeout=20)


def scopesite_serve(project: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "generator", "serve", str(project), "-a", f"127.0.0.1:{port}"]


@contextmanager
def serving_minimal(make_project: MakeProject) -> Iterator[tuple[Path, str, Path]]:
    """`scopesite serve` on a copy of the minimal fixture: the copy, its scope page, the log."""
    project = make_project({})
    port = free_port()
    url = f"http://127.0.0.1:{port}/widget/scope/"
    with served(project, scopesite_serve(project, port), url) as log:
        yield project, url, log


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def shows(url: str, text: str, *, not_: str) -> bool:
    """Whether the served page holds ``text`` and not ``not_``."""
    page = fetch(url)
    return page is not None and text in page and not_ not in page


def page_text(page: Page) -> str:
    """The page's text, or nothing while it is reloading."""
    try:
        return page.inner_text("body")
    except PlaywrightError:
        return ""


def script_sources(html: str) -> list[str]:
    """The policy's script-src sources, after its 'self'."""
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert policy
    (script_src,) = [d for d in policy[1].split("; ") if d.startswith("script-src ")]
    return script_src.split()[2:]


@pytest.mark.browser
@pytest.mark.parametrize("tool", ["scopesite serve", "mkdocs serve under /policy/"])
def test_an_edit_shows_in_the_open_page_without_a_reload(
    make_project: MakeProject, browser: Browser, tool: str
) -> None:
    port = free_port()
    if tool == "scopesite serve":
        project = make_project({})
        command, url = scopesite_serve(project, port), f"http://127.0.0.1:{port}/widget/scope/"
        script = "/assets/scopesite-livereload.js"
    else:  # MkDocs' own serve of a site published under a path, served under it too
        published = "https://support.example.test/policy/"
        mkdocs_yml = (
            "site_name: Example Support\ndocs_dir: content\ntheme:\n  name: material\n"
            f"plugins:\n  - scopesite\n  - search\nsite_url: {published}\n"
        )
        project = make_project({"mkdocs.yml": mkdocs_yml})
        edit(project / "site_config.yml", "https://support.example.test/", published)
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
        url = f"http://127.0.0.1:{port}/policy/widget/scope/"
        script = "/policy/assets/scopesite-livereload.js"
    with served(project, command, url) as log:
        html = fetch(url) or ""
        assert re.search(f'<script src="{script}" data-epoch="[0-9]+" data-request-id=', html)
        assert "livereload(" not in html  # MkDocs' inline script, which the policy blocks
        assert all(source.startswith("'sha256-") for source in script_sources(html))
        page = browser.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
        page.goto(url)
        assert TITLE in page_text(page)
        # The server logs each page whose live reload script started polling.
        assert wait_for(lambda: f"Browser connected: {url}" in log.read_text(), 30)
        edit(project / "content/widget.yml", f"title: {TITLE}", "title: Usage questions")
        assert wait_for(lambda: "Usage questions" in page_text(page), 30), log.read_text()
        assert TITLE not in page_text(page)
        page.close()
    assert console == []  # a CSP violation is a console error


def test_a_templates_folder_created_after_serve_started_is_watched(
    make_project: MakeProject,
) -> None:
    with serving_minimal(make_project) as (project, url, log):
        assert not (project / "templates").exists()
        (project / "templates").mkdir()
        (project / "templates/scope.md.j2").write_text("# Overridden scope page\n")
        assert wait_for(lambda: "Overridden scope page" in (fetch(url) or ""), 30), log.read_text()
        # Watched deeply, not only seen appearing: a later edit inside it shows too.
        (project / "templates/scope.md.j2").write_text("# Overridden again\n")
        assert wait_for(lambda: "Overridden again" in (fetch(url) or ""), 30), log.read_text()


def title_and_primary(url: str) -> tuple[str, str] | None:
    """The served page's <title> and palette colour, once it answers."""
    page = fetch(url)
    title = re.search(r"<title>([^<]*)</title>", page or "")
    primary = re.search(r'data-md-color-primary="([^"]*)"', page or "")
    return (title[1], primary[1]) if title and primary else None


def test_a_settings_edit_shows_on_pages_whose_content_did_not_change(
    make_project: MakeProject,
) -> None:
    """Rebuilds render only changed pages, but a new name or palette belongs on all of them."""
    mkdocs_yml = "theme:\n  name: material\n  palette:\n    primary: teal\n"
    project = make_project({"mkdocs.yml": mkdocs_yml})
    port = free_port()
    url = f"http://127.0.0.1:{port}/widget/scope/"
    with served(project, scopesite_serve(project, port), url) as log:
        assert title_and_primary(url) == ("Scope of support - Example Support", "teal")
        edit(project / "site_config.yml", "name: Example Support", "name: Acme Support")
        changed = ("Scope of support - Acme Support", "teal")
        assert wait_for(lambda: title_and_primary(url) == changed, 30), log.read_text()
        edit(project / "mkdocs.yml", "primary: teal", "primary: red")
        changed = ("Scope of support - Acme Support", "red")
        assert wait_for(lambda: title_and_primary(url) == changed, 30), log.read_text()


def test_rebuilds_resume_after_content_is_moved_away_and_back(make_project: MakeProject) -> None:
    with serving_minimal(make_project) as (project, url, log):
        shutil.move(project / "content", project.parent / "content-away")
        assert wait_for(lambda: BANNER_TITLE in (fetch(url) or ""), 30), log.read_text()
        assert TITLE in (fetch(url) or "")  # the last good site, still served
        shutil.move(project.parent / "content-away", project / "content")
        assert wait_for(lambda: shows(url, TITLE, not_=BANNER_TITLE), 30), log.read_text()
        edit(project / "content/widget.yml", f"title: {TITLE}", "title: Usage questions")
        assert wait_for(lambda: "Usage questions" in (fetch(url) or ""), 30), log.read_text()


def test_broken_content_keeps_the_last_good_site_served_with_its_errors(
    make_project: MakeProject,
) -> None:
    errors = (
        "content/widget.yml:18:16: error: unknown channel 'forun' (did you mean 'forum'?)\n"
        "  hint: known channels: forum, ticket\n"
        "1 error found"
    )
    with serving_minimal(make_project) as (project, url, log):
        widget = project / "content/widget.yml"
        edit(widget, f"title: {TITLE}", "title: Usage questions")
        edit(widget, "channels: [forum]", "channels: [forun]")
        assert wait_for(lambda: BANNER_TITLE in (fetch(url) or ""), 30), log.read_text()
        # Each request answers at once (fetch gives up after 5 s), from the last good site.
        for _ in range(3):
            page = fetch(url) or ""
            assert TITLE in page and "Usage questions" not in page
        # The terminal's lines, whole, each starting a line; the page shows them escaped.
        assert f"\n{errors}\n" in log.read_text()
        assert f"\n{errors}</code></pre>".replace("'", "&#x27;") in page
        assert "Traceback" not in log.read_text()
        edit(widget, "channels: [forun]", "channels: [forum]")
        assert wait_for(lambda: shows(url, "Usage questions", not_=BANNER_TITLE), 30)
