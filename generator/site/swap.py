"""Putting a finished folder where the published one is, in as few steps as the system allows.

On Linux one ``renameat2(RENAME_EXCHANGE)`` swaps the two folders, so a reader
(or a build killed at that moment) always finds a whole site. Elsewhere, or
where the file system refuses the exchange, two renames do it, with a moment
between them when the site is missing. A mount point cannot be renamed at all:
its files are copied into it one by one, each one replaced atomically.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import shutil
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2

NO_EXCHANGE = frozenset({errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP})
"""What old kernels, other systems and file systems without the exchange answer."""

NOT_RENAMEABLE = frozenset({errno.EBUSY, errno.EXDEV})
"""What renaming a mount point (or across file systems) answers."""

TEMPORARY_SUFFIX = ".scopesite-new"


def exchange(first: Path, second: Path) -> None:
    """Swap two existing paths in one step; ENOSYS where the system has no such call."""
    renameat2 = _renameat2()
    if renameat2 is None:
        raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS), str(first))
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE):
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(first), None, str(second))


@functools.cache  # the process's C library never changes: looked up once, kept for good
def _renameat2() -> ctypes._NamedFuncPointer | None:
    if not sys.platform.startswith("linux"):
        return None
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is None:  # a C library older than glibc 2.28
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]


def swap_in(staging: Path, target: Path) -> Path | None:
    """Put ``staging`` at ``target``; return where the previous folder now is, if any.

    Raises OSError with an errno in NOT_RENAMEABLE when ``target`` cannot be
    renamed (a mount point): nothing has moved then.
    """
    if not os.path.lexists(target):
        os.rename(staging, target)
        return None
    try:
        exchange(staging, target)
        return staging
    except OSError as error:
        if error.errno not in NO_EXCHANGE:
            raise
    retired = staging.with_name(staging.name + "-old")
    os.rename(target, retired)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(retired, target)  # put the previous site back rather than leave none
        raise
    return retired


def copy_in(source: Path, target: Path, relative: Iterable[str]) -> None:
    """Copy each file ``relative`` to ``source`` into ``target``, replacing it atomically.

    A symlink or file standing where a folder must be is replaced by the folder,
    so nothing is written outside ``target`` through a link.
    """
    for name in relative:
        destination = _real_folder_for(target, name) / Path(name).name
        if os.path.isdir(destination) and not os.path.islink(destination):
            shutil.rmtree(destination)
        temporary = destination.with_name(destination.name + TEMPORARY_SUFFIX)
        shutil.copyfile(source / name, temporary)
        os.replace(temporary, destination)


def _real_folder_for(target: Path, name: str) -> Path:
    folder = target
    for part in Path(name).parts[:-1]:
        folder = folder / part
        if os.path.islink(folder) or (os.path.lexists(folder) and not folder.is_dir()):
            os.unlink(folder)
        if not os.path.lexists(folder):
            os.mkdir(folder)
    return folder


def remove_from(target: Path, relative: Iterable[str]) -> None:
    """Delete the files ``relative`` to ``target`` and the folders they leave empty.

    Names come from a file in the site folder, so anything that would reach
    outside ``target`` (``..``, an absolute path, a folder that is now a link)
    is left alone.
    """
    for name in relative:
        path = _inside(target, name)
        if path is None or not os.path.lexists(path):
            continue
        if stat.S_ISDIR(os.lstat(path).st_mode):
            continue  # a folder the user put where a page was: not scopesite's
        os.unlink(path)
        _prune(target, path.parent)


def _inside(target: Path, name: str) -> Path | None:
    parts = Path(name).parts
    if not parts or Path(name).is_absolute() or ".." in parts:
        return None
    folder = target
    for part in parts[:-1]:
        folder = folder / part
        if not os.path.isdir(folder) or os.path.islink(folder):
            return None
    return folder / parts[-1]


def _prune(target: Path, folder: Path) -> None:
    while folder != target and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
