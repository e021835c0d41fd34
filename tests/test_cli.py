from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser import fetch, free_port, wait_for
from tests.conftest import FIXTURES, REPO, run_mkdocs, run_scopesite, run_unprivileged

MakeProject = Callable[[dict[str, str]], Path]


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_check_passes_on_the_default_content() -> None:
    result = run_scopesite("check", ".")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "ok: content is valid; 296 pages\n"
        "  wizard is-it-covered: 9 question pages, 228 outcome pages\n"
        "  wizard is-my-version-supported: 1 question pages, 9 outcome pages\n"
        "  wizard phone-or-ticket: 3 question pages, 22 outcome pages\n"
        "  wizard which-severity: 2 question pages, 3 outcome pages\n"
    )


def test_check_prints_every_error_of_the_run_and_exits_1(make_project: MakeProject) -> None:
    project = make_project(
        {
            "content/broken.yml": "plans:\n  - id: gold\n    name: Gold\n    products: [widget]\n"
            "    summary: S\n    channels: [forum]\n    colour: red\n",
            "content/guides/first-steps.md": "---\ntitle: T\n---\nBody\n",
        }
    )
    result = run_scopesite("check", ".", cwd=project)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "content/broken.yml:7:5: error: unknown field 'colour'\n"
        "  hint: fields allowed here: aliases, channels, extends, id, name, notes, price, products, renewal, "
        "summary, term\n"
        "content/guides/first-steps.md:2:1: error: missing field 'summary'\n"
        "  hint: add 'summary:' to this entry\n"
        "2 errors found\n"
    )


def test_references_are_checked_once_every_file_validates(make_project: MakeProject) -> None:
    # A file that fails validation is not reference-checked: its ids are unknown, so
    # checking would report false "unknown id" errors. Fix, rerun, and the next show.
    project = make_project(
        {
            "content/broken.yml": "plans:\n  - id: gold\n    name: Gold\n    products: [widget]\n"
            "    summary: S\n    channels: [forum, tikcet]\n",
        }
    )
    result = run_scopesite("check", ".", cwd=project)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "content/broken.yml:6:23: error: unknown channel 'tikcet' (did you mean 'ticket'?)\n"
        "  hint: known channels: forum, ticket\n"
        "1 error found\n"
    )


def test_check_reports_a_guides_link_to_a_page_or_section_the_site_lacks(
    make_project: MakeProject,
) -> None:
    # build --strict refuses these links (MkDocs' anchor validation): check says so first,
    # at the link, as it would after a product is renamed.
    guide = (
        "---\ntitle: T\nsummary: S\n---\n## Before you ask\n\n"
        "See [plans](../widget/plans.md#pro), [this](#before-you-ask) and\n"
        "[scope](../gadget/scope.md), [the pro plan](../widget/plans.md#prro) and [x](#after).\n"
    )
    project = make_project({"content/guides/first-steps.md": guide})
    result = run_scopesite("check", ".", cwd=project)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "content/guides/first-steps.md:8:9: error: link to '../gadget/scope.md': the site has "
        "no page gadget/scope.md (did you mean 'widget/scope.md'?)\n"
        "  hint: link to a page the site generates (a product was renamed? use its new id in "
        "the path), or remove the link\n"
        "content/guides/first-steps.md:8:45: error: link to '../widget/plans.md#prro': page "
        "widget/plans.md has no section '#prro' (did you mean 'pro'?)\n"
        "  hint: link to one of the page's sections (its headings), or remove the '#…' part\n"
        "content/guides/first-steps.md:8:78: error: link to '#after': page "
        "guides/first-steps.md has no section '#after'\n"
        "  hint: link to one of the page's sections (its headings), or remove the '#…' part\n"
        "3 errors found\n"
    )


