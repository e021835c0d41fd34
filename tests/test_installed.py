"""scopesite as a user gets it: built into a wheel, installed in a fresh virtualenv.

The module's fixture copies the work tree (uncommitted work included, so a change is
tested before it is committed; build output, caches and virtualenvs left out),
builds the sdist and the wheel from the copy, and installs the locked runtime
dependencies and the wheel into a virtualenv under tmp. Every test then runs that
virtualenv's ``scopesite`` from a folder outside the checkout, with nothing of the
checkout on PYTHONPATH: a file missing from the wheel fails here, not for a user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.figures import record
from tests.test_authoring import git

pytestmark = pytest.mark.installed

VERSION = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
WHEEL = f"scopesite-{VERSION}-py3-none-any.whl"
SDIST = f"scopesite-{VERSION}.tar.gz"
# What a checkout holds but a build must not read: output, caches, environments.
ANYWHERE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    ".scopesite",
    "__pycache__",
    "*.egg-info",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    "dist",
)
SERVE_DEADLINE = 60.0  # seconds for serve's first build and its first answer


@dataclass(frozen=True)
class Installed:
    source: Path  # the copy of the work tree that was built
    wheel: Path
    venv: Path

    def scopesite(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run the installed scopesite as a user would, in ``cwd``."""
        return run([str(self.venv / "bin" / "scopesite"), *args], cwd=cwd, env=user_env(self.venv))


def run(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=240)


def user_env(venv: Path) -> dict[str, str]:
    """The environment of a user who installed scopesite into ``venv``: the checkout is
    neither importable nor on PATH, and MkDocs' notice is left for scopesite to silence."""
    dropped = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "NO_MKDOCS_2_WARNING"}
    env = {name: value for name, value in os.environ.items() if name not in dropped}
    paths = [p for p in env.get("PATH", "").split(os.pathsep) if not Path(p).is_relative_to(REPO)]
    env["PATH"] = os.pathsep.join([str(venv / "bin"), *paths])
    return env


def pip(venv: Path, *args: str) -> None:
    # pip's own output varies with the machine's configuration: only its exit code counts.
    result = run([str(venv / "bin" / "python"), "-m", "pip", *args])
    assert result.returncode == 0, result.stdout + result.stderr


def not_source(folder: str, names: list[str]) -> set[str]:
    """What to leave out of the copy; a built site only at the top (generator/site/ is code)."""
    top_level = {"site"} if Path(folder) == REPO else set()
    return set(ANYWHERE(folder, names)) | (top_level & set(names))


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("installed")
    source = root / "source"
    shutil.copytree(REPO, source, ignore=not_source)
    dist = root / "dist"
    # --no-isolation: the build backend comes from the dev lock, like everything else.
    built = run([sys.executable, "-m", "build", "--no-isolation", "-o", str(dist), str(source)])
    assert built.returncode == 0, built.stdout + built.stderr
    assert built.stdout == f"Successfully built {SDIST} and {WHEEL}\n"
    assert built.stderr == (
        "* Getting build dependencies for sdist...\n"
        "* Building sdist...\n"
        "* Building wheel from sdist\n"
        "* Getting build dependencies for wheel...\n"
        "* Building wheel...\n"
    )
    venv = root / "venv"
    assert run([sys.executable, "-m", "venv", str(venv)]).returncode == 0
    pip(
        venv,
        "install",
        "--require-hashes",
        "--no-deps",
        "-r",
        str(source / "requirements/run.lock"),
    )
    pip(venv, "install", "--no-deps", str(dist / WHEEL))
    pip(venv, "check")
    return Installed(source=source, wheel=dist / WHEEL, venv=venv)


