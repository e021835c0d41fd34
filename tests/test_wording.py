"""The wording of what is not a page: the same macros as the pages, a project's own first."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.errors import ContentError
from generator.content.project import Project, load_policy
from generator.policy.derive import Coverage, derive
from generator.render.bundled import bundled_templates
from generator.render.environment import environment
from generator.render.wording import Wording
from tests.conftest import FIXTURES


def _coverage(plan: str, item: str) -> Coverage:
    derived = derive(load_policy(Project.at(FIXTURES / "minimal")))
    policy = derived.policy
    return derived.coverage_for(policy.plans[plan], policy.scope[item])


def test_each_reason_is_worded_as_the_scope_page_words_it() -> None:
    wording = Wording(environment(None))
    assert wording.coverage_reason(_coverage("free", "how-to")) == (
        "Free does not include Ticket, through which this is delivered."
    )
    assert wording.coverage_reason(_coverage("pro", "how-to")) == (
        "The policy lists this in its scope of support (What is covered)."
    )
    assert wording.coverage_reason(_coverage("pro", "custom-code")) == (
        "The policy lists this as outside the scope of support (What is not covered)."
    )


def test_a_project_rewords_a_reason_in_its_own_macros(tmp_path: Path) -> None:
    bundled = (bundled_templates() / "macros.md.j2").read_text()
    english = "through which this is delivered."
    assert english in bundled
    (tmp_path / "macros.md.j2").write_text(bundled.replace(english, "par lequel elle passe."))
    wording = Wording(environment(tmp_path))
    assert wording.coverage_reason(_coverage("free", "how-to")) == (
        "Free does not include Ticket, par lequel elle passe."
    )


def test_a_project_macros_file_without_a_macro_is_a_content_error(tmp_path: Path) -> None:
    (tmp_path / "macros.md.j2").write_text("{% macro link(text, url) %}{% endmacro %}\n")
    wording = Wording(environment(tmp_path))
    with pytest.raises(ContentError) as raised:
        wording.coverage_reason(_coverage("free", "how-to"))
    (problem,) = raised.value.problems
    assert problem.message == "template error: macros.md.j2 has no macro 'coverage_reason'"
    assert problem.location.path == tmp_path / "macros.md.j2"
