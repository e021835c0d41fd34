"""Load stage: read YAML and Markdown files into plain data that remembers where
every value came from.

This is one of the two modules that touch the file system (the other writes).
PyYAML composes a node tree that carries marks; we walk it ourselves so that each
value's ``line:col`` is kept, keyed by its path inside the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.content.errors import ContentError, Location, Problem
from generator.content.yaml_guard import CORE_TAG, markdown_control_characters, refusals

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 40

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Tagged:
    """A value written with an application tag or an alias (MkDocs' ``!ENV VAR``,
    ``!!python/name:…``, ``*anchor``): known to be there, its value unread."""

    tag: str


@dataclass(frozen=True)
class Document:
    """A parsed YAML document: plain data plus the location of every value and key."""

    path: Path
    data: Any
    values: dict[DataPath, Location] = field(repr=False)
    keys: dict[DataPath, Location] = field(repr=False)

    def value_at(self, path: DataPath) -> Location:
        """Locate the value at ``path``, or its nearest ancestor when it is missing."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, Location(self.path))

    def key_at(self, path: DataPath) -> Location:
        """Locate the key that introduces ``path`` (falls back to the value)."""
        return self.keys.get(path) or self.value_at(path)


@dataclass(frozen=True)
class MarkdownFile:
    """A Markdown article: its front matter as a document, and its body."""

    front_matter: Document
    body: str
    body_line: int


def read_text(path: Path) -> str:
    """Read a content file as UTF-8, refusing oversized or undecodable files."""
    with path.open("rb") as file:
        raw = file.read(MAX_FILE_BYTES + 1)  # no more: a 50 MB file is refused unread
    if len(raw) > MAX_FILE_BYTES:
        size = path.stat().st_size
        raise ContentError(
            [
                Problem(
                    Location(path),
                    f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,} byte limit",
                    "split the content into several smaller files",
                )
            ]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise ContentError(
            [
                Problem(
                    Location(path, line, column),
                    f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                    "save the file with UTF-8 encoding",
                )
            ]
        ) from None


def parse_yaml(text: str, path: Path, first_line: int = 1, *, tags: bool = False) -> Document:
    """Parse one YAML document, keeping the location of every value.

    Content refuses tags and aliases; ``tags=True`` reads them as ``Tagged`` values
    instead, for files of other tools (mkdocs.yml) that use them on purpose.
    """
    try:
        refused = refusals(text, path, first_line, content=not tags, max_depth=MAX_DEPTH)
        if refused:
            raise ContentError(refused)
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as error:
        raise ContentError([_syntax_problem(error, text, path, first_line)]) from None
    walker = _NodeWalker(path, first_line, tags)
    data = walker.to_data(node, ()) if node is not None else None
    if walker.problems:
        raise ContentError(walker.problems)
    return Document(path, data, walker.values, walker.keys)


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, path: Path, first_line: int) -> Problem:
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return Problem(Location(path, first_line), "invalid YAML", "check the file's syntax")
    where = Location(path, mark.line + first_line, mark.column + 1)
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    if line[mark.column : mark.column + 1] == "\t":
        return Problem(
            where,
            "invalid YAML: a tab character",
            "YAML indents with spaces only: replace the tab with spaces",
        )
    message = (error.problem or "syntax error").strip()
    hint = "check the indentation and quoting on this line or the one before"
    return Problem(where, f"invalid YAML: {message}", hint)


def load_yaml(path: Path, *, tags: bool = False) -> Document:
    """Read and parse a YAML file (see ``parse_yaml`` for ``tags``)."""
    return parse_yaml(read_text(path), path, tags=tags)


def load_markdown(path: Path) -> MarkdownFile:
    """Read a Markdown file with a ``---`` delimited YAML front matter block."""
    text = read_text(path)
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ContentError(
            [
                Problem(
                    Location(path),
                    "Markdown article has no front matter",
                    "begin with a '---' line, the fields (title: …), then another '---' line",
                )
            ]
        )
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
    if closing is None:
        raise ContentError(
            [
                Problem(
                    Location(path),
                    "front matter is not closed",
                    "add a line holding only '---' after the front matter fields",
                )
            ]
        )
    front = parse_yaml("".join(lines[1:closing]), path, first_line=2)
    body = "".join(lines[closing + 1 :])
    characters = markdown_control_characters(body, path, closing + 2)
    if characters:
        raise ContentError(characters)
    return MarkdownFile(front, body, closing + 2)


