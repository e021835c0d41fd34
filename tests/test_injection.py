"""Hostile content renders inert: asserted in the HTML and in the browser."""

from __future__ import annotations

import html
import json
import posixpath
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
from playwright.sync_api import Browser, Dialog
from pydantic import ValidationError

from generator.content.contact_points import ContactPoint
from generator.content.errors import ContentError, printable
from generator.content.load import parse_yaml
from generator.content.site_config import SiteConfig
from generator.content.validate import validate
from generator.site.theme_scripts import script_overrides
from tests.browser import serve_folder
from tests.conftest import FIXTURES, build_copy, run_scopesite
from tests.figures import record
from tests.injection_corpus import (
    ALL_ATTACKS,
    ATTACKS,
    BASE_URL,
    field_count,
    flow_title,
    write_project,
)

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


# ------------------------------------------------------- the corpus (tests/injection_corpus.py)

CSP = (
    "default-src 'self'; script-src 'self'; script-src-attr 'none'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)
"""No inline script and no hash: every script the site runs is one of its files."""

MATERIAL = Path(material.__file__).parent / "templates"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}
FORBIDDEN_ELEMENTS = {"base", "iframe", "frame", "frameset", "object", "embed", "applet"}
SCHEME_IN_URL = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus, built once."""
    project = write_project(tmp_path_factory.mktemp("corpus") / "project")
    result = run_scopesite("build", str(project), "--strict", env={"SOURCE_DATE_EPOCH": "0"})
    assert result.returncode == 0, result.stderr
    return project / "site"


class _Elements(HTMLParser):
    """Every start tag of a page with its attributes (entities decoded, as a browser
    reads them), and the text of its <title>."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in_title = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def shipped_scripts() -> set[str]:
    """The script files scopesite and Material ship, as paths in the site: Material's
    bundle as its base.html names it, scopesite's own, the vendored Mermaid, and
    Material's inline scripts moved into files."""
    base = (MATERIAL / "base.html").read_text()
    bundle = re.search(r"assets/javascripts/bundle\.\w+\.min\.js", base)
    assert bundle
    moved = script_overrides(MATERIAL / "partials" / "javascripts")
    ours = ("assets/scopesite.js", "assets/vendor/mermaid.min.js")
    return {bundle[0], *ours, *(path for path in moved if path.endswith(".js"))}


def page_problems(site: Path, page: Path, shipped: set[str]) -> list[str]:
    """What in one page's HTML did not come from scopesite or Material."""
    html = page.read_text()
    parsed = _Elements(html)
    problems: list[str] = []
    for tag, attributes in parsed.elements:
        problems += [f"<{tag} {name}=…>" for name in attributes if name.startswith("on")]
        for name in URL_ATTRIBUTES & attributes.keys():
            # Browsers drop tabs and line breaks inside a URL: 'java\tscript:' runs.
            url = re.sub(r"[\x00-\x20]", "", attributes[name])
            if SCHEME_IN_URL.match(url):
                problems.append(f"<{tag} {name}={attributes[name]!r}>")
        if tag in FORBIDDEN_ELEMENTS:
            problems.append(f"<{tag}>")
        policy = {"http-equiv": "Content-Security-Policy", "content": CSP}
        if tag == "meta" and "http-equiv" in attributes and attributes != policy:
            problems.append(f"<meta {attributes}>")
        if tag == "script":
            problems += _script_problems(site, page, attributes, shipped)
    if html.count('http-equiv="Content-Security-Policy"') != 1:
        problems.append("not one Content-Security-Policy")
    elif html.index("Content-Security-Policy") > html.index("<script"):
        problems.append("a script before the Content-Security-Policy")
    if not parsed.title.endswith(ALL_ATTACKS):
        problems.append(f"title {parsed.title!r}")
    return [f"{page.relative_to(site)}: {problem}" for problem in problems]


def _script_problems(
    site: Path, page: Path, attributes: dict[str, str], shipped: set[str]
) -> list[str]:
    if attributes == {"id": "__config", "type": "application/json"}:
        return []  # Material's settings: data, never run
    source = attributes.get("src")
    if source is None:
        return [f"inline <script {attributes}>"]
    folder = page.parent.relative_to(site).as_posix()
    path = posixpath.normpath(source[1:] if source.startswith("/") else f"{folder}/{source}")
    return [] if path in shipped else [f"<script src={source!r}>"]


