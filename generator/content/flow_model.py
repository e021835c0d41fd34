"""The content model of wizards: content/flows/*.yml.

A flow is a declaration, as in GOV.UK Smart Answers: questions (named as the
question) offer options; an option sets facts and leads to the next question or
to an outcome (named as the result). Outcomes compute their answer from the
policy; authors only add wording.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from generator.content.fields import Id, Model, Text
from generator.content.models import Verdict

FactName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=80)]
"""A fact a flow remembers, e.g. 'plan' or 'from_version'."""

Value = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=80)]
"""A fact's value or an answer: an id, or a version such as '4.3.1'."""

SourceKind = Literal[
    "products", "plans", "scope", "situations", "severities", "versions", "price_rules"
]
OutcomeKind = Literal["coverage", "channel", "severity", "cost", "message"]

DEFAULT_FACT: dict[str, str] = {
    "products": "product",
    "plans": "plan",
    "scope": "item",
    "situations": "situation",
    "severities": "severity",
    "versions": "version",
    "price_rules": "price_rule",
}
"""The fact a generated option sets, unless the question names another."""


class OptionSource(Model):
    """Options generated from the policy instead of typed by hand."""

    kind: SourceKind
    fact: FactName | None = Field(None, description="Fact to set; default depends on the kind.")
    having: Literal["scope", "situations", "severities", "price_rules"] | None = Field(
        None, description="products only: offer only products that have these."
    )
    after: FactName | None = Field(
        None, description="versions only: offer only versions after this fact's version."
    )
    but_last: bool = Field(
        False, description="versions only: leave out the newest (nothing comes after it)."
    )

    @property
    def sets(self) -> str:
        return self.fact or DEFAULT_FACT[self.kind]


class Option(Model):
    """One answer to a question, typed by the author."""

    value: Value = Field(description="How expectations and 'scopesite ask' name this answer.")
    label: Text
    set: dict[FactName, Value] = Field(default_factory=dict, description="Facts it sets.")
    next: Id = Field(description="The question or outcome that follows.")


class Question(Model):
    """A question, named as the question: 'which-licence', 'is-production-down'."""

    id: Id
    text: Text
    hint: Text | None = None
    options: list[Option] = Field(default_factory=list)
    options_from: OptionSource | None = None
    next: Id | None = Field(None, description="Where generated options lead.")
    route: dict[Value, Id] = Field(
        default_factory=dict,
        description="Generated options that lead elsewhere than 'next', by their value.",
    )


class Outcome(Model):
    """A result, named as the result: 'coverage-verdict', 'use-phone-support'.

    'coverage' reads the facts plan and item; 'channel' reads plan and situation;
    'severity' reads severity (and plan, for per-plan goals); 'cost' reads
    price_rule and the facts from_version and to_version; 'message' reads nothing.
    """

    id: Id
    kind: OutcomeKind
    title: Text | None = Field(None, description="Heading; required for 'message'.")
    text: Text | None = Field(None, description="Wording added below the computed answer.")
    channels: list[Id] = Field(default_factory=list, description="'message': where to go.")


class Expect(Model):
    """What an outcome must say; only the fields given are compared."""

    outcome: Id | None = None
    verdict: Verdict | None = None
    channel: Id | None = Field(None, description="A channel the answer recommends.")
    response: Text | None = Field(None, description="e.g. 'under 1 hour'.")
    cost: int | None = None


class Expectation(Model):
    """An author's example: these answers must lead to this outcome."""

    answers: dict[Id, Value] = Field(description="Question id → chosen option value or id.")
    expect: Expect


class Flow(Model):
    """A wizard."""

    id: Id
    title: Text
    summary: Text
    start: Id
    facts: dict[FactName, Value] = Field(default_factory=dict, description="Facts at the start.")
    max_states: int = Field(2000, ge=1, description="Refuse to compile past this many pages.")
    questions: list[Question] = Field(min_length=1)
    outcomes: list[Outcome] = Field(min_length=1)
    expectations: list[Expectation] = Field(default_factory=list)


class FlowFile(Model):
    """One content/flows/*.yml file."""

    flow: Flow
