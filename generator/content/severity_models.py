"""Validate stage's vocabulary, continued: severities with their goals, and situations.

A goal is written as text ('4 business hours', 'none') or, where it counts in hours
of its own, as ``{target: '1 hour', hours: around-the-clock}``: a response goal
around the clock beside a resolution goal in business days. A severity or a
situation that applies to several products may differ on one of them
(``per_product``), as scope items do; the resolve stage expands each into one copy
per product (content/expand.py), which is all later stages see.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    PlainSerializer,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from generator.content.errors import printable
from generator.content.fields import ALIASES_DESCRIPTION, DURATION, Duration, Id, Model, Text

NO_TARGET = "none"
"""A goal written 'none': the policy sets no target (pages say so, never 'not set')."""


def _parse_target(value: object) -> object:
    if not isinstance(value, str):
        return value
    if value.strip().lower() == NO_TARGET:
        return NO_TARGET
    try:
        return Duration.parse(value)
    except PydanticCustomError:
        raise  # a duration too long, which says so
    except ValueError:
        raise PydanticCustomError(
            "goal_text",
            "'{text}' is not a goal such as '1 hour' or '7 business days', nor 'none'",
            {
                "text": printable(value),
                "hint": "write a duration such as '4 business hours', or 'none' where the "
                "policy sets no target",
            },
        ) from None


Target = Duration | Literal["none"]
"""A goal as written: a duration, or 'none' (NO_TARGET)."""

TargetText = Annotated[
    Target,
    BeforeValidator(_parse_target),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": f"^(none|{DURATION.pattern[1:-1]})$",
            "description": "e.g. '1 hour', '4 business hours', '7 business days', or "
            "'none' where the policy sets no target",
        }
    ),
]
"""A goal: a duration, or 'none' when the policy sets no target."""


class TimedTarget(Model):
    """A goal that counts in hours of its own, e.g. a first response within 1 hour
    around the clock beside a resolution goal in business days."""

    target: TargetText = Field(description="The goal, e.g. '1 hour', or 'none'.")
    hours: Id = Field(
        description="The hour set (site_config.yml 'hours') this goal counts in, whatever "
        "the plan's or the severity's 'hours'."
    )


GOAL_FORMS = ("goal-text", "goal-timed")
"""The two forms of a goal, as pydantic names them in an error's location (a hyphen,
so never a field's name): validate.py leaves them out of the path it reports."""


def _goal_form(value: Any) -> str:
    return GOAL_FORMS[1] if isinstance(value, dict | TimedTarget) else GOAL_FORMS[0]


GoalText = Annotated[
    Annotated[TargetText, Tag(GOAL_FORMS[0])] | Annotated[TimedTarget, Tag(GOAL_FORMS[1])],
    Discriminator(_goal_form),
]
"""A goal as an author writes it: text ('1 hour', 'none'), or {target, hours}."""

NO_TARGET_DESCRIPTION = (
    "How the policy words a goal written 'none', e.g. 'best effort, worked until "
    "resolved'; without it pages say there is no target."
)
UPDATES_DESCRIPTION = (
    "How often a case waiting on support is updated (the 'ongoing response'), e.g. "
    "'1 business hour', or {target, hours}."
)
CONDITIONS_DESCRIPTION = (
    "What the goals depend on, shown with them, e.g. 'a named contact is available "
    "around the clock'."
)


