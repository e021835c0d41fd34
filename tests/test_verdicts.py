"""The verdict model: a badge, a plan table or a search result never claims more
than every plan gives."""

from __future__ import annotations

import pytest

from generator.build import generate
from generator.content.models import Channel, ChannelKind, Plan, Verdict
from generator.content.project import Project, load_policy
from generator.policy.verdicts import (
    Access,
    Standing,
    access_to,
    can_use,
    standing_of,
    verdict_label,
)
from generator.search.index import SearchIndex
from tests.conftest import FIXTURES, REPO

PLAN = Plan(id="pro", name="Pro", products=["p"], summary="s", channels=["ticket", "phone"])


def channel(id: str, open_to_all: bool = False, charge: str | None = None) -> Channel:
    kind = ChannelKind.assisted
    return Channel(id=id, name=id, kind=kind, summary="s", open_to_all=open_to_all, charge=charge)


@pytest.mark.parametrize(
    ("verdicts", "expected"),
    [
        ([Verdict.covered, Verdict.covered], Standing.covered),
        ([Verdict.covered, Verdict.not_covered], Standing.depends_on_plan),
        ([Verdict.conditional, Verdict.covered], Standing.depends_on_plan),
        ([Verdict.not_covered], Standing.not_covered),
        ([], Standing.paid),  # no plans to differ: the item's own verdict
    ],
)
def test_an_item_stands_at_the_verdict_every_plan_gives(
    verdicts: list[Verdict], expected: Standing
) -> None:
    assert standing_of(verdicts, Verdict.paid) is expected


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (channel("ticket"), Access.included),
        (channel("phone", charge="Per incident."), Access.paid_add_on),
        (channel("forum", open_to_all=True), Access.included),
        (channel("consulting", open_to_all=True, charge="At extra charge."), Access.paid_add_on),
        (channel("chat"), Access.not_included),
    ],
)
def test_a_plan_stands_with_a_channel(found: Channel, expected: Access) -> None:
    assert access_to(PLAN, found) is expected
    assert can_use(PLAN, found) is (expected is not Access.not_included)


def test_every_verdict_and_standing_has_a_name() -> None:
    assert [verdict_label(v) for v in Verdict] == [
        "Covered",
        "Covered with conditions",
        "Not covered",
        "Paid",
    ]
    assert verdict_label(Standing.depends_on_plan) == "Depends on your plan"


def _section(page: str, anchor: str) -> str:
    return page.split(f'<h3 id="{anchor}"', 1)[1].split("<h3 ", 1)[0]


def test_an_item_covered_on_one_plan_only_is_not_badged_covered() -> None:
    """'How-to questions' is covered on Pro, not on Free (it has no ticket)."""
    page = generate(Project.at(FIXTURES / "minimal")).files["widget/scope.md"].decode()
    how_to = _section(page, "how-to")
    assert (
        '<span class="scopesite-verdict scopesite-verdict--depends_on_plan">'
        '<span aria-hidden="true">◐</span> Depends on your plan</span>'
    ) in how_to
    assert "Covered</span>" not in how_to
    assert "- [Free](plans.md#free): Not covered. This is handled only through Ticket" in how_to
    assert "- [Pro](plans.md#pro): Covered\n" in how_to
    custom = _section(page, "custom-code")  # not covered on any plan: it says so
    assert '<span aria-hidden="true">✗</span> Not covered</span>' in custom


def test_search_results_give_the_verdict_the_scope_page_gives() -> None:
    index = SearchIndex(load_policy(Project.at(FIXTURES / "minimal")))
    hit = next(hit for hit in index.search("how-to questions") if hit.key == "how-to")
    assert hit.verdict == "Depends on your plan"


def test_a_channel_bought_at_extra_charge_reads_paid_add_on_in_the_plan_table() -> None:
    """Emergency 24x7 Support is bought per incident: no plan includes it."""
    files = generate(Project.at(REPO / "examples" / "smartertools")).files
    page = files["smartertools/plans.md"].decode()
    row = next(line for line in page.splitlines() if line.startswith("| [Emergency 24x7"))
    assert row == (
        "| [Emergency 24x7 Support](help.md#emergency-support) | + Paid add-on | "
        "✗ Not included | + Paid add-on | + Paid add-on | "
    )
    assert "+ means its holders can use it at an extra charge." in page
    support = next(line for line in page.splitlines() if line.startswith("| [Support ticket"))
    assert "✓ Included" in support and "Paid add-on" not in support


def test_each_plans_lists_say_what_its_table_column_says() -> None:
    """A channel open to every customer is included; one bought per incident is extra."""
    files = generate(Project.at(REPO)).files
    page = files["imacros/plans.md"].decode()
    section = page.split('<h2 id="imacros-personal"')[1].split("<h2 ")[0]
    lines = [line for line in section.splitlines() if line.startswith("- **")]
    assert lines[-2:] == [
        "- **Includes:** [iMacros forum](help.md#imacros-forum), [iMacros online documentation]"
        "(help.md#imacros-docs), [Progress Knowledge Base](help.md#progress-kb), "
        "[Progress Sales Team](help.md#imacros-sales)",
        "- **At an extra charge:** [Progress Professional Services]"
        "(help.md#imacros-professional-services)",
    ]
