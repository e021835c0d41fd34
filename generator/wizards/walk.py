"""Walking a compiled flow: following answers from its start (for `scopesite ask` and
authors' expectations) and recalling the answers a page remembers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.content.errors import did_you_mean
from generator.content.flow_model import Flow, Question
from generator.wizards.graph import edges, facts_set_by
from generator.wizards.states import Choice, ChoiceIndex, CompiledFlow, State, StateKey


class WalkError(ValueError):
    """An answer is missing or not offered where a walk through a flow needs it."""


def walk(
    compiled: CompiledFlow,
    answers: dict[str, str],
    choose: Callable[[State], str] | None = None,
) -> tuple[list[str], State]:
    """Follow ``answers`` from the start, asking ``choose`` for any that are missing;
    return the answers taken (as 'question=value') and the outcome state reached."""
    _check_questions(compiled.flow, answers)
    state = compiled.states[compiled.start]
    path: list[str] = []
    while state.question:
        question = state.question
        chosen = answers.get(question.id)
        if chosen is None and choose is None:
            raise WalkError(f"no answer for question '{question.id}'")
        chosen = chosen if chosen is not None else choose(state)  # type: ignore[misc]
        match = next((c for c in state.choices if c.value == chosen), None)
        if match is None:
            offered = ", ".join(c.value for c in state.choices)
            raise WalkError(
                f"'{chosen}' is not an answer to '{question.id}' here; choose one of: {offered}"
            )
        path.append(f"{question.id}={chosen}")
        state = compiled.states[match.target]
    return path, state


def _check_questions(flow: Flow, answers: dict[str, str]) -> None:
    """An answer to a question the flow does not ask is a typo, not something to skip."""
    asked = [question.id for question in flow.questions]
    for question_id in answers:
        if question_id not in asked:
            raise WalkError(
                f"flow '{flow.id}' has no question '{question_id}'"
                f"{did_you_mean(question_id, asked)}; questions: {', '.join(asked)}"
            )


@dataclass(frozen=True)
class GivenAnswer:
    """One line of 'your answers so far': the question, the answer, where to change it."""

    question: Question
    label: str
    change: StateKey


def answers_so_far(compiled: CompiledFlow, state: State) -> list[GivenAnswer]:
    """The answers a state remembers, each with the page that asked it."""
    facts = state.facts
    given: list[GivenAnswer] = []
    for question in compiled.flow.questions:
        later = _downstream_sets(compiled.flow, question)
        asked_with = {f: v for f, v in facts.items() if f not in later}
        asked = compiled.states.get((question.id, tuple(sorted(asked_with.items()))))
        if asked is None or asked.key == state.key:
            continue
        chosen = _choices_taken(compiled, asked, facts)
        if len(chosen) == 1:
            given.append(GivenAnswer(question, chosen[0].label, asked.key))
    return given


def _choices_taken(compiled: CompiledFlow, asked: State, now: dict[str, str]) -> list[Choice]:
    """The choices of ``asked`` that were taken: each set facts, all of which hold now.

    Choices are indexed by the first fact they set, once per question state (see
    choices_by_fact), so a question of 300 choices costs a lookup, not 300
    comparisons, per page.
    """
    index = compiled.taken_by.get(asked.key, {})
    candidates = (entry for fact in now.items() for entry in index.get(fact, ()))
    return [choice for new, choice in candidates if all(now.get(f) == v for f, v in new)]


def choices_by_fact(asked: State) -> ChoiceIndex:
    """Index a question state's choices by the first fact each sets (its new facts)."""
    before = asked.facts
    index: ChoiceIndex = {}
    for choice in asked.choices:
        new = tuple((f, v) for f, v in choice.target[1] if before.get(f) != v)
        if new:
            index.setdefault(new[0], []).append((new, choice))
    return index


def _downstream_sets(flow: Flow, question: Question) -> set[str]:
    """Facts set by ``question`` or by anything after it: unknown when it is asked."""
    questions = {q.id: q for q in flow.questions}
    found: set[str] = set()
    pending, seen = [question.id], set()
    while pending:
        node = pending.pop()
        if node in seen or node not in questions:
            continue
        seen.add(node)
        found |= facts_set_by(questions[node])
        pending.extend(target for target, _ in edges(questions[node]))
    return found
