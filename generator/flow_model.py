"""The content model of wizards: content/flows/*.yml.

A flow is a declaration, as in GOV.UK Smart Answers: questions (named as the
question) offer options; an option sets facts and leads to the next question or
to an outcome (named as the result). Outcomes compute their answer from the
policy; authors only add wording.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .models import Id, Model, Text, Verdict

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
    fact: Id | None = Field(None, description="Fact to set; default depends on the kind.")
    having: Literal["scope", "situations", "severities", "price_rules"] | None = Field(
        None, description="products only: offer only products that have these."
    )
    after: Id | None = Field(
        None, description="versions only: offer only versions after this fact's version."
    )

    @property
    def sets(self) -> str:
        return self.fact or DEFAULT_FACT[self.kind]


class Option(Model):
    """One answer to a question, typed by the author."""

    value: Id = Field(description="How expectations and 'scopesite ask' name this answer.")
    label: Text
    set: dict[Id, Id] = Field(default_factory=dict, description="Facts this answer sets.")
    next: Id = Field(description="The question or outcome that follows.")


class Question(Model):
    """A question, named as the question: 'which-licence', 'is-production-down'."""

    id: Id
    text: Text
    hint: Text | None = None
    options: list[Option] = Field(default_factory=list)
    options_from: OptionSource | None = None
    next: Id | None = Field(None, description="Where generated options lead.")


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

    answers: dict[Id, Id] = Field(description="Question id → chosen option value or id.")
    expect: Expect


class Flow(Model):
    """A wizard."""

    id: Id
    title: Text
    summary: Text
    start: Id
    facts: dict[Id, Id] = Field(default_factory=dict, description="Facts known at the start.")
    max_states: int = Field(2000, ge=1, description="Refuse to compile past this many pages.")
    questions: list[Question] = Field(min_length=1)
    outcomes: list[Outcome] = Field(min_length=1)
    expectations: list[Expectation] = Field(default_factory=list)


class FlowFile(Model):
    """One content/flows/*.yml file."""

    flow: Flow
