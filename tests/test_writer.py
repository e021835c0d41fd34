from __future__ import annotations

from pathlib import Path

from generator.writer import discard, publish, staging_dir_for, write_docs


def test_write_docs_touches_only_what_changed_and_removes_the_rest(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    assert write_docs({"a.md": b"A", "sub/b.md": b"B"}, docs) == 2
    before = (docs / "a.md").stat().st_mtime_ns
    assert write_docs({"a.md": b"A", "c.md": b"C"}, docs) == 2  # c added, sub/b removed
    assert (docs / "a.md").stat().st_mtime_ns == before
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == ["a.md", "c.md"]


def test_publish_swaps_in_the_new_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    staging = staging_dir_for(site)
    (staging / "new.html").write_text("new")
    publish(staging, site)
    assert [p.name for p in site.iterdir()] == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_discard_leaves_the_published_site_alone(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("published")
    staging = staging_dir_for(site)
    (staging / "half.html").write_text("half")
    discard(staging)
    assert (site / "index.html").read_text() == "published"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_leftovers_of_a_killed_build_are_cleared_next_time(tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = staging_dir_for(site)
    second = staging_dir_for(site)
    assert not first.exists() and second.exists()
