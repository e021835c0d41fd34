"""What a YAML file may not hold, found before PyYAML composes it into nodes.

Composing first would be too late: libyaml's composer recurses once per nesting
level, so a line of a hundred thousand '[' crashes the whole process, and a file
of aliases composes into a tree that expands without bound. The event stream is
flat, so reading it finds each refusal at its line and column, whatever the file
holds: control characters, nesting too deep, aliases, merge keys and tags.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import cast

import yaml

from generator.content.errors import Location, Problem

CORE_TAG = "tag:yaml.org,2002:"
PLAIN_TAGS = {CORE_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
PLAIN_TAGS |= {CORE_TAG + "map", CORE_TAG + "seq", "!"}
"""Explicit tags that only say what the value already is ('!!str 1.0' keeps text)."""

NODES = {yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent}
STARTS = {yaml.SequenceStartEvent, yaml.MappingStartEvent}
ENDS = {yaml.SequenceEndEvent, yaml.MappingEndEvent}

MAX_REPORTED = 20
"""Reports of one kind per file: a generated file may repeat a mistake a million times."""

BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as libyaml counts them, so lines agree with every other location."""
# Characters YAML 1.1 forbids: C0 and C1 controls other than tab, newline, carriage
# return and next line, lone surrogates, and the two non-characters U+FFFE, U+FFFF.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def refusals(
    text: str, path: Path, first_line: int, *, content: bool, max_depth: int
) -> list[Problem]:
    """Every refusal in ``text``; content refuses aliases, merge keys and tags too.

    Raises ``yaml.MarkedYAMLError`` on a syntax error, as composing would.
    """
    characters = _control_characters(text, path, first_line)
    if characters:
        return characters  # the parser would stop at the first of them
    guard = _Guard(path, first_line, content, max_depth)
    guard.read(yaml.parse(text, Loader=yaml.CSafeLoader))
    return guard.problems()


def _control_characters(
    text: str, path: Path, first_line: int, language: str = "YAML"
) -> list[Problem]:
    found = []
    matches = FORBIDDEN.finditer(text)
    for match in itertools.islice(matches, MAX_REPORTED):
        before = text[: match.start()]
        line_start = max((m.end() for m in BREAK.finditer(before)), default=0)
        found.append(
            Problem(
                Location(
                    path, len(BREAK.findall(before)) + first_line, match.start() - line_start + 1
                ),
                f"control character U+{ord(match.group()):04X} is not allowed in {language}",
                "delete it: it is invisible in most editors, and often comes from a paste",
            )
        )
    return _summarised(found, sum(1 for _ in matches))


def markdown_control_characters(text: str, path: Path, first_line: int) -> list[Problem]:
    """The characters a YAML file may not hold, in an article's Markdown: invisible
    in an editor, they would be published as they are (a terminal escape, a NUL)."""
    return _control_characters(text, path, first_line, "Markdown")


class _Guard:
    """Walks the event stream once, keeping which collections are open."""

    def __init__(self, path: Path, first_line: int, content: bool, max_depth: int) -> None:
        self.path = path
        self.first_line = first_line
        self.content = content
        self.max_depth = max_depth
        self.open: list[bool | None] = []
        """Per open collection: None for a list; for a mapping, whether a key comes next."""
        self.found: list[Problem] = []
        self.unshown = 0
        self.merge_value = False

    def read(self, events: Iterable[yaml.Event]) -> None:
        """Read every event, stopping at nesting too deep. Runs once per event of
        every content file, so it only looks closer at events that may be refused."""
        stack = self.open
        for event in events:
            kind = type(event)
            if kind in ENDS:
                stack.pop()
                continue
            if kind not in NODES:
                continue  # stream and document boundaries
            at_key = bool(stack) and stack[-1] is True
            if stack and stack[-1] is not None:
                stack[-1] = not stack[-1]  # a mapping's key, then its value
            if len(stack) > self.max_depth:
                self._report(
                    Problem(
                        self._where(event),
                        f"nesting deeper than {self.max_depth} levels",
                        "flatten the structure; content never nests this deep",
                    )
                )
                return  # deeper levels would repeat this report
            if self.content and (
                kind is yaml.AliasEvent
                or self.merge_value
                or getattr(event, "tag", None)
                or (at_key and getattr(event, "value", None) == "<<")
            ):
                self._refuse(cast(yaml.NodeEvent, event), self._where(event), at_key)
            if kind is yaml.ScalarEvent and cast(yaml.ScalarEvent, event).style == '"':
                self._escaped_control(cast(yaml.ScalarEvent, event))
            if kind in STARTS:
                stack.append(True if kind is yaml.MappingStartEvent else None)

    def _escaped_control(self, event: yaml.ScalarEvent) -> None:
        """A double-quoted text makes any character from an escape ('\\0', '\\e',
        '\\x01', '\\uFFFE'): the characters the file may not hold, it may not write."""
        found = FORBIDDEN.search(event.value)
        if found is not None:
            self._report(
                Problem(
                    self._where(event),
                    f"control character U+{ord(found.group()):04X}, written as an escape, "
                    "is not allowed in YAML",
                    "write the text without it: an escape such as '\\0', '\\e' or '\\x01' "
                    "makes a character that is invisible in most places",
                )
            )

    def _refuse(self, event: yaml.NodeEvent, where: Location, at_key: bool) -> None:
        merge_value, self.merge_value = self.merge_value, False
        if isinstance(event, yaml.AliasEvent):
            if not merge_value:  # the merge key is reported, not its value too
                hint = "write the value out in full instead of using '*name'"
                self._report(Problem(where, "YAML aliases are not supported", hint))
            return
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in PLAIN_TAGS:
            shown = "!!" + tag.removeprefix(CORE_TAG) if tag.startswith(CORE_TAG) else tag
            self._report(
                Problem(
                    where,
                    f"YAML tag '{shown}' is not supported",
                    "remove the tag: content is plain text, numbers, dates, lists and mappings",
                )
            )
        elif at_key and isinstance(event, yaml.ScalarEvent) and _is_merge_key(event):
            self.merge_value = True
            self._report(
                Problem(
                    where,
                    "YAML merge keys ('<<') are not supported",
                    "write the shared fields out in full in each entry",
                )
            )

    def _where(self, event: yaml.Event) -> Location:
        mark = event.start_mark
        if mark is None:  # libyaml marks every event; the type allows none
            return Location(self.path, self.first_line)
        return Location(self.path, mark.line + self.first_line, mark.column + 1)

    def _report(self, problem: Problem) -> None:
        if len(self.found) < MAX_REPORTED:
            self.found.append(problem)
        else:
            self.unshown += 1

    def problems(self) -> list[Problem]:
        return _summarised(self.found, self.unshown)


def _summarised(found: list[Problem], unshown: int) -> list[Problem]:
    """The problems shown; the last one says how many more there are."""
    if not unshown:
        return found
    last = found[-1]
    message = f"{last.message} (and {unshown:,} more errors after this one)"
    return [*found[:-1], Problem(last.location, message, last.hint)]


def _is_merge_key(event: yaml.ScalarEvent) -> bool:
    """A plain '<<' (implicit[0] is set for plain scalars only): a quoted one is text."""
    return bool(event.implicit[0]) and event.value == "<<"
