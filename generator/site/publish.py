"""Publish stage: put a built site in place of the previous one, losing nothing of the user's.

A site folder may hold files scopesite did not write: the ``.git`` and ``CNAME``
of a gh-pages checkout, a host's verification file. Every site scopesite builds
holds a marker file listing the files that build wrote; the next build replaces
exactly those and carries every other file over. A folder without the marker
that holds more than dotfiles and ``CNAME`` is someone else's: scopesite builds
into it only when told to (``--force``), and never into the project's own sources.

The new site is built in a staging folder beside the published one, under a lock
that keeps a second build out, then swapped in (see ``swap``).
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from generator.content.project import Project
from generator.progress import Progress
from generator.site import swap
from generator.site.publish_refusals import (
    FORCE_HINT,
    kept,
    real_folder,
    refuse_foreign,
    refuse_sources,
)
from generator.site.publish_refusals import PublishError as PublishError
from generator.site.publish_refusals import describe as describe
from generator.site.publish_refusals import replaced_note as replaced_note

MARKER = ".scopesite-site"
"""Published with the site (a dotfile, outside the sitemap and the search index)."""

MARKER_HEADER = (
    "# Built by scopesite. The next build replaces the files listed below and keeps\n"
    "# every other file in this folder.\n"
)
STAGING_PREFIX = ".scopesite-staging-"
LOCK_PREFIX = ".scopesite-lock-"
LEGACY_SIGN = Path("assets/scopesite.js")
"""Every scopesite site has it: a site built before the marker existed is still ours."""


@dataclass
class Publication:
    """A staging folder to build into, and the site folder it will replace, locked."""

    shown: Path
    """The site folder as the user named it, for messages."""
    target: Path
    """The real folder (a symlinked site folder is published into its target)."""
    staging: Path
    previous: set[str] | None
    """What the previous build wrote; None when scopesite wrote nothing there."""
    lock: _Lock
    done: bool = field(default=False)

    def __enter__(self) -> Publication:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.abandon()

    def commit(self) -> list[str]:
        """Put the built site in place; return the user's files that pages replaced."""
        written = _files_under(self.staging)
        keep, replaced = _user_files(self.target, self.previous, written)
        _write_marker(self.staging, written)
        if os.path.ismount(self.target):
            self._copy_in(written)
        else:
            self._swap_in(keep, written)
        self.abandon()
        return replaced

    def abandon(self) -> None:
        """Drop the staging folder (if still there) and let the next build in."""
        if self.done:
            return
        shutil.rmtree(self.staging, ignore_errors=True)
        self.lock.release()
        self.done = True

    def _swap_in(self, keep: list[str], written: list[str]) -> None:
        for name in keep:
            _carry(self.target, self.staging, name)
        try:
            previous = swap.swap_in(self.staging, self.target)
        except OSError as error:
            if error.errno not in swap.NOT_RENAMEABLE:
                raise
            self._copy_in(written)  # a bind mount os.path.ismount does not see
            return
        if previous:
            shutil.rmtree(previous, ignore_errors=True)

    def _copy_in(self, written: list[str]) -> None:
        # Not atomic: each file is, and the marker first lists old and new files,
        # so a build killed midway leaves nothing behind that the next one forgets.
        stale = sorted((self.previous or set()) - set(written))
        _write_marker(self.target, sorted({*written, *stale}))
        swap.copy_in(self.staging, self.target, written)
        swap.remove_from(self.target, stale)
        _write_marker(self.target, written)


def open_publication(
    site_dir: Path, project: Project, *, force: bool, force_hint: str = FORCE_HINT
) -> Publication:
    """Check that ``site_dir`` may receive the site, lock it, and make its staging folder."""
    shown = Path(os.path.abspath(site_dir))
    target = real_folder(shown)
    refuse_sources(shown, target, project)
    if os.path.lexists(target) and not target.is_dir():
        raise PublishError(
            f"cannot build the site into {shown}: it is a file, not a folder; "
            "remove it or choose another folder"
        )
    lock = _Lock.take(target, shown)
    try:
        previous = built_files(target)
        if previous is None and target.is_dir() and not force:
            refuse_foreign(shown, target, force_hint)
        return Publication(shown, target, _staging_beside(target), previous, lock)
    except BaseException:
        lock.release()
        raise


def publish(publication: Publication, progress: Progress) -> list[str]:
    """Put the built site in place: the one step that publishes, whoever opened the
    publication (``scopesite build`` or the engine's own build). Returns the user's
    files that pages replaced."""
    with progress.stage("publishing"):
        return publication.commit()


