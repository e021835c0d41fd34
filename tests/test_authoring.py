"""Authoring in git: scaffold, policy diff, the Policy changes page, hooks, deploy."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import tempfile
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from generator.authoring.scaffold import requirement_for, running_requirement
from tests.conftest import REPO, run_scopesite, run_unprivileged

GIT = ["git", "-c", "user.email=author@example.test", "-c", "user.name=Author"]


def git(folder: Path, *args: str) -> None:
    subprocess.run([*GIT, "-C", str(folder), *args], check=True, capture_output=True)


def test_new_scaffolds_a_project_that_builds_strictly(tmp_path: Path) -> None:
    target = tmp_path / "my-policy"
    result = run_scopesite("new", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"created {target} (10 files); next:\n"
        f"  scopesite check {target}   # every error of the content, at once\n"
        f"  scopesite serve {target}   # preview at http://127.0.0.1:8000, rebuilt on save\n"
        f"  scopesite build {target} --strict   # the site, into {target / 'site'}\n"
        f"note: .github/workflows/policy-site.yml installs '{running_requirement()}' "
        "(SCOPESITE_PACKAGE in its env); change it there, or set the repository variable "
        "SCOPESITE_PACKAGE, if your CI's package index does not have it\n"
    )
    written = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert (
        written
        == [
            ".github/workflows/policy-site.yml",
            ".gitignore",
            "content/flows/is-it-covered.yml",
            "content/guides/getting-started.md",
            "content/product.yml",
            "schema/article.schema.json",
            "schema/content.schema.json",
            "schema/flow.schema.json",
            "schema/site_config.schema.json",
            "site_config.yml",
        ][: len(written)]
        or written
    )
    check = run_scopesite("check", str(target))
    assert check.returncode == 0, check.stderr
    assert "wizard is-it-covered: 3 question pages, 8 outcome pages" in check.stdout
    build = run_scopesite("build", str(target), "--strict", "-q")
    assert build.returncode == 0, build.stderr
    for page in (
        "example/scope/index.html",
        "wizards/is-it-covered/index.html",
        "schema/content.schema.json",
    ):
        assert (target / "site" / page).is_file(), page


def test_new_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    result = run_scopesite("new", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr == (
        f"{tmp_path}:1:1: error: this folder already exists and is not empty\n"
        "  hint: name a new folder: scopesite new my-policy\n"
        "1 error found\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_new_into_a_fresh_repository_keeps_its_dotfiles(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / ".editorconfig").write_text("root = true\n")
    result = run_scopesite("new", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert (tmp_path / ".editorconfig").read_text() == "root = true\n"
    assert (tmp_path / "site_config.yml").is_file()
    assert (tmp_path / ".github/workflows/policy-site.yml").is_file()
    assert ".git/HEAD" not in result.stdout  # only the files it wrote are listed
    assert run_scopesite("check", str(tmp_path)).returncode == 0


def test_new_never_overwrites_a_dotfile(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("mine\n")
    result = run_scopesite("new", str(tmp_path))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"{tmp_path}:1:1: error: this folder already has .gitignore, "
        "which scopesite new would overwrite\n"
        "  hint: move .gitignore aside, run scopesite new again, then merge it back\n"
        "1 error found\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [".gitignore"]


def test_new_under_a_file_says_so_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    target = tmp_path / "notes.txt/policies/acme"
    result = run_scopesite("new", str(target))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: cannot create {target}: {tmp_path / 'notes.txt'} is a file, not a folder; "
        "name another folder\n"
    )


def test_new_in_a_folder_it_may_not_write_says_so_in_one_line() -> None:
    with tempfile.TemporaryDirectory() as folder:  # in /tmp, open to 'nobody'
        os.chmod(folder, 0o755)
        locked = Path(folder) / "locked"
        locked.mkdir(mode=0o555)
        result = run_unprivileged("new", str(locked / "policy"))
        assert list(locked.iterdir()) == []
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: cannot create {locked / 'policy'}: permission denied; "
        "name a folder you may write in\n"
    )


@pytest.fixture
def versioned(tmp_path: Path) -> Path:
    """A scaffolded project with two tagged versions: v1, then v2 with three changes."""
    project = tmp_path / "policy"
    assert run_scopesite("new", str(project)).returncode == 0
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "v1")
    git(project, "tag", "v1")
    product = project / "content/product.yml"
    text = product.read_text()
    text = text.replace("    response: 4 business hours", "    response: 2 business hours")
    text = text.replace("    verdict: conditional", "    verdict: covered")
    text = text.replace("channels: [docs, ticket, phone]", "channels: [docs, phone, chat]")
    text = text.replace(
        "channels:\n",
        "channels:\n  - id: chat\n    name: Live chat\n    kind: assisted\n    summary: Chat.\n",
        1,
    )
    product.write_text(text)
    flow = project / "content/flows/is-it-covered.yml"
    flow.write_text(flow.read_text().replace("{verdict: conditional}", "{verdict: covered}"))
    git(project, "commit", "-qam", "v2")
    git(project, "tag", "v2")
    return project


def test_diff_says_what_changed_for_customers(versioned: Path) -> None:
    result = run_scopesite("diff", "v1", "v2", str(versioned))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Policy changes from v1 to v2:\n"
        "  Plan 'Premium': channels added Live chat; removed Support ticket\n"
        "  Channel 'Live chat' added\n"
        "  Severity 2: Major: first response goal 4 business hours → 2 business hours\n"
        "  Scope item 'Problems on versions before 2.0': covered with conditions → covered"
        " on every plan\n"
        "4 changes\n"
    )
    markdown = run_scopesite("diff", "v1", "v2", str(versioned), "--format", "markdown").stdout
    assert markdown == (
        "## Policy changes from `v1` to `v2`\n\n"
        "### Plans\n\n- Plan 'Premium': channels added Live chat; removed Support ticket\n\n"
        "### Channels\n\n- Channel 'Live chat' added\n\n"
        "### Severities\n\n"
        "- Severity 2: Major: first response goal 4 business hours → 2 business hours\n\n"
        "### Coverage\n\n"
        "- Scope item 'Problems on versions before 2.0': covered with conditions → covered"
        " on every plan\n"
    )
    data = json.loads(run_scopesite("diff", "v1", "v2", str(versioned), "--json").stdout)
    assert data["from"] == "v1" and data["to"] == "v2"
    assert data["changes"][0]["before"] == "docs, ticket, phone"
    assert data["changes"][0]["after"] == "docs, phone, chat"
    assert data["changes"][2] == {
        "kind": "severities",
        "id": "sev-2",
        "change": "changed",
        "field": "response",
        "before": "4 business hours",
        "after": "2 business hours",
        "text": "Severity 2: Major: first response goal 4 business hours → 2 business hours",
        "label": "severity",
        "name": "Severity 2: Major",
        "added": None,
        "removed": None,
        "plan": None,
        "product": None,
        "old_verdict": None,
        "new_verdict": None,
        "part": None,
        "release": None,
        "phase": None,
    }
    assert data["changes"][0]["added"] == ["Live chat"]
    assert data["changes"][0]["removed"] == ["Support ticket"]
    assert data["changes"][3]["old_verdict"] == "conditional"
    assert data["changes"][3]["new_verdict"] == "covered"
    assert data["changes"][3]["before"] == "covered with conditions"


def test_diff_of_an_unknown_revision_is_an_error(versioned: Path) -> None:
    result = run_scopesite("diff", "v1", "v9", str(versioned))
    assert result.returncode == 1
    assert result.stderr == (
        "error: unknown revision 'v9'; "
        "name a commit, branch or tag of this repository (see: git log --oneline)\n"
    )


def test_diff_outside_a_git_repository_is_an_error(tmp_path: Path) -> None:
    project = tmp_path / "policy"
    run_scopesite("new", str(project))
    result = run_scopesite(
        "diff", "v1", "v2", str(project), env={"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    )
    assert result.returncode == 1
    assert result.stderr == (
        "error: this project is not in a git repository; "
        "run it in a clone of the policy's repository (versions are git revisions)\n"
    )


def test_the_policy_changes_page_shows_each_published_version(versioned: Path) -> None:
    config = versioned / "site_config.yml"
    history = (
        "history:\n  - revision: v1\n    date: 2026-10-01\n"
        "  - revision: v2\n    date: 2026-11-15\n    note: Faster answers for Severity 2\n"
    )
    config.write_text(config.read_text() + history)
    build = run_scopesite("build", str(versioned), "--strict", "-q")
    assert build.returncode == 0, build.stderr
    page = (versioned / "site/changes/index.html").read_text()
    assert ">15 November 2026: Faster answers for Severity 2<" in page
    assert (
        "<li>Severity 2: Major: first response goal 4 business hours → 2 business hours</li>"
        in page
    )
    assert "Compared with the version of 1 October 2026." in page
    config.write_text(config.read_text().replace("revision: v2", "revision: v3"))
    failed = run_scopesite("check", str(versioned))
    assert failed.returncode == 1
    assert failed.stderr == (
        f"{config}:17:15: error: unknown revision 'v3'\n"
        "  hint: name a commit, branch or tag of this repository (see: git log --oneline)\n"
        "1 error found\n"
    )


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    """A repository whose first commit ('start') has no project; the project, in
    policies/acme, comes in v1; v2 changes a response goal."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "README.md").write_text("Policies of Acme.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "start")
    git(repo, "tag", "start")
    assert run_scopesite("new", str(repo / "policies/acme")).returncode == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "v1")
    git(repo, "tag", "v1")
    product = repo / "policies/acme/content/product.yml"
    text = product.read_text()
    product.write_text(text.replace("response: 4 business hours", "response: 2 business hours"))
    git(repo, "commit", "-qam", "v2")
    git(repo, "tag", "v2")
    return repo


