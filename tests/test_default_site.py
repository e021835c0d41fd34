"""The built default site carries the facts of seeds 000 (iMacros) and 003 (Sitefinity)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.content.project import Project, load_policy
from generator.search.shards import all_docs
from tests.conftest import REPO


def page_text(site: Path, page: str) -> str:
    raw = (site / page / "index.html").read_text()
    main = raw[raw.index("<article") : raw.index("</article>")]
    main = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", main)  # the ¶ permalinks
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main)))


def test_every_scope_item_has_its_own_anchor_on_its_product_page(default_site: Path) -> None:
    policy = load_policy(Project.at(REPO))
    for item in policy.scope.values():
        scope = (default_site / item.product / "scope/index.html").read_text()
        assert f'id="{item.id}"' in scope, item.id
    assert len(policy.scope) == 68


@pytest.mark.parametrize(
    ("page", "facts"),
    [
        (
            "imacros/plans",
            [
                "Personal Edition Community help only: no access to Technical Support or phone assistance",
                "iMacros Technical Support ✗ Not included ✓ Included ✓ Included ✗ Not included",
                "Pre-sales engineers ✗ Not included ✗ Not included ✗ Not included ✓ Included",
            ],
        ),
        (
            "imacros/scope",
            [
                "A request that appears in neither list counts as not covered",
                # covered with conditions on Professional and Enterprise, not on Personal
                # Edition: the badge claims no more than every plan gives
                "Diagnosing bugs in product extensibility through the iMacros API ◐ Depends on "
                "your plan Conditions: You isolate the issue to a sample of reproducible code first.",
                "Circumventing safeguards or bypassing security mechanisms ✗ Not covered",
                "data loss prevention (DLP)",
                "Support may ask for your original, pre-upgrade code",
                "Personal Edition : Not covered. This is handled only through iMacros Technical "
                "Support or iMacros phone assistance, and Personal Edition does not include any "
                "of them.",
                "Contact: Pre-sales engineers",
            ],
        ),
        (
            "imacros/help",
            [
                "Its purpose is to observe the behaviour, not to implement, debug or change your code",
                "Progress Professional Services Consulting for work that falls outside the scope",
            ],
        ),
        (
            "sitefinity/severities",
            [
                "Severity 1: Production System Down Sitefinity phone support under 1 hour 7 business days",
                "Severity 2: Restricted Operations Sitefinity phone support or Sitefinity Support center "
                "(log a case) 1 business day 14 business days",
                "Severity 3: Question, Inconvenience or Cosmetic issue Sitefinity Support center (log a "
                "case) 1 business day 21 business days",
            ],
        ),
        (
            "sitefinity/help",
            [
                "The support team responds within 24 hours",
                "Only licensed users can log cases.",
                "Upgrading or migrating projects",
                "Your account manager Sales questions about licensing, purchase and renewal. Who can "
                "use it: holders of Evaluation (no licence) , Licensed, with Support package",
                "You want to report a problem and have the engineers open a ticket for you ✓ Yes ✗ No",
                "Your situation Sitefinity phone support Sitefinity Support center (log a case)",
                "You need assistance with product and environment configuration ✗ No ✓ Yes",
            ],
        ),
        (
            "sitefinity/plans",
            [
                "Mission Critical support",
                "A designated Customer Success Manager (CSM)",
                "Added to: Licensed, with Support package",
                "Critical issues are acknowledged within an hour.",
            ],
        ),
        (
            "guides/sitefinity-licensed-users",
            [
                "access to the SupportLink portal is granted within 48 hours",
                "Group addresses and distribution lists",
                "Manage users",
            ],
        ),
        (
            "guides/sitefinity-case-collaboration",
            [
                "cs-supportlink-help@progress.com",
                '"Configure view and share permissions for Sitefinity developers"',
                "They will then see all cases opened under this account.",
            ],
        ),
        (
            "guides/sitefinity-escalation",
            [
                "Your production environment is impacted in a critical way.",
                "arrange conference calls and status updates",
            ],
        ),
    ],
)
def test_seed_facts_are_on_their_pages(default_site: Path, page: str, facts: list[str]) -> None:
    text = page_text(default_site, page)
    for fact in facts:
        assert fact in text, fact


def test_phone_versus_ticket_table_has_every_row_of_the_policy(default_site: Path) -> None:
    table = (default_site / "sitefinity/help/index.html").read_text()
    table = table[table.index('id="which-channel"') :]
    assert table.count("<tr>") == 12  # header + 11 situations


def test_scope_items_are_in_the_search_index(default_site: Path) -> None:
    titles = {doc["title"] for doc in all_docs(default_site / "search")}
    assert "Circumventing safeguards or bypassing security mechanisms" in titles
    assert "Upgrading or migrating projects" in titles


def test_no_page_loads_anything_from_another_host(default_site: Path) -> None:
    """Links may point anywhere; what a page loads (scripts, styles, images) may not."""
    loads = re.compile(r"<(script|img|iframe|source|link)\b[^>]*>")
    remote = re.compile(r'\b(src|href)="(https?:)?//')
    pages = sorted(default_site.rglob("*.html"))
    for page in pages:
        for tag in loads.finditer(page.read_text()):
            if 'rel="canonical"' not in tag[0]:
                assert not remote.search(tag[0]), (page, tag[0])
    assert len(pages) == 297  # 19 policy pages (requests A to Z among them), 277 wizard pages, 404
