"""Price rules: what a request costs, computed from the rule, never looked up."""

from __future__ import annotations

from generator.content.models import PriceRule
from generator.content.versions import VERSION_PARTS, version_parts


def version_steps(from_version: str, to_version: str, per: str) -> int | None:
    """Count the ``per`` releases from one version to a later one.

    4.3.1 → 4.3.9 is 8 patch steps. Versions that differ above the counted part
    (4.3.9 → 4.4.1 counted in patches) have no defined count: None.
    """
    index = VERSION_PARTS.index(per)
    start, end = version_parts(from_version), version_parts(to_version)
    if start is None or end is None or start[:index] != end[:index]:
        return None
    steps = end[index] - start[index]
    return steps if steps > 0 else None


def cost_of(
    rule: PriceRule, from_version: str | None = None, to_version: str | None = None
) -> int | None:
    """The cost of a request under ``rule``; None when it cannot be computed."""
    if rule.kind != "stepped":
        return rule.amount
    assert rule.step is not None  # resolve checks stepped rules have a step
    if from_version is None or to_version is None:
        return None
    steps = version_steps(from_version, to_version, rule.step.per)
    if steps is None:
        return None
    return rule.step.base + max(0, steps - rule.step.covers) * rule.step.each