SEVERITY_2_FASTER = "Severity 2: Major: first response goal 4 business hours → 2 business hours"
EVERYTHING_ADDED = [
    "Product 'Example Product' added",
    "Plan 'Standard' added",
    "Plan 'Premium' added",
    "Channel 'Documentation' added",
    "Channel 'Support ticket' added",
    "Channel 'Phone support' added",
    "Severity 1: Critical added",
    "Severity 2: Major added",
    "Severity 3: Minor added",
    "Scope item 'How-to questions' added (covered)",
    "Scope item 'Reporting a defect in the product' added (covered)",
    "Scope item 'Problems on versions before 2.0' added (covered with conditions)",
    "Scope item 'Writing or fixing your own code' added (not covered)",
    "Hour set 'Business hours' added",
]


def test_diff_reads_a_project_in_a_subfolder_from_any_folder(nested: Path) -> None:
    expected = f"Policy changes from v1 to v2:\n  {SEVERITY_2_FASTER}\n1 change\n"
    for cwd, folder in (
        (nested, "policies/acme"),
        (nested / "policies", "acme"),
        (nested / "policies/acme", "."),
    ):
        result = run_scopesite("diff", "v1", "v2", folder, cwd=cwd)
        assert (result.returncode, result.stderr, result.stdout) == (0, "", expected), cwd


