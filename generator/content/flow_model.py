"""The content model of wizards: content/flows/*.yml.

A flow is a declaration, as in GOV.UK Smart Answers: questions (named as the
question) offer options; an option sets facts and leads to the next question or
to an outcome (named as the result). Outcomes compute their answer from the
policy; authors only add wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from generator.content.fields import Id, Model, Text
from generator.content.models import Verdict

FactName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=80)]
"""A fact a flow remembers, e.g. 'plan' or 'from_version'."""

Value = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=80)]
"""A fact's value or an answer: an id, or a version such as '4.3.1'."""


class SourceName(StrEnum):
    """The kinds of generated options, as the flow schema's 'options_from.kind' names them."""

    products = "products"
    plans = "plans"
    scope = "scope"
    situations = "situations"
    severities = "severities"
    versions = "versions"
    minor_releases = "minor_releases"
    price_rules = "price_rules"
    regions = "regions"


@dataclass(frozen=True)
class SourceKind:
    """What a kind of generated options is: the fact it sets and how the authors'
    flowchart labels its edge."""

    fact: str
    """The fact a generated option sets, unless the question names another."""
    graph_label: str
    per_product: bool = True
    """It lists entries of the product chosen before (so it reads the fact 'product')."""
    having: bool = False
    """'products' can offer only the products that have entries of this kind."""
    ordered: bool = False
    """Its entries come oldest first, so 'after' and 'but_last' can cut the list."""


OPTION_SOURCES: dict[SourceName, SourceKind] = {
    SourceName.products: SourceKind("product", "each product", per_product=False),
    SourceName.plans: SourceKind("plan", "each plan of the product"),
    SourceName.scope: SourceKind("item", "each scope item of the product", having=True),
    SourceName.situations: SourceKind("situation", "each situation of the product", having=True),
    SourceName.severities: SourceKind("severity", "each severity of the product", having=True),
    SourceName.versions: SourceKind("version", "each version", ordered=True),
    SourceName.minor_releases: SourceKind(
        "version", "each minor release with a life cycle of its own", ordered=True
    ),
    SourceName.price_rules: SourceKind("price_rule", "each price rule of the product", having=True),
    SourceName.regions: SourceKind("region", "each region", per_product=False),
}
"""The one list of option sources: the flow schema's 'options_from.kind' and 'having'
values and the flowchart follow it.

How each source lists its options is behaviour, and content knows no wizard
(content < wizards): ``wizards.options.listing`` matches on SourceName, so mypy
fails when a source has no listing. Adding a source: a member here, its entry
below, its case there. tests/test_registry.py checks the enum and this dict agree.
"""


class OutcomeName(StrEnum):
    """The kinds of outcome, as the flow schema's 'kind' names them."""

    coverage = "coverage"
    channel = "channel"
    severity = "severity"
    cost = "cost"
    message = "message"
    version = "version"


@dataclass(frozen=True)
class OutcomeKind:
    """What a kind of outcome reads: the facts it needs, then those it uses when set."""

    needs: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def reads(self) -> tuple[str, ...]:
        return self.needs + self.optional


OUTCOME_KINDS: dict[OutcomeName, OutcomeKind] = {
    OutcomeName.coverage: OutcomeKind(("plan", "item")),
    OutcomeName.channel: OutcomeKind(("plan", "situation"), optional=("region",)),
    OutcomeName.severity: OutcomeKind(("severity",), optional=("plan", "region")),
    OutcomeName.cost: OutcomeKind(("price_rule",), optional=("from_version", "to_version")),
    OutcomeName.message: OutcomeKind(()),
    OutcomeName.version: OutcomeKind(("product", "version"), optional=("plan",)),
}
"""The one list of outcome kinds: the flow schema's 'kind' values and the facts the
compiler keeps follow it.

The answer each computes is behaviour of the wizards stage (content < wizards):
``wizards.outcomes.computer`` matches on OutcomeName, so mypy fails when a kind
has no answer. Adding a kind: a member here, its entry above, its case there and
its wording in macros.md.j2. tests/test_registry.py checks the enum and this dict
agree.
"""


def _schema_enum(kind: type[StrEnum], names: tuple[StrEnum, ...]) -> object:
    """A field taking one of ``names``: the schema lists their values as a plain
    enum and errors read as they always did; the model holds the enum member."""
    return Annotated[Literal[tuple(str(name) for name in names)], AfterValidator(kind)]


if TYPE_CHECKING:
    SourceKindName = SourceName
    HavingName = SourceName
    OutcomeKindName = OutcomeName
