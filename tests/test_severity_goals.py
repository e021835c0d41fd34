"""Severities and situations that differ by product; goals with hours of their own,
update goals and conditions; the severity table where plans' goals differ.

The policy below is the minimal fixture plus a product sold two ways (self-managed
Acme Server, hosted Acme Cloud) under one Severity 1 whose cloud version has its own
definition and goals, and a situation whose channel differs on the cloud.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from generator.build import generate
from generator.content.fields import Duration
from generator.content.project import Project, load_policy
from generator.policy.changes import compare
from generator.policy.derive import derive, goals_on, table_goals
from generator.render.environment import environment
from generator.render.wording import Wording
from generator.search.index import SearchIndex
from generator.wizards.outcomes import answer
from tests.test_report_channels import REPORT_FLOW
from tests.test_several_products import POLICY as SEVERAL_PRODUCTS

MakeProject = Callable[[dict[str, str]], Path]

SITE = """\
name: Example Support
base_url: https://support.example.test/
tagline: Help for Widget users.
business_hours:
  timezone: Europe/London
  days: [monday, tuesday, wednesday, thursday, friday]
  opens: "09:00"
  closes: "17:00"
hours:
  - id: around-the-clock
    name: Around the clock
    always_open: true
"""

POLICY = (
    SEVERAL_PRODUCTS
    + """\
severities:
  - id: acme-down
    level: 1
    name: Down
    products: [server, cloud]
    definition: Your installation does not start.
    report_via: [acme-ticket, acme-phone]
    response: 4 business hours
    updates: 1 business day
    per_plan:
      - plan: acme-premium
        response: {target: 1 hour, hours: around-the-clock}
        resolution: 5 business days
        updates: {target: 2 hours, hours: around-the-clock}
        conditions: [A contact of yours is available around the clock.]
    per_product:
      - product: cloud
        definition: Acme Cloud is unavailable to your users.
        examples: [The sign-in page does not load]
        response: 2 business hours
        per_plan:
          - plan: acme-premium
            response: {target: 1 hour, hours: around-the-clock}
            updates: {target: 1 hour, hours: around-the-clock}
  - id: acme-slow
    level: 2
    name: Slow
    products: [server]
    definition: It works, slowly.
    report_via: [acme-ticket]
    response: 1 business day

situations:
  - id: acme-outage
    products: [server, cloud]
    text: Everything is down
    channels: [acme-ticket]
    per_product:
      - product: cloud
        text: Acme Cloud is down for all your users
        channels: [acme-phone]
"""
)
"""Acme Server and Acme Cloud with Basic, Standard and Premium (tests/test_several_products.py),
and a severity and a situation of both products."""

FLOW = (
    REPORT_FLOW.split("  expectations:")[0].replace("{product: widget}", "{product: cloud}")
    + """\
  expectations:
    - answers: {which-plan: acme-standard, how-bad: acme-down}
      expect: {severity: acme-down, response: 2 business hours, updates: 1 business day}
    - answers: {which-plan: acme-premium, how-bad: acme-down}
      expect: {response: 1 hour, updates: 1 hour}
