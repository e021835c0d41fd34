"""A compiled flow as values: its states (one page each) and the choices that link them.

The compiler builds them (``generator.wizards.compile``), walks follow them
(``generator.wizards.walk``) and render writes a page per state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.content.errors import Location
from generator.content.flow_model import Flow, Question
from generator.wizards.outcomes import Answer

Facts = tuple[tuple[str, str], ...]
StateKey = tuple[str, Facts]


@dataclass(frozen=True)
class Choice:
    """One option as offered in one state."""

    label: str
    value: str
    group: str | None
    target: StateKey


@dataclass(frozen=True)
class State:
    """A page of a compiled flow."""

    key: StateKey
    question: Question | None = None
    choices: tuple[Choice, ...] = ()
    answer: Answer | None = None

    @property
    def facts(self) -> dict[str, str]:
        return dict(self.key[1])


@dataclass(frozen=True)
class CompiledFlow:
    """A flow's states in breadth-first order from the start."""

    flow: Flow
    states: dict[StateKey, State]
    start: StateKey
    taken_by: dict[StateKey, ChoiceIndex] = field(default_factory=dict, compare=False, repr=False)
    """Per question state, its choices by a fact each sets (see walk.answers_so_far);
    the compiler builds it with the states, so the value never changes once built."""
    locations: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)
    """Where the flow's id ('') and each node's id are written, to name a page's source."""

    @property
    def questions(self) -> list[State]:
        return [s for s in self.states.values() if s.question]

    @property
    def outcomes(self) -> list[State]:
        return [s for s in self.states.values() if s.answer]


ChoiceIndex = dict[tuple[str, str], list[tuple[Facts, Choice]]]
"""A question state's choices by the first fact each sets, with every fact it sets."""

Wizards = Mapping[str, CompiledFlow]
"""Every flow of a policy compiled, by flow id: the wizards stage's value, built from
the derived policy (``compile_wizards``) and read by render and `scopesite ask`."""
