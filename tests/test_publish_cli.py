"""Publishing as a user meets it: scopesite build and mkdocs build, on real folders and mounts."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.content.project import Project
from generator.site.publish import MARKER, PublishError, open_publication
from tests.browser import wait_for
from tests.conftest import REPO, run_scopesite
from tests.test_cli import tree_digest

MakeProject = Callable[[dict[str, str]], Path]
Mount = Callable[..., Path]


def scopesite_names(folder: Path) -> list[str]:
    """Staging folders and lock files (the working folder .scopesite is the project's)."""
    return sorted(path.name for path in folder.iterdir() if path.name.startswith(".scopesite-"))


def test_a_built_site_has_normal_modes_and_the_marker(make_project: MakeProject) -> None:
    project = make_project({})
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(project), "-q"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert (result.returncode, result.stderr) == (0, "")
    site = project / "site"
    entries = [site, *site.rglob("*")]
    modes: dict[str, int] = {}
    for path in entries:
        kind = "folder" if path.is_dir() else "file"
        mode = oct(stat.S_IMODE(path.stat().st_mode))
        modes[f"{kind} {mode}"] = modes.get(f"{kind} {mode}", 0) + 1
    folders = sum(1 for path in entries if path.is_dir())
    assert folders > 10 and len(entries) - folders > 100
    assert modes == {"folder 0o755": folders, "file 0o644": len(entries) - folders}
    listed = (site / MARKER).read_text().splitlines()[2:]
    written = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert listed == [name for name in written if name != MARKER]
    assert MARKER not in (site / "sitemap.xml").read_text()
    assert MARKER not in (site / "search/search_index.json").read_text()
    assert scopesite_names(project) == []


def test_build_refuses_a_folder_of_someone_elses_files(
    make_project: MakeProject, tmp_path: Path
) -> None:
    project = make_project({})
    www = tmp_path / "www"
    (www / ".git").mkdir(parents=True)
    (www / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n")
    (www / "CNAME").write_text("support.example.com\n")
    (www / "notes.txt").write_text("mine")
    (www / "404.html").write_text("their own not-found page")
    before = tree_digest(www)
    result = run_scopesite("build", str(project), "--site-dir", str(www), "-q")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: cannot build the site into {www}: it holds files scopesite did not build "
        "(404.html, notes.txt); choose an empty folder, or pass --force to build into it "
        "(its files are kept)\n"
    )
    assert tree_digest(www) == before
    assert scopesite_names(tmp_path) == []
    result = run_scopesite("build", str(project), "--site-dir", str(www), "--force")
    assert result.returncode == 0
    assert (
        f"note: the new site replaced 1 file(s) in {www} that scopesite did not write: 404.html\n"
        in result.stderr
    )
    assert (www / ".git/HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert (www / "CNAME").read_text() == "support.example.com\n"
    assert (www / "notes.txt").read_text() == "mine"
    assert (www / "index.html").is_file() and (www / MARKER).is_file()


@pytest.mark.parametrize(
    ("folder", "reason"),
    [
        (".", "it is the project folder"),
        ("templates", "it is the project's templates folder"),
        (".git", "it is the project's git repository"),
        (".scopesite", "it is scopesite's working folder"),
        # The next build empties .scopesite/docs and .scopesite/overrides: a site there
        # would be lost.
        (".scopesite/docs", "it is inside scopesite's working folder (PROJECT/.scopesite)"),
        (".scopesite/site", "it is inside scopesite's working folder (PROJECT/.scopesite)"),
    ],
)
def test_build_refuses_the_projects_own_folders_even_with_force(
    make_project: MakeProject, folder: str, reason: str
) -> None:
    project = make_project({"templates/README.txt": "overrides\n", ".git/HEAD": "ref\n"})
    before = tree_digest(project)
    site = project / folder
    result = run_scopesite("build", str(project), "--site-dir", str(site), "--force", "-q")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: cannot build the site into {site.resolve()}: "
        f"{reason.replace('PROJECT', str(project))}; "
        f"choose another folder, such as {project}/site\n"
    )
    assert tree_digest(project) == before


@pytest.mark.parametrize("link", [".scopesite", ".scopesite/docs", ".scopesite/overrides"])
@pytest.mark.parametrize("own_config", [False, True])
def test_a_working_folder_that_links_out_is_refused_and_nothing_outside_changes(
    make_project: MakeProject, tmp_path: Path, link: str, own_config: bool
) -> None:
    """scopesite empties its working folders: one that is a link would empty (and fill)
    a folder outside the project, such as one a pull request links to."""
    project = make_project({"mkdocs.yml": "theme:\n  name: material\n"} if own_config else {})
    victim = tmp_path / "victim"
    for name in ("keep.txt", "docs/keep.txt", "overrides/keep.txt"):
        (victim / name).parent.mkdir(parents=True, exist_ok=True)
        (victim / name).write_text("not scopesite's\n")
    before = tree_digest(victim)
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    (project / link).symlink_to(victim)
    for command in (("build", str(project), "-q"), ("check", str(project))):
        result = run_scopesite(*command)
        assert (result.returncode, result.stdout) == (1, "")
        assert result.stderr == (
            f"{project}/{link}:1:1: error: {link} is a link to {victim}, and scopesite empties "
            "and fills it\n"
            "  hint: delete the link: scopesite keeps its working files in .scopesite, inside "
            "the project\n"
            "1 error found\n"
        )
        assert tree_digest(victim) == before


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("given", ["home", "above"])
def test_build_refuses_the_home_folder_even_with_force(
    make_project: MakeProject, tmp_path: Path, force: bool, given: str
) -> None:
    """A home folder holds only dotfiles, so it would count as empty: publishing would
    swap it for the site, under every program working in it."""
    project = make_project({})
    home = tmp_path / "users" / "someone"
    (home / ".ssh").mkdir(parents=True)
    (home / ".bashrc").write_text("export PS1='$ '\n")
    before = tree_digest(home)
    site = home if given == "home" else home.parent
    reason = "it is your home folder" if given == "home" else f"it holds your home folder ({home})"
    flags = ["--force"] if force else []
    result = run_scopesite(
        "build", str(project), "--site-dir", str(site), "-q", *flags, env={"HOME": str(home)}
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: cannot build the site into {site}: {reason}; "
        f"choose another folder, such as {project}/site\n"
    )
    assert tree_digest(home) == before


def test_build_refuses_a_file_named_site(make_project: MakeProject) -> None:
    project = make_project({"site": "a file, not a folder\n"})
    result = run_scopesite("build", str(project), "-q")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: cannot build the site into {project}/site: it is a file, not a folder; "
        "remove it or choose another folder\n"
    )
    assert (project / "site").read_text() == "a file, not a folder\n"