"""
)


def _project(make_project: MakeProject) -> Path:
    return make_project(
        {
            "site_config.yml": SITE,
            "content/acme.yml": POLICY,
            "content/flows/report.yml": FLOW,
        }
    )


def test_each_product_sees_its_own_severity_and_situation(make_project: MakeProject) -> None:
    policy = load_policy(Project.at(_project(make_project)))
    server, cloud = policy.products["server"], policy.products["cloud"]
    on_cloud = policy.severity("cloud", "acme-down")
    assert (on_cloud.products, on_cloud.definition) == (
        ["cloud"],
        "Acme Cloud is unavailable to your users.",
    )
    assert on_cloud.examples == ["The sign-in page does not load"]
    assert str(on_cloud.response) == "2 business hours"
    on_server = policy.severity("server", "acme-down")
    assert (on_server.definition, str(on_server.response)) == (
        "Your installation does not start.",
        "4 business hours",
    )
    assert [s.id for s in policy.severities_for(server)] == ["acme-down", "acme-slow"]
    assert [s.id for s in policy.severities_for(cloud)] == ["acme-down"]
    assert [(s.text, s.channels) for s in policy.situations_for(cloud)] == [
        ("Acme Cloud is down for all your users", ["acme-phone"])
    ]
    assert [(s.text, s.channels) for s in policy.situations_for(server)] == [
        ("Everything is down", ["acme-ticket"])
    ]


def test_each_goal_counts_in_its_own_hours_with_updates_and_conditions(
    make_project: MakeProject,
) -> None:
    policy = load_policy(Project.at(_project(make_project)))
    server = policy.severity("server", "acme-down")
    premium, standard = policy.plans["acme-premium"], policy.plans["acme-standard"]
    goals = goals_on(policy, server, premium)
    assert goals.response.duration == Duration(amount=1, unit="hour", business=False)
    assert goals.response.hours is not None and goals.response.hours.always_open
    assert goals.resolution is not None and goals.resolution.hours is not None
    assert (str(goals.resolution), goals.resolution.hours.default) == ("5 business days", True)
    assert goals.updates is not None and goals.updates.hours is not None
    assert (str(goals.updates), goals.updates.hours.always_open) == ("2 hours", True)
    assert goals.conditions == ("A contact of yours is available around the clock.",)
    plain = goals_on(policy, server, standard)
    assert (str(plain.response), str(plain.updates), plain.resolution, plain.conditions) == (
        "4 business hours",
        "1 business day",
        None,
        (),
    )
    # the cloud's own per-plan goals replace the severity's: no conditions, no resolution
    cloud = goals_on(policy, policy.severity("cloud", "acme-down"), premium)
    assert (str(cloud.response), str(cloud.updates), cloud.resolution, cloud.conditions) == (
        "1 hour",
        "1 hour",
        None,
        (),
    )
    wording = Wording(environment(None))
    assert (
        wording.updates_goal(goals.updates) == "at least every 2 hours (counted around the clock)"
    )
    assert wording.updates_goal(plain.updates) == "at least every business day"


def test_the_severity_table_says_which_goals_depend_on_the_plan(
    make_project: MakeProject,
) -> None:
    project = _project(make_project)
    policy = load_policy(Project.at(project))
    server = policy.products["server"]
    plans = policy.plans_for(server)
    down = table_goals(policy, policy.severity("server", "acme-down"), plans)
    assert down.by_plan == ("response", "resolution", "updates")
    slow = table_goals(policy, policy.severity("server", "acme-slow"), plans)
    assert (slow.by_plan, str(slow.response), slow.updates) == ((), "1 business day", None)
    files = generate(Project.at(project)).files
    page = files["server/severities.md"].decode()
    assert (
        "| Severity | Report via | First response goal | Resolution goal | Updates |\n"
        "|---|---|---|---|---|\n"
        "| [Severity 1: Down](#acme-down) | depends on your plan | "
        "Basic, Standard: 4 business hours; Premium: 1 hour | "
        "Basic, Standard: not set; Premium: 5 business days | "
        "Basic, Standard: at least every business day; Premium: at least every 2 hours "
        "(counted around the clock) |\n"
        "| [Severity 2: Slow](#acme-slow) | Technical ticket | 1 business day | not set | "
        "not set |\n" in page
    )
    assert (
        "- **Basic, Standard first response:** 4 business hours; updates while your case "
        "waits on us: at least every business day\n" in page
    )
    assert (
        "- **Premium first response:** 1 hour (counted around the clock); resolution goal: "
        "5 business days; updates while your case waits on us: at least every 2 hours "
        "(counted around the clock)\n"
        "    - Condition: A contact of yours is available around the clock.\n" in page
    )
    assert "Your installation does not start." in page
    cloud = files["cloud/severities.md"].decode()
    assert "Acme Cloud is unavailable to your users." in cloud
    assert "Your installation does not start." not in cloud
    assert (
        "- **Basic, Standard first response:** 2 business hours; updates while your case waits "
        "on us: "
        "at least every business day\n" in cloud
    )


def test_answers_api_and_search_see_the_products_own_version(
    make_project: MakeProject,
) -> None:
    project = _project(make_project)
    files = generate(Project.at(project)).files  # the flow's expectations hold
    api = json.loads(files["api/policy.json"])
    downs = [s for s in api["severities"] if s["id"] == "acme-down"]
    assert [(s["products"], s["response"]) for s in downs] == [
        (["server"], "4 business hours"),
        (["cloud"], "2 business hours"),
    ]
    assert downs[0]["per_plan"][0]["response"] == {"target": "1 hour", "hours": "around-the-clock"}
    outages = [s for s in api["situations"] if s["id"] == "acme-outage"]
    assert [s["channels"] for s in outages] == [["acme-ticket"], ["acme-phone"]]
    policy = load_policy(Project.at(project))
    hits = SearchIndex(policy).search("sign-in page does not load")
    assert hits[0].url == "cloud/severities/#acme-down"
    derived = derive(policy)
    outcome = derived.policy.flows["report"].model.flow.outcomes[0]
    facts = {"product": "cloud", "plan": "acme-premium", "severity": "acme-down"}
    result = answer(derived, outcome, facts)
    assert result.severity is not None
    assert result.why == ("Acme Cloud is unavailable to your users.",)
    assert (str(result.response), str(result.updates)) == ("1 hour", "1 hour")
    on_server = answer(derived, outcome, {**facts, "product": "server"})
    assert on_server.conditions == ("A contact of yours is available around the clock.",)
    pages = {path: data.decode() for path, data in files.items() if path.endswith(".md")}
    page = next(
        text
        for path, text in pages.items()
        if path.startswith("wizards/report/level_") and "acme-premium" in path
    )
    assert (
        "- **Updates while your case waits on us:** at least every hour (counted around the "
        "clock)\n" in page
    )


def test_the_policy_diff_names_the_product_whose_severity_changed(
    make_project: MakeProject,
) -> None:
    project = _project(make_project)
    old = derive(load_policy(Project.at(project)))
    changed = POLICY.replace(
        "        response: 2 business hours\n", "        response: 1 business hour\n"
    )
    (project / "content/acme.yml").write_text(changed)
    new = derive(load_policy(Project.at(project)))
    changes = [c for c in compare(old, new) if c.kind == "severities"]
    assert [(c.id, c.product, c.field, c.before, c.after) for c in changes] == [
        ("acme-down", "Acme Cloud", "response", "2 business hours", "1 business hour")
    ]
    wording = Wording(environment(None))
    assert wording.change(changes[0]) == (
        "Severity 1: Down for Acme Cloud: first response goal 2 business hours → 1 business hour"
    )
