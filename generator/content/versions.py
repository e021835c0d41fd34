"""Versions as numbers: '4.3.1' as (4, 3, 1), for what counts the versions between two;
and a product's life cycle, the content that says which versions are supported.

A product's versions are content; a stepped price rule counts them (the policy
stage) and resolve checks that every version such a rule counts is a number. The
life cycle's phases and dates are content too; which phase a version is in on a
date is decided in ``generator.policy.life_cycle``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Literal

from pydantic import Field

from generator.content.errors import Problem, did_you_mean, known_list
from generator.content.fields import Id, Model, PositiveCount, Text, Version
from generator.content.load import DataPath, Document

VERSION_PARTS = ("major", "minor", "patch")


def version_parts(version: str) -> tuple[int, int, int] | None:
    """'4.3.1' as (4, 3, 1); None for a version a stepped price cannot count."""
    pieces = version.strip().split(".")
    # isdigit() alone accepts '²', which int() refuses: ASCII digits only.
    if not 1 <= len(pieces) <= 3 or not all(p.isascii() and p.isdigit() for p in pieces):
        return None
    numbers = [int(piece) for piece in pieces] + [0] * (3 - len(pieces))
    return numbers[0], numbers[1], numbers[2]


# ---------------------------------------------------------------- life cycle


class LifeCyclePhase(Model):
    """A phase of the life cycle, in the order versions go through them ('Active',
    then 'Sunset'): a version is in the first phase that has not ended for it."""

    id: Id
    name: Text = Field(description="The phase as the policy names it: 'Active', 'Maintenance'.")
    delivers: Text = Field(
        description="What a version in this phase gets, in one short sentence: "
        "'Bug fixes and security fixes.'"
    )
    window: PositiveCount | None = Field(
        None,
        description="For versions the policy gives no dates: the current version and those "
        "before it, this many counted by 'per' in 'versions', are in this phase ('the "
        "current major and the two before': 3). Needs the product's 'current_version'.",
    )
    per: Literal["major", "minor"] = Field(
        "major", description="What 'window' counts: major versions (4.x) or minor ones (4.3)."
    )


class Release(Model):
    """The dates of one version: its release, and the last day of each phase."""

    version: Version = Field(description="One of the product's 'versions'.")
    released: date = Field(description="When it was released, as YYYY-MM-DD.")
    ends: dict[Id, date] = Field(
        default_factory=dict,
        description="Phase id → the last day of that phase for this version, in the order of "
        "'phases'; a phase left out is one this version does not go through. After the "
        "last date it is not supported.",
    )


class LifeCycle(Model):
    """Which versions of a product are supported and how: phases with their dates per
    release, or a window counted back from the current version. Evaluated when the
    site is built (SOURCE_DATE_EPOCH, else today), and the pages say on which date."""

    phases: list[LifeCyclePhase] = Field(
        min_length=1, description="The phases a version goes through, first to last."
    )
    releases: list[Release] = Field(
        default_factory=list,
        description="Versions with dates; the others follow the phases' 'window' rules.",
    )
    after_support: Text | None = Field(
        None,
        description="What a customer on a version no longer supported should do: upgrade, "
        "or buy extended support if the policy offers it.",
    )


def life_cycle_problems(
    index: int, versions: list[str], current: str | None, cycle: LifeCycle, document: Document
) -> Iterator[Problem]:
    """A product's life cycle against its versions: each release is a known version
    once, names known phases, and ends them after its release and in phase order; a
    window counts back from a current version."""
    at = ("products", index, "life_cycle")
    phases = [phase.id for phase in cycle.phases]
    for number, phase in enumerate(cycle.phases):
        if phase.window is not None and current is None:
            yield Problem(
                document.value_at((*at, "phases", number, "window")),
                f"phase '{phase.id}' counts versions back from the current version, "
                "but the product has no 'current_version'",
                "add 'current_version:' to the product, or give the versions dates under "
                "'releases:'",
            )
    seen: set[str] = set()
    for number, release in enumerate(cycle.releases):
        where = (*at, "releases", number)
        if release.version not in versions:
            yield Problem(
                document.value_at((*where, "version")),
                f"life-cycle release '{release.version}' is not in 'versions'"
                + did_you_mean(release.version, versions),
                "add it to the product's 'versions', or correct the spelling",
            )
        elif release.version in seen:
            yield Problem(
                document.value_at((*where, "version")),
                f"version '{release.version}' has dates twice in the life cycle",
                "keep one entry of 'releases' per version",
            )
        seen.add(release.version)
        yield from _ends_problems(release, phases, document, where)


def _ends_problems(
    release: Release, phases: list[str], document: Document, where: DataPath
) -> Iterator[Problem]:
    last: tuple[str, date] | None = None
    for phase, end in release.ends.items():
        if phase not in phases:
            yield Problem(
                document.key_at((*where, "ends", phase)),
                f"unknown phase '{phase}'" + did_you_mean(phase, phases),
                known_list("phase", phases),
            )
            continue
        if end < release.released:
            yield Problem(
                document.value_at((*where, "ends", phase)),
                f"phase '{phase}' of version '{release.version}' ends on {end}, before its "
                f"release on {release.released}",
                "a phase ends on or after the release date: check both dates",
            )
        elif last and (phases.index(phase) < phases.index(last[0]) or end < last[1]):
            yield Problem(
                document.value_at((*where, "ends", phase)),
                f"phase '{phase}' of version '{release.version}' ends on {end}, out of "
                f"order with phase '{last[0]}' ending on {last[1]}",
                "list the phases in the order of 'phases', each ending on or after the one before",
            )
        last = (phase, end)
