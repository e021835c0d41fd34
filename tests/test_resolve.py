from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.content.errors import ContentError
from generator.content.project import Project, load_policy

MakeProject = Callable[[dict[str, str]], Path]


def problems(project: Path) -> list[str]:
    with pytest.raises(ContentError) as error:
        load_policy(Project.at(project))
    return [str(problem).replace(str(project) + "/", "") for problem in error.value.problems]


def test_the_minimal_fixture_resolves(make_project: MakeProject) -> None:
    policy = load_policy(Project.at(make_project({})))
    assert list(policy.plans) == ["free", "pro"]
    assert policy.plans_for(policy.products["widget"]) == list(policy.plans.values())
    assert [a.slug for a in policy.articles.values()] == ["first-steps"]


def test_unknown_id_suggests_the_closest_known_one(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(
        {
            "content/extra.yml": (
                "offers:\n  - id: rush\n    name: Rush\n    products: [widget]\n    summary: S\n"
                "    requires: [pr0]\n"
            )
        }
    )
    monkeypatch.chdir(project)
    assert problems(project) == [
        "content/extra.yml:6:16: error: unknown plan 'pr0' (did you mean 'pro'?)\n"
        "  hint: known plans: free, pro"
    ]


def test_duplicate_id_across_files_names_the_first_definition(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(
        {
            "content/more.yml": (
                "channels:\n  - id: forum\n    name: Other forum\n    kind: self_service\n"
                "    summary: S\n"
            )
        }
    )
    monkeypatch.chdir(project)
    assert problems(project) == [
        "content/widget.yml:27:9: error: duplicate channel id 'forum'\n"
        "  hint: it is already defined at content/more.yml:2:9; rename one of them"
    ]


def test_every_error_of_every_file_is_reported_together(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(
        {
            "content/a.yml": "plans:\n  - id: x\n",
            "content/b.yml": "channels: [\n",
            "content/guides/bad.md": "---\ntitle: T\nsumary: S\n---\nBody\n",
        }
    )
    monkeypatch.chdir(project)
    assert problems(project) == [
        "content/a.yml:2:5: error: missing field 'name'\n  hint: add 'name:' to this entry",
        "content/a.yml:2:5: error: missing field 'summary'\n  hint: add 'summary:' to this entry",
        "content/b.yml:2:1: error: invalid YAML: did not find expected node content\n"
        "  hint: check the indentation and quoting on this line or the one before",
        "content/guides/bad.md:2:1: error: missing field 'summary'\n"
        "  hint: add 'summary:' to this entry",
        "content/guides/bad.md:3:1: error: unknown field 'sumary' (did you mean 'summary'?)\n"
        "  hint: fields allowed here: aliases, order, products, summary, title",
    ]


def test_paid_item_without_price_rule_is_an_error(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(
        {
            "content/paid.yml": (
                "scope:\n  - id: rush-fix\n    product: widget\n    group: G\n    title: T\n"
                "    verdict: paid\n    clause: C\n"
            )
        }
    )
    monkeypatch.chdir(project)
    assert problems(project) == [
        "content/paid.yml:6:14: error: scope item 'rush-fix' is paid but names no price rule\n"
        "  hint: add 'price_rule:' with the id of a price rule"
    ]


def test_article_naming_an_unknown_product_is_an_error(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(
        {"content/guides/other.md": ("---\ntitle: T\nsummary: S\nproducts: [widgit]\n---\nBody\n")}
    )
    monkeypatch.chdir(project)
    assert problems(project) == [
        "content/guides/other.md:4:12: error: unknown product 'widgit' (did you mean 'widget'?)\n"
        "  hint: known products: widget"
    ]


def test_a_folder_without_site_config_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError) as error:
        Project.at(tmp_path)
    assert [str(p) for p in error.value.problems] == [
        "site_config.yml:1:1: error: no site_config.yml in this folder\n"
        "  hint: run it in a project folder, or name one: scopesite check path/to/project"
    ]
