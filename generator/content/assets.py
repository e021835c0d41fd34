"""A project's assets/ folder: its images and stylesheets, read once, checked, and
handed on to be published as the site's assets/ (same paths below it).

Only files of the kinds a page uses are published (images, stylesheets); every file
stays inside the project (a link out of it is refused, as in content/); an SVG or
stylesheet must be safe to serve (``asset_safety``). Names scopesite or the theme
publish under assets/ are refused, so that no project file replaces one of theirs.
Files whose name starts with '.' (an editor's or the system's) are left out.
"""

from __future__ import annotations

from pathlib import Path

from generator.content.asset_safety import css_problem, svg_problem
from generator.content.errors import ContentError, Location, Problem, did_you_mean
from generator.content.look import ASSETS, IMAGE_TYPES, STYLESHEET_TYPES
from generator.content.site_config import SiteConfig
from generator.content.validate import Validated

MAX_ASSET_BYTES = 5 * 1024 * 1024
RESERVED = ("javascripts", "stylesheets", "vendor", "images/favicon.png", "scopesite")
"""What scopesite and Material publish under assets/: a folder, a file, or (scopesite)
a prefix of file names."""
LOOK_STYLESHEET = "assets/scopesite-look.css"
"""The stylesheet the look's colours become (written by the render stage)."""


def load_assets(root: Path, site: Validated[SiteConfig]) -> dict[str, bytes]:
    """Every publishable file of ``root``/assets by its path in the site; raise
    ContentError with every problem, those of site_config.yml's 'look' included."""
    folder = root / ASSETS
    problems: list[Problem] = []
    files: dict[str, bytes] = {}
    if folder.is_symlink():
        problems.append(_outside(folder))
    elif folder.is_dir():
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(root).as_posix()
            if path.name.startswith(".") or not (path.is_file() or path.is_symlink()):
                continue
            problem = _file_problem(path, folder, relative)
            if problem:
                problems.append(problem)
            else:
                files[relative] = path.read_bytes()
    for named, at in site.model.look.files():
        if named not in files and not any(p.location.path == root / named for p in problems):
            problems.append(_missing(site, named, ("look", *at), files))
    if problems:
        raise ContentError(problems)
    return files


def _file_problem(path: Path, folder: Path, relative: str) -> Problem | None:
    if not path.resolve().is_relative_to(folder.resolve()):
        return _outside(path)
    suffix = path.suffix.lower()
    if suffix not in IMAGE_TYPES + STYLESHEET_TYPES:
        return Problem(
            Location(path),
            f"{relative} is not an image or a stylesheet, so the site does not publish it",
            f"keep only {', '.join(IMAGE_TYPES + STYLESHEET_TYPES)} files in {ASSETS}/",
        )
    inside = relative.removeprefix(f"{ASSETS}/")
    if any(inside == name or inside.startswith((name + "/", name)) for name in RESERVED):
        return Problem(
            Location(path),
            f"{relative} has a name scopesite or the theme publishes under assets/",
            f"rename it, or move it into a folder of your own, such as {ASSETS}/brand/",
        )
    size = path.stat().st_size
    if size > MAX_ASSET_BYTES:
        return Problem(
            Location(path),
            f"{relative} is {size:,} bytes, over the {MAX_ASSET_BYTES:,} byte limit",
            "make the image smaller: every page that shows it downloads it",
        )
    return _content_problem(path, relative, suffix)


def _content_problem(path: Path, relative: str, suffix: str) -> Problem | None:
    if suffix not in (".svg", ".css"):
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return Problem(Location(path), f"{relative} is not UTF-8 text", "save it as UTF-8")
    found = svg_problem(text) if suffix == ".svg" else css_problem(text)
    if found is None:
        return None
    why = (
        "an SVG is published as a document of the site: draw shapes and text only, "
        "without scripts, HTML or links to other files"
        if suffix == ".svg"
        else "a stylesheet of the site runs nothing and loads only files of the site: "
        "copy what it loads into assets/ and refer to it by a relative path"
    )
    return Problem(Location(path), f"{relative} cannot be published: {found}", why)


def _outside(path: Path) -> Problem:
    if path.name == ASSETS and path.is_dir():
        return Problem(
            Location(path),
            f"{ASSETS} is a link to {path.resolve()}: the site publishes only files "
            "inside the project",
            f"make {ASSETS}/ a folder of the project and copy the files into it",
        )
    return Problem(
        Location(path),
        f"{path.name} is a link to {path.resolve()}, outside the project's {ASSETS}/ folder",
        f"copy the file into {ASSETS}/ instead of linking to it",
    )


def _missing(
    site: Validated[SiteConfig], named: str, at: tuple[str | int, ...], files: dict[str, bytes]
) -> Problem:
    return Problem(
        site.document.value_at(at),
        f"'{named}' is not a file of the project's {ASSETS}/ folder"
        + did_you_mean(named, [path for path in files if Path(path).suffix == Path(named).suffix]),
        f"add the file at {named}, or fix the path (it starts at the project folder)",
    )
