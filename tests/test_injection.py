"""Hostile content renders inert: asserted in the HTML and in the browser."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser import serve_folder
from tests.conftest import FIXTURES, build_copy

HOSTILE = FIXTURES / "injected"


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("injected-source") / "project"
    shutil.copytree(FIXTURES / "minimal", source)
    shutil.copy(HOSTILE / "inj.yml", source / "content" / "inj.yml")
    shutil.copy(HOSTILE / "inj.md", source / "content" / "guides" / "inj.md")
    return build_copy(source, tmp_path_factory.mktemp("injected") / "project")


PAGES = [
    "widget/scope/index.html",
    "guides/inj/index.html",
    "wizards/covered/verdict_injected_pro_widget/index.html",
]


@pytest.mark.parametrize("page", PAGES)
def test_hostile_content_is_text_in_the_html(injected_site: Path, page: str) -> None:
    html = (injected_site / page).read_text()
    tags = re.findall(r"<[a-zA-Z][^>]*>", html)
    assert [t for t in tags if re.search(r"\son\w+\s*=", t)] == []  # no event handlers
    assert [
        t for t in tags if re.search(r"(href|src)\s*=\s*\"\s*(javascript|data):", t, re.IGNORECASE)
    ] == []
    assert "<script>alert" not in html and "<svg onload" not in html


def test_template_syntax_in_content_is_shown_not_run(injected_site: Path) -> None:
    html = (injected_site / "widget/scope/index.html").read_text()
    assert "{{ config }} and {% include &#39;x&#39; %}" in html
    assert "Policy section: {{ 7*7 }}" in html


@pytest.mark.browser
@pytest.mark.parametrize("page", PAGES)
def test_no_script_runs_in_the_browser(browser: Browser, injected_site: Path, page: str) -> None:
    dialogs: list[str] = []
    with serve_folder(injected_site) as base:
        opened = browser.new_page()
        opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        opened.goto(base + page.removesuffix("index.html"), wait_until="networkidle")
        for link in opened.locator("article a").all()[:40]:
            link.hover()
        opened.close()
    assert dialogs == []
