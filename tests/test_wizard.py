"""Per-node tests of the default flows, and every verification error in full."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.content.errors import ContentError
from generator.content.project import Project, load_policy
from generator.policy.derive import derive
from generator.policy.verdicts import Reason
from generator.render import urls
from generator.render.environment import environment
from generator.render.wording import Wording
from generator.wizards.compile import compile_wizards
from generator.wizards.states import CompiledFlow, State, Wizards
from generator.wizards.walk import answers_so_far, walk
from tests.conftest import REPO

MakeProject = Callable[[dict[str, str]], Path]


@pytest.fixture(scope="module")
def wizards() -> Wizards:
    return compile_wizards(derive(load_policy(Project.at(REPO))))


def next_node(compiled: CompiledFlow, answers: dict[str, str]) -> str:
    """Given these answers, the node the customer sees next."""
    state = compiled.states[compiled.start]
    for question_id, value in answers.items():
        assert state.question and state.question.id == question_id
        choice = next(c for c in state.choices if c.value == value)
        state = compiled.states[choice.target]
    return state.key[0]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, "which-product"),
        ({"which-product": "imacros"}, "which-licence"),
        ({"which-product": "imacros", "which-licence": "imacros-personal"}, "what-do-you-need"),
        (
            {
                "which-product": "sitefinity",
                "which-licence": "sitefinity-evaluation",
                "what-do-you-need": "sitefinity-bug-fixes",
            },
            "coverage-verdict",
        ),
    ],
)
def test_is_it_covered_nodes(wizards: Wizards, answers: dict[str, str], expected: str) -> None:
    assert next_node(wizards["is-it-covered"], answers) == expected


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, "is-production-down"),
        ({"is-production-down": "yes"}, "severity-and-goals"),
        ({"is-production-down": "no"}, "are-operations-restricted"),
        ({"is-production-down": "no", "are-operations-restricted": "no"}, "severity-and-goals"),
    ],
)
def test_which_severity_nodes(wizards: Wizards, answers: dict[str, str], expected: str) -> None:
    assert next_node(wizards["which-severity"], answers) == expected


def test_phone_or_ticket_nodes(wizards: Wizards) -> None:
    compiled = wizards["phone-or-ticket"]
    assert next_node(compiled, {}) == "which-licence"
    assert (
        next_node(compiled, {"which-licence": "sitefinity-evaluation"}) == "what-is-your-situation"
    )


def test_licence_choices_are_the_products_plans(wizards: Wizards) -> None:
    compiled = wizards["is-it-covered"]
    state = compiled.states[("which-licence", (("product", "imacros"),))]
    assert [c.label for c in state.choices] == [
        "Personal Edition",
        "Professional",
        "Enterprise",
        "Trial or evaluation",
    ]


def test_answers_that_only_route_share_a_page(wizards: Wizards) -> None:
    # No question or outcome of this flow reads 'product', so its pages forget it; the
    # three ways to the outcome give three pages, one per severity.
    compiled = wizards["which-severity"]
    assert list(urls.state_names(compiled.states, compiled.start).values()) == [
        "index",
        "severity-and-goals_sitefinity-severity-1",
        "are-operations-restricted",
        "severity-and-goals_sitefinity-severity-2",
        "severity-and-goals_sitefinity-severity-3",
    ]


def test_outcome_pages_know_the_answers_and_where_to_change_them(wizards: Wizards) -> None:
    compiled = wizards["is-it-covered"]
    _, state = walk(
        compiled,
        {
            "which-product": "imacros",
            "which-licence": "imacros-trial",
            "what-do-you-need": "imacros-report-bugs",
        },
    )
    names = urls.state_names(compiled.states, compiled.start)
    given = [(a.question.id, a.label, names[a.change]) for a in answers_so_far(compiled, state)]
    assert given == [
        ("which-product", "iMacros", "index"),
        ("which-licence", "Trial or evaluation", "which-licence_imacros"),
        (
            "what-do-you-need",
            "Diagnosing and reporting bugs that appear to be in iMacros",
            "what-do-you-need_imacros-trial_imacros",
        ),
    ]


def test_coverage_outcome_is_reasoned(wizards: Wizards) -> None:
    _, state = walk(
        wizards["is-it-covered"],
        {
            "which-product": "imacros",
            "which-licence": "imacros-trial",
            "what-do-you-need": "imacros-report-bugs",
        },
    )
    result = state.answer
    assert result is not None
    wording = Wording(environment(None))
    assert wording.headline(result) == (
        "Diagnosing and reporting bugs that appear to be in iMacros: not covered on Trial or evaluation"
    )
    assert result.coverage is not None
    assert result.coverage.reason is Reason.channel_not_included
    assert wording.first_reason(result) == (
        "This is handled only through iMacros Technical Support or iMacros phone "
        "assistance, and Trial or evaluation does not include any of them."
    )
    assert result.why == ()
    assert [s.channel.id for s in result.next_steps] == [
        "imacros-presales",
        "imacros-forum",
        "imacros-docs",
        "progress-kb",
    ]
    assert result.clause is not None
    assert str(urls.clause(result.clause)) == "imacros/scope.md#imacros-report-bugs"


def test_channel_outcome_for_an_evaluator_points_elsewhere(wizards: Wizards) -> None:
    _, state = walk(
        wizards["phone-or-ticket"],
        {
            "which-licence": "sitefinity-evaluation",
            "what-is-your-situation": "sitefinity-add-information",
        },
    )
    assert state.answer is not None
    assert (
        Wording(environment(None)).headline(state.answer)
        == "Evaluation (no licence) does not include Sitefinity phone support"
    )


FLOW_HEAD = "flow:\n  id: f\n  title: T\n  summary: S\n  start: first\n"
QUESTION = (
    "    - id: first\n      text: Q?\n      options:\n"
    "        - {value: a, label: A, set: {item: how-to, plan: pro}, next: %s}\n"
)
OUTCOMES = "  outcomes:\n    - {id: verdict, kind: coverage}\n"


def check(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch, flow: str) -> list[str]:
    project = make_project({"content/flows/f.yml": flow})
    monkeypatch.chdir(project)
    with pytest.raises(ContentError) as error:
        compile_wizards(derive(load_policy(Project.at(project))))
    return [str(problem) for problem in error.value.problems]


def test_unknown_target(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    flow = FLOW_HEAD + "  questions:\n" + QUESTION % "verdikt" + OUTCOMES
    assert check(make_project, monkeypatch, flow) == [
        "content/flows/f.yml:10:70: error: unknown question or outcome 'verdikt' (did you mean 'verdict'?)\n"
        "  hint: name a question or outcome of this flow"
    ]


def test_option_without_target(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    flow = (
        FLOW_HEAD + "  questions:\n    - id: first\n      text: Q?\n      options:\n"
        "        - {value: a, label: A}\n" + OUTCOMES
    )
    assert check(make_project, monkeypatch, flow) == [
        "content/flows/f.yml:10:11: error: missing field 'next'\n  hint: add 'next:' to this entry"
    ]


def test_cycle(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    flow = (
        FLOW_HEAD
        + "  questions:\n"
        + QUESTION % "second"
        + "    - id: second\n      text: Again?\n      options:\n"
        "        - {value: b, label: B, next: first}\n"
        "        - {value: c, label: C, next: verdict}\n" + OUTCOMES
    )
    assert check(make_project, monkeypatch, flow) == [
        "content/flows/f.yml:14:38: error: this answer makes a cycle: first → second → first\n"
        "  hint: lead to a later question or to an outcome instead"
    ]


def test_unreachable_question(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    flow = (
        FLOW_HEAD
        + "  questions:\n"
        + QUESTION % "verdict"
        + "    - id: orphan\n      text: Lost?\n      options:\n"
        "        - {value: b, label: B, next: verdict}\n" + OUTCOMES
    )
    assert check(make_project, monkeypatch, flow) == [
        "content/flows/f.yml:11:11: error: question 'orphan' cannot be reached from the start 'first'\n"
        "  hint: lead an answer to it, or remove it"
    ]


def test_generated_options_without_next(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow = (
        FLOW_HEAD + "  questions:\n    - id: first\n      text: Which?\n"
        "      options_from: {kind: products}\n" + OUTCOMES
    )
    assert check(make_project, monkeypatch, flow) == [
        "content/flows/f.yml:9:21: error: question 'first' generates options but says nowhere where they lead\n"
        "  hint: add 'next:' with the question or outcome that follows"
    ]


def test_reachable_state_without_an_outcome(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Situations exist for no product, so the question is empty for the chosen product.
    flow = (
        FLOW_HEAD.replace("start: first", "start: first\n  facts: {product: widget}")
        + "  questions:\n    - id: first\n      text: Which situation?\n"
        "      options_from: {kind: situations}\n      next: verdict\n" + OUTCOMES
    )
    assert check(make_project, monkeypatch, flow) == [
        "content/flows/f.yml:8:11: error: question 'first' of flow 'f' has no options when product=widget\n"
        "  hint: give it static options, or route this case elsewhere"
    ]


def test_outcome_missing_a_fact(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    flow = (
        FLOW_HEAD + "  questions:\n    - id: first\n      text: Q?\n      options:\n"
        "        - {value: a, label: A, set: {item: how-to}, next: verdict}\n" + OUTCOMES
    )
    assert check(make_project, monkeypatch, flow) == [
        "content/flows/f.yml:12:27: error: outcome 'verdict' needs the fact 'plan', which no answer "
        "on the way sets (reached with item=how-to)\n"
        "  hint: set the facts this outcome reads on every way to it"
    ]


def test_too_many_states_names_the_culprit(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow = (
        FLOW_HEAD.replace(
            "start: first", "start: first\n  max_states: 3\n  facts: {product: widget}"
        )
        + "  questions:\n    - id: first\n      text: Plan?\n      options_from: {kind: plans}\n"
        "      next: need\n    - id: need\n      text: Need?\n      options_from: {kind: scope}\n"
        "      next: verdict\n" + OUTCOMES
    )
    assert check(make_project, monkeypatch, flow) == [
        "content/flows/f.yml:6:15: error: flow 'f' has more than 3 states; question or outcome "
        "'verdict' alone has 3\n"
        "  hint: keep fewer facts in 'verdict', or raise 'max_states' if the pages are wanted"
    ]


def test_failed_expectation_prints_the_path_and_the_difference(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow = (
        FLOW_HEAD
        + "  questions:\n"
        + QUESTION % "verdict"
        + OUTCOMES
        + "  expectations:\n    - answers: {first: a}\n      expect: {verdict: not_covered}\n"
    )
    assert check(make_project, monkeypatch, flow) == [
        "content/flows/f.yml:14:16: error: expectation failed: first=a → verdict: expected "
        "verdict 'not_covered', got 'covered'\n"
        "  hint: fix the content or the expectation, whichever is wrong"
    ]


def test_expectation_with_an_answer_not_offered(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow = (
        FLOW_HEAD
        + "  questions:\n"
        + QUESTION % "verdict"
        + OUTCOMES
        + "  expectations:\n    - answers: {first: z}\n      expect: {verdict: covered}\n"
    )
    assert check(make_project, monkeypatch, flow) == [
        "content/flows/f.yml:14:16: error: expectation cannot be followed: 'z' is not an answer "
        "to 'first' here; choose one of: a\n"
        "  hint: answer every question on the way with an offered value"
    ]


def test_an_outcome_text_follows_the_facts_of_the_way_there() -> None:
    project = Project.at(REPO / "examples" / "enterprise-linux")
    compiled = compile_wizards(derive(load_policy(project)))["which-severity"]
    change = (
        "You or support can change the severity when the impact changes: a Severity 3 case "
        "that turns into an outage becomes Severity 1."
    )
    around = (
        "Say that you want this case worked around the clock: a Severity 2 case is worked in "
        "business hours unless you ask."
    )

    def texts(plan: str, *answers: str) -> tuple[str, ...]:
        questions = ["is-business-stopped", "is-it-degraded", "is-it-at-risk"][: len(answers)]
        chosen = dict(zip(questions, answers, strict=True))

        # the plan is asked after the impact, then the region where the goal depends on it
        def choose(state: State) -> str:
            return plan if state.key[0].startswith("which-subscription") else "north-america"

        state = walk(compiled, chosen, choose)[1]
        assert state.answer is not None
        return state.answer.texts

    assert texts("premium", "no", "yes") == (change, around)
    assert texts("standard", "no", "yes") == (change,)
    assert texts("self-support", "no", "yes") == (change,)
    assert texts("premium", "no", "no", "no") == (change,)