def test_a_broken_template_override_is_a_content_error(make_project: MakeProject) -> None:
    project = make_project({"templates/scope.md.j2": "# Scope\n{% for item in %}\n"})
    result = run_scopesite("check", ".", cwd=project)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "templates/scope.md.j2:2:1: error: template error: Expected an expression, got 'end of statement block'\n"
        "  hint: fix the Jinja2 syntax of this template\n"
        "1 error found\n"
    )


def test_build_writes_the_site_api_and_schema(make_project: MakeProject) -> None:
    project = make_project({})
    result = run_scopesite("build", str(project), "--strict", "-q")
    assert (result.returncode, result.stderr) == (0, "")
    site = project / "site"
    for page in (
        "index.html",
        "widget/scope/index.html",
        "widget/plans/index.html",
        "api/policy.json",
        "schema/content.schema.json",
        "search/search_index.json",
    ):
        assert (site / page).is_file(), page


def test_two_builds_are_byte_identical(make_project: MakeProject, tmp_path: Path) -> None:
    project = make_project({})
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    run_scopesite("build", str(project), "--site-dir", str(tmp_path / "one"), "-q", env=env)
    shutil.rmtree(project / ".scopesite")
    run_scopesite("build", str(project), "--site-dir", str(tmp_path / "two"), "-q", env=env)
    one, two = tree_digest(tmp_path / "one"), tree_digest(tmp_path / "two")
    assert len(one) > 20
    assert one == two


def test_a_failed_build_leaves_the_previous_site_untouched(make_project: MakeProject) -> None:
    project = make_project({})
    assert run_scopesite("build", str(project), "-q").returncode == 0
    before = tree_digest(project / "site")
    (project / "content/guides/first-steps.md").write_text(
        "---\ntitle: T\nsummary: S\n---\nSee [missing](nowhere.md).\n"
    )
    result = run_scopesite("build", str(project), "--strict", "-q")
    assert result.returncode == 1
    assert result.stderr.endswith(
        "error: the site was not built (Aborted with 1 warnings in strict mode!); "
        "the previous site is untouched\n"
    )
    assert tree_digest(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".scopesite-")) == []


