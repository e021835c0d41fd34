"""Per-plan reporting channels, and the rough edges of answers: the chosen product's
links, no empty sections, expectations of severity and channels, `ask` with a failing
expectation, and anchors that must exist."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import generate
from generator.content.project import Project
from tests.conftest import run_scopesite

MakeProject = Callable[[dict[str, str]], Path]

# The minimal fixture has Free (forum) and Pro (forum, ticket); this adds Enterprise,
# the one plan with the emergency phone, which prefers the phone for an outage.
EMERGENCY = """\
plans:
  - id: enterprise
    name: Enterprise
    products: [widget]
    summary: Around the clock.
    channels: [forum, ticket, phone]
channels:
  - id: phone
    name: Emergency phone
    kind: assisted
    summary: Call us at any hour.
    how: Call the number in your contract.
severities:
  - id: outage
    level: 2
    name: Outage
    products: [widget]
    definition: Production is down.
    report_via: [ticket, phone]
    response: 1 hour
    per_plan:
      - {plan: enterprise, report_via: [phone, ticket]}
"""

HOW_BAD = """\
    - id: how-bad
      text: How bad is it?
      options_from: {kind: severities}
      next: level
  outcomes:
    - {id: level, kind: severity}
"""
"""The last question of the test flows, and their outcome: the severity answer."""

REPORT_FLOW = (
    """\
flow:
  id: report
  title: How do I report it?
  summary: Your plan and how bad it is.
  start: which-plan
  facts: {product: widget}
  questions:
    - id: which-plan
      text: Which plan do you have?
      options_from: {kind: plans}
      next: how-bad
"""
    + HOW_BAD
    + """\
  expectations:
    - answers: {which-plan: pro, how-bad: outage}
      expect: {severity: outage, channels: [ticket]}
    - answers: {which-plan: enterprise, how-bad: outage}
      expect: {channels: [ticket, phone]}
    - answers: {which-plan: free, how-bad: outage}
      expect: {channels: [forum]}
"""
)


@pytest.fixture
def project(make_project: MakeProject) -> Path:
    return make_project(
        {"content/emergency.yml": EMERGENCY, "content/flows/report.yml": REPORT_FLOW}
    )


def markdown(project: Path) -> dict[str, str]:
    files = generate(Project.at(project)).files
    return {path: data.decode() for path, data in files.items() if path.endswith(".md")}


def outcome_page(pages: dict[str, str], flow: str, *facts: str) -> str:
    """The one page of ``flow``'s outcomes whose name holds every one of ``facts``."""
    found = [
        text
        for path, text in pages.items()
        if path.startswith(f"wizards/{flow}/level_") and all(f in path for f in facts)
    ]
    assert len(found) == 1, found
    return found[0]


def test_the_severity_page_shows_each_plan_only_the_channels_it_opens(project: Path) -> None:
    page = markdown(project)["widget/severities.md"]
    assert "| [Severity 2: Outage](#outage) | depends on your plan | 1 hour | not set |" in page
    assert (  # plans in the policy's order (content/emergency.yml comes first)
        "**Report via on Enterprise:** [Emergency phone](help.md#phone), "
        "[Ticket](help.md#ticket)\n\n"
        "**Report via on Free:** none (this plan does not include Ticket or Emergency phone). "
        "What it includes instead: [Forum](help.md#forum).\n\n"
        "**Report via on Pro:** [Ticket](help.md#ticket)\n"
    ) in page


def test_plans_that_report_alike_share_one_line(make_project: MakeProject) -> None:
    alike = EMERGENCY.replace("channels: [forum, ticket, phone]", "channels: [forum, ticket]")
    alike = alike.replace("report_via: [phone, ticket]}", "report_via: [ticket]}")
    project = make_project({"content/emergency.yml": alike})
    page = markdown(project)["widget/severities.md"]
    assert "**Report via on Enterprise, Pro:** [Ticket](help.md#ticket)\n" in page
    assert "Emergency phone](help.md#phone)" not in page.split('id="outage"')[1]