def test_a_revision_before_the_project_existed_diffs_as_everything_added(nested: Path) -> None:
    result = run_scopesite("diff", "start", "v1", "policies/acme", cwd=nested)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "Policy changes from start to v1:\n"
        + "".join(f"  {line}\n" for line in EVERYTHING_ADDED)
        + "14 changes\n"
    )


def test_the_policy_changes_page_of_a_project_in_a_subfolder(nested: Path) -> None:
    project = nested / "policies/acme"
    config = project / "site_config.yml"
    config.write_text(
        config.read_text() + "history:\n"
        "  - {revision: start, date: 2026-01-01}\n"
        "  - {revision: v1, date: 2026-10-01}\n"
        "  - {revision: v2, date: 2026-11-15}\n"
    )
    build = run_scopesite("build", "policies/acme", "--strict", "-q", cwd=nested)
    assert (build.returncode, build.stderr) == (0, "")
    page = (project / "site/changes/index.html").read_text()
    listed = re.findall(r"<li>([^<]*)</li>", page)
    assert [html.unescape(item) for item in listed] == [SEVERITY_2_FASTER, *EVERYTHING_ADDED]


def test_diff_explains_a_real_change_in_this_repositorys_history() -> None:
    known = subprocess.run(["git", "-C", str(REPO), "cat-file", "-e", "f167499^{commit}"])
    if known.returncode != 0:
        pytest.skip("this clone has no history (shallow); the change is in commit 8225a46")
    result = run_scopesite("diff", "f167499", "8225a46", str(REPO))
    assert result.returncode == 0, result.stderr
    assert (
        "Channel 'Sitefinity Support center (log a case)': first response goal none → 24 hours\n"
        in result.stdout
    )
    assert result.stdout.endswith("2 changes\n")


