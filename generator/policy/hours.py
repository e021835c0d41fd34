"""Hour sets: which hours a goal's 'business hours' and 'business days' count in.

site_config.yml declares them: 'business_hours' with 'holidays' is the default set
(id 'business-hours'), 'hours' lists named ones (24x7, 24x5, regional hours). A goal
counts in the set its per-plan goal names, else its severity's or channel's, else
the default; resolve has checked every id named.

Where site_config.yml lists 'regions', business hours are those of the region of the
customer's account: a goal counted in the default set counts in the region's set once
the region is known, and says it depends on the region while it is not.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.models import Channel, Plan, PlanGoal, Severity, TimedTarget
from generator.content.resolve import Policy
from generator.content.site_config import DEFAULT_HOURS, Holiday, SiteConfig, Weekday


@dataclass(frozen=True)
class Hours:
    """One hour set as goals count in it, typed for templates to word."""

    id: str
    name: str | None
    """None for the default set: templates word its name ('Business hours')."""
    always_open: bool
    timezone: str | None
    days: tuple[Weekday, ...]
    opens: str
    closes: str
    holidays: tuple[Holiday, ...]

    @property
    def default(self) -> bool:
        return self.id == DEFAULT_HOURS

    @property
    def day_runs(self) -> tuple[tuple[Weekday, Weekday], ...]:
        """Its days as runs of consecutive weekdays, first and last of each, for
        templates to word 'Monday to Friday' or 'Monday, Wednesday'."""
        week = list(Weekday)
        runs: list[tuple[Weekday, Weekday]] = []
        for day in sorted(set(self.days), key=week.index):
            if runs and week.index(runs[-1][1]) + 1 == week.index(day):
                runs[-1] = (runs[-1][0], day)
            else:
                runs.append((day, day))
        return tuple(runs)


def hour_sets(site: SiteConfig) -> dict[str, Hours]:
    """Every hour set of the site by id, the default first."""
    found: dict[str, Hours] = {}
    default = site.business_hours
    if default is not None:
        found[DEFAULT_HOURS] = Hours(
            DEFAULT_HOURS,
            None,
            False,
            default.timezone,
            tuple(default.days),
            default.opens,
            default.closes,
            tuple(site.holidays),
        )
    for named in site.hours:
        found[named.id] = Hours(
            named.id,
            named.name,
            named.always_open,
            named.timezone,
            tuple(named.days),
            named.opens,
            named.closes,
            tuple(named.holidays),
        )
    return found


@dataclass(frozen=True)
class RegionHours:
    """A region of site_config.yml with the hour set its business hours are."""

    id: str
    name: str
    hint: str | None
    hours: Hours


def regions(site: SiteConfig) -> tuple[RegionHours, ...]:
    """The site's regions in the order it lists them, each with its hour set."""
    sets = hour_sets(site)
    return tuple(RegionHours(r.id, r.name, r.hint, sets[r.hours]) for r in site.regions)


def hours_for(site: SiteConfig, *named: str | None) -> Hours | None:
    """The set a goal counts in: the first of ``named`` given (most specific first),
    else the default set; None when the site publishes no hours."""
    sets = hour_sets(site)
    chosen = next((name for name in named if name is not None), DEFAULT_HOURS)
    return sets.get(chosen)


def depends_on_region(site: SiteConfig, hours: Hours | None) -> bool:
    """Whether a goal counted in ``hours`` counts in the customer's region's hours: it
    counts in the default set and the site lists regions."""
    return bool(site.regions) and (hours is None or hours.default)


@dataclass(frozen=True)
class HoursInUse:
    """An hour set with what names it: the contact page lists each set this way."""

    hours: Hours
    channels: tuple[Channel, ...]
    severities: tuple[tuple[Severity, Plan | None], ...]
    """Severities whose goals count in it: for every plan (None) or for one plan."""


def hours_in_use(policy: Policy) -> list[HoursInUse]:
    """Every hour set, the default first, with the channels and severities that name it."""
    found = []
    for hours in hour_sets(policy.site).values():
        channels = tuple(c for c in policy.channels.values() if c.hours == hours.id)
        severities: list[tuple[Severity, Plan | None]] = []
        for severity in sorted(policy.severities.values(), key=lambda s: s.level):
            if _counts_in(severity, hours.id):
                severities.append((severity, None))
            severities += [
                (severity, policy.plans[goal.plan])
                for goal in severity.per_plan
                if _counts_in(goal, hours.id)
            ]
        found.append(HoursInUse(hours, channels, tuple(severities)))
    return found


def _counts_in(goals: Severity | PlanGoal, hours_id: str) -> bool:
    """Whether a severity's (or a plan's) goals, or one goal of them, name the set."""
    own = (getattr(goals, name) for name in ("response", "resolution", "updates"))
    return goals.hours == hours_id or any(
        isinstance(goal, TimedTarget) and goal.hours == hours_id for goal in own
    )