def test_mkdocs_build_refuses_someone_elses_folder_too(
    make_project: MakeProject, tmp_path: Path
) -> None:
    project = make_project(
        {
            "mkdocs.yml": "site_name: Example Support\ndocs_dir: content\ntheme: material\n"
            "plugins: [scopesite, search]\n"
        }
    )
    www = tmp_path / "www"
    www.mkdir()
    (www / "notes.txt").write_text("mine")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(www)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"ERROR   -  cannot build the site into {www}: it holds files scopesite did not build "
        "(notes.txt); choose an empty folder, or build it with "
        "'scopesite build --site-dir FOLDER --force' (its files are kept)\n"
    )
    assert sorted(p.name for p in www.iterdir()) == ["notes.txt"]


def test_mkdocs_gh_deploy_pushes_the_published_site(
    make_project: MakeProject, tmp_path: Path
) -> None:
    project = make_project(
        {
            "mkdocs.yml": "site_name: Example Support\ndocs_dir: content\ntheme: material\n"
            "plugins: [scopesite, search]\n"
        }
    )
    remote = tmp_path / "remote.git"
    git = ["git", "-c", "user.name=A", "-c", "user.email=a@example.test"]
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "policy"]):
        subprocess.run([*git, *command], cwd=project, check=True)
    subprocess.run(["git", "remote", "add", "origin", str(remote)], cwd=project, check=True)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "-q", "--force", "--no-history"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "GIT_AUTHOR_NAME": "A",
            "GIT_AUTHOR_EMAIL": "a@example.test",
            "GIT_COMMITTER_NAME": "A",
            "GIT_COMMITTER_EMAIL": "a@example.test",
        },
    )
    assert result.returncode == 0, result.stderr  # git's push report goes to stderr
    listing = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "gh-pages"],
        cwd=remote,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert {"index.html", "widget/scope/index.html", MARKER} <= set(listing)
    assert (project / "site" / "index.html").is_file()


