"""Golden tree: the Markdown generated for the minimal fixture.

Refresh after an intended change with: pytest tests/test_render.py --update-golden
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.build import generate
from generator.content.project import Project, load_policy
from generator.policy.derive import derive
from generator.render.pages import render
from generator.wizards.compile import compile_wizards
from tests.conftest import FIXTURES, REPO

GOLDEN = Path(__file__).resolve().parent / "golden" / "minimal"


def test_generated_markdown_matches_the_golden_tree(request: pytest.FixtureRequest) -> None:
    files = generate(Project.at(FIXTURES / "minimal")).files
    markdown = {path: data.decode() for path, data in files.items() if path.endswith(".md")}
    if request.config.getoption("--update-golden"):
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for path, text in markdown.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text)
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text() for p in GOLDEN.rglob("*.md")}
    assert sorted(markdown) == sorted(golden)
    for path, text in markdown.items():
        assert text == golden[path], f"{path} differs from the golden tree"


def test_navigation_is_generated_from_the_content() -> None:
    """Customers' pages only: the authors' wizard maps are built, linked from the footer."""
    site = generate(Project.at(FIXTURES / "minimal"))
    assert site.authors_page == "authors/wizards/"
    assert "authors/wizards.md" in site.files
    assert site.nav == [
        {"Home": "index.md"},
        {"Wizards": [{"Is it covered?": "wizards/covered/index.md"}]},
        {
            "Widget": [
                {"Overview": "widget/index.md"},
                {"Plans": "widget/plans.md"},
                {"Scope of support": "widget/scope.md"},
                {"Severity levels": "widget/severities.md"},
                {"Getting help": "widget/help.md"},
            ]
        },
        {"Guides": [{"First steps": "guides/first-steps.md"}]},
        {"Contact": "contact.md"},
    ]


def test_content_is_escaped_so_html_in_it_stays_text(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (project / "site_config.yml").write_text((FIXTURES / "minimal/site_config.yml").read_text())
    content = (FIXTURES / "minimal/content/widget.yml").read_text()
    (project / "content").mkdir()
    (project / "content/widget.yml").write_text(
        content.replace("title: How-to questions", "title: 'How-to <script>alert(1)</script>'")
    )
    scope = generate(Project.at(project)).files["widget/scope.md"].decode()
    assert '<h3 id="how-to" markdown>How-to &lt;script&gt;alert(1)&lt;/script&gt;</h3>' in scope
    assert "<script>" not in scope


@pytest.mark.parametrize(("amount", "shown"), [("1500000", "1500000"), ("49.99", "49.99")])
def test_a_price_reads_as_its_author_wrote_it(tmp_path: Path, amount: str, shown: str) -> None:
    project = tmp_path / "p"
    shutil.copytree(FIXTURES / "minimal", project)
    widget = project / "content/widget.yml"
    widget.write_text(widget.read_text().replace("amount: 100,", f"amount: {amount},"))
    plans = generate(Project.at(project)).files["widget/plans.md"].decode()
    assert f"- **Price:** {shown} USD per year\n" in plans  # '%g' wrote 1.5e+06


def test_api_holds_the_resolved_model_and_coverage() -> None:
    derived = derive(load_policy(Project.at(FIXTURES / "minimal")))
    api = json.loads(render(derived, compile_wizards(derived)).files["api/policy.json"])
    assert [plan["id"] for plan in api["plans"]] == ["free", "pro"]
    assert api["severities"][0]["response"] == "1 hour"
    assert {(c["plan"], c["item"], c["verdict"]) for c in api["coverage"]} == {
        ("free", "how-to", "not_covered"),
        ("pro", "how-to", "covered"),
        ("free", "custom-code", "not_covered"),
        ("pro", "custom-code", "not_covered"),
    }


def test_schema_describes_each_content_file_kind() -> None:
    files = generate(Project.at(FIXTURES / "minimal")).files
    content = json.loads(files["schema/content.schema.json"])
    assert sorted(content["properties"]) == [
        "channels",
        "offers",
        "packages",
        "plans",
        "price_rules",
        "products",
        "scope",
        "severities",
        "situations",
    ]
    assert json.loads(files["schema/site_config.schema.json"])["title"] == "SiteConfig"
    assert json.loads(files["schema/article.schema.json"])["required"] == ["title", "summary"]


def test_an_omitted_updates_goal_reads_not_set_as_an_omitted_resolution_does(
    tmp_path: Path,
) -> None:
    """'no target' is for a goal the policy sets to none; one it leaves out is 'not set'."""

    project = tmp_path / "p"
    shutil.copytree(
        REPO / "examples/enterprise-linux",
        project,
        ignore=shutil.ignore_patterns("site", ".scopesite"),
    )
    severities = project / "content/severities.yml"
    text = severities.read_text()
    head, sev_4 = text.split("  - id: sev-4\n")
    kept = [line for line in sev_4.splitlines(keepends=True) if "updates:" not in line]
    severities.write_text(head + "  - id: sev-4\n" + "".join(kept))
    policy = derive(load_policy(Project.at(project)))
    page = render(policy, compile_wizards(policy)).files["example-linux/severities.md"].decode()
    assert (
        "| [Severity 4: Low](#sev-4) | Customer Portal support case or Phone support | "
        "Self-support: no target; Standard: 2 business days; Premium: 8 business hours | "
        "no target | not set |\n"
    ) in page
