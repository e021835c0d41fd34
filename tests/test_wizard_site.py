"""The built default site answers every coverage question in three choices from home,
through plain links (no JavaScript needed), with a reasoned outcome."""

from __future__ import annotations

import html
import re
from pathlib import Path, PurePosixPath

import pytest

from generator.content.project import Project, load_policy
from generator.policy.derive import Derived, derive
from generator.render.environment import environment
from generator.render.wording import Wording
from generator.search.shards import all_docs
from tests.conftest import REPO

LINK = re.compile(r'<a href="([^"#]*)(?:#[^"]*)?"[^>]*>(.*?)</a>', re.S)


@pytest.fixture(scope="module")
def derived() -> Derived:
    return derive(load_policy(Project.at(REPO)))


def links(site: Path, page: str) -> dict[str, str]:
    """Link text → target page (as a site path ending in '/') of a built page."""
    raw = (site / page / "index.html").read_text()
    article = raw[raw.index("<article") : raw.index("</article>")]
    found = {}
    for href, text in LINK.findall(article):
        label = html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
        target = PurePosixPath(page) / href if page else PurePosixPath(href)
        found.setdefault(label, _normal(str(target)))
    return found


def _normal(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/".join(parts)


def text_of(site: Path, page: str) -> str:
    raw = (site / page / "index.html").read_text()
    article = raw[raw.index("<article") : raw.index("</article>")]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", article)))


def test_every_item_of_both_seeds_is_three_choices_from_home(
    default_site: Path, derived: Derived
) -> None:
    policy = derived.policy
    checked = 0
    wording = Wording(environment(None))
    home = links(default_site, "")
    for product in policy.products.values():
        licence_page = home[product.name]
        for plan in policy.plans_for(product):
            need_page = links(default_site, licence_page)[plan.name]
            choices = links(default_site, need_page)
            verdicts = {derived.coverage_for(plan, i).verdict for i in policy.scope_for(product)}
            if verdicts == {"not_covered"}:  # the answer at once, each request still listed
                assert text_of(default_site, need_page).startswith(
                    f" Back Nothing is covered on {plan.name} ✗ Not covered "
                )
            for item in policy.scope_for(product):
                outcome = text_of(default_site, choices[item.title])
                coverage = derived.coverage_for(plan, item)
                verdict = {
                    "covered": "✓ Covered",
                    "conditional": "✓ Covered with conditions",
                    "not_covered": "✗ Not covered",
                    "paid": "+ Paid",
                }[coverage.verdict]
                assert outcome.startswith(f" Back {item.title}: "), outcome[:80]
                assert verdict in outcome[:300]
                assert "Why " in outcome and wording.coverage_reason(coverage) in outcome
                assert "Your answers so far" in outcome
                checked += 1
    assert checked == 228  # 4 iMacros licences x 46 items + 2 Sitefinity plans x 22 items


def test_outcome_links_to_the_policy_clause(default_site: Path) -> None:
    page = (
        "wizards/is-it-covered/coverage-verdict_imacros-bypass-security_imacros-enterprise_imacros"
    )
    assert links(default_site, page)["Read this in the policy"] == "imacros/scope"
    raw = (default_site / page / "index.html").read_text()
    assert 'href="../../../imacros/scope/#imacros-bypass-security"' in raw


def test_wizard_steps_are_left_out_of_search_but_starts_are_in_the_nav(default_site: Path) -> None:
    locations = [doc["location"] for doc in all_docs(default_site / "search")]
    assert not [location for location in locations if "coverage-verdict_" in location]
    assert "imacros/scope/#imacros-upgrades" in locations
    home = (default_site / "index.html").read_text()
    assert 'href="wizards/is-it-covered/"' in home
