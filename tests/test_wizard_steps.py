"""Question pages after GOV.UK's pattern: each page's number, the Back link and the
answers that led to it, including answers that only route (their facts forgotten),
and long lists grouped with what the chosen plan covers first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import generate
from generator.content.project import Project, load_policy
from generator.policy.derive import derive
from generator.render import wizard_pages
from generator.render.urls import Url
from generator.wizards.compile import compile_wizards
from generator.wizards.states import CompiledFlow, StateKey
from generator.wizards.steps import positions
from tests.conftest import REPO

MakeProject = Callable[[dict[str, str]], Path]

ROUTED = """\
flow:
  id: routed
  title: Routed
  summary: The first answer only routes.
  start: is-it-urgent
  facts: {product: widget}
  questions:
    - id: is-it-urgent
      text: Is it urgent?
      options:
        - {label: "Yes, it is", value: "yes", next: which-plan}
        - {label: "No", value: "no", next: later}
    - id: which-plan
      text: Which plan do you have?
      options_from: {kind: plans}
      next: what-do-you-need
    - id: what-do-you-need
      text: What do you need?
      options_from: {kind: scope}
      next: verdict
  outcomes:
    - id: verdict
      kind: coverage
    - id: later
      kind: message
      title: Come back when it is
"""

START: StateKey = ("is-it-urgent", (("product", "widget"),))
PLAN: StateKey = ("which-plan", (("product", "widget"),))
NEED_PRO: StateKey = ("what-do-you-need", (("plan", "pro"), ("product", "widget")))
VERDICT: StateKey = (
    "verdict",
    (("item", "how-to"), ("plan", "pro"), ("product", "widget")),
)


@pytest.fixture
def routed(make_project: MakeProject) -> Path:
    return make_project({"content/flows/routed.yml": ROUTED})


def compiled_flow(project: Path, flow: str) -> CompiledFlow:
    return compile_wizards(derive(load_policy(Project.at(project))))[flow]


def test_a_routing_answer_counts_as_a_question_and_an_answer(routed: Path) -> None:
    placed = positions(compiled_flow(routed, "routed"))
    start, plan, need = placed[START], placed[PLAN], placed[NEED_PRO]
    assert (start.number, start.total, start.back, start.given) == (1, None, None, ())
    # 'No' ends after one question, 'Yes' after three: no page of the flow promises a
    # total, so no path reads 'Question 2' and then 'Question 3 of 3'
    assert (plan.number, plan.total, plan.back) == (2, None, START)
    assert [(a.question.id, a.label, a.change) for a in plan.given] == [
        ("is-it-urgent", "Yes, it is", START)
    ]
    assert (need.number, need.total, need.back) == (3, None, PLAN)
    assert [(a.question.id, a.label) for a in need.given] == [
        ("is-it-urgent", "Yes, it is"),
        ("which-plan", "Pro"),
    ]
    outcome = placed[VERDICT]
    assert outcome.back == NEED_PRO
    assert [a.label for a in outcome.given] == ["Yes, it is", "Pro", "How-to questions"]


def test_two_answers_to_one_page_claim_neither(make_project: MakeProject) -> None:
    both = ROUTED.replace(
        '{label: "No", value: "no", next: later}',
        '{label: "Not sure", value: "unsure", next: which-plan}',
    ).replace("    - id: later\n      kind: message\n      title: Come back when it is\n", "")
    placed = positions(compiled_flow(make_project({"content/flows/routed.yml": both}), "routed"))
    assert (placed[PLAN].number, placed[PLAN].total, placed[PLAN].back) == (2, 3, START)
    assert placed[PLAN].given == ()  # either answer led here: the page cannot say which


def test_a_page_reached_by_a_routing_answer_shows_its_place_and_start_again(
    routed: Path,
) -> None:
    page = generate(Project.at(routed)).files["wizards/routed/which-plan_widget.md"].decode()
    assert '<div class="scopesite-back" markdown>\n\n[Back](index.md)\n\n</div>' in page
    assert '<p class="scopesite-wizard-step">Question 2 · Routed</p>' in page
    assert '<dt>Is it urgent?</dt>\n<dd class="scopesite-summary-value">Yes, it is</dd>' in page
    assert "[Start again](index.md)" in page
    start = generate(Project.at(routed)).files["wizards/routed/index.md"].decode()
    assert '<p class="scopesite-wizard-step">Question 1 · Routed</p>' in start
    assert "Start again" not in start and "[Back]" not in start


def test_a_long_list_keeps_its_groups_with_what_the_plan_covers_first() -> None:
    compiled = compile_wizards(derive(load_policy(Project.at(REPO))))["is-it-covered"]
    state = compiled.states[
        ("what-do-you-need", (("plan", "imacros-professional"), ("product", "imacros")))
    ]
    pages = {key: Url(f"{key[0]}.md") for key in compiled.states}
    groups = wizard_pages._groups(compiled, state, pages)
    assert [g.heading for g in groups][:3] == [
        "Product guidance and troubleshooting",
        "Root cause analysis",
        "Product defects and enhancement requests",
    ]
    assert sum(len(g.choices) for g in groups) == 46  # every item, once
    for group in groups:
        ranks = [wizard_pages.VERDICT_ORDER[o.verdict or ""] for o in group.choices]
        assert ranks == sorted(ranks), group.heading
    defects = [(o.choice.label, o.verdict) for o in groups[2].choices]
    assert defects[-2:] == [
        ("Diagnosing bugs in product extensibility through the iMacros API", "conditional"),
        ("Suggesting workarounds for product defects", "conditional"),
    ]


def test_the_default_flows_number_their_questions() -> None:
    compiled = compile_wizards(derive(load_policy(Project.at(REPO))))["is-it-covered"]
    placed = positions(compiled)
    numbers = {
        (state.key[0], placed[state.key].number, placed[state.key].total)
        for state in compiled.questions
    }
    assert numbers == {
        ("which-product", 1, 3),
        ("which-licence", 2, 3),
        ("what-do-you-need", 3, 3),
    }


NOTHING_COVERED = {
    (".", "what-do-you-need_imacros-personal_imacros"): (
        "Personal Edition",
        "46 requests",
        '"What do you need help with?"',
        "These requests are handled only through iMacros Technical Support or iMacros phone "
        "assistance, and Personal Edition does not include any of them.",
    ),
    (".", "what-do-you-need_imacros-trial_imacros"): (
        "Trial or evaluation",
        "46 requests",
        '"What do you need help with?"',
        "These requests are handled only through iMacros Technical Support or iMacros phone "
        "assistance, and Trial or evaluation does not include any of them.",
    ),
    (".", "what-do-you-need_sitefinity-evaluation_sitefinity"): (
        "Evaluation (no licence)",
        "22 requests",
        '"What do you need help with?"',
        "These requests are handled only through Sitefinity Support center (log a case) or "
        "Sitefinity phone support, and Evaluation (no licence) does not include any of them.",
    ),
    (".", "what-is-your-situation_sitefinity-evaluation_sitefinity"): (
        "Evaluation (no licence)",
        "11 situations",
        '"Which of these describes your situation?"',
        "These situations are handled only through Sitefinity phone support or Sitefinity "
        "Support center (log a case), and Evaluation (no licence) does not include any of them.",
    ),
    ("examples/smartertools", "what-do-you-need_no-maintenance_smartertools"): (
        "Licence without Maintenance and Support",
        "12 requests",
        '"What do you need?"',
        "These requests are handled only through Support ticket (My Tickets) or Email "
        "support, and Licence without Maintenance and Support does not include any of them.",
    ),
    ("examples/enterprise-linux", "what-do-you-need_self-support_example-linux"): (
        "Self-support",
        "19 requests",
        '"What do you need help with?"',
        "These requests are handled only through Customer Portal support case or Phone "
        "support, and Self-support does not include any of them.",
    ),
    ("tests/fixtures/minimal", "what-do-you-need_free_widget"): (
        "Free",
        "2 requests",
        '"What do you need?"',
        "These requests are handled only through Ticket, and Free does not include it.",
    ),
}


def test_a_plan_that_covers_nothing_says_why_in_one_plain_sentence() -> None:
    """The whole text from the heading to 'What to do next', on every such page of
    every project: one sentence for the whole list, none of one request's own reasons."""
    found = {}
    for folder in (
        ".",
        "examples/smartertools",
        "examples/support-credits",
        "examples/enterprise-linux",
        "tests/fixtures/minimal",
        "tests/fixtures/priced",
    ):
        for name, data in generate(Project.at(REPO / folder)).files.items():
            text = data.decode()
            if name.startswith("wizards/") and 'tabindex="-1">Nothing is covered' in text:
                start = text.index('<h1 id="wizard-heading"')
                found[(folder, name.rsplit("/", 1)[-1].removesuffix(".md"))] = text[
                    start : text.index("## What to do next")
                ]
    assert sorted(found) == sorted(NOTHING_COVERED)
    for key, (plan, listed, question, why) in NOTHING_COVERED.items():
        assert found[key] == (
            f'<h1 id="wizard-heading" tabindex="-1">Nothing is covered on {plan}</h1>\n\n'
            '<span class="scopesite-verdict scopesite-verdict--not_covered">'
            '<span aria-hidden="true">✗</span> Not covered</span>\n\n'
            f"None of the {listed} the policy lists for {question} is covered on {plan}.\n\n"
            f"## Why\n\n{why}\n\n"
        ), key