def test_corpus_pages_hold_only_what_scopesite_and_material_wrote(corpus_site: Path) -> None:
    pages = sorted(corpus_site.rglob("*.html"))
    shipped = shipped_scripts()
    problems = [problem for page in pages for problem in page_problems(corpus_site, page, shipped)]
    record(
        "injection corpus: fields x attack strings, pages scanned",
        f"{field_count()} x {len(ATTACKS)}, {len(pages)}",
    )
    assert problems == []
    assert len(pages) == 74  # with the requests A to Z page
    assert sorted(path for path in shipped if not (corpus_site / path).is_file()) == []


PAGE_TITLES = {
    "": "Home",
    "p0/scope/": "Scope of support",
    "wizards/f0/": ATTACKS[0],  # the question
    "wizards/f0/said-a/": ATTACKS[0],  # an outcome, titled by the author
    "guides/g3/": ATTACKS[3],
    "contact/": "Contact",
    "changes/": "Policy changes",
    "authors/wizards/": "Wizard maps for authors",  # out of the navigation: its heading
}
"""Representative pages of the corpus, by the title they must show."""

NAVIGATION = {
    "guides/g3/": [
        "Home",
        "Wizards",
        *ATTACKS,
        "Guides",
        *sorted(ATTACKS),
        "Policy changes",
        "Contact",
    ],
    "wizards/f0/": ["Home", flow_title(0), "Contact"],
}
"""Products by name, then guides by title; a wizard's pages list only that wizard."""

SEARCH_HELP = [*(flow_title(index) for index in range(4)), "Contact and business hours"]


@pytest.fixture(scope="module")
def corpus_server(corpus_site: Path) -> Iterator[str]:
    with serve_folder(corpus_site) as base:
        yield base