def test_the_pre_commit_hook_runs_scopesite_check(tmp_path: Path) -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "scopesite-check" and hook["entry"] == "scopesite check"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    watched = re.compile(hook["files"])
    checked = ("site_config.yml", "mkdocs.yml", "content/a.yml", "templates/x.j2")
    assert [p for p in checked if not watched.match(p)] == []
    assert not watched.match("README.md")
    project = tmp_path / "policy"
    run_scopesite("new", str(project))
    entry = hook["entry"].split()
    assert run_scopesite(*entry[1:], cwd=project).returncode == 0
    (project / "content/product.yml").write_text("plans: [\n")
    assert run_scopesite(*entry[1:], cwd=project).returncode == 1


@pytest.mark.parametrize(
    ("direct_url", "requirement"),
    [
        (None, "scopesite==1.2.0"),  # from a package index or a wheel file
        ('{"url": "file:///src/scopesite", "dir_info": {"editable": true}}', "scopesite==1.2.0"),
        (
            '{"url": "https://git.example.test/acme/scopesite.git", "vcs_info": '
            '{"vcs": "git", "requested_revision": "v1.2.0", "commit_id": "0123abcd"}}',
            "scopesite @ git+https://git.example.test/acme/scopesite.git@0123abcd",
        ),
    ],
)
def test_the_workflow_pins_the_commit_scopesite_was_installed_from(
    direct_url: str | None, requirement: str
) -> None:
    assert requirement_for("1.2.0", direct_url) == requirement


MAIN_PUSH = "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def test_the_scaffolded_workflow_pins_scopesite_and_only_main_deploys(tmp_path: Path) -> None:
    project = tmp_path / "policy"
    assert run_scopesite("new", str(project)).returncode == 0
    workflow = yaml.safe_load((project / ".github/workflows/policy-site.yml").read_text())
    assert workflow[True] == {"pull_request": None, "push": {"branches": ["main"]}}  # 'on'
    pin = f"scopesite=={version('scopesite')}"
    assert workflow["env"] == {"SCOPESITE_PACKAGE": f"${{{{ vars.SCOPESITE_PACKAGE || '{pin}' }}}}"}
    assert workflow["permissions"] == {"contents": "read"}
    assert list(workflow["jobs"]) == ["check", "deploy"]
    check, deploy = workflow["jobs"]["check"], workflow["jobs"]["deploy"]

    assert "if" not in check and check["permissions"] == {"contents": "read"}
    assert check["concurrency"] == {
        "group": "check-${{ github.ref }}",
        "cancel-in-progress": "${{ github.event_name == 'pull_request' }}",
    }
    steps = check["steps"]
    assert steps[0] == {
        "uses": "actions/checkout@v4",
        "with": {"fetch-depth": 0, "persist-credentials": False},
    }
    assert [step.get("run") for step in steps if "run" in step] == [
        'pip install "$SCOPESITE_PACKAGE"',
        "scopesite check",
        "scopesite build --strict",
        'scopesite diff "origin/$BASE_REF" HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"',
    ]
    assert steps[-2]["if"] == "github.event_name == 'pull_request'"
    assert steps[-2]["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert steps[-1] == {
        "if": MAIN_PUSH,
        "uses": "actions/upload-pages-artifact@v3",
        "with": {"path": "site"},
    }
    assert not any("pages" in step.get("uses", "") for step in steps[:-1])

    assert deploy["if"] == MAIN_PUSH and deploy["needs"] == "check"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"] for step in deploy["steps"]] == [
        "actions/configure-pages@v5",
        "actions/deploy-pages@v4",
    ]


