from __future__ import annotations

from pathlib import Path

from generator.site.writer import write_docs


def test_write_docs_touches_only_what_changed_and_removes_the_rest(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    assert write_docs({"a.md": b"A", "sub/b.md": b"B"}, docs) == 2
    before = (docs / "a.md").stat().st_mtime_ns
    assert write_docs({"a.md": b"A", "c.md": b"C"}, docs) == 2  # c added, sub/b removed
    assert (docs / "a.md").stat().st_mtime_ns == before
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == ["a.md", "c.md"]
