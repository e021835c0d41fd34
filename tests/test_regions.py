"""Business hours by region (site_config.yml 'regions') and channels answered in a
plan's goal hours ('answered_in_goal_hours'), on examples/enterprise-linux: the rule
that picks a goal's hour set, the wizard's region question with its 'due by' data,
and what the severity and contact pages say."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.build import generate
from generator.content.fields import Duration
from generator.content.project import Project, load_policy
from generator.content.resolve import Policy
from generator.policy.derive import counted_goal, derive, goals_for
from generator.render.wizard_pages import due_attributes
from generator.wizards.compile import compile_wizards
from generator.wizards.outcomes import Answer
from generator.wizards.states import CompiledFlow
from generator.wizards.walk import walk
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "enterprise-linux"
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"]


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy(Project.at(EXAMPLE))


@pytest.fixture(scope="module")
def which_severity(policy: Policy) -> CompiledFlow:
    return compile_wizards(derive(policy))["which-severity"]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    files = generate(Project.at(EXAMPLE)).files
    return {path: data.decode() for path, data in files.items() if path.endswith(".md")}


def test_a_known_region_chooses_the_set_of_a_goal_in_business_hours(policy: Policy) -> None:
    four = Duration.parse("4 business hours")
    emea = counted_goal(policy, four, (None,), "emea")
    assert emea.hours is not None and emea.hours.id == "europe"
    assert emea.region is not None and emea.region.name == "Europe, the Middle East and Africa"
    america = counted_goal(policy, four, ("business-hours",), "north-america")
    assert america.hours is not None and america.hours.id == "business-hours"
    assert america.regions == ()


def test_an_unknown_region_lists_every_region_and_counts_in_none(policy: Policy) -> None:
    goal = counted_goal(policy, Duration.parse("1 business day"), (None,), None)
    assert goal.hours is None
    assert [(r.id, r.hours.id) for r in goal.regions] == [
        ("north-america", "business-hours"),
        ("emea", "europe"),
        ("asia-pacific", "asia-pacific"),
    ]
    assert due_attributes(goal) == ""  # no 'due by' in one region's hours, silently


def test_a_named_set_or_plain_time_ignores_the_region(policy: Policy) -> None:
    business = Duration.parse("1 business hour")
    clock = counted_goal(policy, business, ("around-the-clock",), "emea")
    assert clock.hours is not None and clock.hours.id == "around-the-clock"
    assert clock.region is None
    plain = counted_goal(policy, Duration.parse("2 hours"), (None,), "emea")
    assert plain.hours is not None and plain.hours.id == "business-hours"
    assert plain.regions == () and plain.region is None


def test_severity_goals_follow_the_region(policy: Policy) -> None:
    sev3 = policy.severities["sev-3"]
    default, premium, _ = goals_for(policy, sev3, "asia-pacific")
    assert premium.plan is not None and premium.plan.id == "premium"
    assert [g.response.hours.id for g in (default, premium) if g.response.hours] == [
        "asia-pacific",
        "asia-pacific",
    ]
    sev1 = goals_for(policy, policy.severities["sev-1"], "asia-pacific")[1]
    assert sev1.response.hours is not None and sev1.response.hours.id == "around-the-clock"


def answer_of(compiled: CompiledFlow, answers: dict[str, str]) -> Answer:
    _, state = walk(compiled, answers)
    assert state.answer is not None
    return state.answer


def test_the_wizard_asks_the_region_only_where_the_goal_depends_on_it(
    which_severity: CompiledFlow,
) -> None:
    asked = {key[0] for key in which_severity.states}
    assert "which-region" in asked
    regions = [key for key in which_severity.states if key[0] == "which-region"]
    severities_asked = sorted((dict(k[1])["plan"], dict(k[1])["severity"]) for k in regions)
    assert severities_asked == [
        ("premium", "sev-3"),
        ("premium", "sev-4"),
        ("standard", "sev-1"),
        ("standard", "sev-2"),
        ("standard", "sev-3"),
        ("standard", "sev-4"),
    ]
    state = which_severity.states[regions[0]]
    assert [(c.value, c.label) for c in state.choices] == [
        ("north-america", "North America"),
        ("emea", "Europe, the Middle East and Africa"),
        ("asia-pacific", "Asia Pacific"),
    ]


def test_the_answer_counts_due_by_in_the_regions_hours(which_severity: CompiledFlow) -> None:
    answers = {
        "is-business-stopped": "yes",
        "which-subscription-urgent": "standard",
        "which-region": "emea",
    }
    result = answer_of(which_severity, answers)
    assert result.response is not None
    assert json.loads(due_attributes(result.response)) == {
        "amount": 1,
        "unit": "hour",
        "business": True,
        "hours": {
            "timezone": "Europe/London",
            "days": WEEKDAYS,
            "opens": "09:00",
            "closes": "17:00",
            "holidays": ["2026-12-25", "2026-12-28", "2027-01-01"],
        },
    }
    assert [(s.channel.id, s.answered_in) for s in result.next_steps] == [
        ("customer-portal", None),
        ("phone", None),
    ]


def test_premium_phone_is_answered_around_the_clock_for_severity_1(
    which_severity: CompiledFlow,
) -> None:
    answers = {"is-business-stopped": "yes", "which-subscription-urgent": "premium"}
    result = answer_of(which_severity, answers)
    assert [
        (s.channel.id, s.answered_in.id if s.answered_in else None) for s in result.next_steps
    ] == [
        ("customer-portal", "around-the-clock"),
        ("phone", "around-the-clock"),
    ]
    assert result.response is not None
    assert json.loads(due_attributes(result.response)) == {
        "amount": 1,
        "unit": "hour",
        "business": False,
    }


def test_the_severity_page_states_the_hours_of_each_region(pages: dict[str, str]) -> None:
    page = pages["example-linux/severities.md"]
    assert (
        "Goals in business hours or business days count in the business hours of the region\n"
        "of your customer account, unless they name other hours:\n\n"
        "- **[North America](../contact.md#business-hours):** 09:00 to 18:00, America/New_York time\n"
        "- **[Europe, the Middle East and Africa](../contact.md#hours-europe):** 09:00 to 17:00, "
        "Europe/London time\n"
        "- **[Asia Pacific](../contact.md#hours-asia-pacific):** 09:00 to 17:00, Asia/Tokyo time\n"
    ) in page
    assert (
        "**Report via on Premium:** [Customer Portal support case](help.md#customer-portal), "
        "[Phone support](help.md#phone); answered around the clock (24x7) for this severity"
    ) in page
    assert (
        "- **Standard first response:** 1 business day (counted in the business hours of your "
        "region)"
    ) in page


def test_the_contact_page_lists_the_regions(pages: dict[str, str]) -> None:
    page = pages["contact.md"]
    assert (
        "| Region | Takes in | Business hours |\n|---|---|---|\n"
        "| North America | United States, Canada and Mexico | "
        "[09:00 to 18:00, America/New_York time](#business-hours) |\n"
    ) in page
    assert "The business hours of North America:" in page


NO_REGION_FLOW = """\
flow:
  id: no-region
  title: How fast, wherever I am?
  summary: A Severity 3 goal without asking the region.
  start: which-plan
  facts: {product: example-linux, severity: sev-3}
  questions:
    - id: which-plan
      text: Which subscription?
      options_from: {kind: plans}
      next: goal
  outcomes:
    - id: goal
      kind: severity
"""


def test_an_answer_without_a_region_names_every_regions_hours(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(EXAMPLE, project)
    (project / "content" / "flows" / "no-region.yml").write_text(NO_REGION_FLOW)
    files = generate(Project.at(project)).files
    page = next(
        data.decode()
        for path, data in files.items()
        if path.startswith("wizards/no-region/goal_standard") and path.endswith(".md")
    )
    assert (
        "- **First response goal:** 1 business day (counted in the business hours of your region)\n"
    ) in page
    assert (
        "- **Business hours of each region:** North America: 09:00 to 18:00, America/New_York "
        "time; Europe, the Middle East and Africa: 09:00 to 17:00, Europe/London time; Asia "
        "Pacific: 09:00 to 17:00, Asia/Tokyo time. Your region is the one of your customer "
        "account.\n"
    ) in page
    assert "data-scopesite-due" not in page  # no 'due by' in one region's hours, silently
