"""Where content's pages live: the one way a value from content becomes part of a
path in the docs folder, and the check that two pages never share one.

Content chooses page names (a product's versions and a wizard's option values name
its steps, a guide's file name names its page), so a name is made from a value,
never taken as it is: ``slug`` keeps a safe character set, folds Unicode and case
(a case-insensitive file system must not merge two pages), and leaves no '..',
'/' or leading dot. A value it has to change gets a digest of the original, after
a '~' that no unchanged value can hold, so two values never share a name. Names
of several values are joined with '_', which no name holds, so the join cannot be
read two ways. ``page_path`` then checks the path stays inside the docs folder.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.content.errors import Location, Problem

SAFE_NAME = re.compile(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9-])?")
"""A value kept as it is: every id, and versions such as '4.3.1'. (No trailing dot:
Windows drops it, and 'a.' would become 'a'.)"""

PAGE_SEGMENT = re.compile(r"[a-z0-9][a-z0-9._~-]*")
"""A folder or page name as ``page_path`` accepts it: a name, or names joined."""

MAX_NAME = 80
"""The longest id; a longer value is shortened and given a digest."""
MAX_SEGMENT = 150
"""Well under the 255 bytes file systems allow, with room for '.md' and a digest."""

JOIN = "_"
SECTION = "__"
"""Between a question's page name and one of its sections: no joined name holds it."""
ABSENT = "-"
"""The part of a joined name for a fact a state does not hold: no name is '-'."""
DIGEST = "~"


class Slug(str):
    """A name made by this module: ``page_path`` takes it as it is."""

    __slots__ = ()


class UnsafePath(ValueError):
    """A path that would leave the docs folder, or holds a name no slug has."""


@lru_cache(maxsize=65536)
def slug(value: str) -> Slug:
    """A page or folder name for a value from content; distinct values, distinct names."""
    if SAFE_NAME.fullmatch(value) and ".." not in value and len(value) <= MAX_NAME:
        return Slug(value)
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    name = re.sub(r"[^a-z0-9.]+", "-", folded)
    name = re.sub(r"[.-]*\.[.-]*", ".", name).strip(".-")[:MAX_NAME].strip(".-")
    return Slug(f"{name or 'v'}{DIGEST}{_digest(value)}")


def joined(parts: Sequence[str | None]) -> Slug:
    """One name for several values in a fixed order; None marks a value not held."""
    name = JOIN.join(ABSENT if part is None else slug(part) for part in parts)
    if len(name) > MAX_SEGMENT:
        return Slug(f"{name[: MAX_SEGMENT - 12]}{DIGEST}{_digest(name)}")
    return Slug(name)


def section(page: str, heading: str | None) -> Slug:
    """The name of one section of a question's page (a heading, or none)."""
    return Slug(f"{page}{SECTION}{ABSENT if heading is None else slug(heading)}")


def page_path(*segments: str, suffix: str = ".md") -> str:
    """The path of a page inside the docs folder, every segment made a name.

    Raises UnsafePath if the result would not stay inside the folder (a name made
    here never does; this is the check that keeps it so).
    """
    names = [segment if isinstance(segment, Slug) else slug(segment) for segment in segments]
    return confined("/".join(names) + suffix)


def confined(relative: str) -> str:
    """``relative`` itself, once it is known to name a file inside the docs folder."""
    parts = relative.split("/")
    if (
        not relative
        or posixpath.isabs(relative)
        or "\\" in relative
        or any(not PAGE_SEGMENT.fullmatch(part) or ".." in part for part in parts)
        or posixpath.normpath(posixpath.join("/docs", relative)) != f"/docs/{relative}"
    ):
        raise UnsafePath(f"'{relative}' is not a path inside the docs folder")
    return relative


def inside(root: Path, relatives: Iterable[str]) -> dict[str, Path]:
    """The file each relative path names in the folder ``root``, once all are known
    to stay there: none absolute, no '..', and no symbolic link on the way out.

    The writer's own check, whatever made the paths (defence in depth). Each folder
    is resolved once: a site has tens of thousands of pages in a few hundred folders.
    """
    real_root = root.resolve()
    folders: dict[str, bool] = {}
    found: dict[str, Path] = {}
    for relative in relatives:
        folder = relative.rpartition("/")[0]
        if folder not in folders:
            folders[folder] = (root / folder).resolve().is_relative_to(real_root)
        if (
            not relative
            or relative.startswith("/")
            or "\\" in relative
            or ".." in relative.split("/")
            or not folders[folder]
        ):
            raise UnsafePath(f"'{relative}' is not a path inside {root}")
        found[relative] = root / relative
    return found


def _digest(value: str) -> str:
    return hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()


@dataclass(frozen=True)
class Source:
    """What made a page, to name it when two pages claim one address."""

    what: str
    where: Location | None = None
    """None for scopesite's own pages (home, contact, the wizard maps)."""


class Addresses:
    """The address each page publishes at, and the problems of two pages at one.

    MkDocs serves ``a.md`` and ``a/index.md`` both at ``a/``, and a file system that
    ignores case merges ``A.md`` with ``a.md``: addresses are compared that way.
    """

    def __init__(self) -> None:
        self.claimed: dict[str, tuple[str, Source]] = {}
        self.problems: list[Problem] = []

    def claim(self, path: str, source: Source) -> None:
        address = _address(path)
        first = self.claimed.setdefault(address, (path, source))
        if first[1] != source or first[0] != path:
            self.problems.append(_collision(address, first[1], source))


def _address(path: str) -> str:
    if not path.endswith(".md"):
        return path.casefold()
    stem = path.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index")
    return f"{stem}/".lstrip("/").casefold() or "/"


def _collision(address: str, first: Source, second: Source) -> Problem:
    blamed, other = (second, first) if second.where is not None else (first, second)
    assert blamed.where is not None, "scopesite's own pages never share an address"
    hint = (
        f"rename one of them: {other.what} is written at {other.where}"
        if other.where
        else f"rename it: {other.what} publishes there"
    )
    return Problem(
        blamed.where, f"{blamed.what} and {other.what} would both publish at '{address}'", hint
    )
