"""Publishing a built site, in process: what is kept, what is refused, and the swap itself."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.content.project import Project
from generator.site import swap
from generator.site.publish import (
    MARKER,
    MARKER_HEADER,
    PublishError,
    describe,
    open_publication,
    replaced_note,
)
from tests.conftest import REPO


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "templates").mkdir()
    (root / ".git").mkdir()
    return Project(root)


def publish(
    site: Path, project: Project, files: dict[str, str], *, force: bool = False
) -> list[str]:
    """Stage ``files`` as a build would and publish them into ``site``."""
    with open_publication(site, project, force=force) as publication:
        for name, text in files.items():
            path = publication.staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        return publication.commit()


def tree(root: Path) -> dict[str, str]:
    """Every entry below ``root``: a file's text, a link's target, '/' for an empty folder."""
    found = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[name] = "-> " + os.readlink(path)
        elif path.is_file():
            found[name] = path.read_text()
        elif not any(path.iterdir()):
            found[name] = "/"
    return found


def marker(*written: str) -> str:
    return MARKER_HEADER + "".join(f"{name}\n" for name in written)


def beside(site: Path) -> list[str]:
    """What sits next to the site folder (staging folders and lock files would show)."""
    return sorted(path.name for path in site.parent.iterdir())


@pytest.mark.parametrize(
    ("umask", "folders", "files"), [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)]
)
def test_a_site_gets_the_modes_the_umask_gives(
    tmp_path: Path, project: Project, umask: int, folders: int, files: int
) -> None:
    site = tmp_path / "site"
    before = os.umask(umask)
    try:
        publish(site, project, {"index.html": "home", "a/b/index.html": "page"})
    finally:
        os.umask(before)
    modes = {
        path.relative_to(tmp_path).as_posix(): stat.S_IMODE(path.stat().st_mode)
        for path in [site, *site.rglob("*")]
    }
    assert modes == {
        "site": folders,
        "site/a": folders,
        "site/a/b": folders,
        "site/a/b/index.html": files,
        "site/index.html": files,
        f"site/{MARKER}": files,
    }


def test_the_marker_lists_every_file_the_build_wrote(tmp_path: Path, project: Project) -> None:
    site = tmp_path / "site"
    publish(site, project, {"index.html": "home", "a/index.html": "a", "sitemap.xml": "<urlset/>"})
    assert (site / MARKER).read_text() == (
        "# Built by scopesite. The next build replaces the files listed below and keeps\n"
        "# every other file in this folder.\n"
        "a/index.html\nindex.html\nsitemap.xml\n"
    )
    assert beside(site) == ["project", "site"]


def test_a_rebuild_replaces_what_scopesite_wrote_and_keeps_everything_else(
    tmp_path: Path, project: Project
) -> None:
    site = tmp_path / "site"
    publish(site, project, {"index.html": "old home", "old/index.html": "old page"})
    (site / ".git/refs/tags").mkdir(parents=True)  # git needs its empty folders
    (site / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / ".nojekyll").write_text("")
    (site / "CNAME").write_text("support.example.com\n")
    (site / "google123.html").write_text("verification")
    (site / "old/notes.txt").write_text("mine")
    (site / "latest").symlink_to("index.html")
    replaced = publish(site, project, {"index.html": "new home", "assets/site.css": "css"})
    assert replaced == []
    assert tree(site) == {
        ".git/HEAD": "ref: refs/heads/gh-pages\n",
        ".git/refs/tags": "/",
        ".nojekyll": "",
        MARKER: marker("assets/site.css", "index.html"),
        "CNAME": "support.example.com\n",
        "assets/site.css": "css",
        "google123.html": "verification",
        "index.html": "new home",
        "latest": "-> index.html",
        "old/notes.txt": "mine",
    }
    assert beside(site) == ["project", "site"]


def test_a_users_file_where_a_page_now_goes_is_replaced_and_named(
    tmp_path: Path, project: Project
) -> None:
    site = tmp_path / "site"
    publish(site, project, {"index.html": "home"})
    (site / "robots.txt").write_text("mine")
    (site / "help").write_text("a file where a folder of pages now goes")
    replaced = publish(
        site, project, {"index.html": "home", "robots.txt": "ours", "help/a.html": "a"}
    )
    assert replaced == ["help", "robots.txt"]
    assert tree(site) == {
        MARKER: marker("help/a.html", "index.html", "robots.txt"),
        "help/a.html": "a",
        "index.html": "home",
        "robots.txt": "ours",
    }
    assert replaced_note(replaced, site) == (
        f"the new site replaced 2 file(s) in {site} that scopesite did not write: help, robots.txt"
    )


def test_a_site_built_before_the_marker_existed_is_replaced_as_before(
    tmp_path: Path, project: Project
) -> None:
    site = tmp_path / "site"
    for name, text in {
        "assets/scopesite.js": "js",
        "index.html": "old",
        "stale/index.html": "a page since removed",
        ".git/HEAD": "ref",
        "CNAME": "example.com",
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    assert publish(site, project, {"index.html": "new", "assets/scopesite.js": "js"}) == []
    assert tree(site) == {
        ".git/HEAD": "ref",
        MARKER: marker("assets/scopesite.js", "index.html"),
        "CNAME": "example.com",
        "assets/scopesite.js": "js",
        "index.html": "new",
    }


def test_a_folder_holding_only_dotfiles_and_cname_needs_no_force(
    tmp_path: Path, project: Project
) -> None:
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    (site / ".git/HEAD").write_text("ref")
    (site / "CNAME").write_text("example.com")
    publish(site, project, {"index.html": "home"})
    assert tree(site) == {
        ".git/HEAD": "ref",
        MARKER: marker("index.html"),
        "CNAME": "example.com",
        "index.html": "home",
    }


def test_force_builds_into_someone_elses_folder_and_keeps_its_files(
    tmp_path: Path, project: Project
) -> None:
    site = tmp_path / "www"
    site.mkdir()
    (site / "notes.txt").write_text("mine")
    (site / "index.html").write_text("their home page")
    assert publish(site, project, {"index.html": "home"}, force=True) == ["index.html"]
    assert tree(site) == {MARKER: marker("index.html"), "index.html": "home", "notes.txt": "mine"}
    publish(site, project, {"index.html": "home again"})  # now scopesite's: no --force needed
    assert tree(site)["notes.txt"] == "mine"


def refusal_cases() -> Iterator[tuple[str, Callable[[Path, Path], Path], str]]:
    yield "the project folder", lambda tmp, root: root, "it is the project folder"
    yield "content", lambda tmp, root: root / "content", "it is the project's content folder"
    yield "templates", lambda tmp, root: root / "templates", "it is the project's templates folder"
    yield ".git", lambda tmp, root: root / ".git", "it is the project's git repository"
    yield (
        "an ancestor",
        lambda tmp, root: tmp,
        "it holds the project folder ({tmp}/project)",
    )
    yield (
        "inside content",
        lambda tmp, root: root / "content/site",
        "it is inside the project's content folder ({tmp}/project/content)",
    )
    yield (
        "inside .git",
        lambda tmp, root: root / ".git/site",
        "it is inside the project's git repository ({tmp}/project/.git)",
    )


def _link_to_content(tmp: Path, root: Path) -> Path:
    (tmp / "out").symlink_to(root / "content")
    return tmp / "out"


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize(
    ("case", "folder", "reason"),
    [
        *refusal_cases(),
        ("a link to content", _link_to_content, "it is the project's content folder"),
    ],
)
def test_the_projects_own_folders_are_refused_even_with_force(
    tmp_path: Path, project: Project, case: str, folder: Any, reason: str, force: bool
) -> None:
    site = folder(tmp_path, project.root)
    before = tree(tmp_path)
    with pytest.raises(PublishError) as refused:
        open_publication(site, project, force=force)
    assert str(refused.value) == (
        f"cannot build the site into {site}: {reason.format(tmp=tmp_path)}; "
        f"choose another folder, such as {tmp_path}/project/site"
    )
    assert tree(tmp_path) == before


def test_a_file_is_refused_even_with_force(tmp_path: Path, project: Project) -> None:
    site = project.root / "site"
    site.write_text("not a folder")
    with pytest.raises(PublishError) as refused:
        open_publication(site, project, force=True)
    assert str(refused.value) == (
        f"cannot build the site into {site}: it is a file, not a folder; "
        "remove it or choose another folder"
    )
    assert site.read_text() == "not a folder"


def test_someone_elses_folder_is_refused_without_force(tmp_path: Path, project: Project) -> None:
    site = tmp_path / "www"
    site.mkdir()
    for name in ("notes.txt", "photo.jpg", "a", "b", ".git", "CNAME"):
        (site / name).write_text(name)
    before = tree(tmp_path)
    with pytest.raises(PublishError) as refused:
        open_publication(site, project, force=False)
    assert str(refused.value) == (
        f"cannot build the site into {site}: it holds files scopesite did not build "
        "(a, b, notes.txt and 1 more); choose an empty folder, or pass --force to build into it "
        "(its files are kept)"
    )
    assert tree(tmp_path) == before  # no lock file, no staging folder left beside it


def test_a_symlinked_site_folder_is_published_into_its_target(
    tmp_path: Path, project: Project
) -> None:
    www = tmp_path / "www/html"
    publish(www, project, {"index.html": "old"})
    site = project.root / "site"
    site.symlink_to("../www/html")
    publish(site, project, {"index.html": "new"})
    assert site.is_symlink() and os.readlink(site) == "../www/html"
    assert tree(www) == {MARKER: marker("index.html"), "index.html": "new"}
    assert beside(www) == ["html"]
    assert beside(site) == [".git", "content", "site", "templates"]


def test_a_dangling_symlink_gets_its_target_made(tmp_path: Path, project: Project) -> None:
    site = project.root / "site"
    site.symlink_to(tmp_path / "www/html")
    publish(site, project, {"index.html": "new"})
    assert site.is_symlink()
    assert tree(tmp_path / "www") == {
        f"html/{MARKER}": marker("index.html"),
        "html/index.html": "new",
    }


def test_a_symlink_loop_is_refused(tmp_path: Path, project: Project) -> None:
    site = tmp_path / "site"
    site.symlink_to(tmp_path / "site")
    with pytest.raises(PublishError) as refused:
        open_publication(site, project, force=True)
    assert str(refused.value) == (
        f"cannot build the site into {site}: it is a symlink that never reaches a folder; "
        "fix or remove the link"
    )


class Watcher:
    """Wraps each rename and exchange, checking after each that a whole site is in place."""

    def __init__(self, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.site = site
        self.steps: list[tuple[str, bool]] = []
        for name in ("rename", "replace"):
            monkeypatch.setattr(os, name, self.watch(name, getattr(os, name)))
        monkeypatch.setattr(swap, "exchange", self.watch("exchange", swap.exchange))

    def watch(self, name: str, real: Callable[..., None]) -> Callable[..., None]:
        def step(*args: Any) -> None:
            real(*args)
            self.steps.append((name, (self.site / "index.html").is_file()))

        return step


def refuse_exchange(first: Path, second: Path) -> None:
    raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))  # as file systems without it do


@pytest.mark.parametrize(
    ("exchange", "steps"),
    [
        (swap.exchange, [("replace", True), ("exchange", True)]),  # the marker, then the swap
        (refuse_exchange, [("replace", True), ("rename", False), ("rename", True)]),
    ],
    ids=["exchange", "two renames"],
)
def test_only_the_two_rename_fallback_leaves_a_moment_without_a_site(
    tmp_path: Path,
    project: Project,
    monkeypatch: pytest.MonkeyPatch,
    exchange: Callable[[Path, Path], None],
    steps: list[tuple[str, bool]],
) -> None:
    site = tmp_path / "site"
    publish(site, project, {"index.html": "old"})
    monkeypatch.setattr(swap, "exchange", exchange)
    watcher = Watcher(site, monkeypatch)
    publish(site, project, {"index.html": "new"})
    assert watcher.steps == steps
    assert (site / "index.html").read_text() == "new"
    assert beside(site) == ["project", "site"]


def test_the_exchange_swaps_two_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/x").write_text("a")
    (tmp_path / "b").mkdir()
    swap.exchange(tmp_path / "a", tmp_path / "b")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "a",
        "b",
        "b/x",
    ]


def busy(staging: Path, target: Path) -> Path | None:
    raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(target))


def test_a_folder_that_cannot_be_renamed_is_updated_in_place(
    tmp_path: Path, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    publish(site, project, {"index.html": "old", "gone/deep/index.html": "removed page"})
    (site / "gone/notes.txt").write_text("mine")
    (site / "CNAME").write_text("example.com")
    folder = site.stat().st_ino
    monkeypatch.setattr(swap, "swap_in", busy)  # what a mount point answers
    publish(site, project, {"index.html": "new", "a/index.html": "a"})
    assert site.stat().st_ino == folder
    assert tree(site) == {
        MARKER: marker("a/index.html", "index.html"),
        "CNAME": "example.com",
        "a/index.html": "a",
        "gone/notes.txt": "mine",
        "index.html": "new",
    }
    assert beside(site) == ["project", "site"]


def linked_out(tmp_path: Path, project: Project, link: str) -> tuple[Path, Path]:
    """A built site whose folder ``link`` is the user's symlink to a folder outside it."""
    site, outside = tmp_path / "site", tmp_path / "outside"
    publish(site, project, {"index.html": "old"})
    outside.mkdir()
    (site / link).symlink_to(outside)
    return site, outside