else:  # the schema's enums, made from the registries above
    SourceKindName = _schema_enum(SourceName, tuple(OPTION_SOURCES))
    HavingName = _schema_enum(SourceName, tuple(n for n, s in OPTION_SOURCES.items() if s.having))
    OutcomeKindName = _schema_enum(OutcomeName, tuple(OUTCOME_KINDS))


class OptionSource(Model):
    """Options generated from the policy instead of typed by hand."""

    kind: SourceKindName
    fact: FactName | None = Field(None, description="Fact to set; default depends on the kind.")
    having: HavingName | None = Field(
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
        return self.fact or OPTION_SOURCES[self.kind].fact


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


class FactText(Model):
    """Wording an outcome adds only when facts hold: 'when: {severity: sev-1}'."""

    when: dict[FactName, Value] = Field(
        default_factory=dict,
        description="Facts the flow sets → the value each must have on the way here; all "
        "must hold. Empty: always shown.",
    )
    text: Text


class Outcome(Model):
    """A result, named as the result: 'coverage-verdict', 'use-phone-support'.

    'coverage' reads the facts plan and item; 'channel' reads plan and situation (and
    region, for goals in the customer's region's business hours); 'severity' reads
    severity (and plan, for per-plan goals, and region); 'cost' reads
    price_rule and the facts from_version and to_version; 'message' reads nothing;
    'version' reads product and version (and plan, for add-ons a plan includes), and
    says where that version stands in the product's life cycle on the day the site is
    built.
    """

    id: Id
    kind: OutcomeKindName
    title: Text | None = Field(None, description="Heading; required for 'message'.")
    text: Text | list[FactText] | None = Field(
        None,
        description="Wording added below the computed answer: one text, or a list of "
        "{when, text} where each text whose 'when' facts all hold on the way here is shown, "
        "in order.",
    )
    channels: list[Id] = Field(
        default_factory=list,
        description="'message': where to go; 'version': where to go for a version no longer "
        "supported.",
    )

    @property
    def fact_texts(self) -> list[FactText]:
        """Its 'text' as a list: one text written alone is shown always."""
        if self.text is None:
            return []
        return [FactText(text=self.text)] if isinstance(self.text, str) else self.text

    def texts(self, facts: dict[str, str]) -> tuple[str, ...]:
        """The texts shown on a way here that set ``facts``."""
        return tuple(
            entry.text
            for entry in self.fact_texts
            if all(facts.get(fact) == value for fact, value in entry.when.items())
        )

    @property
    def text_reads(self) -> set[str]:
        """The facts its texts depend on (the compiler keeps them)."""
        return {fact for entry in self.fact_texts for fact in entry.when}


class Expect(Model):
    """What an outcome must say; only the fields given are compared."""

    outcome: Id | None = None
    verdict: Verdict | None = None
    channel: Id | None = Field(None, description="A channel the answer recommends.")
    channels: list[Id] | None = Field(
        None,
        description="Exactly the channels the answer recommends, in any order: no more, no "
        "fewer ([] for none).",
    )
    severity: Id | None = Field(None, description="'severity': the id of the severity it gives.")
    response: Text | None = Field(None, description="e.g. 'under 1 hour'.")
    updates: Text | None = Field(
        None,
        description="'severity': how often a waiting case is updated, e.g. '1 business "
        "hour', or 'none'.",
    )
    hours: Id | None = Field(
        None,
        description="The id of the hour set the response goal counts in (e.g. 'europe'), "
        "or 'region' when it counts in the customer's region's business hours and no "
        "region was chosen.",
    )
    cost: int | None = Field(None, description="'cost': the price it computes, in its unit.")
    supported: bool | None = Field(
        None,
        description="'version': whether the version is supported on the build's date "
        "(or on 'as_of').",
    )
    phase: Id | None = Field(
        None, description="'version': the id of the life-cycle phase the version is in."
    )
    offers: list[Id] | None = Field(
        None,
        description="'version': exactly the add-ons (offers) the reader must buy to be "
        "supported, in any order ([] when none, or when the reader's plan includes them).",
    )
    text: Text | None = Field(
        None,
        description="Words the outcome's own 'text' shows on this path (part of it, as "
        "written): checks that a 'when' text is shown where it should be.",
    )
    as_of: date | None = Field(
        None,
        description="'version': check 'supported' and 'phase' on this day (YYYY-MM-DD) "
        "instead of the build's, so the expectation keeps holding as time passes.",
    )


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
