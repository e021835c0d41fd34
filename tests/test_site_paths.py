"""The one way content becomes a path: names, joins, confinement, and two pages at one
address (generator/render/urls.py), and the docs writer's own check."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.content.errors import ContentError, Location
from generator.render import urls
from generator.render.environment import environment, render_template
from generator.render.urls import (
    Addresses,
    ProductPage,
    Source,
    UnknownPage,
    UnsafePath,
    Url,
    confined,
    inside,
    joined,
    page_path,
    section,
    slug,
)
from generator.site.writer import write_docs

HOSTILE_VALUES = [
    "x/../../../../../../../../tmp/victim/NOTES",
    "/tmp/victim/NOTES",
    "..",
    ".",
    "...",
    ".hidden",
    "..\\..\\windows\\win.ini",
    "C:\\victim",
    "%2e%2e%2fvictim",
    "~/victim",
    "a\x00b",
    "line\nbreak",
    "Ünïcödé 2024 R1",
    "\uff26\uff35\uff2c\uff2c",  # 'FULL' in full-width letters: NFKD folds them
    "",
    "-",
    "_",
    "y_z",
    "Pro",
    "1.0.",
    "a" * 300,
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_a_slug_is_one_safe_name(value: str) -> None:
    name = slug(value)
    assert confined(f"{name}.md") == f"{name}.md"
    assert "/" not in name and "\\" not in name and ".." not in name and "_" not in name
    assert not name.startswith((".", "-")) and name == name.lower() and name.isascii()
    assert 0 < len(name) <= 80 + 11


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("4.3.1", "4.3.1"),
        ("phone-support", "phone-support"),
        ("2024", "2024"),
        ("x/../../../../../../../../tmp/victim/NOTES", "x.tmp-victim-notes~9da12ec6d3"),
        ("/tmp/victim/NOTES", "tmp-victim-notes~1b360bfff4"),
        ("..", "v~7c076d0f9d"),
        (".hidden", "hidden~249b76c9ad"),
        ("Ünïcödé 2024 R1", "unicode-2024-r1~a6d2026215"),
        ("y_z", "y-z~191d899d63"),
        ("Pro", "pro~e87f400766"),
        ("pro", "pro"),
        ("1.0.", "1.0~7d14c58132"),
    ],
)
def test_safe_values_keep_their_name_and_the_rest_get_a_digest(value: str, name: str) -> None:
    assert slug(value) == name


def test_distinct_values_never_share_a_name() -> None:
    """Case, Unicode forms and characters folded away would merge names without the digest."""
    values = [*HOSTILE_VALUES, "pro", "PRO", "Pro ", "pró", "pro~e87f400766", "y-z", "y.z", "y z"]
    assert len({slug(value) for value in values}) == len(set(values))


def test_a_join_cannot_be_read_two_ways() -> None:
    """The issue's case: 'x' + 'y_z' and 'x_y' + 'z' were one page."""
    assert joined(["q", "x", "y_z"]) == "q_x_y-z~191d899d63"
    assert joined(["q", "x_y", "z"]) == "q_x-y~465a3fabf5_z"
    assert joined(["q", None, "x"]) == "q_-_x"
    assert joined(["q", "x", None]) == "q_x_-"
    assert len({joined(["q", None, "x"]), joined(["q", "x", None]), joined(["q", "x"])}) == 3


def test_a_long_join_is_shortened_with_a_digest_of_all_of_it() -> None:
    first = joined(["q", *["v" * 80] * 3, "a"])
    second = joined(["q", *["v" * 80] * 3, "b"])
    assert len(first) == len(second) == 149
    assert first != second and first.endswith("~52b4476061")


def test_sections_never_share_a_name_with_a_state() -> None:
    """'__' joins a question's name and its section's; no joined name holds it."""
    assert section("q_x", "Troubleshooting") == "q_x__troubleshooting~54e6404c66"
    assert section("q_x", None) == "q_x__-"
    assert "__" not in joined(["q--troubleshooting", None, "x", "y_z"])


def test_page_path_makes_names_of_raw_values_and_keeps_joined_names() -> None:
    assert page_path("widget", "help") == "widget/help.md"
    assert page_path("guides", "Getting Started") == "guides/getting-started~4dfb17377a.md"
    assert page_path("wizards", "f", joined(["q", "x", "y_z"])) == "wizards/f/q_x_y-z~191d899d63.md"
    assert page_path("wizards", "f", "../../../../tmp/victim/NOTES") == (
        "wizards/f/tmp-victim-notes~3deab16b3e.md"
    )


@pytest.mark.parametrize(
    "path",
    [
        "../x.md",
        "/etc/passwd",
        "a/../../b.md",
        "a\\b.md",
        "a//b.md",
        ".hidden/x.md",
        "A.md",
        "",
        "a/./b.md",
        "x/..",
        "C:/x.md",
    ],
)
def test_confined_refuses_what_would_leave_the_docs_folder(path: str) -> None:
    with pytest.raises(UnsafePath) as raised:
        confined(path)
    assert str(raised.value) == f"'{path}' is not a path inside the docs folder"