class PlanGoal(Model):
    """Goals for one plan where they differ from the severity's defaults."""

    plan: Id
    response: GoalText | None = None
    resolution: GoalText | None = None
    updates: GoalText | None = Field(None, description=UPDATES_DESCRIPTION)
    hours: Id | None = Field(
        None,
        description="The hour set (site_config.yml 'hours') this plan's goals count in, "
        "unless a goal names its own; default: the severity's.",
    )
    no_target: Text | None = Field(None, description=NO_TARGET_DESCRIPTION)
    conditions: list[Text] | None = Field(
        None, description=CONDITIONS_DESCRIPTION + " Left out: the severity's own."
    )
    report_via: list[Id] = Field(
        default_factory=list,
        description="The channels this plan's holders report this severity through, in the "
        "order to prefer them; each must be one the plan opens. Empty: the severity's own "
        "'report_via', less the channels the plan does not open.",
    )
    answered_in_goal_hours: bool = Field(
        False,
        description="Its reporting channels are answered in this goal's 'hours' for this "
        "plan and severity, whatever their own hours: one phone line open in business hours "
        "and answered 24x7 for the top plan's Severity 1. Needs 'hours'.",
    )

    @model_validator(mode="after")
    def _answered_in_named_hours(self) -> PlanGoal:
        if self.answered_in_goal_hours and self.hours is None:
            raise PydanticCustomError(
                "answered_without_hours",
                "the goal for plan '{plan}' has its channels answered in its hours, "
                "but names no 'hours'",
                {
                    "plan": self.plan,
                    "hint": "add 'hours:' naming the hour set its channels are answered in "
                    "(e.g. a 24x7 set), or leave out 'answered_in_goal_hours'",
                },
            )
        return self


class SeverityDifference(Model):
    """How one product of a several-product severity differs from the severity as
    written; a field left out keeps the severity's own value."""

    product: Id = Field(description="One of the severity's 'products'.")
    definition: Text | None = None
    examples: list[Text] | None = None
    report_via: list[Id] | None = None
    response: GoalText | None = None
    resolution: GoalText | None = None
    updates: GoalText | None = Field(None, description=UPDATES_DESCRIPTION)
    hours: Id | None = None
    no_target: Text | None = Field(None, description=NO_TARGET_DESCRIPTION)
    conditions: list[Text] | None = Field(None, description=CONDITIONS_DESCRIPTION)
    per_plan: list[PlanGoal] | None = Field(
        None,
        description="This product's per-plan goals, replacing the severity's 'per_plan'; "
        "each plan must support the product.",
    )


class Severity(Model):
    """A severity level with its definition and goals."""

    singular: ClassVar[str] = "severity"
    id: Id
    level: int = Field(ge=1)
    name: Text
    products: list[Id] = Field(min_length=1)
    per_product: list[SeverityDifference] = Field(
        default_factory=list,
        description="Where the policy differs by product (a SaaS deployment's own "
        "definition or goals): fields that replace the severity's own on one of its "
        "products.",
    )
    definition: Text
    examples: list[Text] = Field(default_factory=list)
    report_via: list[Id] = Field(min_length=1)
    response: GoalText = Field(description="First response goal, or 'none'.")
    response_qualifier: Literal["within", "under"] = "within"
    resolution: GoalText | None = Field(
        None, description="Resolution goal, or 'none' where the policy sets no target."
    )
    updates: GoalText | None = Field(None, description=UPDATES_DESCRIPTION)
    hours: Id | None = Field(
        None,
        description="The hour set (site_config.yml 'hours') its goals' business hours and "
        "days count in, e.g. a 24x7 set for the top severity; default: business_hours.",
    )
    no_target: Text | None = Field(None, description=NO_TARGET_DESCRIPTION)
    conditions: list[Text] = Field(default_factory=list, description=CONDITIONS_DESCRIPTION)
    per_plan: list[PlanGoal] = Field(default_factory=list)
    aliases: list[Text] = Field(default_factory=list, description=ALIASES_DESCRIPTION)

    @property
    def title(self) -> str:
        """'Severity 1: Critical': the one way a severity is named, on pages, in
        wizard choices, search results and the policy's change list."""
        return f"Severity {self.level}: {self.name}"


class SituationDifference(Model):
    """How one product of a several-product situation differs; a field left out keeps
    the situation's own value."""

    product: Id = Field(description="One of the situation's 'products'.")
    text: Text | None = None
    channels: list[Id] | None = None


class Situation(Model):
    """A customer situation and the channels that suit it (a 'phone or ticket' row)."""

    singular: ClassVar[str] = "situation"
    id: Id
    products: list[Id] = Field(min_length=1)
    per_product: list[SituationDifference] = Field(
        default_factory=list,
        description="Where the policy differs by product: fields that replace the "
        "situation's own on one of its products.",
    )
    text: Text
    channels: list[Id] = Field(min_length=1)
