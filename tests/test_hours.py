"""Hour sets (site_config.yml 'hours') and goals with no target ('none'): which hours a
goal counts in, what the contact, severity and wizard outcome pages say, and the
'due by' data each outcome hands to scopesite.js."""

from __future__ import annotations

import html
import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from generator.build import generate
from generator.content.fields import Duration
from generator.content.project import Project, load_policy
from generator.policy.derive import Goal, goals_for
from generator.render.environment import environment
from generator.render.wizard_pages import due_attributes
from generator.render.wording import Wording
from tests.browser import serve_folder
from tests.conftest import FIXTURES, build_copy

HOURS = """\
hours:
  - id: around-the-clock
    name: 24x7 support
    always_open: true
  - id: north-america
    name: North America business hours
    timezone: America/New_York
    days: [monday, tuesday, wednesday, thursday, friday]
    opens: "09:00"
    closes: "18:00"
    holidays:
      - date: 2026-12-24
        name: Christmas Eve
  - id: weekdays
    name: 24x5 support
    timezone: UTC
    days: [monday, tuesday, wednesday, thursday, friday]
    opens: "00:00"
    closes: "24:00"
"""

SEVERITIES = """\
    resolution: none
    no_target: worked on until the shop takes orders again
  - id: slow
    level: 2
    name: Shop slow
    products: [shop]
    definition: The shop is slow.
    report_via: [portal]
    response: 2 business hours
    hours: north-america
    resolution: none
    per_plan:
      - plan: credits
        hours: weekdays
  - id: outage
    level: 3
    name: Outage
    products: [shop]
    definition: The shop is off line.
    report_via: [portal]
    response: 1 business hour
    resolution: 2 business days
    hours: around-the-clock
"""

FLOW = """\
flow:
  id: how-urgent
  title: How urgent is it?
  summary: The severity of your problem and when to expect an answer.
  start: what-happens
  questions:
    - id: what-happens
      text: What happens?
      options:
        - {value: down, label: "It takes no orders", set: {severity: shop-down}, next: goal}
        - {value: slow, label: "It is slow", set: {severity: slow}, next: goal}
        - {value: outage, label: "It is off line", set: {severity: outage}, next: goal}
  outcomes:
    - id: goal
      kind: severity
"""


def hours_project(target: Path) -> Path:
    """The priced fixture with three more hour sets and a severity counted in each:
    'shop-down' in the default (Berlin) hours, 'slow' in North America's (the credit
    plan's in 24x5 hours), 'outage' around the clock."""
    shutil.copytree(FIXTURES / "priced", target)
    config = target / "site_config.yml"
    config.write_text(config.read_text() + HOURS)
    policy = target / "content" / "policy.yml"
    text = policy.read_text()
    anchor = "    report_via: [portal]\n    response: 4 business hours\n"
    assert anchor in text
    policy.write_text(text.replace(anchor, anchor + SEVERITIES, 1))
    (target / "content" / "flows" / "how-urgent.yml").write_text(FLOW)
    return target


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hours_project(tmp_path_factory.mktemp("hours") / "project")


@pytest.fixture(scope="module")
def pages(project: Path) -> dict[str, str]:
    files = generate(Project.at(project)).files
    return {path: data.decode() for path, data in files.items() if path.endswith(".md")}


def due_data(page: str) -> list[dict[str, object]]:
    found = re.findall(r'data-scopesite-due="([^"]*)"', page)
    return [json.loads(html.unescape(attribute)) for attribute in found]


def test_each_goal_counts_in_the_set_it_names(project: Path) -> None:
    policy = load_policy(Project.at(project))
    counted = {
        (severity.id, goals.plan.id if goals.plan else None): (
            goals.response.hours.id if goals.response.hours else None
        )
        for severity in policy.severities.values()
        for goals in goals_for(policy, severity)
    }
    assert counted == {
        ("shop-down", None): "business-hours",
        ("slow", None): "north-america",
        ("slow", "credits"): "weekdays",
        ("outage", None): "around-the-clock",
    }


def test_due_by_data_carries_each_sets_hours_and_holidays(project: Path) -> None:
    policy = load_policy(Project.at(project))
    slow, shop_down = policy.severities["slow"], policy.severities["shop-down"]
    assert json.loads(due_attributes(goals_for(policy, slow)[0].response)) == {
        "amount": 2,
        "unit": "hour",
        "business": True,
        "hours": {
            "timezone": "America/New_York",
            "days": ["monday", "tuesday", "wednesday", "thursday", "friday"],
            "opens": "09:00",
            "closes": "18:00",
            "holidays": ["2026-12-24"],
        },
    }
    credits = json.loads(due_attributes(goals_for(policy, slow)[1].response))
    assert credits["hours"]["opens"] == "00:00"
    assert credits["hours"]["closes"] == "24:00"
    assert credits["hours"]["timezone"] == "UTC"
    assert credits["hours"]["holidays"] == []
    default = json.loads(due_attributes(goals_for(policy, shop_down)[0].response))
    assert default["hours"]["timezone"] == "Europe/Berlin"
    assert default["hours"]["holidays"] == ["2026-12-25"]
    # A goal with no target has no 'due by'.
    assert due_attributes(goals_for(policy, shop_down)[0].resolution) == ""


def test_business_time_around_the_clock_is_plain_time(project: Path) -> None:
    policy = load_policy(Project.at(project))
    goals = goals_for(policy, policy.severities["outage"])[0]
    assert json.loads(due_attributes(goals.response)) == {
        "amount": 1,
        "unit": "hour",
        "business": False,
    }
    assert goals.resolution is not None
    assert json.loads(due_attributes(goals.resolution)) == {
        "amount": 2,
        "unit": "day",
        "business": False,
    }


