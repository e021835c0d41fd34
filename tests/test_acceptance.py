"""Acceptance: customers' questions, per seed policy, answered by the built sites.

Each question in tests/acceptance/*.yml is answered by following links in the
built HTML, by their visible text, from a wizard's first page (or by reading one
page), exactly as a reader without JavaScript would.
"""

from __future__ import annotations

import html
import re
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

CASES = Path(__file__).resolve().parent / "acceptance"
LINK = re.compile(r'<a href="([^"#]*)(?:#[^"]*)?"[^>]*>(.*?)</a>', re.S)


def load_cases() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    cases = []
    for path in sorted(CASES.glob("*.yml")):
        spec = yaml.safe_load(path.read_text())
        cases += [(path.stem, spec, question) for question in spec["questions"]]
    return cases


CASE_LIST = load_cases()


def article(site: Path, page: str) -> str:
    raw = (site / page / "index.html").read_text()
    return raw[raw.index("<article") : raw.index("</article>")]


def text_of(site: Path, page: str) -> str:
    plain = re.sub(r"<[^>]+>", " ", article(site, page))
    return re.sub(r"\s+", " ", html.unescape(plain))


def follow(site: Path, page: str, label: str) -> str:
    """The page that the link with exactly this text leads to."""
    for href, text in LINK.findall(article(site, page)):
        if html.unescape(re.sub(r"<[^>]+>", "", text)).strip() == label:
            return _normal(f"{page}/{href}")
    raise AssertionError(f"no link '{label}' on {page}")


def _normal(path: str) -> str:
    parts: list[str] = []
    for part in PurePosixPath(path).parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def test_every_seed_has_at_least_ten_questions() -> None:
    counts: dict[str, int] = {}
    for name, _, _ in CASE_LIST:
        counts[name] = counts.get(name, 0) + 1
    assert sorted(counts) == [
        "seed-000-imacros",
        "seed-001-support-credits",
        "seed-002-smartertools",
        "seed-003-sitefinity",
        "seed-004-enterprise-linux",
    ]
    assert min(counts.values()) >= 10, counts


@pytest.mark.parametrize(
    ("seed", "spec", "question"),
    CASE_LIST,
    ids=[f"{name}:{q['ask'][:50]}" for name, _, q in CASE_LIST],
)
def test_the_site_answers_the_customer(
    sites: dict[str, Path], seed: str, spec: dict[str, Any], question: dict[str, Any]
) -> None:
    site = sites[spec["project"]]
    if "page" in question:
        page = question["page"]
    else:
        page = f"wizards/{question['wizard']}"
        for label in question["choose"]:
            page = follow(site, page, str(label))
    answer = text_of(site, page)
    for expected in question["answer"]:
        assert expected in answer, f"{question['ask']} → {page}: missing {expected!r}"


@pytest.mark.parametrize(
    "project",
    [".", "examples/smartertools", "examples/support-credits", "examples/enterprise-linux"],
)
def test_every_scope_item_is_in_its_sites_search_index(
    sites: dict[str, Path], project: str
) -> None:
    from generator.content.project import Project, load_policy
    from generator.search.shards import all_docs

    titles = {html.unescape(doc["title"]) for doc in all_docs(sites[project] / "search")}
    policy = load_policy(Project.at(REPO / project))
    missing = [item.title for item in policy.scope.values() if item.title not in titles]
    assert missing == []
    assert len(policy.scope) >= 7