def test_a_build_while_another_writes_the_site_is_refused(make_project: MakeProject) -> None:
    project = make_project({})
    assert run_scopesite("build", str(project), "-q").returncode == 0
    before = tree_digest(project / "site")
    # The test process is the other build: it holds the lock and a staging folder.
    with open_publication(project / "site", Project(project), force=False) as running:
        result = run_scopesite("build", str(project), "-q")
        assert running.staging.is_dir()
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: another build is writing {project}/site now; wait for it to finish and build again\n"
    )
    assert tree_digest(project / "site") == before
    assert scopesite_names(project) == []


def test_two_builds_at_once_one_publishes_the_other_is_refused(make_project: MakeProject) -> None:
    project = make_project({})
    first = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", str(project), "-q"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for(lambda: bool(scopesite_names(project)), 120), "the build never started"
        with pytest.raises(PublishError, match=r"^another build is writing .*/site now;"):
            open_publication(project / "site", Project(project), force=False)
    finally:
        first.wait(timeout=300)
    assert first.returncode == 0
    assert (project / "site/index.html").is_file()
    assert scopesite_names(project) == []


def test_a_build_killed_at_any_moment_leaves_a_whole_site(make_project: MakeProject) -> None:
    project = make_project({})
    site = project / "site"
    command = [sys.executable, "-m", "generator", "build", str(project), "-q"]
    assert run_scopesite("build", str(project), "-q").returncode == 0
    started = time.monotonic()
    assert run_scopesite("build", str(project), "-q").returncode == 0
    took = time.monotonic() - started
    missing = []
    stop = threading.Event()

    def watch() -> None:  # a reader of the site, looking all the time
        while not stop.is_set():
            if not (site / "index.html").is_file():
                missing.append(time.monotonic())
            time.sleep(0.0005)

    watcher = threading.Thread(target=watch)
    watcher.start()
    killed = 0
    try:
        for fraction in (0.4, 0.6, 0.8, 0.9, 0.95, 1.0):  # publishing comes last
            build = subprocess.Popen(command, cwd=REPO, stderr=subprocess.DEVNULL)
            time.sleep(took * fraction)
            build.send_signal(signal.SIGKILL)
            killed += build.wait(timeout=60) == -signal.SIGKILL
            assert (site / "index.html").is_file() and (site / MARKER).is_file()
    finally:
        stop.set()
        watcher.join()
    assert missing == []
    assert killed >= 3  # most kills landed while the build ran
    assert run_scopesite("build", str(project), "-q").returncode == 0
    assert scopesite_names(project) == []


@pytest.fixture
def mount() -> Iterator[Mount]:
    """Mount a tmpfs (root only; skipped where mounting is not allowed)."""
    mounted: list[Path] = []

    def make(point: Path, *options: str) -> Path:
        point.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", ",".join(options or ("size=16m",)), "tmpfs", str(point)],
            capture_output=True,
            text=True,
        )
        if result.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
        mounted.append(point)
        return point

    yield make
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], check=True)


def remount_read_only(point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)