def new_project(installed: Installed, folder: Path) -> Path:
    result = installed.scopesite("new", "p", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "p"


def test_scopesite_is_imported_from_the_virtualenv(installed: Installed, tmp_path: Path) -> None:
    env = user_env(installed.venv)
    python = str(installed.venv / "bin" / "python")
    probe = "import generator, sysconfig; print(generator.__file__, sysconfig.get_path('purelib'))"
    result = run([python, "-c", probe], cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    module, site_packages = result.stdout.split()
    assert Path(module) == Path(site_packages) / "generator" / "__init__.py"
    assert Path(site_packages).is_relative_to(installed.venv)


def test_version_and_help(installed: Installed, tmp_path: Path) -> None:
    version = installed.scopesite("--version", cwd=tmp_path)
    assert (version.returncode, version.stdout) == (0, f"scopesite, version {VERSION}\n")
    usage = installed.scopesite("-h", cwd=tmp_path)
    assert usage.returncode == 0, usage.stderr
    header, commands = usage.stdout.split("Commands:\n")
    assert header == (
        "Usage: scopesite [OPTIONS] COMMAND [ARGS]...\n"
        "\n"
        "  Build a static support site from a support policy written in YAML.\n"
        "\n"
        "Options:\n"
        "  --version   Show the version and exit.\n"
        "  -h, --help  Show this message and exit.\n"
        "\n"
    )
    # Names, not summaries: the commands' docstrings are worded elsewhere.
    listed = [line.split(maxsplit=1) for line in commands.splitlines()]
    assert [name for name, _summary in listed] == [
        "ask",
        "build",
        "check",
        "diff",
        "graph",
        "new",
        "schema",
        "search",
        "serve",
    ]


def test_new_check_and_strict_build(installed: Installed, tmp_path: Path) -> None:
    project = new_project(installed, tmp_path)
    workflow = (project / ".github/workflows/policy-site.yml").read_text()
    assert f"'scopesite=={VERSION}'" in workflow
    check = installed.scopesite("check", "p", cwd=tmp_path)
    assert (check.returncode, check.stderr) == (0, "")
    assert check.stdout == (
        "ok: content is valid; 21 pages\n"
        "  wizard is-it-covered: 3 question pages, 8 outcome pages\n"
    )
    build = installed.scopesite("build", "p", "--strict", cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    assert (project / "site/index.html").is_file()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def first_answer(url: str, server: subprocess.Popen[bytes]) -> int:
    """The HTTP status of ``url`` once the server answers; fails if it exits or stays mute."""
    deadline = time.monotonic() + SERVE_DEADLINE
    while time.monotonic() < deadline:
        assert server.poll() is None, f"serve exited with {server.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                status: int = response.status
                return status
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)  # still building, or not listening yet
    raise AssertionError(f"no answer from {url} in {SERVE_DEADLINE:.0f} s")


def test_serve_answers_on_localhost(installed: Installed, tmp_path: Path) -> None:
    new_project(installed, tmp_path)
    port = free_port()
    log = tmp_path / "serve.log"
    command = [str(installed.venv / "bin" / "scopesite"), "serve", "p", "-a", f"127.0.0.1:{port}"]
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, cwd=tmp_path, env=user_env(installed.venv), stdout=output, stderr=output
        )
        try:
            assert first_answer(f"http://127.0.0.1:{port}/", server) == 200, log.read_text()
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)


def test_diff_between_two_commits(installed: Installed, tmp_path: Path) -> None:
    project = new_project(installed, tmp_path)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "v1")
    product = project / "content/product.yml"
    text = product.read_text()
    assert "    response: 4 business hours\n" in text
    product.write_text(
        text.replace("    response: 4 business hours", "    response: 2 business hours")
    )
    git(project, "commit", "-qam", "v2")
    result = installed.scopesite("diff", "HEAD~1", "HEAD", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Policy changes from HEAD~1 to HEAD:\n"
        "  Severity 2: Major: first response goal 4 business hours → 2 business hours\n"
        "1 change\n"
    )


def committed_tree(folder: Path) -> Path:
    """A git repository holding this checkout's last commit, as pre-commit fetches a hook."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "HEAD"], check=True, capture_output=True
    )
    folder.mkdir()
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "scopesite")
    return folder


def test_the_pre_commit_hook_passes_then_reports_the_error(
    installed: Installed, tmp_path: Path
) -> None:
    hooks = committed_tree(tmp_path / "scopesite")
    project = new_project(installed, tmp_path)
    git(project, "init", "-q")
    git(project, "add", "-A")
    env = {**user_env(installed.venv), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    # pre-commit installs the hook's own scopesite from that repository, with pip.
    try_repo = [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "scopesite-check"]
    passed = run([*try_repo, "--all-files"], cwd=project, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "\nscopesite check....." in passed.stdout and passed.stdout.endswith("Passed\n")

    product = project / "content/product.yml"
    line = "    channels: [docs, ticket]\n"
    text = product.read_text()
    where = text.splitlines(keepends=True).index(line) + 1
    product.write_text(text.replace(line, line.replace("ticket", "tikcet"), 1))
    git(project, "add", "-A")
    failed = run([*try_repo, "--all-files"], cwd=project, env=env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert failed.stdout.endswith(
        "Failed\n"
        "- hook id: scopesite-check\n"
        "- exit code: 1\n"
        "\n"
        f"content/product.yml:{where}:{line.index('ticket') + 1}: error: unknown channel"
        " 'tikcet' (did you mean 'ticket'?)\n"
        "  hint: known channels: docs, phone, ticket\n"
        "1 error found\n"
        "\n"
    )


def shipped(tree: Path, under: str) -> set[str]:
    """The names the wheel should hold for every file of ``tree``, placed ``under``."""
    return {f"{under}/{p.relative_to(tree).as_posix()}" for p in tree.rglob("*") if p.is_file()}


def test_the_wheel_holds_the_templates_and_the_scaffold(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = wheel.namelist()
    templates = shipped(installed.source / "templates", "generator/templates")
    scaffold = shipped(
        installed.source / "generator/authoring/scaffold", "generator/authoring/scaffold"
    )
    assert {n for n in names if n.startswith("generator/templates/")} == templates
    assert {n for n in names if n.startswith("generator/authoring/scaffold/")} == scaffold
    assert "generator/authoring/scaffold/.github/workflows/policy-site.yml" in scaffold
    assert [n for n in names if "tests" in n.split("/")] == []
    record("wheel", f"{installed.wheel.stat().st_size:,} bytes, {len(names)} files")
