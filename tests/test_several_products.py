"""One request for several products, plans that extend plans, queues open to every plan.

The policy below is the minimal fixture plus a product sold two ways (self-managed
and hosted): an installation request that differs by product, a billing request
handled by a desk every customer may use, and a Premium plan that is Standard plus
a phone line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from generator.build import generate
from generator.content.models import Verdict
from generator.content.project import Project, load_policy
from generator.policy.changes import compare
from generator.policy.derive import Derived, derive
from generator.policy.verdicts import Reason
from generator.render.environment import environment
from generator.render.wording import Wording
from generator.search.index import SearchIndex
from generator.wizards.outcomes import answer

MakeProject = Callable[[dict[str, str]], Path]
NOT, COVERED = Verdict.not_covered, Verdict.covered

POLICY = """\
products:
  - id: server
    name: Acme Server
    summary: Installed and run by you.
    delivered_via: [acme-ticket]
  - id: cloud
    name: Acme Cloud
    summary: Run by us.
    delivered_via: [acme-ticket]

channels:
  - id: acme-ticket
    name: Technical ticket
    kind: assisted
    products: [server, cloud]
    summary: Write to the engineers.
  - id: acme-phone
    name: Phone line
    kind: assisted
    products: [server, cloud]
    summary: Call the engineers.
  - id: billing-desk
    name: Billing desk
    kind: commercial
    products: [server, cloud]
    summary: Invoices, licences and renewals.
    open_to_all: true
    response: 2 business days

plans:
  - id: acme-basic
    name: Basic
    products: [server, cloud]
    summary: The software, no technical support.
  - id: acme-standard
    name: Standard
    products: [server, cloud]
    summary: Technical tickets in business hours.
    channels: [acme-ticket]
    notes: [Two named contacts.]
  - id: acme-premium
    name: Premium
    extends: acme-standard
    summary: Standard, and a phone line.
    channels: [acme-phone]
    notes: [A technical account manager.]

scope:
  - id: acme-install
    products: [server, cloud]
    group: Setup
    title: Installation problems
    verdict: covered
    details: We help you install and configure it.
    per_product:
      - product: cloud
        verdict: not_covered
        details: We install and run Acme Cloud for you.
        instead: {text: Ask the billing desk to move you to Acme Server., channels: [billing-desk]}
    clause: Scope of support
  - id: acme-invoices
    products: [server, cloud]
    group: Billing
    title: Invoice and licence questions
    verdict: covered
    aliases: [my invoice is wrong]
    delivered_via: [billing-desk]
    clause: Billing