def test_a_full_disk_is_one_line_and_the_previous_site_stays(
    make_project: MakeProject, tmp_path: Path, mount: Mount
) -> None:
    project = make_project({})
    disk = mount(tmp_path / "disk", "size=10m")  # room for one site (6.9 MB), not two
    site = disk / "site"
    assert run_scopesite("build", str(project), "--site-dir", str(site), "-q").returncode == 0
    before = tree_digest(site)
    result = run_scopesite("build", str(project), "--site-dir", str(site), "-q")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: cannot write {site}: no space left on device; free some space and build again\n"
    )
    assert tree_digest(site) == before
    assert sorted(p.name for p in disk.iterdir()) == ["site"]


def test_a_read_only_site_folder_is_one_line(
    make_project: MakeProject, tmp_path: Path, mount: Mount
) -> None:
    project = make_project({})
    disk = mount(tmp_path / "disk")
    site = disk / "site"
    assert run_scopesite("build", str(project), "--site-dir", str(site), "-q").returncode == 0
    before = tree_digest(site)
    remount_read_only(disk)
    result = run_scopesite("build", str(project), "--site-dir", str(site), "-q")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: cannot write {site}: read-only file system; "
        "build into a folder on a writable file system\n"
    )
    assert tree_digest(site) == before


def test_a_read_only_project_is_one_line(
    make_project: MakeProject, tmp_path: Path, mount: Mount
) -> None:
    project = make_project({})
    disk = mount(tmp_path / "disk")
    shutil.copytree(project, disk / "project")
    remount_read_only(disk)
    site = tmp_path / "site"
    result = run_scopesite("build", str(disk / "project"), "--site-dir", str(site), "-q")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: cannot write {disk}/project/.scopesite: read-only file system; "
        "scopesite keeps its working files there: build from a writable copy\n"
    )
    assert not site.exists()
    assert scopesite_names(tmp_path) == []


def test_a_mount_point_is_updated_in_place(
    make_project: MakeProject, tmp_path: Path, mount: Mount
) -> None:
    project = make_project({})
    site = mount(tmp_path / "site")
    (site / "CNAME").write_text("support.example.com\n")
    (site / "lost+found").mkdir()
    result = run_scopesite("build", str(project), "--site-dir", str(site), "-q")
    assert (result.returncode, result.stderr) == (0, "")
    assert (site / "guides/first-steps/index.html").is_file()
    (project / "content/guides/first-steps.md").unlink()
    result = run_scopesite("build", str(project), "--site-dir", str(site), "-q")
    assert (result.returncode, result.stderr) == (0, "")
    assert os.path.ismount(site)
    assert not (site / "guides").exists()  # the removed guide's page, and its folder
    assert (site / "CNAME").read_text() == "support.example.com\n"
    assert (site / "lost+found").is_dir()
    listed = (site / MARKER).read_text().splitlines()[2:]
    assert "index.html" in listed and not any(name.startswith("guides/") for name in listed)
    assert scopesite_names(tmp_path) == []


@pytest.fixture
def quiet_loggers() -> Iterator[None]:
    """The CLI sets handlers on these loggers; put them back for the tests that follow."""
    saved = {
        name: (logger.handlers[:], logger.level, logger.propagate)
        for name in ("mkdocs", "scopesite")
        for logger in [logging.getLogger(name)]
    }
    yield
    for name, (handlers, level, propagate) in saved.items():
        logger = logging.getLogger(name)
        logger.handlers[:], logger.level, logger.propagate = handlers, level, propagate


def test_a_disk_filling_up_while_mkdocs_writes_is_one_line(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch, quiet_loggers: None
) -> None:
    import mkdocs.utils

    from generator.cli.commands import main

    project = make_project({})
    assert run_scopesite("build", str(project), "-q").returncode == 0
    before = tree_digest(project / "site")
    written: list[str] = []
    real = mkdocs.utils.write_file

    def fill_up(content: bytes, output_path: str) -> None:
        if len(written) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), output_path)
        written.append(output_path)
        real(content, output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", fill_up)
    result = CliRunner().invoke(main, ["build", str(project), "-q"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot write {project}/site: no space left on device; "
        "free some space and build again\n"
    )
    assert tree_digest(project / "site") == before
    assert scopesite_names(project) == []
