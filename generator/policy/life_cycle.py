"""Which phase of its product's life cycle a version is in on a date: a decision, no
sentences (templates/life_cycle.md.j2 and macros.md.j2 word it).

A version with dates ('releases') is in the first phase whose last day has not
passed (or whose end is 'open'); in a phase given by add-ons, it is also where it
would be without them (``without``). A minor release with dates of its own
('minor_releases') is decided the same way, beside its major version. One without
is in the first phase whose 'window' holds it, counted back
from the current version in the product's 'versions'; otherwise it is not
supported. The date is the build's: SOURCE_DATE_EPOCH when set (reproducible
builds), else today in UTC.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from generator.content.models import Offer, Plan, Product
from generator.content.versions import (
    LifeCycle,
    LifeCyclePhase,
    Release,
    major_of,
    version_parts,
)


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
    """Not supported: the last day of its last phase that has passed, when dated."""
    open: bool = False
    """Its phase publishes no end date (the phase's 'open_end' words it)."""
    without: VersionStatus | None = None
    """In a phase given by add-ons: where it stands without them (None: nowhere)."""
    major: VersionStatus | None = None
    """For a minor release with its own dates: where its major version stands."""

    @property
    def supported(self) -> bool:
        """In a phase the policy counts as support (with its add-ons, if it has any)."""
        return self.phase is not None and self.phase.supported


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
    minor = next((r for r in cycle.minor_releases if r.version == version), None)
    if minor is not None:
        major = status(product, major_of(version), on)
        return replace(_dated(cycle, minor, on), major=major)
    for phase in cycle.phases:
        if phase.window is not None and _in_window(product, version, phase):
            return VersionStatus(version, on, phase)
    return VersionStatus(version, on, None)


def statuses(product: Product, on: date) -> list[VersionStatus]:
    """Every version of ``product``, newest first, with where it stands on ``on``."""
    return [status(product, version, on) for version in reversed(product.versions)]


def minor_statuses(product: Product, on: date) -> list[VersionStatus]:
    """Every minor release with dates of its own, newest first, on ``on``."""
    cycle = product.life_cycle
    minors = cycle.minor_releases if cycle else []
    return [status(product, release.version, on) for release in reversed(minors)]


def to_buy(life: VersionStatus, plan: Plan | None, offers: Mapping[str, Offer]) -> list[str]:
    """The add-ons a holder of ``plan`` must buy for the version's phase: its offers
    less those the plan includes (all of them when the plan is not known)."""
    named = life.phase.offers if life.phase else []
    return [o for o in named if plan is None or plan.id not in offers[o].included_in]


def upgrade_to(product: Product, on: date) -> str | None:
    """The version to upgrade to: the current one, else the newest supported."""
    if product.current_version:
        return product.current_version
    return next((s.version for s in statuses(product, on) if s.supported), None)


def _dated(cycle: LifeCycle, release: Release, on: date, with_offers: bool = True) -> VersionStatus:
    """Where a dated release stands on ``on``: in the first phase that has not ended.
    ``with_offers=False`` passes over phases given by add-ons (for ``without``)."""
    if on < release.released:
        return VersionStatus(release.version, on, None, released=release.released, upcoming=True)
    passed = [end for end in release.ends.values() if isinstance(end, date) and end < on]
    ended = max(passed, default=None)
    for phase in cycle.phases:
        end = release.ends.get(phase.id)
        if end is None or (isinstance(end, date) and end < on):
            continue
        if phase.offers and not with_offers:
            continue
        dated = end if isinstance(end, date) else None
        without = _dated(cycle, release, on, with_offers=False) if phase.offers else None
        return VersionStatus(
            release.version,
            on,
            phase,
            dated,
            release.released,
            ended=None if phase.supported else ended,
            open=dated is None,
            without=without,
        )
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