class _Visit:
    """One page opened in the browser, and what it tried to do."""

    def __init__(self, browser: Browser, url: str) -> None:
        self.url = url
        self.page = browser.new_page()
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.navigations: list[str] = []
        self.errors: list[str] = []
        page = self.page
        page.on("dialog", self._dismiss)
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("framenavigated", lambda frame: self.navigations.append(frame.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.goto(url, wait_until="networkidle")

    def _dismiss(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def texts(self, selector: str) -> list[str]:
        return [" ".join(text.split()) for text in self.page.locator(selector).all_text_contents()]

    def attribute(self, selector: str, name: str) -> str | None:
        return self.page.locator(selector).first.get_attribute(name)

    def attempts(self) -> list[str]:
        """Dialogs, navigations away, requests off this host and errors, after a pause
        long enough for a refresh after 0 seconds to happen."""
        self.page.wait_for_timeout(1000)
        self.page.close()
        away = [url for url in self.navigations if url.split("?")[0] != self.url]
        foreign = [url for url in self.requests if urlsplit(url).hostname != "127.0.0.1"]
        return (
            [f"dialog: {message}" for message in self.dialogs]
            + [f"went to {url}" for url in away]
            + [f"request to {url}" for url in foreign]
            + [f"error: {error}" for error in self.errors]
        )


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGE_TITLES)
def test_corpus_pages_run_nothing_and_show_the_text(
    browser: Browser, corpus_server: str, path: str
) -> None:
    visit = _Visit(browser, corpus_server + path)
    shown = {
        "title": visit.page.title(),
        "description": visit.attribute("meta[name=description]", "content"),
        "canonical": visit.attribute("link[rel=canonical]", "href"),
        "header": visit.texts(".md-header__topic .md-ellipsis"),
        "logo": visit.attribute(".md-header__button.md-logo", "title"),
        "search help": visit.texts(".scopesite-search-help a"),
        "navigation": visit.texts(".md-nav--primary .md-nav__link") if path in NAVIGATION else None,
    }
    assert visit.attempts() == []
    title = PAGE_TITLES[path]
    assert shown == {
        "title": f"{title} - {ALL_ATTACKS}" if path else ALL_ATTACKS,
        "description": ALL_ATTACKS,
        "canonical": BASE_URL + path,
        "header": [ALL_ATTACKS, title],
        "logo": ALL_ATTACKS,
        "search help": SEARCH_HELP,
        "navigation": NAVIGATION.get(path),
    }


@pytest.mark.browser
@pytest.mark.parametrize(("typed", "attack"), [("Chips", ATTACKS[7]), ("onerror", ATTACKS[1])])
def test_corpus_search_results_show_the_text(
    browser: Browser, corpus_server: str, typed: str, attack: str
) -> None:
    visit = _Visit(browser, corpus_server)
    search = visit.page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(typed)
    visit.page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    titles = visit.texts(".md-search-result__article h1, .md-search-result__article h2")
    assert visit.attempts() == []
    assert attack in titles
    assert [title for title in titles if typed in title and attack not in title] == []


NOT_HTTP = "is not a web address starting with https:// or http://"


def _refusal(site_config: str) -> str:
    """The report of a site_config.yml that must be refused."""
    with pytest.raises(ContentError) as raised:
        validate(parse_yaml(site_config, Path("site_config.yml")), SiteConfig)
    return raised.value.report()


@pytest.mark.parametrize(
    ("base_url", "error"),
    [
        ('"><script>alert(1)</script>', "'\"><script>alert(1)</script>' is not a web address: it holds a quote"),
        ("<img src=x onerror=alert(1)>", "'<img src=x onerror=alert(1)>' is not a web address: it holds '<'"),
        ("javascript:alert(1)", f"'javascript:alert(1)' {NOT_HTTP}"),
        ("</title><script>alert(1)</script>", "'</title><script>alert(1)</script>' is not a web address: it holds '<'"),
        ("{{ 7*7 }}", "'{{ 7*7 }}' is not a web address: it holds a space"),
        ("'\"--><svg onload=alert(1)>", "''\"--><svg onload=alert(1)>' is not a web address: it holds a quote"),
        ("<meta http-equiv=refresh content=0;url=//evil.example>", "'<meta http-equiv=refresh content=0;url=//evil.example>' is not a web address: it holds '<'"),
        ("Fish &amp; Chips &lt;b&gt;", "'Fish &amp; Chips &lt;b&gt;' is not a web address: it holds a space"),
        ('https://x.example/"><b>', "'https://x.example/\"><b>' is not a web address: it holds a quote"),
        ("https://x.example/ onmouseover=alert(1)", "'https://x.example/ onmouseover=alert(1)' is not a web address: it holds a space"),
        ("https://x.example/`", "'https://x.example/`' is not a web address: it holds a backquote"),
        ("https://x.example\\@evil.example/", "'https://x.example\\@evil.example/' is not a web address: it holds a backslash"),
        ("https://x.exam\x85ple/", "'https://x.exam\\x85ple/' is not a web address: it holds a space"),
        ("//evil.example/", f"'//evil.example/' {NOT_HTTP}"),
        ("data:text/html,hello", f"'data:text/html,hello' {NOT_HTTP}"),
        ("https:///path", f"'https:///path' {NOT_HTTP}"),
    ],
)  # fmt: skip
def test_a_base_url_that_is_not_a_web_address_is_refused(base_url: str, error: str) -> None:
    assert _refusal(f"name: N\nbase_url: {json.dumps(base_url)}\n") == (
        f"site_config.yml:2:11: error: {error}\n"
        "  hint: write the address the site is published at, e.g. https://support.example.com/\n"
        "1 error found"
    )


PATH_HINT = (
    "  hint: put the file in the project's assets/ folder and give its path from the project "
    "folder, e.g. 'assets/logo.svg'; allowed: {kinds}\n"
)
HOLDS = "holds a space, quote, backslash, '<' or '>', which a path of the site may not"
LOOK_PATHS = {
    **{attack: HOLDS for attack in ATTACKS},
    "javascript:alert(1)": "is not a path inside the project",
    "assets/../../../etc/passwd.png": "leaves or repeats a folder ('..', '.', '//')",
    "assets/x.svg#x onload=alert(1)": HOLDS,
    "data:image/svg+xml,<svg onload=alert(1)>": HOLDS,
    "//evil.example/x.png": "is not a path inside the project",
    "assets\\..\\x.png": HOLDS,
}
"""Each attack as a path of the look, and why it is refused: a path is never escaped,
only refused, as it names a file the site publishes."""
IMAGES = ".png, .jpg, .jpeg, .gif, .svg, .webp, .ico"


@pytest.mark.parametrize("attack", list(LOOK_PATHS))
@pytest.mark.parametrize(
    ("field", "kind", "kinds"),
    [("logo", "image", IMAGES), ("favicon", "image", IMAGES), ("css", "stylesheet", ".css")],
)
def test_look_paths_that_hold_attacks_are_refused(
    attack: str, field: str, kind: str, kinds: str
) -> None:
    value = json.dumps([attack] if field == "css" else attack)
    column = len(field) + 5 + (1 if field == "css" else 0)
    assert _refusal(f"name: N\nbase_url: {BASE_URL}\nlook:\n  {field}: {value}\n") == (
        f"site_config.yml:4:{column}: error: {kind} '{printable(attack)}' {LOOK_PATHS[attack]}\n"
        + PATH_HINT.format(kinds=kinds)
        + "1 error found"
    )


COLOUR_NAMES = {
    "primary": "red, pink, purple, deep-purple, indigo, blue, light-blue, cyan, teal, green, "
    "light-green, lime, yellow, amber, orange, deep-orange, brown, grey, blue-grey, black, white",
    "accent": "red, pink, purple, deep-purple, indigo, blue, light-blue, cyan, teal, green, "
    "light-green, lime, yellow, amber, orange, deep-orange",
}


@pytest.mark.parametrize("attack", [*ATTACKS, "#fff;}body{display:none", "indigo;x:url(//e)"])
@pytest.mark.parametrize("field", ["primary", "accent"])
def test_look_colours_that_hold_attacks_are_refused(attack: str, field: str) -> None:
    """A colour becomes CSS (look_css): only a name of the list or '#rrggbb' gets there."""
    text = f"name: N\nbase_url: {BASE_URL}\nlook:\n  {field}: {json.dumps(attack)}\n"
    assert _refusal(text) == (
        f"site_config.yml:4:{len(field) + 5}: error: '{printable(attack)}' is not a colour\n"
        f"  hint: write '#rrggbb' (e.g. '#1a4d8f') or one of Material's names: "
        f"{COLOUR_NAMES[field]}\n"
        "1 error found"
    )


def test_material_scripts_become_files_that_read_values_from_their_tag() -> None:
    files = script_overrides(MATERIAL / "partials" / "javascripts")
    partials = {path: text for path, text in files.items() if path.endswith(".html")}
    scripts = {path: text for path, text in files.items() if path.endswith(".js")}
    assert sorted(Path(path).name for path in partials) == [
        "announce.html", "base.html", "consent.html", "content.html", "outdated.html",
        "palette.html",
    ]  # fmt: skip
    assert [path for path, text in partials.items() if re.search(r"<script>", text)] == []
    assert sorted(re.sub(r"\.\w+\.js$", "", Path(path).name) for path in scripts) == [
        "announce-0", "base-0", "consent-0", "content-0", "content-1", "outdated-0", "palette-0",
    ]  # fmt: skip
    base = next(text for path, text in scripts.items() if "/base-0." in path)
    original = re.search(
        r"<script>(.*)</script>", (MATERIAL / "partials/javascripts/base.html").read_text()
    )
    assert original
    assert base == original[1].replace(
        '"{{ config.extra.scope | d(base_url) }}"',
        'document.currentScript.getAttribute("data-value-0")',
    )
    assert re.search(
        r'<script src="[^"]+" data-value-0="\{\{ \(config\.extra\.scope \| d\(base_url\)\) \| e \}\}"></script>',
        partials["partials/javascripts/base.html"],
    )


def test_the_page_check_finds_what_content_could_add(tmp_path: Path) -> None:
    page = tmp_path / "p" / "index.html"
    page.parent.mkdir()
    page.write_text(
        f'<html><head>\n<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>{html.escape(ALL_ATTACKS)}</title>"
        '<meta http-equiv=refresh content="0;url=//evil.example">'
        '<script src="../assets/scopesite.js"></script><script src="../evil.js"></script>'
        "<script>alert(1)</script><script type=module>alert(2)</script></head><body>"
        '<img src=x onerror=alert(3)><svg><a xlink:href="java&#9;script:alert(4)"></a></svg>'
        '<a href=" JavaScript:alert(5)">x</a><iframe src="data:text/html,x"></iframe>'
        '<a title="onclick=alert(6)">plain text in an attribute</a></body></html>'
    )
    assert page_problems(tmp_path, page, {"assets/scopesite.js"}) == [
        "p/index.html: <meta {'http-equiv': 'refresh', 'content': '0;url=//evil.example'}>",
        "p/index.html: <script src='../evil.js'>",
        "p/index.html: inline <script {}>",
        "p/index.html: inline <script {'type': 'module'}>",
        "p/index.html: <img onerror=…>",
        "p/index.html: <a xlink:href='java\\tscript:alert(4)'>",
        "p/index.html: <a href=' JavaScript:alert(5)'>",
        "p/index.html: <iframe src='data:text/html,x'>",
        "p/index.html: <iframe>",
    ]


MERMAID_ATTACKS = {
    "directive": "Plan %%{init: {'theme':'dark','themeCSS':'body{display:none}'}}%% here",
    "markdown string": "`**bold** text`",
    "new statement": "Plan\nclick q0 call alert(1)\nq0 --> q9",
    "comment": "Plan %% the rest is a comment",
    "entity": "Plan #lt;b#gt; &lt;b&gt;",
}


@pytest.mark.parametrize("text", MERMAID_ATTACKS.values(), ids=MERMAID_ATTACKS.keys())
def test_wizard_map_labels_are_text_to_mermaid(text: str) -> None:
    """A label holds no directive, comment, Markdown string or line break: each
    character Mermaid reads as syntax is an entity code, which it shows as text."""
    from generator.content.flow_model import FlowFile
    from generator.wizards.graph import mermaid

    flow = FlowFile.model_validate(
        {
            "flow": {
                "id": "f",
                "title": "F",
                "summary": "S",
                "start": "q",
                "questions": [
                    {
                        "id": "q",
                        "text": text,
                        "options": [{"value": "a", "label": text, "next": "o"}],
                    }
                ],
                "outcomes": [{"id": "o", "kind": "message", "title": text}],
            }
        }
    ).flow
    source = mermaid(flow)
    lines = source.splitlines()
    assert len(lines) == 4, source  # the header, two nodes and one edge
    labels = re.findall(r'"([^"]*)"', source)
    assert len(labels) == 3, source
    shown = " ".join(text.split())
    for label in labels:
        assert not re.search(r"[%`<>&\n\r]", label), label
        assert re.sub(r"#(\d+);", lambda code: chr(int(code[1])), label).startswith(shown)


TEL_OR_MAILTO = re.compile(r'href="((?:tel|mailto):[^"]*)"', re.IGNORECASE)


def test_contact_point_links_carry_one_scheme_and_no_markup(corpus_site: Path) -> None:
    """Every tel: and mailto: link the corpus's contact points make is the number's
    digits or the plain address: nothing a label or an attack string could add."""
    hrefs = {
        href
        for page in corpus_site.rglob("*.html")
        for href in TEL_OR_MAILTO.findall(page.read_text())
    }
    assert {h for h in hrefs if h.startswith("tel:")} == {f"tel:+155501{i:02}" for i in range(8)}
    assert {h for h in hrefs if h.startswith("mailto:")} == {
        "mailto:help@example.test",
        *(f"mailto:help{i}@example.test" for i in range(8)),
    }


@pytest.mark.parametrize("attack", ATTACKS)
@pytest.mark.parametrize(("kind", "valid"), [("phone", "+1 555 0100"), ("email", "a@b.example")])
def test_an_attack_string_is_no_phone_number_or_address(kind: str, valid: str, attack: str) -> None:
    """A phone number or an address is refused with an attack string in it, so the
    tel: or mailto: link made from it can hold none."""
    for value in (attack, f"{valid}{attack}", f"{attack}{valid}"):
        with pytest.raises(ValidationError):
            ContactPoint.model_validate({kind: value})
    ContactPoint.model_validate({kind: valid})


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_web_contact_point_is_a_web_address(attack: str) -> None:
    with pytest.raises(ValidationError):
        ContactPoint.model_validate({"web": attack})
