"""Walking wizards in a real browser, with JavaScript on and off."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import run_axe, serve_folder, wait_for
from tests.conftest import REPO

pytestmark = pytest.mark.browser


CASES = [
    ("iMacros", "Personal Edition", "Phone assistance", "✗ Not covered"),
    ("iMacros", "Professional", "Phone assistance", "✓ Covered"),
    (
        "iMacros",
        "Enterprise",
        "Diagnosing bugs in product extensibility through the iMacros API",
        "✓ Covered with conditions",
    ),
    (
        "iMacros",
        "Trial or evaluation",
        "Technical Support during a trial or evaluation",
        "✗ Not covered",
    ),
    ("Sitefinity CMS", "Licensed, with Support package", "Bug fixes", "✓ Covered"),
    (
        "Sitefinity CMS",
        "Licensed, with Support package",
        "Upgrading or migrating projects",
        "✗ Not covered",
    ),
]


NOTHING_COVERED = {"Personal Edition", "Trial or evaluation"}
"""iMacros plans on which no scope item is covered."""


@pytest.fixture(params=[True, False], ids=["js-on", "js-off"])
def page(request: pytest.FixtureRequest, browser: Browser, default_site: Path) -> Iterator[Page]:
    with serve_folder(default_site) as base:
        context = browser.new_context(java_script_enabled=request.param, base_url=base)
        opened = context.new_page()
        opened.goto("/")
        yield opened
        context.close()


def choose(page: Page, label: str) -> None:
    page.locator("article a", has_text=label).filter(has_text=label).first.click()
    page.wait_for_load_state()


def start_coverage(page: Page, product: str) -> None:
    page.locator("#start-is-it-covered a", has_text=product).click()
    page.wait_for_load_state()


@pytest.mark.parametrize(("product", "plan", "need", "verdict"), CASES)
def test_three_choices_from_home_give_a_reasoned_verdict(
    page: Page, product: str, plan: str, need: str, verdict: str
) -> None:
    start_coverage(page, product)  # choice 1
    assert page.locator("h1").inner_text() == "Which licence or plan do you have?"
    page.get_by_role("link", name=plan, exact=True).click()  # choice 2
    if plan in NOTHING_COVERED:  # the answer at once; each request one more click away
        assert page.locator("h1").inner_text() == f"Nothing is covered on {plan}"
        page.get_by_text("Check a particular request").click()
    else:
        assert page.locator("h1").inner_text() == "What do you need help with?"
    page.get_by_role("link", name=need, exact=True).click()  # choice 3
    assert page.locator("h1").inner_text().startswith(f"{need}: ")
    assert page.locator(".scopesite-verdict").inner_text() == verdict
    assert page.get_by_role("heading", name="Why").is_visible()
    assert page.get_by_role("link", name="Read this in the policy").is_visible()


def test_back_and_forward_move_between_steps(page: Page) -> None:
    start_coverage(page, "iMacros")
    page.get_by_role("link", name="Professional", exact=True).click()
    page.get_by_role("link", name="Phone assistance", exact=True).click()
    assert page.locator("h1").inner_text() == "Phone assistance: covered on Professional"
    page.go_back()
    assert page.locator("h1").inner_text() == "What do you need help with?"
    page.go_back()
    assert page.locator("h1").inner_text() == "Which licence or plan do you have?"
    page.go_forward()
    page.go_forward()
    assert page.locator("h1").inner_text() == "Phone assistance: covered on Professional"


def test_changing_an_answer_keeps_the_others(page: Page) -> None:
    start_coverage(page, "iMacros")
    page.get_by_role("link", name="Professional", exact=True).click()
    page.get_by_role("link", name="Phone assistance", exact=True).click()
    page.get_by_role(
        "link", name="Change your answer to: Which licence or plan do you have?"
    ).click()
    assert page.locator("h1").inner_text() == "Which licence or plan do you have?"
    page.get_by_role("link", name="Personal Edition", exact=True).click()
    rows = page.locator(".scopesite-summary-row")
    assert [rows.nth(i).locator("dt, dd").all_inner_texts()[:2] for i in range(rows.count())] == [
        ["Which product do you need help with?", "iMacros"],
        ["Which licence or plan do you have?", "Personal Edition"],
    ]
    page.get_by_role("link", name="Start again").click()
    assert page.locator("h1").inner_text() == "Which product do you need help with?"


def test_focus_moves_to_the_heading_after_each_step(browser: Browser, default_site: Path) -> None:
    with serve_folder(default_site) as base:
        opened = browser.new_page(base_url=base)
        opened.goto("/wizards/is-it-covered/")
        opened.get_by_role("link", name="Sitefinity CMS", exact=True).click()
        opened.wait_for_load_state()
        focused = opened.evaluate("document.activeElement.id")
        opened.close()
    assert focused == "wizard-heading"


@pytest.mark.parametrize(
    "path",
    [
        "wizards/is-it-covered/what-do-you-need_imacros-personal_imacros/",
        "wizards/is-it-covered/what-do-you-need_imacros-professional_imacros/",
        "wizards/is-it-covered/coverage-verdict_imacros-phone-assistance_imacros-personal_imacros/",
        "wizards/which-severity/severity-and-goals_sitefinity-severity-1/",
        "authors/wizards/",
    ],
)
def test_axe_finds_no_violations(browser: Browser, default_site: Path, path: str) -> None:
    with serve_folder(default_site) as base:
        opened = browser.new_page(base_url=base)
        opened.goto("/" + path)
        violations = run_axe(opened)
        opened.close()
    assert violations == []


def test_back_links_and_question_numbers_work_without_javascript(page: Page) -> None:
    start_coverage(page, "iMacros")
    assert page.locator(".scopesite-wizard-step").inner_text() == (
        "Question 2 of 3 · Is this covered for me?"
    )
    page.get_by_role("link", name="Professional", exact=True).click()
    assert page.locator(".scopesite-wizard-step").inner_text() == (
        "Question 3 of 3 · Is this covered for me?"
    )
    page.get_by_role("link", name="Phone assistance", exact=True).click()
    page.get_by_role("link", name="Back", exact=True).click()
    assert page.locator("h1").inner_text() == "What do you need help with?"
    page.get_by_role("link", name="Back", exact=True).click()
    assert page.locator("h1").inner_text() == "Which licence or plan do you have?"
    page.get_by_role("link", name="Back", exact=True).click()
    assert page.locator("h1").inner_text() == "Which product do you need help with?"
    assert page.get_by_role("link", name="Back", exact=True).count() == 0
    assert page.locator("h1").count() == 1


PROFESSIONAL = "/wizards/is-it-covered/what-do-you-need_imacros-professional_imacros/"


def visible_choices(page: Page) -> list[str]:
    return [a.inner_text() for a in page.locator(".scopesite-options a").all() if a.is_visible()]


def test_typing_filters_the_long_list(browser: Browser, default_site: Path) -> None:
    with serve_folder(default_site) as base:
        context = browser.new_context(base_url=base)
        opened = context.new_page()
        opened.goto(PROFESSIONAL)
        assert len(visible_choices(opened)) == 46
        opened.get_by_label("Filter the choices").fill("Logs")
        assert visible_choices(opened) == ["Analysing iMacros logs"]
        headings = [h for h in opened.locator("article h2").all() if h.is_visible()]
        assert [h.inner_text().rstrip("¶") for h in headings] == [
            "Root cause analysis",
            "Your answers so far",
        ]
        assert not opened.locator(".scopesite-filter-none").is_visible()
        opened.get_by_label("Filter the choices").fill("phone code")
        assert visible_choices(opened) == []
        assert opened.locator(".scopesite-filter-none").inner_text() == (
            "Nothing in the list matches. Clear the box to see every choice."
        )
        opened.get_by_label("Filter the choices").fill("")
        assert len(visible_choices(opened)) == 46
        context.close()
        context = browser.new_context(java_script_enabled=False, base_url=base)
        opened = context.new_page()
        opened.goto(PROFESSIONAL)
        assert not opened.locator(".scopesite-filter").is_visible()  # the list is the page
        assert len(visible_choices(opened)) == 46
        context.close()


def test_choices_are_large_targets_with_a_visible_focus_ring(
    browser: Browser, default_site: Path
) -> None:
    with serve_folder(default_site) as base:
        opened = browser.new_page(base_url=base)
        opened.goto("/wizards/is-it-covered/which-licence_imacros/")
        choice = opened.locator(".scopesite-options li").first
        box = choice.bounding_box()
        assert box and box["height"] >= 40 and box["width"] >= 600
        opened.mouse.click(box["x"] + box["width"] - 10, box["y"] + box["height"] / 2)
        opened.wait_for_load_state()
        assert opened.locator("h1").inner_text() == "Nothing is covered on Personal Edition"
        opened.go_back()
        link = opened.locator(".scopesite-options a").first
        link.focus()
        opened.keyboard.press("Shift+Tab")
        opened.keyboard.press("Tab")
        outline = choice.evaluate("item => getComputedStyle(item).outlineStyle")
        opened.keyboard.press("Enter")
        opened.wait_for_load_state()
        heading = opened.locator("h1").inner_text()
        opened.close()
    assert outline == "solid"
    assert heading == "Nothing is covered on Personal Edition"


@pytest.mark.parametrize(
    "path",
    [
        "wizards/is-it-covered/what-do-you-need_imacros-personal_imacros/",
        PROFESSIONAL.strip("/") + "/",
        "wizards/is-it-covered/coverage-verdict_imacros-phone-assistance_imacros-professional_imacros/",
    ],
)
def test_axe_finds_no_violations_in_the_dark_scheme(
    browser: Browser, default_site: Path, path: str
) -> None:
    with serve_folder(default_site) as base:
        opened = browser.new_page(base_url=base)
        opened.goto("/" + path)
        opened.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
        violations = run_axe(opened)
        opened.close()
    assert violations == []


def test_due_by_time_is_added_over_the_static_goal(browser: Browser, default_site: Path) -> None:
    path = "/wizards/which-severity/severity-and-goals_sitefinity-severity-1/"
    with serve_folder(default_site) as base:
        results = []
        for javascript in (True, False):
            context = browser.new_context(java_script_enabled=javascript, base_url=base)
            opened = context.new_page()
            opened.goto(path)
            goal = opened.locator("article li", has_text="First response goal").inner_text()
            results.append(goal)
            context.close()
    with_js, without_js = results
    assert without_js == "First response goal: under 1 hour"
    assert with_js.startswith(
        "First response goal: under 1 hour\nIf you report it now, that is by "
    )
    assert with_js.endswith(" in your time zone.")


def test_due_by_counts_business_hours_and_skips_holidays(
    browser: Browser, priced_site: Path
) -> None:
    # Thursday 24 December 2026, 15:00 in Berlin: two business hours are left that day;
    # Friday the 25th is a holiday and the weekend is closed, so four business hours
    # end on Monday 28 December at 11:00 in Berlin, 05:00 in New York.
    with serve_folder(priced_site) as base:
        context = browser.new_context(base_url=base, timezone_id="America/New_York", locale="en-GB")
        opened = context.new_page()
        opened.clock.set_fixed_time(datetime(2026, 12, 24, 14, 0, tzinfo=UTC))
        opened.goto("/wizards/how-urgent/severity-goal_shop-down/")
        due = opened.locator(".scopesite-due").inner_text()
        context.close()
    assert (
        due
        == "If you report it now, that is by Monday 28 December at 05:00 GMT-5 in your time zone."
    )


def test_due_by_ends_on_the_minute_due_and_reads_in_the_pages_language(
    browser: Browser, priced_site: Path
) -> None:
    # Thursday 24 December 2026, 15:03 in Berlin: 1 h 57 min are left that day, so
    # four business hours end on Monday 28 December at 11:03 in Berlin, 05:03 in New
    # York; a Japanese browser still reads the English sentence's date in English.
    with serve_folder(priced_site) as base:
        context = browser.new_context(base_url=base, timezone_id="America/New_York", locale="ja-JP")
        opened = context.new_page()
        opened.clock.set_fixed_time(datetime(2026, 12, 24, 14, 3, tzinfo=UTC))
        opened.goto("/wizards/how-urgent/severity-goal_shop-down/")
        due = opened.locator(".scopesite-due").inner_text()
        context.close()
    assert (
        due
        == "If you report it now, that is by Monday, December 28 at 05:03 AM EST in your time zone."
    )


def test_cost_calculator_takes_any_two_versions(browser: Browser, priced_site: Path) -> None:
    path = "/wizards/what-will-it-cost/cost-in-credits_4.3.1_upgrade_shop_4.3.9/"
    with serve_folder(priced_site) as base:
        context = browser.new_context(base_url=base)
        opened = context.new_page()
        opened.goto(path)
        assert opened.locator(".scopesite-cost").inner_text() == "50 credits"
        opened.fill("#calculator-from", "4.3.2")
        opened.fill("#calculator-to", "4.3.12")
        assert opened.locator("form.scopesite-calculator output").inner_text() == (
            "4.3.2 → 4.3.12: 60 credits"
        )
        opened.fill("#calculator-to", "5.0")
        assert opened.locator("form.scopesite-calculator output").inner_text() == (
            "These versions cannot be priced by this rule: ask for a quote."
        )
        context.close()
        context = browser.new_context(java_script_enabled=False, base_url=base)
        opened = context.new_page()
        opened.goto(path)
        assert opened.locator(".scopesite-cost").inner_text() == "50 credits"
        assert not opened.locator("form.scopesite-calculator").is_visible()
        context.close()


def test_wizard_maps_render_locally(browser: Browser, default_site: Path) -> None:
    with serve_folder(default_site) as base:
        opened = browser.new_page(base_url=base)
        requests: list[str] = []
        opened.on("request", lambda request: requests.append(request.url))
        opened.goto("/authors/wizards/", wait_until="networkidle")
        # Material draws each diagram into a closed shadow root of a div.mermaid, in
        # place of the <pre class="mermaid"> source: measure the drawn boxes.
        # Polled from here: a string predicate would run through eval, which the CSP forbids.
        drawn = (
            "() => [...document.querySelectorAll('div.mermaid')]"
            ".filter(d => d.getBoundingClientRect().height > 100).length"
        )
        flows = len(list((REPO / "content" / "flows").glob("*.yml")))  # one map each
        assert wait_for(lambda: opened.evaluate(drawn) == flows, seconds=20)
        sources_left = opened.locator("pre.mermaid").count()
        opened.close()
    assert sources_left == 0
    assert {urlsplit(url).hostname for url in requests} == {"127.0.0.1"}
