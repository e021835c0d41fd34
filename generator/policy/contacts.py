"""How to reach a channel: its contact points in the order a reader needs them, each
with the link it opens and the hours it is open in; no sentences (templates word
them, macros.md.j2's ``reach``).

A channel's ``url`` is its web contact point (a mailto: or tel: url its e-mail or
phone point). Once the reader's region is known, the points serving that region come
first, then those serving every region, then the others (marked ``elsewhere``).
The hours: the channel's hour set, or, when that is the default set and the site
lists regions, the reader's region's (every region's while it is not known); a
self-service channel that names no hours has none to tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.contact_points import ContactPoint
from generator.content.models import Channel, ChannelKind
from generator.content.resolve import Policy
from generator.policy.hours import Hours, RegionHours, depends_on_region, hour_sets, regions

NOT_DIALLED = re.compile(r"[^0-9]")


@dataclass(frozen=True)
class Point:
    """One contact point as pages show it."""

    kind: str
    """'phone', 'email' or 'web'."""
    value: str
    """As written: the link's text."""
    href: str
    """tel:+15550100, mailto:…, or the web address itself."""
    label: str | None
    region: RegionHours | None
    """The region it serves; None: every region."""
    hours: Hours | None
    """Its own hours, where they differ from the channel's."""
    elsewhere: bool = False
    """It serves a region other than the reader's."""


@dataclass(frozen=True)
class Reach:
    """How to reach a channel and when it is open."""

    points: tuple[Point, ...]
    hours: Hours | None
    """The hours it is open in, when one set says it."""
    regions: tuple[RegionHours, ...] = ()
    """Its hours are the reader's region's, not yet known: each region's."""
    availability: str | None = None
    """The channel's own words on when it is available."""
    told: bool = True
    """False when the policy publishes no hours for it (templates say so once)."""


def reach(
    policy: Policy, channel: Channel, region: str | None = None, answered_in: Hours | None = None
) -> Reach:
    """How to reach ``channel`` for a reader in ``region`` (None: not known); open in
    ``answered_in`` where a plan's goal has it answered in hours of its own."""
    site = policy.site
    known = {r.id: r for r in regions(site)}
    sets = hour_sets(site)
    hours, by_region = _channel_hours(policy, channel, region)
    if answered_in is not None:
        hours, by_region = answered_in, ()
    # business hours are the region's: a point serving one region is open in its hours
    regional = channel.hours is None and answered_in is None and bool(known)
    points = [_point(p, sets, known, hours, regional) for p in _contact_points(channel)]
    if region in known:
        points = [
            *(p for p in points if p.region is not None and p.region.id == region),
            *(p for p in points if p.region is None),
            *(_elsewhere(p) for p in points if p.region is not None and p.region.id != region),
        ]
    told = hours is not None or bool(by_region) or channel.availability is not None
    quiet = channel.kind is ChannelKind.self_service and channel.hours is None
    quiet = quiet and answered_in is None
    return Reach(
        tuple(points),
        None if quiet else hours,
        () if quiet else by_region,
        channel.availability,
        told or quiet,
    )


def _channel_hours(
    policy: Policy, channel: Channel, region: str | None
) -> tuple[Hours | None, tuple[RegionHours, ...]]:
    site = policy.site
    hours = hour_sets(site).get(channel.hours or "business-hours")
    if channel.hours is not None or not depends_on_region(site, hours):
        return hours, ()
    found = next((r for r in regions(site) if r.id == region), None)
    return (found.hours, ()) if found is not None else (None, regions(site))


def _contact_points(channel: Channel) -> list[ContactPoint]:
    """The channel's points, its ``url`` first as a point of its own kind."""
    points = list(channel.contacts)
    url = channel.url
    if url is not None and url not in {p.value for p in points}:
        scheme, _, rest = url.partition(":")
        if scheme.lower() == "mailto":
            points.insert(0, ContactPoint(email=rest.split("?")[0]))
        elif scheme.lower() == "tel":
            points.insert(0, ContactPoint(phone=rest.replace("%20", " ")))
        else:
            points.insert(0, ContactPoint.model_construct(web=url))
    return points


def _point(
    point: ContactPoint,
    sets: dict[str, Hours],
    known: dict[str, RegionHours],
    shown: Hours | None,
    regional: bool,
) -> Point:
    served = known.get(point.region) if point.region else None
    own = sets.get(point.hours) if point.hours else None
    if own is None and served is not None and regional:
        own = served.hours  # open in its region's business hours
    return Point(
        point.kind,
        point.value,
        _href(point),
        point.label,
        served,
        own if own != shown else None,
    )


def _href(point: ContactPoint) -> str:
    if point.kind == "phone":
        plus = "+" if point.value.startswith("+") else ""
        return f"tel:{plus}{NOT_DIALLED.sub('', point.value)}"
    if point.kind == "email":
        return f"mailto:{point.value}"
    return point.value


def _elsewhere(point: Point) -> Point:
    return Point(point.kind, point.value, point.href, point.label, point.region, point.hours, True)