def test_updating_in_place_never_deletes_outside_the_site(
    tmp_path: Path, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, outside = linked_out(tmp_path, project, "linked")
    (outside / "secret.txt").write_text("keep")
    (tmp_path / "top.txt").write_text("keep")
    with (site / MARKER).open("a") as listed:  # a marker someone edited
        listed.write(f"../top.txt\n{tmp_path}/top.txt\nlinked/secret.txt\n")
    monkeypatch.setattr(swap, "swap_in", busy)
    publish(site, project, {"index.html": "new"})
    assert (outside / "secret.txt").read_text() == "keep"
    assert (tmp_path / "top.txt").read_text() == "keep"
    assert os.readlink(site / "linked") == str(outside)
    assert (site / MARKER).read_text() == marker("index.html")


def test_updating_in_place_writes_through_no_link(
    tmp_path: Path, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, outside = linked_out(tmp_path, project, "assets")
    monkeypatch.setattr(swap, "swap_in", busy)
    assert publish(site, project, {"index.html": "new", "assets/site.css": "css"}) == ["assets"]
    assert list(outside.iterdir()) == []
    assert not (site / "assets").is_symlink()
    assert (site / "assets/site.css").read_text() == "css"


HOLD_LOCK = """
import sys
from pathlib import Path
from generator.content.project import Project
from generator.site.publish import open_publication
publication = open_publication(Path(sys.argv[1]), Project(Path(sys.argv[2])), force=False)
print(publication.staging, flush=True)
sys.stdin.read()
publication.abandon()
"""


def test_a_second_build_into_the_same_folder_is_refused(tmp_path: Path, project: Project) -> None:
    # Record locks belong to a process: the first build runs in another one.
    site = tmp_path / "site"
    publish(site, project, {"index.html": "home"})
    first = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(site), str(project.root)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert first.stdout and first.stdin
    staging = Path(first.stdout.readline().strip())
    try:
        with pytest.raises(PublishError) as refused:
            open_publication(site, project, force=False)
        assert str(refused.value) == (
            f"another build is writing {site} now; wait for it to finish and build again"
        )
        assert staging.is_dir()  # the refused build left the running one's staging alone
    finally:
        first.stdin.close()
        first.wait(timeout=30)
        first.stdout.close()
    assert first.returncode == 0
    assert beside(site) == ["project", "site"]
    assert publish(site, project, {"index.html": "next"}) == []


def test_leftovers_of_a_killed_build_are_cleared_and_no_other_sites(
    tmp_path: Path, project: Project
) -> None:
    site = tmp_path / "site"
    for leftover in (
        ".scopesite-staging-site-0a1b2c3d",
        ".scopesite-staging-site-0a1b2c3d-old",
        ".scopesite-staging-site-abc_9xyz",  # named by mkdtemp, as builds did before
        ".scopesite-staging-site-2-0a1b2c3d",  # another site's, "site-2"
    ):
        (tmp_path / leftover).mkdir()
    publish(site, project, {"index.html": "home"})
    assert beside(site) == [".scopesite-staging-site-2-0a1b2c3d", "project", "site"]


def errors(tmp: Path) -> Iterator[tuple[OSError, str]]:
    site, work = tmp / "site", tmp / "project/.scopesite"
    staged = str(tmp / ".scopesite-staging-site-0a1b2c3d/index.html")

    def error(code: int, filename: str | None) -> OSError:
        return OSError(code, os.strerror(code), filename)

    yield (
        error(errno.ENOSPC, staged),
        f"cannot write {site}: no space left on device; free some space and build again",
    )
    yield (
        error(errno.EDQUOT, str(site / "index.html")),
        f"cannot write {site}: disk quota exceeded; free some space and build again",
    )
    yield (
        error(errno.EROFS, staged),
        f"cannot write {site}: read-only file system; build into a folder on a writable file system",
    )
    yield (
        error(errno.EACCES, str(tmp / ".scopesite-lock-site")),
        f"cannot write {site}: permission denied; the new site is staged beside it, "
        f"so {tmp} must be writable too",
    )
    yield (
        error(errno.EROFS, str(work / "docs/index.md")),
        f"cannot write {work}: read-only file system; "
        "scopesite keeps its working files there: build from a writable copy",
    )
    yield (
        error(errno.ENOSPC, str(work / "mkdocs.yml")),
        f"cannot write {work}: no space left on device; free some space and build again",
    )
    yield (
        error(errno.ENOSPC, "/var/tmp/pymp-1/x"),
        "cannot write /var/tmp/pymp-1/x: no space left on device; free some space and build again",
    )
    yield (
        error(errno.EMFILE, None),
        f"cannot write {site}: too many open files; check the folder and build again",
    )


@pytest.mark.parametrize("number", range(8))
def test_a_system_error_is_said_in_one_line(tmp_path: Path, project: Project, number: int) -> None:
    error, line = list(errors(tmp_path))[number]
    assert describe(error, tmp_path / "site", project) == line