def test_a_plan_without_the_emergency_channel_is_not_shown_it(project: Path) -> None:
    pages = markdown(project)
    pro = outcome_page(pages, "report", "outage", "pro")
    assert "- **[Ticket](../../widget/help.md#ticket)**: Open a ticket in the portal." in pro
    assert "Emergency phone" not in pro
    enterprise = outcome_page(pages, "report", "outage", "enterprise")
    steps = [line for line in enterprise.splitlines() if line.startswith("- **[")]
    assert [step.split("]")[0] for step in steps] == ["- **[Emergency phone", "- **[Ticket"]


def test_a_plan_that_opens_none_is_told_so_and_pointed_elsewhere(project: Path) -> None:
    free = outcome_page(markdown(project), "report", "outage", "free")
    assert (
        "## Why\n\nFree does not include Ticket or Emergency phone, through which this "
        "severity is reported. What it includes instead: Forum.\n\nProduction is down.\n"
    ) in free
    assert "- **[Forum](../../widget/help.md#forum)**: Ask other users.\n" in free


def test_ask_shows_only_the_plans_channels(project: Path) -> None:
    answers = ("--answer", "how-bad=outage", "--flow", "report")
    pro = run_scopesite("ask", str(project), "--answer", "which-plan=pro", *answers)
    assert (pro.returncode, pro.stderr) == (0, "")
    assert "Next: Ticket (answers within 1 hour)\n" in pro.stdout
    assert "Emergency phone" not in pro.stdout
    free = run_scopesite("ask", str(project), "--answer", "which-plan=free", "--json", *answers)
    data = json.loads(free.stdout)
    assert [step["channel"] for step in data["next_steps"]] == ["forum"]
    assert data["why"][0] == (
        "Free does not include Ticket or Emergency phone, through which this severity is "
        "reported. What it includes instead: Forum."
    )


