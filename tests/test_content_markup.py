"""Text from content is a safe subset of Markdown, URLs from content are plain links,
and customers' phrasings show as text in search: asserted over the markup corpus
(tests/markup_corpus.py), every free-text and URL field of every content kind."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser import serve_folder
from tests.conftest import run_scopesite
from tests.figures import record
from tests.markup_corpus import (
    MODELS,
    URL,
    attack,
    marker,
    markers,
    missing_from_templates,
    text_fields,
    write_project,
)

ALIASES_IN_SEARCH_ONLY = ("plans.aliases", "channels.aliases", "severities.aliases")
NOT_ON_PAGES = {marker("aliases"), *(marker(path) for path in ALIASES_IN_SEARCH_ONLY)}
"""A guide's aliases feed `scopesite search` in the terminal; those of plans, channels
and severities are search tags too: no page shows them as text."""

SCHEME = re.compile(r"(javascript|data|vbscript):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data"}


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_project(tmp_path_factory.mktemp("markup") / "project")
    result = run_scopesite("build", str(project), "--strict", env={"SOURCE_DATE_EPOCH": "0"})
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_every_text_and_url_field_of_every_kind_holds_the_attack() -> None:
    """A field added to a model and not to the corpus template fails here."""
    assert missing_from_templates() == {}
    sorts = Counter(sort for kind in MODELS for sort in text_fields(kind).values())
    record("markup corpus: text fields, URL fields", f"{sorts['text']}, {sorts['url']}")
    assert sorts == {"text": 92, "url": 2}  # the logo is a path of assets/ now (look)


class _Elements(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def _problems(tag: str, attributes: dict[str, str]) -> list[str]:
    """What in one element could only have come from content."""
    problems = [f"{name}=" for name in attributes if name.startswith("on") or "pwned" in name]
    if attributes.get("id") in ("pwned", "pwned2"):
        problems.append(f"id={attributes['id']}")
    classes = attributes.get("class", "").split()
    problems += [f"class {c}" for c in classes if c in ("pwned", "md-dialog--active")]
    if re.search(r"position|z-index", attributes.get("style", "")):
        problems.append(f"style={attributes['style']}")
    for name in URL_ATTRIBUTES & attributes.keys():
        if SCHEME.match(re.sub(r"[\x00-\x20]", "", attributes[name])):
            problems.append(f"{name}={attributes[name]}")
    if tag == "img" and re.match(r"[a-z][a-z0-9+.-]*:|//", attributes.get("src", ""), re.I):
        problems.append(f"src={attributes['src']} loads from another host")
    if tag in ("iframe", "object", "embed") or (
        tag == "meta"
        and attributes.get("http-equiv", "Content-Security-Policy").lower()
        != ("content-security-policy")
    ):
        problems.append(f"<{tag}>")
    return [f"<{tag}>: {problem}" for problem in problems]


def test_no_attribute_element_or_script_link_comes_from_content(corpus_site: Path) -> None:
    pages = sorted(corpus_site.rglob("*.html"))
    problems = [
        f"{page.relative_to(corpus_site)}: {problem}"
        for page in pages
        for tag, attributes in _Elements(page.read_text()).found
        for problem in _problems(tag, attributes)
    ]
    assert problems == []
    scripts = [
        page
        for page in pages
        if re.search(r"<script>alert|alert\(\d+\)</script>", page.read_text())
    ]
    assert scripts == []
    assert len(pages) == 22  # widget and gizmo pages (life cycle, plans), requests A to Z


def _texts(site: Path) -> dict[str, str]:
    """Each page's visible text, as a reader sees it."""
    texts = {}
    for page in site.rglob("*.html"):
        body = page.read_text().split("<body", 1)[1]
        body = re.sub(r"<script.*?</script>", "", body, flags=re.S)
        texts[page.relative_to(site).as_posix()] = html.unescape(re.sub(r"<[^>]+>", "", body))
    return texts


def test_every_field_shows_its_markup_as_text(corpus_site: Path) -> None:
    texts = _texts(corpus_site)
    hidden = sorted(
        name
        for name in markers()
        if not any(
            f"{name} said <meta http-equiv=refresh content=0;url=https://evil.example/> "
            "<img src=x onerror=alert(1)> {: onmouseover=alert(1)" in text
            for text in texts.values()
        )
    )
    assert hidden == sorted(NOT_ON_PAGES)
    scope = texts["widget/scope/index.html"]
    assert "js data vb ctl img ext" in scope  # script links and images from other hosts: words
    assert '<div markdown="1" onmouseover="alert(5)">*inside*</div>' in scope


def test_urls_from_content_are_links_that_cannot_break_out(corpus_site: Path) -> None:
    encoded = "https://example.test/a%28b%29c?q=%22quoted%27&amp;x=%3Cb%3E#top"
    help_page = (corpus_site / "widget" / "help" / "index.html").read_text()
    links = re.findall(r'<a href="([^"]*quoted[^"]*)">(.*?)</a>', help_page)
    assert [(href, html.unescape(text)) for href, text in links] == [(encoded, URL)]
    # The contact label spans paragraphs, so its link stays text: the URL still cannot
    # end anything, as it is printed encoded.
    contact = (corpus_site / "contact" / "index.html").read_text()
    assert "(https://example.test/a%28b%29c?q=%22quoted%27&amp;x=%3Cb%3E#top)" in contact


def test_search_results_get_aliases_as_escaped_text(corpus_site: Path) -> None:
    alias = attack(marker("scope.aliases")).strip()
    tagged = [
        doc
        for shard in (corpus_site / "search" / "shards").glob("*.json")
        for _, doc in json.loads(shard.read_text())["docs"]
        if doc["location"] == "widget/scope/#how-to"
    ]
    assert tagged and all(doc["tags"] == [html.escape(alias, quote=False)] for doc in tagged)


@pytest.mark.parametrize("path", ALIASES_IN_SEARCH_ONLY)
def test_search_tags_of_plans_channels_and_severities_are_escaped_text(
    corpus_site: Path, path: str
) -> None:
    alias = html.escape(attack(marker(path)).strip(), quote=False)
    tags = [
        tag
        for shard in (corpus_site / "search" / "shards").glob("*.json")
        for _, doc in json.loads(shard.read_text())["docs"]
        for tag in doc.get("tags", [])
    ]
    assert alias in tags
    assert not [tag for tag in tags if "<img" in tag or "<meta" in tag]


@pytest.mark.browser
def test_typing_an_injected_alias_into_search_shows_it_as_text(
    browser: Browser, corpus_site: Path
) -> None:
    alias = attack(marker("scope.aliases")).strip()
    typed = alias.splitlines()[0]
    dialogs: list[str] = []
    requests: list[str] = []
    with serve_folder(corpus_site) as base:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base, wait_until="networkidle")
        page.locator(".md-search__input").click()
        page.keyboard.type(typed)
        tag = page.locator(".md-search-result .md-tag").first
        tag.wait_for(timeout=15000)
        page.wait_for_timeout(1000)  # a refresh of 0 seconds would have left by now
        shown = tag.evaluate("element => element.textContent")
        injected = page.locator(".md-search-result meta, .md-search-result img").count()
        url = page.url
        page.close()
    assert url == base
    assert dialogs == []
    assert [r for r in requests if not r.startswith(base)] == []
    assert injected == 0
    assert shown == alias
