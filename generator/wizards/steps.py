"""Where each page sits in its compiled flow: the question's number, how many
questions may follow, the page before it (the Back link) and every answer that led
to it, read off the compiled states.

The states are read rather than the facts a page keeps, because the compiler
forgets facts nothing reads: an answer that only routes, or facts a flow sets at
its start, leave no trace in a state's facts, yet the customer did answer (or skip)
those questions. The state graph is acyclic (the compiler refuses cycles), so every
count below is finite.

The counter rule, one per flow so that it reads the same along every path:

- "Question N" on every question page when every question sits at one depth (every
  way from the start to it asks as many questions before it); otherwise on none, so
  that no path shows "Question 2" and then a page without a number.
- "of M" on every question page when, moreover, every path from the start to an
  outcome asks the same number of questions M; otherwise on none, so that no path
  shows "Question 2" and then "Question 3 of 3".
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.wizards.states import Choice, CompiledFlow, State, StateKey
from generator.wizards.walk import GivenAnswer, answers_so_far

Arrivals = dict[StateKey, list[tuple[StateKey, Choice]]]
"""Per state, each question state and choice that lead to it, in the flow's order."""


@dataclass(frozen=True)
class Position:
    """A page's place in its flow, as its page shows it."""

    number: int | None
    """The question's number, when the flow numbers its questions (the module's rule)."""
    total: int | None
    """The number of questions on every path, when every path asks as many."""
    back: StateKey | None
    """The question page before this one (None on the first page)."""
    given: tuple[GivenAnswer, ...]
    """The answers that led here, first asked first, each with its page."""


def positions(compiled: CompiledFlow) -> dict[StateKey, Position]:
    """Every state's position, computed once per flow."""
    arrivals = _arrivals(compiled)
    before = _counts_before(compiled, arrivals)
    after = _counts_after(compiled)
    numbered = all(before[state.key][0] == before[state.key][1] for state in compiled.questions)
    shortest, longest = after[compiled.start]
    total = longest if numbered and shortest == longest else None
    found: dict[StateKey, Position] = {}
    for key, state in compiled.states.items():
        given = _given(compiled, state, arrivals, before)
        number = before[key][0] + 1 if numbered and state.question else None
        shown_total = total if number else None
        found[key] = Position(number, shown_total, _back(key, arrivals, given), tuple(given))
    return found


def _arrivals(compiled: CompiledFlow) -> Arrivals:
    arrivals: Arrivals = {key: [] for key in compiled.states}
    for state in compiled.questions:
        for choice in state.choices:
            arrivals[choice.target].append((state.key, choice))
    return arrivals


def _counts_before(compiled: CompiledFlow, arrivals: Arrivals) -> dict[StateKey, tuple[int, int]]:
    """Fewest and most questions asked on the ways from the start to each state."""
    counts: dict[StateKey, tuple[int, int]] = {compiled.start: (0, 0)}
    for key in _topological(compiled):
        if key == compiled.start or not arrivals[key]:
            counts.setdefault(key, (0, 0))
            continue
        came = [counts[source] for source, _ in arrivals[key]]
        counts[key] = (min(c[0] for c in came) + 1, max(c[1] for c in came) + 1)
    return counts


def _counts_after(compiled: CompiledFlow) -> dict[StateKey, tuple[int, int]]:
    """Fewest and most questions from each state (itself included) to an outcome."""
    counts: dict[StateKey, tuple[int, int]] = {}
    for key in reversed(_topological(compiled)):
        state = compiled.states[key]
        if not state.choices:
            counts[key] = (0, 0)
            continue
        ahead = [counts[choice.target] for choice in state.choices]
        counts[key] = (min(a[0] for a in ahead) + 1, max(a[1] for a in ahead) + 1)
    return counts


def _topological(compiled: CompiledFlow) -> list[StateKey]:
    """Every state after every state that leads to it (depth-first, no recursion:
    a flow may be many questions deep)."""
    order: list[StateKey] = []
    done: set[StateKey] = set()
    for root in compiled.states:
        stack: list[tuple[StateKey, bool]] = [(root, False)]
        while stack:
            key, finished = stack.pop()
            if finished:
                order.append(key)
                continue
            if key in done:
                continue
            done.add(key)
            stack.append((key, True))
            stack.extend((c.target, False) for c in compiled.states[key].choices)
    return order[::-1]


def _given(
    compiled: CompiledFlow,
    state: State,
    arrivals: Arrivals,
    before: dict[StateKey, tuple[int, int]],
) -> list[GivenAnswer]:
    """The answers the state's facts remember, and those on its one way back:
    while a page has a single page before it and a single choice there leads to it,
    that choice was taken, whether or not it set a fact."""
    given = {answer.question.id: answer for answer in answers_so_far(compiled, state)}
    key = state.key
    while True:
        sources = {source for source, _ in arrivals[key]}
        if len(sources) != 1:
            break
        source = sources.pop()
        taken = [choice for _, choice in arrivals[key]]
        asked = compiled.states[source]
        if len(taken) == 1 and asked.question:
            given.setdefault(asked.question.id, GivenAnswer(asked.question, taken[0].label, source))
        key = source
    return sorted(given.values(), key=lambda answer: before[answer.change][0])


def _back(key: StateKey, arrivals: Arrivals, given: list[GivenAnswer]) -> StateKey | None:
    """The page before: the only one that leads here, or, when several do, the last
    question answered that leads here, or else the first of them in the flow."""
    sources = list(dict.fromkeys(source for source, _ in arrivals[key]))
    if len(sources) < 2:
        return sources[0] if sources else None
    answered = [answer.change for answer in given if answer.change in sources]
    return answered[-1] if answered else sources[0]
