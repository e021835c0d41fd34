"""Which phase of its product's life cycle a version is in on a date: a decision, no
sentences (templates/life_cycle.md.j2 and macros.md.j2 word it).

A version with dates ('releases') is in the first phase whose last day has not
passed; one without is in the first phase whose 'window' holds it, counted back
from the current version in the product's 'versions'; otherwise it is not
supported. The date is the build's: SOURCE_DATE_EPOCH when set (reproducible
builds), else today in UTC.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from generator.content.models import Product
from generator.content.versions import LifeCycle, LifeCyclePhase, Release, version_parts


@dataclass(frozen=True)
class VersionStatus:
    """Where one version stands on a date."""

    version: str
    on: date
    """The date it was decided for."""
    phase: LifeCyclePhase | None
    """None: not supported on that date."""
    ends: date | None = None
    """The last day of its phase, when the policy dates it."""
    released: date | None = None
    upcoming: bool = False
    """Dated, but released after ``on``."""
    ended: date | None = None
    """Not supported: the last day of its last phase, when the policy dates it."""

    @property
    def supported(self) -> bool:
        return self.phase is not None


def as_of(environ: Mapping[str, str] | None = None) -> date:
    """The build's date: SOURCE_DATE_EPOCH (seconds since 1970, UTC) when set, else today."""
    found = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if found.isascii() and found.isdigit():
        return datetime.fromtimestamp(int(found), UTC).date()
    return datetime.now(UTC).date()


def status(product: Product, version: str, on: date) -> VersionStatus:
    """The phase ``version`` of ``product`` is in on ``on``."""
    cycle = product.life_cycle
    if cycle is None:
        raise ValueError(f"product '{product.id}' has no life cycle")
    release = next((r for r in cycle.releases if r.version == version), None)
    if release is not None:
        return _dated(cycle, release, on)
    for phase in cycle.phases:
        if phase.window is not None and _in_window(product, version, phase):
            return VersionStatus(version, on, phase)
    return VersionStatus(version, on, None)


def statuses(product: Product, on: date) -> list[VersionStatus]:
    """Every version of ``product``, newest first, with where it stands on ``on``."""
    return [status(product, version, on) for version in reversed(product.versions)]


def upgrade_to(product: Product, on: date) -> str | None:
    """The version to upgrade to: the current one, else the newest supported."""
    if product.current_version:
        return product.current_version
    return next((s.version for s in statuses(product, on) if s.supported), None)


def _dated(cycle: LifeCycle, release: Release, on: date) -> VersionStatus:
    if on < release.released:
        return VersionStatus(release.version, on, None, released=release.released, upcoming=True)
    for phase in cycle.phases:
        end = release.ends.get(phase.id)
        if end is not None and on <= end:
            return VersionStatus(release.version, on, phase, end, release.released)
    ended = max(release.ends.values(), default=None)
    return VersionStatus(release.version, on, None, released=release.released, ended=ended)


def _in_window(product: Product, version: str, phase: LifeCyclePhase) -> bool:
    """Is ``version`` among the current version and the ``window - 1`` before it, counting
    distinct majors (or minors) in the order of the product's versions?"""
    assert phase.window is not None and product.current_version is not None  # resolve checked
    keys: list[tuple[int, ...] | str] = []
    for listed in product.versions:
        key = _key(listed, phase.per)
        if key not in keys:
            keys.append(key)
    mine, current = _key(version, phase.per), _key(product.current_version, phase.per)
    if mine not in keys or current not in keys:
        return False
    distance = keys.index(current) - keys.index(mine)
    return 0 <= distance < phase.window


def _key(version: str, per: str) -> tuple[int, ...] | str:
    """A version's major (or major and minor); a version that is not a number is its own."""
    parts = version_parts(version)
    if parts is None:
        return version
    return parts[:1] if per == "major" else parts[:2]
