"""Every user-facing content error, and how it is printed.

A problem is reported as ``path:line:col: error: message`` followed by a hint,
the format compilers use, so editors and CI logs can jump to the spot.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file; line and column count from 1."""

    path: Path
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One content error: where, what, and how to fix it."""

    location: Location
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.location}: error: {self.message}\n  hint: {self.hint}"


class ContentError(Exception):
    """The content cannot be built; carries every problem found in the run."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.location, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        """Return all problems and a count, ready to print."""
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count} error{'s' if count != 1 else ''} found")
        return "\n".join(lines)


def display_path(path: Path) -> str:
    """Show a path relative to the working directory when it lies below it."""
    absolute = Path(os.path.abspath(path))
    if absolute.is_relative_to(Path.cwd()):
        return absolute.relative_to(Path.cwd()).as_posix()
    return str(absolute)


def printable(text: str) -> str:
    """``text`` with control and invisible characters written as escapes ('\\x01'),
    so a message shows what a value holds and cannot restyle the terminal."""
    return "".join(
        char
        if char == " " or unicodedata.category(char)[0] not in "CZ"
        else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """Return " (did you mean 'x'?)" for a close known word, or an empty string."""
    matches = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def known_list(kind: str, known: Iterable[str]) -> str:
    """Return a hint listing the known ids of a kind."""
    names = sorted(known)
    if not names:
        return f"no {kind} is defined yet: add one under '{kind}s:' in a content file"
    shown = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
    return f"known {kind}s: {shown}"
