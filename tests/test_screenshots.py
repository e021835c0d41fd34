"""The README's screenshots: the gallery, the files in docs/screenshots/ and the pages
tests/screenshots.py opens stay in step; one picture is taken in the browser."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import generate
from generator.content.project import Project
from tests import screenshots

README = screenshots.REPO / "README.md"
IMAGE = re.compile(r'<img src="docs/screenshots/([^"]+)"[^>]*\balt="([^"]*)"')


def referenced() -> dict[str, str]:
    """Each picture the README shows, with its alt text."""
    return dict(IMAGE.findall(README.read_text()))


def png_size(path: Path) -> tuple[int, int]:
    """A PNG's width and height, read from its IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_the_files_are_the_shots_the_script_takes() -> None:
    files = sorted(path.name for path in screenshots.OUT.iterdir())
    assert files == sorted(screenshots.file_names())


def markdown_files(path: str) -> set[str]:
    """The docs folder's files that give a page's address ("a/b/": a/b.md or a/b/index.md)."""
    folder = path.strip("/")
    return {f"{folder}.md", f"{folder}/index.md"} if folder else {"index.md"}


def test_every_shot_is_a_page_of_the_default_site() -> None:
    """A page renamed or an anchor gone fails here, before any browser runs."""
    files = generate(Project.at(screenshots.REPO)).files
    for shot in screenshots.SHOTS:
        path, _, anchor = shot.path.partition("#")
        pages = markdown_files(path) & set(files)
        assert len(pages) == 1, shot
        assert not anchor or f'id="{anchor}"' in files[pages.pop()].decode(), shot


def test_the_readme_shows_every_picture_and_only_those() -> None:
    assert list(referenced()) == screenshots.file_names()
    assert "docs/screenshot.png" not in README.read_text()


def test_every_picture_says_what_it_shows() -> None:
    alts = list(referenced().values())
    assert all(len(alt.split()) >= 4 for alt in alts), alts
    assert len(set(alts)) == len(alts)


def test_pictures_are_small_and_of_their_screen_size() -> None:
    for shot in screenshots.SHOTS:
        for screen in screenshots.SCREENS:
            path = screenshots.OUT / f"{shot.name}-{screen.name}.png"
            assert path.stat().st_size < 300_000, path
            assert png_size(path) == (screen.width * screen.scale, screen.height * screen.scale)


@pytest.mark.browser
def test_the_script_takes_the_mobile_home_page(tmp_path: Path, default_site: Path) -> None:
    """Run as its users run it, in a process of its own: the suite's browser fixture keeps
    Playwright's event loop running in this one, where a second sync session is refused."""
    command = [sys.executable, "-m", "tests.screenshots", str(tmp_path)]
    command += ["--site", str(default_site), "--only", "home-mobile"]
    done = subprocess.run(
        command, cwd=screenshots.REPO, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{tmp_path / 'home-mobile.png'}\n"
    assert [path.name for path in tmp_path.iterdir()] == ["home-mobile.png"]
    assert png_size(tmp_path / "home-mobile.png") == (780, 1688)