def test_outcome_pages_say_the_goals_and_hand_due_by_the_right_set(
    pages: dict[str, str],
) -> None:
    down = pages["wizards/how-urgent/goal_shop-down.md"]
    assert "- **First response goal:** 4 business hours\n" in down
    assert "- **Resolution goal:** worked on until the shop takes orders again\n" in down
    assert [d["hours"]["timezone"] for d in due_data(down)] == ["Europe/Berlin"]  # type: ignore[index]
    slow = pages["wizards/how-urgent/goal_slow.md"]
    assert (
        "- **First response goal:** 2 business hours "
        "(counted in North America business hours)\n" in slow
    )
    assert "- **Resolution goal:** no target\n" in slow
    assert [d["hours"]["timezone"] for d in due_data(slow)] == ["America/New_York"]  # type: ignore[index]
    outage = pages["wizards/how-urgent/goal_outage.md"]
    assert "- **First response goal:** 1 business hour (counted around the clock)\n" in outage
    assert "- **Resolution goal:** 2 business days (counted around the clock)\n" in outage
    assert [d["business"] for d in due_data(outage)] == [False, False]
    assert "not set" not in down + slow + outage


def test_severity_page_says_the_hours_and_no_target(pages: dict[str, str]) -> None:
    page = pages["shop/severities.md"]
    assert (
        "| Support portal | 4 business hours | worked on until the shop takes orders again |"
        in page
    )
    assert "| Support portal | 2 business hours | no target |" in page
    # every plan of the shop has goals of its own for this severity: its own goals
    # apply to no plan, so the page does not list them
    assert "- **First response goal:** 2 business hours" not in page
    assert (
        "- **Credit account first response:** 2 business hours (counted in 24x5 support); "
        "resolution goal: no target\n" in page
    )
    assert "not set" not in page


def test_contact_page_lists_every_set(pages: dict[str, str]) -> None:
    page = pages["contact.md"]
    assert (
        "Goals given in business hours or business days count only these hours, unless "
        "they name other hours below:\n\n"
        "- **Days:** Monday, Tuesday, Wednesday, Thursday, Friday\n"
        "- **Hours:** 09:00 to 17:00\n"
        "- **Time zone:** Europe/Berlin\n\n"
        "## Holidays\n\n| Date | Holiday |\n|---|---|\n| 2026-12-25 | Christmas Day |\n"
    ) in page
    assert (
        '<h2 id="hours-around-the-clock" markdown>24x7 support</h2>\n\n'
        "- **Hours:** around the clock, every day of the year (24x7): goals given in "
        "business\n  hours or business days count every hour\n"
        "- **Goals counted in these hours:** Severity 3: Outage\n"
    ) in page
    assert (
        '<h2 id="hours-north-america" markdown>North America business hours</h2>\n\n'
        "- **Days:** Monday, Tuesday, Wednesday, Thursday, Friday\n"
        "- **Hours:** 09:00 to 18:00\n"
        "- **Time zone:** America/New_York\n"
        "- **Goals counted in these hours:** Severity 2: Shop slow\n\n"
        "### Holidays\n\n| Date | Holiday |\n|---|---|\n| 2026-12-24 | Christmas Eve |\n"
    ) in page
    assert (
        "- **Hours:** 00:00 to 24:00 (all day)\n"
        "- **Time zone:** UTC\n"
        "- **Goals counted in these hours:** Severity 2: Shop slow (Credit account)\n"
    ) in page


@pytest.mark.browser
def test_due_by_counts_each_goal_in_its_own_hours(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Thursday 24 December 2026, 14:00 UTC (09:00 in New York, 15:00 in Berlin).
    # Default hours (Berlin, closed on the 25th): four business hours end on Monday
    # 28 December at 11:00 in Berlin, 05:00 in New York. North America's hours (closed
    # on the 24th, open on the 25th): two business hours end on Friday at 11:00 in New
    # York. Around the clock: one 'business' hour is one hour.
    source = hours_project(tmp_path_factory.mktemp("hours-source") / "project")
    site = build_copy(source, tmp_path_factory.mktemp("hours-site") / "project")
    found = {}
    with serve_folder(site) as base:
        context = browser.new_context(base_url=base, timezone_id="America/New_York", locale="en-GB")
        opened = context.new_page()
        opened.clock.set_fixed_time(datetime(2026, 12, 24, 14, 0, tzinfo=UTC))
        for severity in ("shop-down", "slow", "outage"):
            opened.goto(f"/wizards/how-urgent/goal_{severity}/")
            found[severity] = opened.locator(".scopesite-due").all_inner_texts()
        context.close()
    by = "If you report it now, that is by {} in your time zone."
    assert found == {
        "shop-down": [by.format("Monday 28 December at 05:00 GMT-5")],
        "slow": [by.format("Friday 25 December at 11:00 GMT-5")],
        "outage": [
            by.format("Thursday 24 December at 10:00 GMT-5"),
            by.format("Saturday 26 December at 09:00 GMT-5"),
        ],
    }


def test_a_goal_with_no_target_is_worded_as_the_policy_words_it() -> None:
    wording = Wording(environment(None))
    assert wording.goal(Goal(None)) == "no target"
    assert wording.goal(Goal(None, no_target="best effort")) == "best effort"
    assert wording.goal_within(Goal(None)) == "with no response target"
    assert wording.goal_within(Goal(None, no_target="best effort")) == (
        "with no response target (best effort)"
    )
    assert str(Goal(None)) == "none"
    assert str(Goal(Duration.parse("2 business days"))) == "2 business days"