"""


def _project(make_project: MakeProject) -> Path:
    return make_project({"content/acme.yml": POLICY})


def _derived(project: Path) -> Derived:
    return derive(load_policy(Project.at(project)))


def test_an_item_of_two_products_is_on_each_products_scope_with_its_differences(
    make_project: MakeProject,
) -> None:
    policy = load_policy(Project.at(_project(make_project)))
    server, cloud = policy.products["server"], policy.products["cloud"]
    assert [i.id for i in policy.scope_for(server)] == ["acme-install", "acme-invoices"]
    on_cloud = policy.scope_item("cloud", "acme-install")
    assert (on_cloud.product, on_cloud.verdict) == ("cloud", Verdict.not_covered)
    assert on_cloud.details == "We install and run Acme Cloud for you."
    assert on_cloud.instead is not None
    assert (on_cloud.instead.text, on_cloud.instead.channels) == (
        "Ask the billing desk to move you to Acme Server.",
        ["billing-desk"],
    )
    on_server = policy.scope_item("server", "acme-install")
    assert (on_server.verdict, on_server.details) == (
        Verdict.covered,
        "We help you install and configure it.",
    )
    assert on_server.instead is None
    assert [i.id for i in policy.scope_for(cloud)] == ["acme-install", "acme-invoices"]


def test_coverage_per_plan_and_product_and_the_billing_queue_open_to_every_plan(
    make_project: MakeProject,
) -> None:
    derived = _derived(_project(make_project))
    verdicts = {key: c.verdict for key, c in derived.coverage.items() if key[1] != "widget"}
    assert verdicts == {
        ("acme-basic", "server", "acme-install"): Verdict.not_covered,
        ("acme-standard", "server", "acme-install"): Verdict.covered,
        ("acme-premium", "server", "acme-install"): Verdict.covered,
        ("acme-basic", "server", "acme-invoices"): Verdict.covered,
        ("acme-standard", "server", "acme-invoices"): Verdict.covered,
        ("acme-premium", "server", "acme-invoices"): Verdict.covered,
        ("acme-basic", "cloud", "acme-install"): Verdict.not_covered,
        ("acme-standard", "cloud", "acme-install"): Verdict.not_covered,
        ("acme-premium", "cloud", "acme-install"): Verdict.not_covered,
        ("acme-basic", "cloud", "acme-invoices"): Verdict.covered,
        ("acme-standard", "cloud", "acme-invoices"): Verdict.covered,
        ("acme-premium", "cloud", "acme-invoices"): Verdict.covered,
    }
    basic_install = derived.coverage["acme-basic", "server", "acme-install"]
    assert basic_install.reason is Reason.channel_not_included
    assert [c.id for c in basic_install.delivered_via] == ["acme-ticket"]
    assert derived.coverage["acme-standard", "cloud", "acme-install"].reason is (
        Reason.listed_out_of_scope
    )


def test_a_plan_that_extends_another_holds_its_channels_products_and_notes(
    make_project: MakeProject,
) -> None:
    premium = load_policy(Project.at(_project(make_project))).plans["acme-premium"]
    assert premium.products == ["server", "cloud"]
    assert premium.channels == ["acme-ticket", "acme-phone"]
    assert premium.notes == ["Two named contacts.", "A technical account manager."]


def test_pages_show_each_products_verdicts_and_what_a_plan_adds(
    make_project: MakeProject,
) -> None:
    files = generate(Project.at(_project(make_project))).files
    server = files["server/scope.md"].decode()
    cloud = files["cloud/scope.md"].decode()
    assert '<h3 id="acme-install" markdown>Installation problems</h3>' in server
    assert '<h3 id="acme-install" markdown>Installation problems</h3>' in cloud
    assert "We install and run Acme Cloud for you." in cloud
    assert "We install and run Acme Cloud for you." not in server
    assert (
        "- [Basic](plans.md#acme-basic): Not covered. This is handled only through "
        "Technical ticket, and Basic does not include it.\n" in server
    )
    assert "- [Basic](plans.md#acme-basic): Covered\n" in server
    assert (
        "**Handled through:** [Billing desk](help.md#billing-desk), not the product's "
        "technical support.\n" in server
    )
    plans = files["server/plans.md"].decode()
    assert (
        "- **Everything in [Standard](#acme-standard), plus:** "
        "[Phone line](help.md#acme-phone)\n- A technical account manager.\n" in plans
    )
    assert "- Two named contacts.\n- **Everything in" not in plans
    # a plan with no channels of its own still has those open to every customer
    assert "- **Includes:** [Billing desk](help.md#billing-desk), [Forum](help.md#forum)\n" in plans


def test_api_search_and_wizard_see_the_item_on_each_product(make_project: MakeProject) -> None:
    project = _project(make_project)
    api = json.loads(generate(Project.at(project)).files["api/policy.json"])
    installs = [i for i in api["scope"] if i["id"] == "acme-install"]
    assert [(i["product"], i["verdict"]) for i in installs] == [
        ("server", "covered"),
        ("cloud", "not_covered"),
    ]
    basic = [c for c in api["coverage"] if c["plan"] == "acme-basic" and c["product"] != "widget"]
    assert [(c["product"], c["item"], c["verdict"]) for c in basic] == [
        ("server", "acme-install", "not_covered"),
        ("server", "acme-invoices", "covered"),
        ("cloud", "acme-install", "not_covered"),
        ("cloud", "acme-invoices", "covered"),
    ]
    policy = load_policy(Project.at(project))
    hits = SearchIndex(policy).search("my invoice is wrong")[:2]
    assert sorted((h.key, h.url) for h in hits) == [
        ("cloud:acme-invoices", "cloud/scope/#acme-invoices"),
        ("server:acme-invoices", "server/scope/#acme-invoices"),
    ]
    derived = derive(policy)
    outcome = derived.policy.flows["covered"].model.flow.outcomes[0]
    facts = {"product": "cloud", "plan": "acme-standard", "item": "acme-install"}
    result = answer(derived, outcome, facts)
    assert (result.verdict, result.clause.product) == (Verdict.not_covered, "cloud")
    billing = answer(derived, outcome, {**facts, "plan": "acme-basic", "item": "acme-invoices"})
    assert billing.verdict is Verdict.covered
    assert [step.channel.id for step in billing.next_steps] == ["billing-desk"]


def test_the_policy_diff_names_the_product_whose_coverage_changed(
    make_project: MakeProject,
) -> None:
    project = _project(make_project)
    old = _derived(project)
    changed = POLICY.replace(
        "      - product: cloud\n        verdict: not_covered\n",
        "      - product: cloud\n        verdict: covered\n",
    )
    (project / "content/acme.yml").write_text(changed)
    new = _derived(project)
    coverage = [c for c in compare(old, new) if c.kind == "coverage"]
    assert [(c.id, c.product, c.plan, c.old_verdict, c.new_verdict) for c in coverage] == [
        ("acme-install@cloud@acme-standard", "Acme Cloud", "Standard", NOT, COVERED),
        ("acme-install@cloud@acme-premium", "Acme Cloud", "Premium", NOT, COVERED),
    ]
    wording = Wording(environment(None))
    assert wording.change(coverage[0]) == (
        "Scope item 'Installation problems' for Acme Cloud on Standard: not covered → covered"
    )


def test_the_policy_diff_pairs_a_situation_of_one_product_with_its_copy_on_several(
    make_project: MakeProject,
) -> None:
    """A situation that gains a product changes on the product it had (its channels),
    and is added on the new one; going back removes it there."""
    project = _project(make_project)
    one = POLICY + (
        "\nsituations:\n  - id: outage\n    products: [server]\n"
        "    text: The service is down\n    channels: [acme-ticket]\n"
    )
    (project / "content/acme.yml").write_text(one)
    old = _derived(project)
    several = one.replace(
        "products: [server]\n    text: The service is down\n    channels: [acme-ticket]\n",
        "products: [server, cloud]\n    text: The service is down\n"
        "    channels: [acme-ticket, acme-phone]\n",
    )
    (project / "content/acme.yml").write_text(several)
    new = _derived(project)
    wording = Wording(environment(None))
    assert [wording.change(c) for c in compare(old, new)] == [
        "Situation 'The service is down' for Acme Cloud added",
        "Situation 'The service is down' for Acme Server: channels added Phone line",
    ]
    assert [wording.change(c) for c in compare(new, old)] == [
        "Situation 'The service is down' for Acme Server: channels removed Phone line",
        "Situation 'The service is down' for Acme Cloud removed",
    ]