LIFE_CYCLE = """    current_version: "2.0"
    life_cycle:
      phases:
        - id: full
          name: Full support
          delivers: Fixes and new features.
        - id: extended
          name: Extended support
          delivers: Security fixes only.
      releases:
        - version: "1.0"
          released: 2024-01-15
          ends: {full: 2025-01-15, extended: 2026-01-15}
        - version: "2.0"
          released: 2025-01-15
          ends: {full: 2026-06-30, extended: 2027-12-31}
"""
HOURS = """hours:
  - id: europe
    name: Europe business hours
    timezone: Europe/Paris
    days: [monday, tuesday, wednesday, thursday, friday]
    opens: "08:00"
    closes: "16:00"
  - id: around-the-clock
    name: Premium 24x7 coverage
    always_open: true
regions:
  - id: americas
    name: The Americas
  - id: europe
    name: Europe
    hours: europe
"""


@pytest.fixture
def richer(tmp_path: Path) -> Path:
    """A scaffolded project, committed as v1, with a life cycle, hour sets, regions
    and Premium's own Severity 1 goal counted around the clock."""
    project = tmp_path / "policy"
    assert run_scopesite("new", str(project)).returncode == 0
    edit(project / "content/product.yml", ('    current_version: "2.0"\n', LIFE_CYCLE))
    edit(
        project / "content/product.yml",
        (
            "    resolution: 1 business day\n",
            "    resolution: 1 business day\n    per_plan:\n      - plan: premium\n"
            "        response: {target: 1 hour, hours: around-the-clock}\n",
        ),
    )
    (project / "site_config.yml").write_text((project / "site_config.yml").read_text() + HOURS)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "v1")
    git(project, "tag", "v1")
    return project


def edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text()
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text)


def commit_v2(project: Path) -> None:
    git(project, "commit", "-qam", "v2")
    git(project, "tag", "v2")


def diff_lines(project: Path, old: str = "v1", new: str = "v2") -> list[str]:
    result = run_scopesite("diff", old, new, str(project))
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def assert_lines(project: Path, expected: list[str]) -> None:
    """`scopesite diff v1 v2` says exactly ``expected``, one change a line."""
    assert diff_lines(project) == [
        "Policy changes from v1 to v2:",
        *(f"  {line}" for line in expected),
        f"{len(expected)} changes",
    ]


def test_diff_pairs_a_severity_of_one_product_with_its_copy_when_it_gains_another(
    richer: Path,
) -> None:
    product = richer / "content/product.yml"
    edit(
        product,
        (
            "plans:\n",
            "  - id: cloud\n    name: Cloud\n    summary: The hosted service.\n"
            "    delivered_via: [ticket]\n\nplans:\n",
        ),
        (
            "    products: [example]\n    summary: Tickets and phone",
            "    products: [example, cloud]\n    summary: Tickets and phone",
        ),
        (
            "    products: [example]\n    definition: Production",
            "    products: [example, cloud]\n    definition: Production",
        ),
        ("    response: 1 hour\n", "    response: 4 business hours\n"),
        (
            "    product: example\n    group: Problems\n    title: Reporting a defect in the product"
            "\n    verdict: covered\n    aliases: [bug, it crashes]\n    clause: What is covered\n",
            "    products: [example, cloud]\n    group: Problems\n"
            "    title: Reporting a defect in the product\n    verdict: covered\n"
            "    aliases: [bug, it crashes]\n    clause: Defects\n",
        ),
    )
    commit_v2(richer)
    assert diff_lines(richer) == [
        "Policy changes from v1 to v2:",
        "  Product 'Cloud' added",
        "  Plan 'Premium': products added Cloud",
        "  Severity 1: Critical for Cloud added",
        "  Severity 1: Critical for Example Product: first response goal 1 hour → 4 business hours",
        "  Scope item 'Reporting a defect in the product' for Cloud added (covered)",
        "  Scope item 'Reporting a defect in the product' for Example Product: clause"
        " What is covered → Defects",
        "6 changes",
    ]
    assert diff_lines(richer, "v2", "v1") == [
        "Policy changes from v2 to v1:",
        "  Product 'Cloud' removed",
        "  Plan 'Premium': products removed Cloud",
        "  Severity 1: Critical for Example Product: first response goal 4 business hours → 1 hour",
        "  Severity 1: Critical for Cloud removed",
        "  Scope item 'Reporting a defect in the product' for Example Product: clause"
        " Defects → What is covered",
        "  Scope item 'Reporting a defect in the product' for Cloud removed",
        "6 changes",
    ]
    data = json.loads(run_scopesite("diff", "v1", "v2", str(richer), "--json").stdout)
    assert [(c["id"], c["product"], c["change"]) for c in data["changes"][2:]] == [
        ("sev-1", "Cloud", "added"),
        ("sev-1", "Example Product", "changed"),
        ("bugs", "Cloud", "added"),
        ("bugs", "Example Product", "changed"),
    ]