def test_a_build_killed_midway_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(
        REPO,
        project,
        ignore=shutil.ignore_patterns(
            "site", ".scopesite", ".git", ".venv", "tests", "node_modules", "*.egg-info"
        ),
    )
    assert run_scopesite("build", str(project), "-q").returncode == 0
    before = tree_digest(project / "site")
    build = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", str(project), "-q"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    staged = wait_for(lambda: any(project.glob(".scopesite-staging-site-*/*")), 120)
    build.kill()
    build.wait(timeout=30)
    assert staged, "the build never started writing"
    assert tree_digest(project / "site") == before
    assert run_scopesite("build", str(project), "-q").returncode == 0
    assert [p.name for p in project.glob(".scopesite-staging-*")] == []


def test_a_content_error_leaves_the_previous_site_untouched(make_project: MakeProject) -> None:
    project = make_project({})
    assert run_scopesite("build", str(project), "-q").returncode == 0
    before = tree_digest(project / "site")
    (project / "content/widget.yml").write_text("products: [\n")
    result = run_scopesite("build", str(project), "-q")
    assert result.returncode == 1
    assert result.stderr == (
        f"{project}/content/widget.yml:2:1: error: invalid YAML: did not find expected node "
        "content\n  hint: check the indentation and quoting on this line or the one before\n"
        "1 error found\n"
    )
    assert tree_digest(project / "site") == before


def test_mkdocs_build_runs_the_same_pipeline_through_the_plugin(tmp_path: Path) -> None:
    result = run_mkdocs("build", "--strict", "-q", "-d", str(tmp_path / "s"), cwd=REPO)
    assert (result.returncode, result.stderr) == (0, "")
    scope = (tmp_path / "s/imacros/scope/index.html").read_text()
    assert 'id="imacros-bypass-security"' in scope


def test_mkdocs_build_reports_content_errors_without_a_traceback(make_project: MakeProject) -> None:
    project = make_project(
        {
            "mkdocs.yml": f"INHERIT: {REPO / 'generator/mkdocs_default.yml'}\n",
            "content/broken.yml": "plans:\n  - id: gold\n",
        }
    )
    result = run_mkdocs("build", "-q", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/broken.yml:2:5: error: missing field 'name'\n" in result.stderr
    assert not (project / "site").exists()


def test_serve_rebuilds_when_content_or_templates_change(make_project: MakeProject) -> None:
    project = make_project({"templates/README.txt": "Project templates override bundled ones.\n"})
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(project), "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/widget/scope/"
    try:
        assert wait_for(lambda: "How-to questions" in (fetch(url) or ""), 60)
        widget = project / "content/widget.yml"
        widget.write_text(widget.read_text().replace("How-to questions", "Usage questions"))
        assert wait_for(lambda: "Usage questions" in (fetch(url) or ""), 60)
        (project / "templates/scope.md.j2").write_text("# Overridden scope page\n")
        assert wait_for(lambda: "Overridden scope page" in (fetch(url) or ""), 60)
    finally:
        server.terminate()
        server.wait(timeout=20)


def usage_error(command: str, arguments: str, error: str) -> str:
    """The whole output of a command line click refuses (status 2)."""
    return (
        f"Usage: python -m generator {command} [OPTIONS] {arguments}\n"
        f"Try 'python -m generator {command} --help' for help.\n\n"
        f"Error: {error}\n"
    )


def test_serve_on_a_busy_port_says_so_before_building(make_project: MakeProject) -> None:
    project = make_project({})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_scopesite("serve", str(project), "-a", f"127.0.0.1:{port}")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: cannot serve on 127.0.0.1:{port}: address already in use; "
        f"stop the program using port {port}, or serve on another: -a 127.0.0.1:{port + 1}\n"
    )
    assert not (project / ".scopesite").exists()  # nothing was built first


def test_serve_on_an_address_of_another_machine_says_so(make_project: MakeProject) -> None:
    project = make_project({})
    result = run_scopesite("serve", str(project), "-a", "192.0.2.1:8000")  # a documentation range
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "error: cannot serve on 192.0.2.1:8000: cannot assign requested address; "
        "192.0.2.1 is not an address of this machine: serve on 127.0.0.1:8000\n"
    )


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("nonsense", "'nonsense' is not an address such as 127.0.0.1:8000 (IP address:port)"),
        ("127.0.0.1:99999", "port '99999' is not a number from 1 to 65535"),
        ("localhost:", "port '' is not a number from 1 to 65535"),
    ],
)
def test_serve_refuses_an_address_that_is_not_one(
    make_project: MakeProject, address: str, why: str
) -> None:
    result = run_scopesite("serve", str(make_project({})), "-a", address)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == usage_error(
        "serve", "[DIRECTORY]", f"Invalid value for '-a' / '--dev-addr': {why}"
    )


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_search_refuses_a_limit_below_one(limit: str) -> None:
    result = run_scopesite("search", "phone", str(REPO), "-n", limit)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == usage_error(
        "search",
        "QUERY [DIRECTORY]",
        f"Invalid value for '-n' / '--limit': {limit} is not in the range x>=1.",
    )


def test_schema_under_a_file_says_so_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    result = run_scopesite("schema", str(tmp_path / "notes.txt/schema"))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: cannot create {tmp_path / 'notes.txt/schema'}: "
        f"{tmp_path / 'notes.txt'} is a file, not a folder; name another folder\n"
    )


def test_a_content_file_it_may_not_read_is_one_line() -> None:
    with tempfile.TemporaryDirectory() as folder:  # in /tmp, open to 'nobody'
        os.chmod(folder, 0o755)
        project = Path(folder) / "project"
        shutil.copytree(FIXTURES / "minimal", project)
        (project / "content/widget.yml").chmod(0o200)  # its owner may write, nobody read
        result = run_unprivileged("check", str(project))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: cannot use {project / 'content/widget.yml'}: permission denied; "
        "check the path and its permissions, then retry\n"
    )
