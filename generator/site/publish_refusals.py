"""Why scopesite will not build into a folder, and how a failed write is worded.

Publishing (``publish``) refuses the project's own sources and folders that hold
someone else's files; this module holds those refusals and the one-line
descriptions of what went wrong, so ``publish`` itself only moves files.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from generator.content.project import Project
from generator.site.os_errors import reason

KEPT_NAMES = frozenset({"CNAME", "lost+found"})
"""Besides dotfiles, what publishing tools and file systems put in a folder; it counts as empty."""

FORCE_HINT = "pass --force to build into it (its files are kept)"


class PublishError(Exception):
    """A site folder scopesite will not build into, or a build already writing it."""


def describe(error: PublishError | OSError, site_dir: Path, project: Project) -> str:
    """One line saying what went wrong, where, and what to do (without 'error: ')."""
    if isinstance(error, PublishError):
        return str(error)
    place, hint = _place_and_hint(error, Path(os.path.abspath(site_dir)), project)
    return f"cannot write {place}: {reason(error)}; {hint}"


def replaced_note(replaced: list[str], site_dir: Path) -> str | None:
    """Say which files scopesite did not write were replaced by pages of the same name."""
    if not replaced:
        return None
    return (
        f"the new site replaced {len(replaced)} file(s) in {os.path.abspath(site_dir)} "
        f"that scopesite did not write: {_first(replaced)}"
    )


def _place_and_hint(error: OSError, site: Path, project: Project) -> tuple[Path, str]:
    """The folder to name (the site, the working folder, or the file) and what to do."""
    refused = error.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
    # A copy or a rename names its source first and what it was writing second.
    written = error.filename2 or error.filename
    failed = Path(os.path.abspath(written)) if isinstance(written, str) else site
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        hint = "free some space and build again"
    elif error.errno == errno.EROFS:
        hint = "build into a folder on a writable file system"
    elif refused:
        hint = "make it writable for this user, or build into another folder"
    else:
        hint = "check the folder and build again"
    if failed.is_relative_to(project.work_dir):
        if refused:
            hint = "scopesite keeps its working files there: build from a writable copy"
        return project.work_dir, hint
    beside = (site.parent, Path(os.path.realpath(site)).parent)
    if any(failed.is_relative_to(folder) for folder in beside):
        if refused and error.errno != errno.EROFS:
            hint = f"the new site is staged beside it, so {site.parent} must be writable too"
        return site, hint
    return failed, hint


def real_folder(shown: Path) -> Path:
    try:
        return shown.resolve()
    except (RuntimeError, OSError):  # a symlink loop (RuntimeError before Python 3.13)
        raise PublishError(
            f"cannot build the site into {shown}: it is a symlink that never reaches a folder; "
            "fix or remove the link"
        ) from None


def refuse_sources(shown: Path, target: Path, project: Project) -> None:
    # Even with --force: the site would publish the sources (git history included)
    # and the next build would read its own output as content or templates.
    root = project.root.resolve()
    sources = [
        ("the project folder", root, False),
        ("the project's content folder", project.content_dir.resolve(), True),
        ("the project's templates folder", project.templates_dir.resolve(), True),
        ("the project's git repository", (root / ".git").resolve(), True),
        # Each build empties the working folder's docs and overrides: a site inside it
        # would be lost.
        ("scopesite's working folder", project.work_dir.resolve(), True),
    ]
    home = _home()
    if home is not None:
        # It holds only dotfiles, so it would count as empty, and be swapped for the
        # site under every program working in it.
        sources.append(("your home folder", home, False))
    relation = _relation(target, sources)
    if relation:
        raise PublishError(
            f"cannot build the site into {shown}: {relation}; "
            f"choose another folder, such as {root / 'site'}"
        )


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, OSError):  # no HOME and no entry in the password database
        return None


def _relation(target: Path, sources: list[tuple[str, Path, bool]]) -> str | None:
    """How ``target`` overlaps the first source it overlaps, in words."""
    for what, path, _ in sources:
        if target == path:
            return f"it is {what}"
    for what, path, _ in sources:
        if path.is_relative_to(target):
            return f"it holds {what} ({path})"
    for what, path, inside in sources:
        if inside and target.is_relative_to(path):
            return f"it is inside {what} ({path})"
    return None


def refuse_foreign(shown: Path, target: Path, force_hint: str) -> None:
    theirs = sorted(name for name in os.listdir(target) if not kept(name))
    if theirs:
        raise PublishError(
            f"cannot build the site into {shown}: it holds files scopesite did not build "
            f"({_first(theirs)}); choose an empty folder, or {force_hint}"
        )


def _first(names: list[str]) -> str:
    """The first three names, and how many more."""
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return ", ".join(names[:3]) + more


def kept(top_name: str) -> bool:
    return top_name.startswith(".") or top_name in KEPT_NAMES
