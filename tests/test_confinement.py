"""Pages named by content stay inside the project, and distinct answers get distinct
pages: built end to end with check, build and serve, beside a sentinel folder that
every run must leave empty."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from tests.browser import free_port
from tests.conftest import FIXTURES, run_scopesite

VERSIONS = [
    "1.0",
    "2.0",
    "..",
    ".hidden",
    "1.0.",
    "%2e%2e%2fvictim",
    "~victim",
    "Ünïcödé 2024 R1",
    "CON",
    "con",
    "a_b",
    "a-b",
]
"""Versions a path could trip over that are still versions: all build, each its own page."""

PRICE_RULE = """
price_rules:
  - id: flat
    name: Flat
    products: [widget]
    kind: fixed
    amount: 10
    unit: USD
"""

JOINED_FLOW = """flow:
  id: joined
  title: Joined answers
  summary: Two answers that an underscore would have joined alike.
  start: first
  facts: {product: widget}
  questions:
    - id: first
      text: First answer?
      options:
        - {value: x, label: x, set: {from_version: x}, next: second}
        - {value: x_y, label: x_y, set: {from_version: x_y}, next: second}
        - {value: Pro, label: Pro, set: {from_version: Pro}, next: second}
        - {value: pro, label: pro, set: {from_version: pro}, next: second}
    - id: second
      text: Second answer?
      options:
        - {value: y_z, label: y_z, set: {to_version: y_z}, next: third}
        - {value: z, label: z, set: {to_version: z}, next: third}
    - id: third
      text: Third answer?
      options:
        - {value: flat, label: Flat, set: {price_rule: flat}, next: cost}
  outcomes:
    - {id: cost, kind: cost}
"""
"""The third question's pages hold from_version and to_version side by side."""

VERSIONS_FLOW = """flow:
  id: versions
  title: Which version?
  summary: One page per version.
  start: which
  facts: {product: widget, price_rule: flat}
  questions:
    - id: which
      text: Which version?
      options_from: {kind: versions, fact: to_version}
      next: cost
  outcomes:
    - {id: cost, kind: cost}
"""

GUIDES = ["Guide.md", "more/guide.md", "..md", ".hidden.md", "Ünïcödé.md", "CON.md"]
"""File names that differ only in case, fold to one name, or start with dots."""


def _project(root: Path, versions: list[str]) -> Path:
    project = root / "project"
    shutil.copytree(
        FIXTURES / "minimal", project, ignore=shutil.ignore_patterns("site", ".scopesite")
    )
    policy = project / "content" / "widget.yml"
    quoted = ", ".join('"' + v.replace("\\", "\\\\") + '"' for v in versions)
    text = policy.read_text().replace('versions: ["1.0", "1.1", "2.0"]', f"versions: [{quoted}]")
    policy.write_text(text + PRICE_RULE)
    (project / "content" / "flows" / "joined.yml").write_text(JOINED_FLOW)
    (project / "content" / "flows" / "versions.yml").write_text(VERSIONS_FLOW)
    for index, name in enumerate(GUIDES):
        guide = project / "content" / "guides" / name
        guide.parent.mkdir(parents=True, exist_ok=True)
        guide.write_text(f"---\ntitle: Guide {index}\nsummary: From {name}.\n---\nText {index}.\n")
    return project