def test_addresses_find_two_pages_at_one_address() -> None:
    addresses = Addresses()
    product = Source("product 'contact'", Location(Path("content/p.yml"), 2, 9))
    addresses.claim("contact.md", Source("scopesite's own page 'contact.md'"))
    addresses.claim("contact/index.md", product)
    addresses.claim("guides/a.md", Source("the guide content/A.md", Location(Path("content/A.md"))))
    addresses.claim(
        "guides/A.md", Source("the guide content/x/a.md", Location(Path("content/x/a.md")))
    )
    addresses.claim("wizards/f/index.md", Source("the first page of wizard 'f'"))
    addresses.claim("wizards/f.md", Source("a page", Location(Path("content/flows/f.yml"), 3, 7)))
    assert [str(problem) for problem in addresses.problems] == [
        "content/p.yml:2:9: error: product 'contact' and scopesite's own page 'contact.md' "
        "would both publish at 'contact/'\n"
        "  hint: rename it: scopesite's own page 'contact.md' publishes there",
        "content/x/a.md:1:1: error: the guide content/x/a.md and the guide content/A.md would "
        "both publish at 'guides/a/'\n"
        "  hint: rename one of them: the guide content/A.md is written at content/A.md:1:1",
        "content/flows/f.yml:3:7: error: a page and the first page of wizard 'f' would both "
        "publish at 'wizards/f/'\n"
        "  hint: rename it: the first page of wizard 'f' publishes there",
    ]


# ---------------------------------------------------------------- the writer's own check


@pytest.mark.parametrize(
    "relative",
    ["../outside.md", "/tmp/outside.md", "a/../../outside.md", "..\\outside.md", "", "link/x.md"],
)
def test_write_docs_refuses_a_path_that_leaves_its_folder(tmp_path: Path, relative: str) -> None:
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    outside.mkdir()
    docs.mkdir()
    (docs / "link").symlink_to(outside)
    with pytest.raises(UnsafePath):
        write_docs({"fine.md": b"written first?", relative: b"x"}, docs)
    assert sorted(os.listdir(outside)) == []
    assert not (docs / "fine.md").exists()  # nothing is written when one path is refused


def test_write_docs_removes_a_stray_link_but_not_what_it_points_to(tmp_path: Path) -> None:
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.md").write_text("mine")
    docs.mkdir()
    (docs / "stray").symlink_to(outside)
    (docs / "stray.md").symlink_to(outside / "keep.md")
    assert write_docs({"index.md": b"home"}, docs) == 3
    assert sorted(os.listdir(docs)) == ["index.md"]
    assert (outside / "keep.md").read_text() == "mine"


def test_write_docs_replaces_a_linked_page_without_writing_through_it(tmp_path: Path) -> None:
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    outside.mkdir()
    (outside / "page.md").write_text("same")
    (outside / "temporary").write_text("theirs")
    docs.mkdir()
    (docs / "page.md").symlink_to(outside / "page.md")
    (docs / "new.md.tmp").symlink_to(outside / "temporary")
    assert write_docs({"page.md": b"same", "new.md": b"ours"}, docs) == 2
    assert not (docs / "page.md").is_symlink() and (docs / "page.md").read_text() == "same"
    assert (docs / "new.md").read_text() == "ours"
    assert [(p.name, p.read_text()) for p in sorted(outside.iterdir())] == [
        ("page.md", "same"),
        ("temporary", "theirs"),
    ]


def test_inside_names_each_file_in_the_folder(tmp_path: Path) -> None:
    assert inside(tmp_path, ["a/b.md", "c.md"]) == {
        "a/b.md": tmp_path / "a" / "b.md",
        "c.md": tmp_path / "c.md",
    }


def test_every_product_page_is_one_of_the_declared_pages() -> None:
    assert str(urls.product_page("widget", ProductPage.overview)) == "widget/index.md"
    assert str(urls.plan("widget", "pro")) == "widget/plans.md#pro"
    with pytest.raises(UnknownPage, match="no product page is named 'plan'"):
        urls.product_page("widget", "plan")


@pytest.mark.parametrize("call", ["urls.ProductPage.plan", '"plan"'])
def test_an_unknown_product_page_in_a_template_fails_at_its_line(tmp_path: Path, call: str) -> None:
    (tmp_path / "home.md.j2").write_text(f"# Home\n{{{{ urls.product_page('w', {call}) }}}}\n")
    with pytest.raises(ContentError) as raised:
        render_template(environment(tmp_path), "home.md.j2", {})
    [problem] = raised.value.problems
    assert problem.location == Location(tmp_path / "home.md.j2", 2)
    assert "no product page is named 'plan'" in problem.message


def test_an_absolute_address_joins_the_base_url_once() -> None:
    for base in ("https://help.example.com/docs", "https://help.example.com/docs/"):
        assert Url("widget/scope.md", "upgrade").absolute(base) == (
            "https://help.example.com/docs/widget/scope/#upgrade"
        )
        assert urls.absolute(base, "contact/") == "https://help.example.com/docs/contact/"