def built_files(site: Path) -> set[str] | None:
    """The files the build that made ``site`` wrote; None if scopesite did not build it."""
    marker = site / MARKER
    if marker.is_file():
        text = marker.read_text(encoding="utf-8", errors="surrogateescape")
        return {line for line in text.splitlines() if line and not line.startswith("#")}
    if (site / LEGACY_SIGN).is_file():  # earlier builds replaced all but dotfiles and CNAME
        return {name for name in _files_under(site) if not kept(name.split("/")[0])}
    return None


def _staging_beside(target: Path) -> Path:
    """A fresh folder beside ``target``, with the modes any folder gets (not mkdtemp's 0700)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    ours = re.compile(re.escape(f"{STAGING_PREFIX}{target.name}") + r"-[a-z0-9_]{8}(-old)?")
    for leftover in os.listdir(target.parent):  # of a killed build: the lock says none runs
        if ours.fullmatch(leftover):
            shutil.rmtree(target.parent / leftover, ignore_errors=True)
    while True:
        staging = target.with_name(f"{STAGING_PREFIX}{target.name}-{secrets.token_hex(4)}")
        try:
            staging.mkdir()
        except FileExistsError:
            continue
        return staging


def _files_under(folder: Path) -> list[str]:
    """Every file and symlink below ``folder``, as sorted relative POSIX paths."""
    found = []
    for parent, folders, files in os.walk(folder):
        base = Path(parent).relative_to(folder)
        links = [name for name in folders if os.path.islink(os.path.join(parent, name))]
        found += [(base / name).as_posix() for name in [*files, *links]]
    return sorted(found)


def _user_files(
    site: Path, previous: set[str] | None, written: list[str]
) -> tuple[list[str], list[str]]:
    """What of ``site`` to carry over, and what of the user's a page replaces."""
    if not site.is_dir():
        return [], []
    new = set(written)
    new_folders = {parent.as_posix() for name in written for parent in Path(name).parents}
    keep, replaced = [], []
    for name in [*_files_under(site), *_empty_folders(site)]:
        if name == MARKER or name in (previous or ()):
            continue
        path = site / name
        folder = path.is_dir() and not path.is_symlink()
        under_a_page = any(parent.as_posix() in new for parent in Path(name).parents)
        if name in new or under_a_page or (name in new_folders and not folder):
            replaced.append(name)
        elif name not in new_folders:
            keep.append(name)
    return keep, replaced


def _empty_folders(site: Path) -> Iterator[str]:
    # Git needs its empty folders (refs/tags); scopesite never writes an empty one.
    for parent, folders, files in os.walk(site):
        if not folders and not files and Path(parent) != site:
            yield Path(parent).relative_to(site).as_posix()


def _carry(old: Path, new: Path, name: str) -> None:
    """Put ``old/name`` at ``new/name``: a hard link where possible, so nothing is copied."""
    source, copy = old / name, new / name
    for parent in reversed(Path(name).parents[:-1]):
        if not (new / parent).exists():
            (new / parent).mkdir()
            shutil.copymode(old / parent, new / parent)
    if source.is_symlink():
        os.symlink(os.readlink(source), copy)
    elif source.is_dir():
        copy.mkdir()
        shutil.copymode(source, copy)
    else:
        try:
            os.link(source, copy)
        except OSError:  # a file system without hard links
            shutil.copy2(source, copy)


def _write_marker(folder: Path, written: list[str]) -> None:
    text = MARKER_HEADER + "".join(f"{relative}\n" for relative in written)
    temporary = folder / (MARKER + swap.TEMPORARY_SUFFIX)
    temporary.write_text(text, encoding="utf-8", errors="surrogateescape")
    os.replace(temporary, folder / MARKER)


class _Lock:
    """A lock file beside the site folder: one build at a time writes it.

    POSIX record locks (``lockf``) belong to the process, so the Markdown workers
    it forks never hold one after a killed build. The file is removed on release;
    a build that locked a file just removed tries again.
    """

    def __init__(self, path: Path, descriptor: int) -> None:
        self.path = path
        self.descriptor: int | None = descriptor

    @classmethod
    def take(cls, target: Path, shown: Path) -> _Lock:
        target.parent.mkdir(parents=True, exist_ok=True)
        path = target.with_name(LOCK_PREFIX + target.name)
        while True:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            try:
                fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                os.close(descriptor)
                if error.errno in (errno.EACCES, errno.EAGAIN):
                    raise PublishError(
                        f"another build is writing {shown} now; "
                        "wait for it to finish and build again"
                    ) from None
                raise
            if _same_file(path, descriptor):
                return cls(path, descriptor)
            os.close(descriptor)

    def release(self) -> None:
        if self.descriptor is None:
            return
        self.path.unlink(missing_ok=True)  # before unlocking: the next build makes a new one
        os.close(self.descriptor)
        self.descriptor = None


def _same_file(path: Path, descriptor: int) -> bool:
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(descriptor)
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)