class _NodeWalker:
    """Turn a composed YAML node tree into plain data, recording locations."""

    def __init__(self, path: Path, first_line: int, tags: bool = False) -> None:
        self.path = path
        self.first_line = first_line
        self.tags = tags
        self.values: dict[DataPath, Location] = {}
        self.keys: dict[DataPath, Location] = {}
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self._constructor = yaml.constructor.SafeConstructor()

    def where(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + self.first_line, mark.column + 1)

    def to_data(self, node: yaml.Node, path: DataPath) -> Any:
        self.values[path] = self.where(node)
        if id(node) in self._seen:
            # PyYAML shares one node for an anchor and its aliases; expanding them
            # is how "billion laughs" files blow up. (Content refuses aliases before
            # composing, so only a file read with tags=True gets here.)
            return Tagged("alias")
        self._seen.add(id(node))
        if self.tags and _application_tag(node.tag):
            return Tagged(node.tag)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.to_data(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            return self._constructor.construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError):
            self.problems.append(self._invalid(node))
            return None

    def _invalid(self, node: yaml.Node) -> Problem:
        tag = node.tag.removeprefix(CORE_TAG)
        if tag == "timestamp":  # PyYAML reads '2026-13-45' as a date and fails
            hint = "write dates as YYYY-MM-DD, or quote the text"
        else:  # an explicit tag, such as '!!int ten'
            hint = f"correct the value, or remove the '!!{tag}' tag"
        return Problem(self.where(node), f"'{node.value}' is not a valid value", hint)

    def _key(self, node: yaml.ScalarNode) -> str:
        if node.tag == CORE_TAG + "merge":
            return "<<"  # kept as written: only files read with tags=True get here
        return str(self._scalar(node))

    def _mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem(
                        self.where(key_node),
                        "a key must be plain text",
                        "write the key as a single word such as 'name'",
                    )
                )
                continue
            key = self._key(key_node)
            if key in result:
                first = self.keys[(*path, key)]
                self.problems.append(
                    Problem(
                        self.where(key_node),
                        f"duplicate key '{key}'",
                        f"'{key}' is already set at line {first.line}; keep one of them",
                    )
                )
                continue
            self.keys[(*path, key)] = self.where(key_node)
            result[key] = self.to_data(value_node, (*path, key))
        return result


def _application_tag(tag: str) -> bool:
    """True for tags a safe loader cannot construct: '!ENV', '!!python/name:…'."""
    return not tag.startswith(CORE_TAG) or tag.startswith(CORE_TAG + "python/")


def iter_content_files(content_dir: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """Yield content files in a stable order, refusing links that leave the project."""
    root = content_dir.resolve()
    for path in sorted(content_dir.rglob("*")):
        if path.suffix in suffixes and path.is_file():
            if not path.resolve().is_relative_to(root):
                raise ContentError(
                    [
                        Problem(
                            Location(path),
                            "file is a link to somewhere outside the content folder",
                            "copy the file into content/ instead of linking to it",
                        )
                    ]
                )
            yield path


def values_at(data: Any, parts: list[str], path: DataPath) -> Iterator[tuple[Any, DataPath]]:
    """Each value at ``parts`` (field names, '*' for every list item) below ``data``,
    with its path from the document's root, ``path`` being ``data``'s."""
    if not parts:
        yield data, path
        return
    head, rest = parts[0], parts[1:]
    if head == "*":
        for index, item in enumerate(data if isinstance(data, list) else []):
            yield from values_at(item, rest, (*path, index))
    elif isinstance(data, dict) and data.get(head) is not None:
        yield from values_at(data[head], rest, (*path, head))
