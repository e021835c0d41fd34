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
    # 'No' ends after one question, 'Yes' after three: the first page promises no total
    assert (plan.number, plan.total, plan.back) == (2, 3, START)
    assert [(a.question.id, a.label, a.change) for a in plan.given] == [
        ("is-it-urgent", "Yes, it is", START)
    ]
    assert (need.number, need.total, need.back) == (3, 3, PLAN)
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
    assert '<p class="scopesite-wizard-step">Question 2 of 3 · Routed</p>' in page
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
