"""The wording of what is not a page: the same macros as the pages, a project's own first."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.content.errors import ContentError
from generator.content.fields import Duration
from generator.content.project import Project, load_policy
from generator.policy.change import Change
from generator.policy.derive import Coverage, Goal, derive
from generator.render.bundled import bundled_templates
from generator.render.environment import environment
from generator.render.pages import render
from generator.render.wording import Wording
from generator.wizards.compile import compile_wizards
from tests.conftest import FIXTURES


def _coverage(plan: str, item: str) -> Coverage:
    derived = derive(load_policy(Project.at(FIXTURES / "minimal")))
    policy = derived.policy
    return derived.coverage_for(policy.plans[plan], policy.scope[item])


def test_each_reason_is_worded_as_the_scope_page_words_it() -> None:
    wording = Wording(environment(None))
    assert wording.coverage_reason(_coverage("free", "how-to")) == (
        "This is handled only through Ticket, and Free does not include it."
    )
    assert wording.coverage_reason(_coverage("pro", "how-to")) == (
        "The policy lists this in its scope of support (What is covered)."
    )
    assert wording.coverage_reason(_coverage("pro", "custom-code")) == (
        "The policy lists this as outside the scope of support (What is not covered)."
    )


def test_a_project_rewords_a_reason_in_its_own_macros(tmp_path: Path) -> None:
    bundled = (bundled_templates() / "macros.md.j2").read_text()
    english = "This is handled only through"
    assert english in bundled
    (tmp_path / "macros.md.j2").write_text(bundled.replace(english, "Cela passe seulement par"))
    wording = Wording(environment(tmp_path))
    assert wording.coverage_reason(_coverage("free", "how-to")) == (
        "Cela passe seulement par Ticket, and Free does not include it."
    )


def test_a_project_macros_file_without_a_macro_is_a_content_error(tmp_path: Path) -> None:
    (tmp_path / "macros.md.j2").write_text("{% macro link(text, url) %}{% endmacro %}\n")
    wording = Wording(environment(tmp_path))
    with pytest.raises(ContentError) as raised:
        wording.coverage_reason(_coverage("free", "how-to"))
    (problem,) = raised.value.problems
    assert problem.message == "template error: macros.md.j2 has no macro 'coverage_reason'"
    assert problem.location.path == tmp_path / "macros.md.j2"


def test_a_project_rewords_a_policy_change_in_its_own_macros(tmp_path: Path) -> None:
    bundled = (bundled_templates() / "macros.md.j2").read_text()
    assert '"first response goal"' in bundled
    (tmp_path / "macros.md.j2").write_text(
        bundled.replace('"first response goal"', '"délai de première réponse"')
    )
    change = Change("severities", "sev-2", "severity", "Severity 2: Major", "changed", "response")
    changed = replace(change, before="4 hours", after="2 hours")
    assert Wording(environment(None)).change(changed) == (
        "Severity 2: Major: first response goal 4 hours → 2 hours"
    )
    assert Wording(environment(tmp_path)).change(changed) == (
        "Severity 2: Major: délai de première réponse 4 hours → 2 hours"
    )


def test_a_ceiling_goal_is_worded_whole() -> None:
    wording = Wording(environment(None))
    hour = Duration(amount=1, unit="hour", business=False)
    assert wording.goal_within(Goal(hour)) == "within 1 hour"
    assert wording.goal_within(Goal(hour, under=True)) == "in under 1 hour"
    assert wording.goal(Goal(hour, under=True)) == "under 1 hour"


def test_a_project_retitles_the_navigation_and_the_theme_in_its_own_titles(
    tmp_path: Path,
) -> None:
    bundled = (bundled_templates() / "titles.md.j2").read_text()
    (tmp_path / "titles.md.j2").write_text(
        bundled.replace('"Plans"', '"Formules"').replace("Link to this section", "Lien")
    )
    derived = derive(load_policy(Project.at(FIXTURES / "minimal")))
    site = render(derived, compile_wizards(derived), templates_dir=tmp_path)
    (product,) = derived.policy.products.values()
    pages = next(entry[product.name] for entry in site.nav if product.name in entry)
    assert isinstance(pages, list)
    assert [next(iter(entry)) for entry in pages][:2] == ["Overview", "Formules"]
    assert site.theme_words.permalink_title == "Lien"
    assert site.theme_words.search_help == "Not finding it? Answer a few questions instead:"


def test_a_project_titles_file_missing_a_name_is_an_error_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "titles.md.j2").write_text(
        "{% macro title(name) -%}\n{{ {'home': 'Accueil'}[name] }}\n{%- endmacro %}\n"
    )
    wording = Wording(environment(tmp_path))
    assert wording.title("home") == "Accueil"
    with pytest.raises(ContentError) as raised:
        wording.title("plans")
    (problem,) = raised.value.problems
    assert str(problem) == (
        f"{tmp_path / 'titles.md.j2'}:2:1: error: template error: dict has no field 'plans'\n"
        "  hint: check the names this template uses"
    )


def test_a_project_macros_file_with_a_syntax_error_is_an_error_at_its_line(
    tmp_path: Path,
) -> None:
    (tmp_path / "macros.md.j2").write_text("{% macro goal(g) %}\n{{ g. }}\n{% endmacro %}\n")
    with pytest.raises(ContentError) as raised:
        Wording(environment(tmp_path))
    (problem,) = raised.value.problems
    assert (problem.location.path, problem.location.line) == (tmp_path / "macros.md.j2", 2)
    assert problem.message.startswith("template error: ")
    assert problem.hint == "fix the Jinja2 syntax of this template"


@pytest.mark.parametrize(
    ("names", "said"),
    [
        (["Forum"], "Forum"),
        (["Forum", "Ticket"], "Forum or Ticket"),
        (["Forum", "Ticket", "Phone"], "Forum, Ticket or Phone"),
    ],
)
def test_alternatives_read_as_a_sentence_lists_them(names: list[str], said: str) -> None:
    macros = environment(None).get_template("macros.md.j2").module
    assert str(macros.either(names)) == said  # type: ignore[attr-defined]