def test_ask_prints_the_answer_then_the_failing_expectations(make_project: MakeProject) -> None:
    failing = REPORT_FLOW.replace("expect: {channels: [forum]}", "expect: {channels: [ticket]}")
    project = make_project(
        {"content/emergency.yml": EMERGENCY, "content/flows/report.yml": failing}
    )
    result = run_scopesite(
        "ask", ".", "--flow", "report", "--answer", "which-plan=pro",
        "--answer", "how-bad=outage", cwd=project,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout.startswith("Severity 2: Outage\nFirst response goal: 1 hour\n")
    assert result.stderr == (
        "content/flows/report.yml:23:16: error: expectation failed: which-plan=free → "
        "how-bad=outage → level: expected channels ticket, got forum\n"
        "  hint: fix the content or the expectation, whichever is wrong\n"
        "1 error found\n"
    )


# ---------------------------------------------------------------- the chosen product

GADGET = """\
products:
  - id: gadget
    name: Gadget
    summary: Another product.
    delivered_via: [ticket]
plans:
  - id: gold
    name: Gold
    products: [gadget]
    summary: Gadget gold.
    channels: [ticket]
severities:
  - id: shared
    level: 3
    name: Slow
    products: [widget, gadget]
    definition: It is slow.
    report_via: [ticket]
    response: 1 day
"""

PRODUCT_FLOW = (
    """\
flow:
  id: report
  title: How do I report it?
  summary: Product, then how bad.
  start: which-product
  questions:
    - id: which-product
      text: Which product?
      options_from: {kind: products, having: severities}
      next: how-bad
"""
    + HOW_BAD
)


def test_answers_link_to_the_chosen_products_pages(make_project: MakeProject) -> None:
    project = make_project({"content/gadget.yml": GADGET, "content/flows/report.yml": PRODUCT_FLOW})
    page = outcome_page(markdown(project), "report", "shared", "gadget")
    assert "[Read this in the policy](../../gadget/severities.md#shared)" in page
    assert "- **[Ticket](../../gadget/help.md#ticket)**" in page
    result = run_scopesite(
        "ask", str(project), "--flow", "report", "--answer", "which-product=gadget",
        "--answer", "how-bad=shared",
    )  # fmt: skip
    assert "Policy: https://support.example.test/gadget/severities/#shared\n" in result.stdout


def test_a_cost_answer_links_to_the_chosen_products_pricing(make_project: MakeProject) -> None:
    rule = (
        "price_rules:\n  - id: setup\n    name: Setup help\n    products: [widget, gadget]\n"
        "    kind: fixed\n    amount: 5\n    unit: credits\n"
    )
    flow = (
        "flow:\n  id: cost\n  title: What will it cost?\n  summary: S\n"
        "  start: which-product\n  questions:\n"
        "    - id: which-product\n      text: Which product?\n"
        "      options_from: {kind: products, having: price_rules}\n      next: which-rule\n"
        "    - id: which-rule\n      text: What do you need?\n"
        "      options_from: {kind: price_rules}\n      next: price\n"
        "  outcomes:\n    - {id: price, kind: cost}\n"
        "  expectations:\n"
        "    - answers: {which-product: gadget, which-rule: setup}\n      expect: {cost: 5}\n"
    )
    files = {"content/gadget.yml": GADGET + rule, "content/flows/cost.yml": flow}
    pages = markdown(make_project(files))
    [page] = [t for p, t in pages.items() if p.startswith("wizards/cost/price_") and "gadget" in p]
    assert "[Read this in the policy](../../gadget/pricing.md#setup)" in page


def test_a_message_outcome_has_no_empty_why(make_project: MakeProject) -> None:
    flow = (
        "flow:\n  id: hello\n  title: Hello\n  summary: S\n  start: first\n  questions:\n"
        "    - id: first\n      text: Ready?\n"
        "      options: [{value: 'yes', label: 'Yes', next: done}]\n"
        "  outcomes:\n    - {id: done, kind: message, title: Go ahead, channels: [forum]}\n"
    )
    page = markdown(make_project({"content/flows/hello.yml": flow}))["wizards/hello/done.md"]
    assert "## Why" not in page
    assert "## What to do next\n\n- **[Forum](../../widget/help.md#forum)**" in page


# ---------------------------------------------------------------- anchors


def test_mkdocs_validates_anchors_as_warnings() -> None:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.site.mkdocs_settings import require

    config = MkDocsConfig()
    config.load_dict({"site_name": "S", "theme": {"name": "material"}})
    config.validate()
    require(config)
    assert config.validation.links.anchors == logging.WARNING


def test_a_link_to_a_missing_anchor_fails_a_strict_build(
    make_project: MakeProject, tmp_path: Path
) -> None:
    guide = (
        "---\ntitle: First steps\nsummary: S\nproducts: [widget]\n---\n"
        "See [the pager](../widget/help.md#pager).\n"
    )
    project = make_project({"content/guides/first-steps.md": guide})
    result = run_scopesite("build", str(project), "--strict", "--site-dir", str(tmp_path / "s"))
    assert result.returncode == 1
    assert (
        "Doc file 'guides/first-steps.md' contains a link '../widget/help.md#pager', but the "
        "doc 'widget/help.md' does not contain an anchor '#pager'."
    ) in result.stderr


def test_a_channel_of_another_product_links_to_the_page_that_describes_it(
    make_project: MakeProject, tmp_path: Path
) -> None:
    restricted = GADGET + (
        "channels:\n  - id: hotline\n    name: Hotline\n    kind: assisted\n"
        "    summary: Call us.\n    products: [widget]\n"
    )
    restricted = restricted.replace("channels: [ticket]\n", "channels: [ticket, hotline]\n", 1)
    restricted = restricted.replace("report_via: [ticket]", "report_via: [hotline, ticket]")
    project = make_project({"content/gadget.yml": restricted})
    page = markdown(project)["gadget/severities.md"]
    assert "[Hotline](../widget/help.md#hotline)" in page
    site = str(tmp_path / "s")
    result = run_scopesite("build", str(project), "--strict", "--site-dir", site, "-q")
    assert (result.returncode, result.stderr) == (0, "")
