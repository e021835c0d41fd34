from __future__ import annotations

import pytest

from generator.content.models import PriceRule, Step
from generator.policy.prices import cost_of, version_steps

UPGRADE = PriceRule(
    id="upgrade",
    name="Upgrade",
    products=["shop"],
    kind="stepped",
    step=Step(base=20, covers=2, each=5, per="patch"),
    unit="credits",
)


@pytest.mark.parametrize(
    ("start", "end", "steps"),
    [
        ("4.3.1", "4.3.9", 8),
        ("4.3.1", "4.3.2", 1),
        ("4.3", "4.3.4", 4),
        ("4.3.9", "4.4.1", None),
        ("4.3.5", "4.3.5", None),
        ("4.3.5", "4.3.1", None),
        ("4.x", "4.3.1", None),
    ],
)
def test_patch_steps_between_versions(start: str, end: str, steps: int | None) -> None:
    assert version_steps(start, end, "patch") == steps


def test_minor_steps_ignore_patches() -> None:
    assert version_steps("2.1.7", "2.4.0", "minor") == 3


@pytest.mark.parametrize(
    ("start", "end", "cost"),
    [
        ("4.3.1", "4.3.9", 50),  # the policy's own example
        ("4.3.1", "4.3.3", 20),  # two patch versions: the base price
        ("4.3.1", "4.3.2", 20),
        ("4.3.1", "4.3.4", 25),
        ("4.3.9", "4.4.1", None),
    ],
)
def test_stepped_rule(start: str, end: str, cost: int | None) -> None:
    assert cost_of(UPGRADE, start, end) == cost


def test_fixed_and_from_rules_ignore_versions() -> None:
    fixed = PriceRule(id="q", name="Q", products=["shop"], kind="fixed", amount=5, unit="credits")
    start = PriceRule(id="m", name="M", products=["shop"], kind="from", amount=20, unit="credits")
    assert (cost_of(fixed), cost_of(start, "1.0", "2.0")) == (5, 20)
