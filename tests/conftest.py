"""Shared fixtures: project folders and a built default site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.browser import CHROMIUM, CHROMIUM_ARGS

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/ from the current output.",
    )
    parser.addoption(
        "--update-bad-inputs",
        action="store_true",
        help="Rewrite the expected outputs in tests/bad_inputs/.",
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the figures tests measured (search recall and the like)."""
    from tests.figures import FIGURES

    if FIGURES:
        terminalreporter.section("measured figures")
        for name, value in FIGURES.items():
            terminalreporter.write_line(f"{name}: {value}")


def run_scopesite(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def run_unprivileged(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user the file system may refuse: root may write anywhere, so
    under root it runs as 'nobody' (whatever it reads must be open to all)."""
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    return subprocess.run(
        [*(as_nobody if os.geteuid() == 0 else []), sys.executable, "-m", "generator", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run plain MkDocs in a project folder, without the scopesite command."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Copy the minimal fixture into tmp_path, then overwrite or add the given files."""

    def make(files: dict[str, str]) -> Path:
        project = tmp_path / "project"
        shutil.copytree(
            FIXTURES / "minimal", project, ignore=shutil.ignore_patterns("site", ".scopesite")
        )
        for relative, text in files.items():
            target = project / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
        return project

    return make


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium, driven by Playwright (never a downloaded browser)."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def build_copy(source: Path, target: Path, epoch: str = "0") -> Path:
    """Copy a project (without build output) and build it with --strict, on the day
    SOURCE_DATE_EPOCH ``epoch`` names; return its site."""
    shutil.copytree(
        source,
        target,
        ignore=shutil.ignore_patterns(
            "site",
            ".scopesite",
            ".git",
            ".venv",
            "tests",
            "node_modules",
            "*.egg-info",
            "__pycache__",
        ),
    )
    result = run_scopesite("build", str(target), "--strict", env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, result.stderr
    return target / "site"


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default content built once with --strict."""
    return build_copy(REPO, tmp_path_factory.mktemp("default") / "project")


@pytest.fixture(scope="session")
def priced_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The priced fixture (a stepped price rule and a cost flow), built once."""
    return build_copy(FIXTURES / "priced", tmp_path_factory.mktemp("priced") / "project")


BUILT_ON = {"examples/enterprise-linux": "1795392000"}
"""Projects whose acceptance questions depend on the day (life-cycle phases), built on
the day their facts were checked: 2026-11-23."""


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory, default_site: Path) -> dict[str, Path]:
    built = {".": default_site}
    for project in (
        "examples/smartertools",
        "examples/support-credits",
        "examples/enterprise-linux",
    ):
        target = tmp_path_factory.mktemp(Path(project).name) / "project"
        built[project] = build_copy(REPO / project, target, BUILT_ON.get(project, "0"))
    return built