def _outside(root: Path, project: Path) -> list[str]:
    """Every file under ``root`` that is not the project's."""
    return sorted(
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file() and not path.is_relative_to(project)
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("confined")
    (root / "victim").mkdir()
    project = _project(root, VERSIONS)
    checked = run_scopesite("check", str(project))
    assert checked.returncode == 0, checked.stderr
    result = run_scopesite("build", str(project), "--strict", "-q")
    assert result.returncode == 0, result.stderr
    assert _outside(root, project) == []
    return project, checked.stdout


def test_check_counts_every_page_and_build_writes_every_one(built: tuple[Path, str]) -> None:
    project, summary = built
    assert summary == (
        "ok: content is valid; 58 pages\n"
        "  wizard covered: 3 question pages, 4 outcome pages\n"
        "  wizard joined: 13 question pages, 8 outcome pages\n"
        "  wizard versions: 1 question pages, 12 outcome pages\n"
    )
    docs = project / ".scopesite" / "docs"
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    assert len(pages) == 58  # the requests A to Z page among them
    assert len({page.casefold() for page in pages}) == 58  # one file system ignoring case too
    html_pages = list((project / "site").rglob("index.html"))
    assert len(html_pages) == 58


_VALUE = r'<dd class="scopesite-summary-value">([^<]*)</dd>'
"""An answer's value in the 'Your answers so far' summary list."""


def test_every_answer_has_its_own_page_showing_its_own_answers(built: tuple[Path, str]) -> None:
    """Before, a page was named by its node and values joined with '_': 'x' + 'y_z'
    and 'x_y' + 'z' were one page, which showed one pair's answers for both."""
    project, _ = built
    site = project / "site" / "wizards" / "joined"
    pairs = [(first, second) for first in ("x", "x_y", "Pro", "pro") for second in ("y_z", "z")]
    assert len({"_".join(["third", *pair]) for pair in pairs}) == len(pairs) - 1
    pages = sorted(p.name for p in site.iterdir() if p.name.startswith("third_"))
    assert pages == [
        "third_pro_y-z~191d899d63",
        "third_pro_z",
        "third_pro~e87f400766_y-z~191d899d63",
        "third_pro~e87f400766_z",
        "third_x-y~465a3fabf5_y-z~191d899d63",
        "third_x-y~465a3fabf5_z",
        "third_x_y-z~191d899d63",
        "third_x_z",
    ]
    shown = []
    for page in pages:
        text = (site / page / "index.html").read_text()
        answers = re.findall(rf"<dt>(First|Second) answer\?</dt>\s*{_VALUE}", text)
        shown.append(tuple(html.unescape(value) for _, value in answers))
    assert sorted(shown) == sorted(pairs)
    headlines = sorted(_heading(page) for page in site.glob("cost_*/index.html"))
    assert headlines == sorted(f"Flat ({first} → {second}): 10 USD" for first, second in pairs)


def test_every_version_has_its_own_page(built: tuple[Path, str]) -> None:
    project, _ = built
    site = project / "site" / "wizards" / "versions"
    index = (site / "index.html").read_text()
    links = re.findall(r'<a href="(cost_[^"/]*)/">([^<]*)</a>', index)
    assert sorted(html.unescape(label) for _, label in links) == sorted(VERSIONS)
    for target, label in links:
        answered = (site / target / "index.html").read_text()
        answers = re.findall(rf"<dt>Which version\?</dt>\s*{_VALUE}", answered)
        assert [html.unescape(value) for value in answers] == [html.unescape(label)]
    assert len({target for target, _ in links}) == len(VERSIONS)


def test_every_guide_has_its_own_page(built: tuple[Path, str]) -> None:
    project, _ = built
    guides = project / "site" / "guides"
    titles = sorted(_heading(page) for page in guides.glob("*/index.html"))
    assert titles == ["First steps", *(f"Guide {index}" for index in range(len(GUIDES)))]
    assert sorted(p.name for p in guides.iterdir()) == [
        "con~4775d0032f",
        "first-steps",
        "guide",
        "guide~3673fe92bf",
        "hidden~249b76c9ad",
        "unicode~6ea120bcdb",
        "v~93d29c0f3c",
    ]


def _heading(page: Path) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(), re.S)
    assert found, page
    text = re.sub(r'<a class="headerlink".*?</a>', "", found[1])
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def _paths_to(victim: Path) -> dict[str, str]:
    """Versions that name a file in ``victim``: climbing up, absolute, and Windows'."""
    relative = "x/" + "../" * 12 + str(victim).lstrip("/") + "/NOTES"
    windows = "..\\" * 12 + str(victim).lstrip("/").replace("/", "\\") + "\\NOTES"
    return {"relative": relative, "absolute": str(victim / "NOTES"), "windows": windows}


@pytest.mark.parametrize("kind", ["relative", "absolute", "windows"])
@pytest.mark.parametrize("command", ["check", "build", "serve"])
def test_a_version_that_is_a_path_writes_nothing_anywhere(
    tmp_path: Path, command: str, kind: str
) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    version = _paths_to(victim)[kind]
    project = _project(tmp_path, ["1.0", version, "2.0"])
    args = [command, str(project)] + (
        ["-a", f"127.0.0.1:{free_port()}"] if command == "serve" else []
    )
    result = run_scopesite(*args)
    separator = "\\" if kind == "windows" else "/"
    error = (
        f"{project}/content/widget.yml:5:23: error: version '{version}' holds '{separator}'\n"
        "  hint: a version names pages of the site: write it as text such as '4.3.1' or "
        "'2024 R1', without '/', '\\' or line breaks\n"
        "1 error found\n"
    )
    assert result.returncode == 1
    if command == "check":
        assert result.stderr == error
    else:
        assert error in result.stderr
    assert _outside(tmp_path, project) == []
    assert list(victim.iterdir()) == []
