"""Contact points: a channel's phone numbers, addresses and web pages, shown with the
hours they are open in wherever a customer is told to use the channel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import generate
from generator.content.project import Project, load_policy
from generator.content.resolve import Policy
from generator.policy.contacts import reach
from tests.conftest import FIXTURES, REPO

EXAMPLE = REPO / "examples" / "enterprise-linux"
WIDGET = (FIXTURES / "minimal" / "content" / "widget.yml").read_text()
TICKET = """    how: Open a ticket in the portal.
"""
CONTACTS = """    how: Open a ticket in the portal.
    url: https://portal.example.test/
    contacts:
      - phone: +44 (20) 7946-0000
        label: Toll-free
      - email: help@example.test
        hours: weekends
"""
WEEKENDS = """hours:
  - id: weekends
    name: Weekend cover
    timezone: Europe/London
    days: [saturday, sunday]
    opens: "10:00"
    closes: "14:00"
"""


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy(Project.at(EXAMPLE))


def test_a_known_region_puts_its_points_first_open_in_its_hours(policy: Policy) -> None:
    found = reach(policy, policy.channels["phone"], "emea")
    assert [(p.href, p.region.id if p.region else None, p.elsewhere) for p in found.points] == [
        ("tel:+442079460100", "emea", False),
        ("tel:+15550100", "north-america", True),
        ("tel:+525555550100", "north-america", True),
        ("tel:+81355550100", "asia-pacific", True),
    ]
    assert found.hours is not None and found.hours.id == "europe"
    assert found.points[0].hours is None  # the channel's own, said once
    assert found.points[1].hours is not None and found.points[1].hours.id == "business-hours"


def test_without_a_region_the_hours_are_each_regions(policy: Policy) -> None:
    found = reach(policy, policy.channels["customer-portal"])
    assert [(p.kind, p.value, p.href) for p in found.points] == [
        (
            "web",
            "https://portal.enterprise-linux.example/",
            "https://portal.enterprise-linux.example/",
        )
    ]
    assert found.hours is None
    assert [r.id for r in found.regions] == ["north-america", "emea", "asia-pacific"]


def test_a_self_service_channel_has_no_hours_to_tell(policy: Policy) -> None:
    found = reach(policy, policy.channels["knowledge-base"])
    assert (found.points, found.hours, found.regions, found.told) == ((), None, (), True)


@pytest.fixture
def pages(make_project: Callable[[dict[str, str]], Path]) -> dict[str, str]:
    site_config = (FIXTURES / "minimal" / "site_config.yml").read_text() + WEEKENDS
    project = make_project(
        {
            "content/widget.yml": WIDGET.replace(TICKET, CONTACTS),
            "site_config.yml": site_config,
        }
    )
    files = generate(Project.at(project)).files
    return {path: data.decode() for path, data in files.items() if path.endswith(".md")}


def test_an_outcome_page_shows_how_to_reach_the_channel(pages: dict[str, str]) -> None:
    page = pages["wizards/covered/verdict_how-to_pro_widget.md"]
    assert (
        "- **[Ticket](../../widget/help.md#ticket)**: Open a ticket in the portal.\n"
        "    - Web: [https://portal.example.test/](https://portal.example.test/)\n"
        "    - Phone (Toll-free): [+44 (20) 7946-0000](tel:+442079460000)\n"
        "    - E-mail: [help@example.test](mailto:help@example.test), open Saturday to "
        "Sunday, 10:00 to 14:00, Europe/London time\n"
        "    - Open Monday to Friday, 09:00 to 17:00, Europe/London time.\n"
    ) in page


def test_the_contact_page_lists_each_channel_with_its_points(pages: dict[str, str]) -> None:
    page = pages["contact.md"]
    start = page.index("## Support channels")
    assert page[start : page.index("## Business hours")].split("\n") == [
        "## Support channels",
        "",
        '<h3 id="channel-ticket" markdown>Ticket</h3>',
        "",
        "Open a ticket in the portal.",
        "",
        "- Web: [https://portal.example.test/](https://portal.example.test/)",
        "- Phone (Toll-free): [+44 (20) 7946-0000](tel:+442079460000)",
        "- E-mail: [help@example.test](mailto:help@example.test), open Saturday to Sunday, "
        "10:00 to 14:00, Europe/London time",
        "- Open Monday to Friday, 09:00 to 17:00, Europe/London time.",
        "",
        "",
        "",
    ]


def test_a_channel_without_published_hours_says_so_once(
    make_project: Callable[[dict[str, str]], Path],
) -> None:
    site_config = (FIXTURES / "minimal" / "site_config.yml").read_text()
    no_hours = site_config[: site_config.index("business_hours:")]
    widget = WIDGET.replace(TICKET, CONTACTS).replace("    availability: Business hours\n", "")
    project = make_project(
        {
            "content/widget.yml": widget.replace("        hours: weekends\n", ""),
            "site_config.yml": no_hours,
        }
    )
    files = generate(Project.at(project)).files
    page = files["widget/help.md"].decode()
    assert page.count("The policy does not publish opening hours for this channel") == 1
    assert "- **When:** The policy does not publish opening hours for this channel\n" in page
