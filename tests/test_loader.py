from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.errors import ContentError, Location
from generator.content.load import load_markdown, load_yaml, parse_yaml


def messages(error: pytest.ExceptionInfo[ContentError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


def test_every_value_and_key_keeps_its_line_and_column() -> None:
    path = Path("c.yml")
    document = parse_yaml("plans:\n  - id: pro\n    channels: [forum, ticket]\n", path)
    assert document.data == {"plans": [{"id": "pro", "channels": ["forum", "ticket"]}]}
    assert document.value_at(("plans", 0, "id")) == Location(path, 2, 9)
    assert document.value_at(("plans", 0, "channels", 1)) == Location(path, 3, 23)
    assert document.key_at(("plans", 0, "channels")) == Location(path, 3, 5)


def test_a_missing_path_is_located_at_its_nearest_parent() -> None:
    document = parse_yaml("plans:\n  - id: pro\n", Path("c.yml"))
    assert document.value_at(("plans", 0, "name")) == Location(Path("c.yml"), 2, 5)


def test_yaml_syntax_error_names_line_and_column() -> None:
    with pytest.raises(ContentError) as error:
        parse_yaml("plans:\n  - id: [pro\n", Path("c.yml"))
    assert messages(error) == [
        "c.yml:3:1: error: invalid YAML: did not find expected ',' or ']'\n"
        "  hint: check the indentation and quoting on this line or the one before"
    ]


def test_a_tab_gets_its_own_hint() -> None:
    with pytest.raises(ContentError) as error:
        parse_yaml("plans:\n\t- id: pro\n", Path("c.yml"))
    assert messages(error) == [
        "c.yml:2:1: error: invalid YAML: a tab character\n"
        "  hint: YAML indents with spaces only: replace the tab with spaces"
    ]


def test_duplicate_keys_are_errors_not_silently_overwritten() -> None:
    with pytest.raises(ContentError) as error:
        parse_yaml("id: a\nname: A\nid: b\n", Path("c.yml"))
    assert messages(error) == [
        "c.yml:3:1: error: duplicate key 'id'\n"
        "  hint: 'id' is already set at line 1; keep one of them"
    ]


def test_aliases_are_refused_so_an_alias_bomb_cannot_expand() -> None:
    text = "a: &x [1, 2]\nb: [*x, *x]\n"
    with pytest.raises(ContentError) as error:
        parse_yaml(text, Path("c.yml"))
    assert messages(error) == [
        "c.yml:2:5: error: YAML aliases are not supported\n"
        "  hint: write the value out in full instead of using '*name'",
        "c.yml:2:9: error: YAML aliases are not supported\n"
        "  hint: write the value out in full instead of using '*name'",
    ]


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    path = tmp_path / "c.yml"
    path.write_bytes(b"name: ok\ntitle: caf\xe9\n")
    with pytest.raises(ContentError) as error:
        load_yaml(path)
    assert [p.message for p in error.value.problems] == ["byte 0xe9 is not valid UTF-8"]
    assert error.value.problems[0].location == Location(path, 2, 11)


def test_markdown_front_matter_lines_count_from_the_file_start(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\nsummary: S\n---\nBody text.\n")
    article = load_markdown(path)
    assert article.front_matter.data == {"title": "T", "summary": "S"}
    assert article.front_matter.value_at(("summary",)) == Location(path, 3, 10)
    assert article.body == "Body text.\n"


def test_markdown_without_front_matter_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Just a page\n")
    with pytest.raises(ContentError) as error:
        load_markdown(path)
    assert [p.message for p in error.value.problems] == ["Markdown article has no front matter"]


def test_unclosed_front_matter_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\n")
    with pytest.raises(ContentError) as error:
        load_markdown(path)
    assert [p.message for p in error.value.problems] == ["front matter is not closed"]
