from __future__ import annotations

import pytest

from generator.content.models import Verdict
from generator.content.project import Project, load_policy
from generator.policy.derive import Derived, derive, goals_for
from generator.policy.verdicts import Access, Reason
from tests.conftest import REPO


@pytest.fixture(scope="module")
def derived() -> Derived:
    return derive(load_policy(Project.at(REPO)))


def verdict(derived: Derived, plan: str, item: str) -> Verdict:
    policy = derived.policy
    return derived.coverage_for(policy.plans[plan], policy.scope[item]).verdict


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        ("imacros-personal", Verdict.not_covered),
        ("imacros-professional", Verdict.covered),
        ("imacros-enterprise", Verdict.covered),
        ("imacros-trial", Verdict.not_covered),
    ],
)
def test_technical_support_follows_the_licence(
    derived: Derived, plan: str, expected: Verdict
) -> None:
    assert verdict(derived, plan, "imacros-diagnose-errors") is expected


def test_personal_edition_is_pointed_at_its_own_channels(derived: Derived) -> None:
    policy = derived.policy
    coverage = derived.coverage_for(
        policy.plans["imacros-personal"], policy.scope["imacros-phone-assistance"]
    )
    assert coverage.reason is Reason.channel_not_included
    assert [c.id for c in coverage.delivered_via] == ["imacros-technical-support", "imacros-phone"]
    assert [c.id for c in coverage.instead_channels] == [
        "imacros-forum",
        "imacros-docs",
        "progress-kb",
        "imacros-sales",
    ]


def test_conditions_travel_with_a_conditional_verdict(derived: Derived) -> None:
    policy = derived.policy
    coverage = derived.coverage_for(
        policy.plans["imacros-enterprise"], policy.scope["imacros-api-extensibility-bugs"]
    )
    assert coverage.verdict is Verdict.conditional
    assert coverage.conditions == ("You isolate the issue to a sample of reproducible code first.",)


def test_not_covered_is_not_covered_on_every_plan(derived: Derived) -> None:
    for plan in ("imacros-personal", "imacros-professional", "imacros-enterprise"):
        assert verdict(derived, plan, "imacros-bypass-security") is Verdict.not_covered


def test_consulting_work_points_to_progress_services(derived: Derived) -> None:
    policy = derived.policy
    coverage = derived.coverage_for(
        policy.plans["sitefinity-enterprise-support"], policy.scope["sitefinity-upgrade-migration"]
    )
    assert coverage.verdict is Verdict.not_covered
    assert [c.id for c in coverage.instead_channels] == ["sitefinity-progress-services"]


def test_the_coverage_matrix_has_every_plan_of_every_item(derived: Derived) -> None:
    policy = derived.policy
    expected = sum(
        len(policy.plans_for(policy.products[item.product])) for item in policy.scope.values()
    )
    assert len(derived.coverage) == expected


def test_plan_matrix_marks_phone_only_for_licensed_sitefinity(derived: Derived) -> None:
    matrix = derived.plan_matrices["sitefinity"]
    assert [plan.id for plan in matrix.plans] == [
        "sitefinity-evaluation",
        "sitefinity-enterprise-support",
    ]
    rows = {row.channel.id: row.access for row in matrix.rows}
    assert rows["sitefinity-phone"] == (Access.not_included, Access.included)
    assert rows["sitefinity-kb"] == (Access.included, Access.included)
    # open to every plan, at additional charge: never "included"
    assert rows["sitefinity-progress-services"] == (Access.paid_add_on, Access.paid_add_on)


def test_severity_goals_match_the_policy_table(derived: Derived) -> None:
    policy = derived.policy
    table = [
        (
            s.level,
            s.name,
            str(goals_for(policy, s)[0].response),
            str(goals_for(policy, s)[0].resolution),
        )
        for s in policy.severities_for(policy.products["sitefinity"])
    ]
    assert table == [
        (1, "Production System Down", "under 1 hour", "7 business days"),
        (2, "Restricted Operations", "1 business day", "14 business days"),
        (3, "Question, Inconvenience or Cosmetic issue", "1 business day", "21 business days"),
    ]