def test_diff_words_life_cycles_and_per_plan_goals_field_by_field(richer: Path) -> None:
    edit(
        richer / "content/product.yml",
        (
            "ends: {full: 2026-06-30, extended: 2027-12-31}",
            "ends: {full: 2026-06-30, extended: 2026-12-31}",
        ),
        (
            "        response: {target: 1 hour, hours: around-the-clock}\n",
            "        response: 2 hours\n",
        ),
        (
            "    response: 4 business hours\n",
            "    response: 4 business hours\n    updates: 1 business day\n",
        ),
        (
            "          name: Extended support\n",
            "          name: Extended support\n          window: 3\n",
        ),
    )
    commit_v2(richer)
    expected = [
        "Example Product, life-cycle phase Extended support: window none → 3",
        "Example Product 2.0: Extended support ends 2027-12-31 → 2026-12-31",
        "Severity 1: Critical on Premium: first response goal 1 hour (around the clock) → 2 hours",
        "Severity 2: Major: updates goal none → 1 business day",
    ]
    assert_lines(richer, expected)
    markdown = run_scopesite("diff", "v1", "v2", str(richer), "--format", "markdown").stdout
    assert markdown == (
        "## Policy changes from `v1` to `v2`\n\n"
        f"### Products\n\n- {expected[0]}\n- {expected[1]}\n\n"
        f"### Severities\n\n- {expected[2]}\n- {expected[3]}\n"
    )
    data = json.loads(run_scopesite("diff", "v1", "v2", str(richer), "--json").stdout)
    assert [c["text"] for c in data["changes"]] == expected
    assert data["changes"][1] | {"text": ""} == {
        "kind": "products",
        "id": "example",
        "label": "product",
        "name": "Example Product",
        "change": "changed",
        "field": "ends",
        "before": "2027-12-31",
        "after": "2026-12-31",
        "added": None,
        "removed": None,
        "plan": None,
        "product": None,
        "part": "life_cycle",
        "release": "2.0",
        "phase": "Extended support",
        "old_verdict": None,
        "new_verdict": None,
        "text": "",
    }
    assert (data["changes"][2]["plan"], data["changes"][2]["before"]) == (
        "Premium",
        "1 hour (around the clock)",
    )


def test_diff_reports_hour_sets_and_regions(richer: Path) -> None:
    config = richer / "site_config.yml"
    edit(
        config,
        ('    opens: "08:00"\n', '    opens: "09:00"\n'),
        ("    timezone: Europe/Paris\n", "    timezone: Europe/Berlin\n"),
        ("    name: Europe\n    hours: europe\n", "    name: Europe\n"),
        (
            "regions:\n",
            "  - id: weekend\n    name: Weekend desk\n    always_open: true\nregions:\n",
        ),
        ("  - id: americas\n", "  - id: asia\n    name: Asia\n  - id: americas\n"),
    )
    edit(config, ("  - id: americas\n    name: The Americas\n", ""))
    commit_v2(richer)
    assert diff_lines(richer) == [
        "Policy changes from v1 to v2:",
        "  Hour set 'Weekend desk' added",
        "  Hour set 'Europe business hours': time zone Europe/Paris → Europe/Berlin",
        "  Hour set 'Europe business hours': opens at 08:00 → 09:00",
        "  Region 'Asia' added",
        "  Region 'The Americas' removed",
        "  Region 'Europe': goals count in Europe business hours → Business hours",
        "6 changes",
    ]
    markdown = run_scopesite("diff", "v1", "v2", str(richer), "--format", "markdown").stdout
    assert markdown == (
        "## Policy changes from `v1` to `v2`\n\n"
        "### Hour sets\n\n"
        "- Hour set 'Weekend desk' added\n"
        "- Hour set 'Europe business hours': time zone Europe/Paris → Europe/Berlin\n"
        "- Hour set 'Europe business hours': opens at 08:00 → 09:00\n\n"
        "### Regions\n\n"
        "- Region 'Asia' added\n"
        "- Region 'The Americas' removed\n"
        "- Region 'Europe': goals count in Europe business hours → Business hours\n"
    )
    data = json.loads(run_scopesite("diff", "v1", "v2", str(richer), "--json").stdout)
    assert data["changes"][5] == {
        "kind": "regions",
        "id": "europe",
        "label": "region",
        "name": "Europe",
        "change": "changed",
        "field": "hours",
        "before": "Europe business hours",
        "after": "Business hours",
        "added": None,
        "removed": None,
        "plan": None,
        "product": None,
        "part": None,
        "release": None,
        "phase": None,
        "old_verdict": None,
        "new_verdict": None,
        "text": "Region 'Europe': goals count in Europe business hours → Business hours",
    }


