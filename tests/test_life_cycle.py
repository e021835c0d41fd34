"""Product life cycles: which phase a version is in on a date (policy/life_cycle.py),
the life-cycle page and the "Is my version supported?" wizard, on the default
content's Sitefinity CMS life cycle (the vendor's published table) with a fixed
SOURCE_DATE_EPOCH."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from generator.build import generate
from generator.content.models import Product
from generator.content.project import Project, load_policy
from generator.policy.derive import Derived, derive
from generator.policy.life_cycle import as_of, minor_statuses, status, statuses, upgrade_to
from generator.render.environment import environment
from generator.render.wording import Wording
from generator.wizards.compile import compile_wizards
from generator.wizards.walk import walk
from tests.conftest import REPO, run_scopesite

DAY = date(2026, 11, 23)
EPOCH = str(int(datetime(2026, 11, 23, 12, tzinfo=UTC).timestamp()))


@pytest.fixture(scope="module")
def derived() -> Derived:
    return derive(load_policy(Project.at(REPO)))


@pytest.fixture(scope="module")
def sitefinity(derived: Derived) -> Product:
    return derived.policy.products["sitefinity"]


def product(versions: list[str], current: str | None, **cycle: Any) -> Product:
    return Product.model_validate(
        {
            "id": "gadget",
            "name": "Gadget",
            "summary": "S",
            "delivered_via": ["ticket"],
            "versions": versions,
            "current_version": current,
            "life_cycle": cycle,
        }
    )


def test_the_build_date_is_source_date_epoch_or_today() -> None:
    assert as_of({"SOURCE_DATE_EPOCH": EPOCH}) == DAY
    assert as_of({"SOURCE_DATE_EPOCH": "0"}) == date(1970, 1, 1)
    assert as_of({}) == datetime.now(UTC).date()
    assert as_of({"SOURCE_DATE_EPOCH": "soon"}) == datetime.now(UTC).date()


def test_each_real_version_is_in_its_phase_on_the_day(sitefinity: Product) -> None:
    found = {
        s.version: (s.phase.id if s.phase else None, s.ends, s.ended)
        for s in statuses(sitefinity, DAY)
    }
    assert found == {
        "15.4": ("active", date(2029, 12, 31), None),
        "15.3": (None, None, date(2026, 10, 31)),
        "15.2": (None, None, date(2026, 10, 31)),
        "15.1": (None, None, date(2026, 10, 31)),
        "15.0": (None, None, date(2026, 10, 31)),
        "14.4": ("sunset", date(2027, 3, 31), None),
        "14.0": (None, None, date(2024, 8, 31)),
        "13.3": (None, None, date(2026, 3, 31)),
    }
    assert [s.version for s in statuses(sitefinity, DAY)][:2] == ["15.4", "15.3"]


def test_a_phase_holds_through_its_last_day(sitefinity: Product) -> None:
    def phase(version: str, on: date) -> str | None:
        found = status(sitefinity, version, on).phase
        return found.id if found else None

    assert phase("15.3", date(2026, 3, 31)) == "active"
    assert phase("15.3", date(2026, 4, 1)) == "sunset"
    assert phase("15.3", date(2026, 10, 31)) == "sunset"
    assert phase("15.3", date(2026, 11, 1)) is None
    early = status(sitefinity, "15.4", date(2025, 10, 31))
    assert (early.supported, early.upcoming, early.released) == (False, True, date(2025, 11, 1))
    assert upgrade_to(sitefinity, DAY) == "15.4"


def test_a_window_counts_back_from_the_current_version() -> None:
    versions = ["12.0", "13.0", "13.1", "14.0", "15.0"]
    supported = {"id": "supported", "name": "Supported", "delivers": "Fixes."}
    majors = product(versions, "15.0", phases=[{**supported, "window": 3, "per": "major"}])
    assert [s.version for s in statuses(majors, DAY) if s.supported] == [
        "15.0",
        "14.0",
        "13.1",
        "13.0",
    ]
    assert status(majors, "12.0", DAY).phase is None
    minors = product(versions, "14.0", phases=[{**supported, "window": 2, "per": "minor"}])
    assert [s.version for s in statuses(minors, DAY) if s.supported] == ["14.0", "13.1"]
    assert not status(minors, "15.0", DAY).supported  # newer than the current one
    assert upgrade_to(product(versions, None, phases=[supported]), DAY) is None


def test_dates_come_before_windows_and_phases_in_order() -> None:
    gadget = product(
        ["1.0", "2.0", "3.0"],
        "3.0",
        phases=[
            {"id": "full", "name": "Full", "delivers": "Everything."},
            {"id": "extended", "name": "Extended", "delivers": "Security fixes.", "window": 2},
        ],
        releases=[{"version": "1.0", "released": "2020-01-01", "ends": {"full": "2021-01-01"}}],
    )
    assert status(gadget, "3.0", DAY).phase.id == "extended"  # type: ignore[union-attr]
    assert status(gadget, "2.0", DAY).phase.id == "extended"  # type: ignore[union-attr]
    assert status(gadget, "1.0", DAY).ended == date(2021, 1, 1)


def test_the_life_cycle_page_states_the_date_and_each_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = generate(Project.at(REPO))
    page = site.files["sitefinity/life-cycle.md"].decode()
    assert "Which versions of Sitefinity CMS are supported, as of 2026-11-23. " in page
    assert "The current version is 15.4." in page
    assert "| 15.4 | 2025-11-01 | Active | 2029-12-31 |" in page
    assert "| 15.3 | 2025-04-01 | Not supported | Ended 2026-10-31 |" in page
    assert "| 14.4 | 2023-03-01 | Sunset | 2027-03-31 |" in page
    assert '<h3 id="sunset" markdown>Sunset</h3>' in page
    assert (
        "[Versions and life cycle](life-cycle.md): which versions are supported, and until when."
        in (site.files["sitefinity/index.md"].decode())
    )
    assert {"Versions and life cycle": "sitefinity/life-cycle.md"} in next(
        entry["Sitefinity CMS"] for entry in site.nav if "Sitefinity CMS" in entry
    )
    assert "imacros/life-cycle.md" not in site.files


def test_every_path_of_the_version_wizard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    compiled = compile_wizards(derive(load_policy(Project.at(REPO))))["is-my-version-supported"]
    wording = Wording(environment(None))
    said = {}
    for version in ["13.3", "14.0", "14.4", "15.0", "15.1", "15.2", "15.3", "15.4", "older"]:
        _, state = walk(compiled, {"which-version": version})
        assert state.answer is not None
        said[version] = (wording.headline(state.answer), wording.first_reason(state.answer))
    assert said["15.4"] == (
        "Sitefinity CMS 15.4 is supported: Active",
        "As of 2026-11-23, 15.4 is in the Active phase until 2029-12-31.",
    )
    assert said["14.4"] == (
        "Sitefinity CMS 14.4 is supported: Sunset",
        "As of 2026-11-23, 14.4 is in the Sunset phase until 2027-03-31.",
    )
    for version in ["15.3", "15.2", "15.1", "15.0"]:
        assert said[version] == (
            f"Sitefinity CMS {version} is not supported",
            f"As of 2026-11-23, {version} is no longer supported: its support ended on "
            "2026-10-31. Upgrade to 15.4 to be supported.",
        )
    assert said["14.0"][1] == (
        "As of 2026-11-23, 14.0 is no longer supported: its support ended on 2024-08-31. "
        "Upgrade to 15.4 to be supported."
    )
    assert said["older"] == ("Versions before 13.3 are retired", None)
    _, retired = walk(compiled, {"which-version": "15.3"})
    assert retired.answer is not None
    assert [step.channel.id for step in retired.answer.next_steps] == [
        "sitefinity-support-center",
        "sitefinity-account-manager",
    ]
    assert retired.answer.why[0].startswith("A retired version gets no product updates")
    _, active = walk(compiled, {"which-version": "15.4"})
    assert active.answer is not None and active.answer.next_steps == ()
    assert active.answer.why == (
        "Full technical support, and regular cumulative product updates with bug fixes "
        "while your subscription or Maintenance and Support contract is current.",
    )


def test_the_outcome_page_before_a_release(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    compiled = compile_wizards(derive(load_policy(Project.at(REPO))))["is-my-version-supported"]
    _, state = walk(compiled, {"which-version": "15.4"})
    assert state.answer is not None
    assert Wording(environment(None)).first_reason(state.answer) == (
        "As of 1970-01-01, 15.4 is not released yet: it is due on 2025-11-01."
    )


def test_a_failed_version_expectation_names_values_as_yaml_writes_them(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "site_config.yml", project / "site_config.yml")
    flow = project / "content" / "flows" / "is-my-version-supported.yml"
    flow.write_text(
        flow.read_text().replace(
            "as_of: 2026-11-23, supported: false}",
            "as_of: 2026-11-23, supported: true, phase: sunset}",
        )
    )
    result = run_scopesite("check", str(project))
    assert (result.returncode, result.stdout) == (1, "")
    assert (
        "expected supported 'true', got 'false'; expected phase 'sunset', got 'none'"
        in result.stderr
    )


EL = REPO / "examples" / "enterprise-linux"


@pytest.fixture(scope="module")
def enterprise_linux() -> Derived:
    return derive(load_policy(Project.at(EL)))


def test_add_on_phases_open_ends_and_minor_releases(enterprise_linux: Derived) -> None:
    linux = enterprise_linux.policy.products["example-linux"]
    seven = status(linux, "7", DAY)
    assert (seven.phase.id, seven.ends, seven.supported) == (  # type: ignore[union-attr]
        "extended-life-cycle",
        date(2028, 6, 30),
        True,
    )
    assert seven.without is not None and seven.without.phase is not None
    assert (seven.without.phase.id, seven.without.open, seven.without.supported) == (
        "extended-life",
        True,
        False,
    )
    assert seven.without.ended == date(2024, 6, 30)
    six = status(linux, "6", DAY)
    assert (six.phase.id, six.open, six.supported, six.ended) == (  # type: ignore[union-attr]
        "extended-life",
        True,
        False,
        date(2024, 6, 30),
    )
    assert status(linux, "7", date(2020, 1, 1)).phase.id == "maintenance-1"  # type: ignore[union-attr]
    assert status(linux, "8", DAY).phase.id == "maintenance"  # type: ignore[union-attr]
    nine_six, nine_four = status(linux, "9.6", DAY), status(linux, "9.4", DAY)
    assert (nine_six.phase.id, nine_six.ends) == ("extended-update", date(2027, 5, 31))  # type: ignore[union-attr]
    assert nine_six.without is not None and nine_six.without.phase is None
    assert nine_six.major is not None and nine_six.major.phase.id == "full"  # type: ignore[union-attr]
    assert (nine_four.supported, nine_four.ended) == (False, date(2026, 4, 30))
    assert [s.version for s in minor_statuses(linux, DAY)] == ["9.6", "9.4", "9.2", "8.8"]


def test_the_version_answer_names_the_add_on_or_the_plan_that_includes_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    compiled = compile_wizards(derive(load_policy(Project.at(EL))))["is-my-version-supported"]
    wording = Wording(environment(None))

    def said(plan: str, minor: str, version: str) -> tuple[str, str | None]:
        question = "which-minor-release" if minor == "yes" else "which-version"
        answers = {"which-subscription": plan, "stay-on-minor-release": minor, question: version}
        state = walk(compiled, answers)[1]
        assert state.answer is not None
        return wording.headline(state.answer), wording.first_reason(state.answer)

    assert said("premium", "yes", "9.6") == (
        "Example Enterprise Linux 9.6 is supported: Extended Update Support, included in Premium",
        "As of 2026-11-23, 9.6 is in the Extended Update Support phase until 2027-05-31. "
        "Only with Extended Update Support (EUS), which Premium includes at no extra charge; "
        "without it, update to the newest minor release of 9, in the Full Support phase "
        "until 2027-05-31, to be supported. Extended Update Support (EUS) terms: Included in Premium only for server "
        "subscriptions on x86-64 hardware; an add-on for Standard ones. Only on the minor "
        "releases chosen for it.",
    )
    assert said("standard", "yes", "9.6")[0] == (
        "Example Enterprise Linux 9.6 is supported only with the Extended Update Support (EUS) "
        "add-on"
    )
    assert said("standard", "no", "7") == (
        "Example Enterprise Linux 7 is supported only with the Extended Life Cycle Support "
        "(ELS) add-on",
        "As of 2026-11-23, 7 is in the Extended Life Cycle Support phase until 2028-06-30. "
        "Only with Extended Life Cycle Support (ELS); without it, it is not supported: it is "
        "in the Extended Life Phase, which ends when your subscription ends.",
    )
    # Self-support cannot have the add-on ('requires'): the answer says so and names
    # the plans that can.
    assert said("self-support", "no", "7") == (
        "Example Enterprise Linux 7 is not supported on Self-support: only with Extended "
        "Life Cycle Support (ELS), which Self-support cannot have",
        "As of 2026-11-23, 7 is in the Extended Life Cycle Support phase until 2028-06-30. "
        "Only with Extended Life Cycle Support (ELS); without it, it is not supported: it is "
        "in the Extended Life Phase, which ends when your subscription ends. Extended Life "
        "Cycle Support (ELS) cannot be added to Self-support: it is added to Standard or "
        "Premium. To be supported, move to one of those plans and add it; Sales can help.",
    )
    self_support = walk(
        compiled,
        {"which-subscription": "self-support", "stay-on-minor-release": "no", "which-version": "7"},
    )[1].answer
    assert self_support is not None
    # Only the channels Self-support opens, and no add-on it cannot have.
    assert [step.channel.id for step in self_support.next_steps] == ["sales"]
    assert (self_support.offers, [o.id for o in self_support.unavailable]) == (
        (),
        ["extended-life-cycle-support"],
    )
    assert [p.id for p in self_support.upgrade_plans] == ["standard", "premium"]
    # A phase named '… Phase' is not called 'the … Phase phase'.
    assert said("standard", "no", "6") == (
        "Example Enterprise Linux 6 is not supported: Extended Life Phase",
        "As of 2026-11-23, 6 is no longer supported: its support ended on 2024-06-30. It is "
        "in the Extended Life Phase, which ends when your subscription ends. Upgrade to 10 "
        "to be supported.",
    )
    assert said("premium", "yes", "9.4") == (
        "Example Enterprise Linux 9.4 is not supported",
        "As of 2026-11-23, 9.4 no longer gets updates of its own: they ended on 2026-04-30. "
        "Update to the newest minor release of 9, in the Full Support phase until "
        "2027-05-31, to be supported.",
    )


def test_a_failed_offers_expectation_names_both_lists(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(EL, project)
    flow = project / "content" / "flows" / "is-my-version-supported.yml"
    flow.write_text(
        flow.read_text().replace(
            "phase: extended-update, offers: []}", "phase: extended-update, offers: [consulting]}"
        )
    )
    result = run_scopesite("check", str(project))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"{flow}:58:16: error: expectation failed: which-subscription=premium → "
        "stay-on-minor-release=yes → which-minor-release=9.6 → version-verdict: expected "
        "offers consulting, got none\n"
        "  hint: fix the content or the expectation, whichever is wrong\n"
        "1 error found\n"
    )
