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
    offers: list[Id] = Field(
        default_factory=list,
        description="Add-ons (offers.yml) that give this phase ('Extended Life Cycle "
        "Support'): a version in it is supported only with one of them, and without one it "
        "is in the next phase it goes through. Pages and answers link the offers.",
    )
    open_end: Text | None = Field(
        None,
        description="How the policy says this phase ends when it publishes no date: 'when "
        "your subscription ends'. A release then writes 'open' for its end of this phase.",
    )
    supported: bool = Field(
        True,
        description="false for a phase the policy counts as out of support (released "
        "updates and documentation stay available, no fixes or cases): answers then say "
        "the version is not supported, in this phase.",
    )


OPEN_END = "open"
"""A release's end of a phase written 'open': the phase publishes no end date."""

PhaseEnd = date | Literal["open"]
"""The last day of a phase for one release, or 'open' (OPEN_END) when it has none."""


class Release(Model):
    """The dates of one version: its release, and the last day of each phase."""

    version: Version = Field(description="One of the product's 'versions'.")
    released: date = Field(description="When it was released, as YYYY-MM-DD.")
    ends: dict[Id, PhaseEnd] = Field(
        default_factory=dict,
        description="Phase id → the last day of that phase for this version, in the order of "
        "'phases'; a phase left out is one this version does not go through. After the "
        "last date it is not supported. 'open' for a phase whose end the policy does not "
        "date (the phase says how in 'open_end'): it must be the last one.",
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
    minor_releases: list[Release] = Field(
        default_factory=list,
        description="Minor releases with a life cycle of their own ('Extended Update "
        "Support' for 9.2, 9.4…): 'version' is a minor version ('9.4') of one of the "
        "product's 'versions', with the dates of the phases it goes through on its own. "
        "Once they end, it is supported as its major version is, on its newest minor release.",
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
    for number, phase in enumerate(cycle.phases):
        if phase.window is not None and current is None:
            yield Problem(
                document.value_at((*at, "phases", number, "window")),
                f"phase '{phase.id}' counts versions back from the current version, "
                "but the product has no 'current_version'",
                "add 'current_version:' to the product, or give the versions dates under "
                "'releases:'",
            )
    yield from _releases_problems(cycle, cycle.releases, "releases", versions, document, at)
    yield from _releases_problems(
        cycle, cycle.minor_releases, "minor_releases", versions, document, at
    )


def _releases_problems(
    cycle: LifeCycle,
    releases: list[Release],
    key: str,
    versions: list[str],
    document: Document,
    at: DataPath,
) -> Iterator[Problem]:
    """Each release names a version once (a minor one of a listed version, under
    'minor_releases'), and its phases' ends are in order."""
    seen: set[str] = set()
    for number, release in enumerate(releases):
        where = (*at, key, number)
        unknown = _unknown_version(release.version, versions, minor=key == "minor_releases")
        if unknown is not None:
            yield Problem(document.value_at((*where, "version")), *unknown)
        elif release.version in seen:
            yield Problem(
                document.value_at((*where, "version")),
                f"version '{release.version}' has dates twice in the life cycle",
                f"keep one entry of '{key}' per version",
            )
        seen.add(release.version)
        yield from _ends_problems(release, cycle.phases, document, where)


def major_of(version: str) -> str:
    """'9.4' → '9': the major version a minor release belongs to."""
    return version.split(".", 1)[0]


def _unknown_version(version: str, versions: list[str], minor: bool) -> tuple[str, str] | None:
    """The message and hint when ``version`` is not one the life cycle may date."""
    if not minor:
        if version in versions:
            return None
        return (
            f"life-cycle release '{version}' is not in 'versions'"
            + did_you_mean(version, versions),
            "add it to the product's 'versions', or correct the spelling",
        )
    majors = [v for v in versions if "." not in v]
    if "." in version and major_of(version) in majors:
        return None
    return (
        f"minor release '{version}' is not a minor version of one of the product's major versions",
        f"write it as <major>.<minor> of a version in 'versions' ({', '.join(majors)})"
        if majors
        else "list its major version (such as '9') in the product's 'versions'",
    )


def _ends_problems(
    release: Release, phases: list[LifeCyclePhase], document: Document, where: DataPath
) -> Iterator[Problem]:
    ids = [phase.id for phase in phases]
    last: tuple[str, PhaseEnd] | None = None
    for phase_id, end in release.ends.items():
        at = (*where, "ends", phase_id)
        if phase_id not in ids:
            yield Problem(
                document.key_at(at),
                f"unknown phase '{phase_id}'" + did_you_mean(phase_id, ids),
                known_list("phase", ids),
            )
            continue
        problem = _end_problem(release, phases[ids.index(phase_id)], end, last, ids)
        if problem is not None:
            yield Problem(document.value_at(at), *problem)
        last = (phase_id, end)


def _end_problem(
    release: Release,
    phase: LifeCyclePhase,
    end: PhaseEnd,
    last: tuple[str, PhaseEnd] | None,
    ids: list[str],
) -> tuple[str, str] | None:
    """What is wrong with one phase's end for ``release``, as (message, hint)."""
    named = f"phase '{phase.id}' of version '{release.version}'"
    if last is not None and not isinstance(last[1], date):
        return (
            f"{named} comes after phase '{last[0]}', which has no end date",
            "an 'open' end is the last phase of a release: remove the later phases, or "
            f"give phase '{last[0]}' a date",
        )
    if not isinstance(end, date):
        if phase.open_end is None:
            return (
                f"{named} ends 'open', but the phase does not say how it ends",
                f"add 'open_end:' to phase '{phase.id}' with the policy's words ('when your "
                "subscription ends'), or give a date",
            )
        return None
    if end < release.released:
        return (
            f"{named} ends on {end}, before its release on {release.released}",
            "a phase ends on or after the release date: check both dates",
        )
    before = last[1] if last else None
    if (
        last
        and isinstance(before, date)
        and (ids.index(phase.id) < ids.index(last[0]) or end < before)
    ):
        return (
            f"{named} ends on {end}, out of order with phase '{last[0]}' ending on {before}",
            "list the phases in the order of 'phases', each ending on or after the one before",
        )
    return None