def test_diff_words_entries_added_and_removed_inside_a_severity_or_life_cycle(
    richer: Path,
) -> None:
    edit(
        richer / "content/product.yml",
        (
            "        response: {target: 1 hour, hours: around-the-clock}\n",
            "        response: {target: 1 hour, hours: around-the-clock}\n"
            "      - plan: standard\n        response: 8 business hours\n",
        ),
        ("          name: Full support\n", "          name: Active support\n"),
        ("          released: 2024-01-15\n", "          released: 2024-02-01\n"),
        ('versions: ["1.0", "2.0"]', 'versions: ["1.0", "2.0", "3.0"]'),
        (
            "extended: 2027-12-31}\n",
            'extended: 2027-12-31}\n        - version: "3.0"\n          released: 2026-09-01\n'
            "          ends: {full: 2027-09-01, extended: 2028-09-01}\n",
        ),
        ("    response: 4 business hours\n", "    response: {target: 4 hours, hours: europe}\n"),
    )
    edit(
        richer / "site_config.yml",
        (
            '    days: [monday, tuesday, wednesday, thursday, friday]\n    opens: "08:00"',
            '    days: [monday, tuesday, wednesday, thursday]\n    opens: "08:00"\n'
            "    holidays:\n      - {date: 2026-12-25, name: Christmas Day}",
        ),
    )
    commit_v2(richer)
    expected = [
        "Product 'Example Product': versions 1.0, 2.0 → 1.0, 2.0, 3.0",
        "Example Product, life-cycle phase Active support: name Full support → Active support",
        "Example Product 1.0: released 2024-01-15 → 2024-02-01",
        "Example Product 3.0: added to the life cycle (released 2026-09-01)",
        "Severity 1: Critical on Standard: goals of its own added: first response goal"
        " 8 business hours",
        "Severity 2: Major: first response goal 4 business hours"
        " → 4 hours (in Europe business hours)",
        "Hour set 'Europe business hours': days Monday, Tuesday, Wednesday, Thursday, Friday"
        " → Monday, Tuesday, Wednesday, Thursday",
        "Hour set 'Europe business hours': holidays added Christmas Day",
    ]
    assert_lines(richer, expected)
    markdown = run_scopesite("diff", "v1", "v2", str(richer), "--format", "markdown").stdout
    assert markdown.endswith(f"### Hour sets\n\n- {expected[6]}\n- {expected[7]}\n")
    reverse = diff_lines(richer, "v2", "v1")
    assert reverse[5:7] == [
        "  Severity 1: Critical on Standard: goals of its own removed (the severity's goals apply)",
        "  Severity 2: Major: first response goal 4 hours (in Europe business hours)"
        " → 4 business hours",
    ]
    data = json.loads(run_scopesite("diff", "v1", "v2", str(richer), "--json").stdout)
    assert (data["changes"][4]["before"], data["changes"][4]["after"]) == (
        "none",
        "first response goal 8 business hours",
    )
