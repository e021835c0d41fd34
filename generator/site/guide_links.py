"""The links of guides (content/**/*.md) to the site's pages and their sections, as
`scopesite check` checks them.

`build --strict` refuses a link to a page or a section the site does not have
(MkDocs' link validation, ``mkdocs_settings.ANCHORS``). A guide that links to a
product's page or one of its sections still reads well after the product or the
section is renamed, so without this `check` would pass and only the build would
fail, far from the guide's line. Each Markdown link to a page (``*.md``) or to a
section (``#…``) is resolved against the generated pages and the sections they
declare: their explicit ids, and their headings as the toc extension names them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify

from generator.content.errors import Location, Problem, did_you_mean
from generator.content.load import iter_content_files, load_markdown
from generator.content.names import slug
from generator.content.project import Project
from generator.render import urls

LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"\n]*\")?\s*\)")
"""An inline Markdown link; group 1 is its target (images are not links)."""
ID = re.compile(r"\bid=\"([^\"]+)\"")
HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
INLINE_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"[*_`]")


def guide_link_problems(project: Project, files: Mapping[str, bytes]) -> Iterator[Problem]:
    """Every link of every guide to a generated page or section that does not exist."""
    for path in iter_content_files(project.content_dir, (".md",)):
        markdown = load_markdown(path)
        page = urls.guide(slug(path.stem)).page
        for match in LINK.finditer(markdown.body):
            problem = _link_problem(page, match.group(1), files)
            if problem is not None:
                before = markdown.body[: match.start(1)]
                line = markdown.body_line + before.count("\n")
                column = match.start(1) - (before.rfind("\n") + 1) + 1
                yield Problem(Location(path, line, column), *problem)


def sections(text: str) -> set[str]:
    """The sections a page declares: explicit ids, and headings as toc names them."""
    found = set(ID.findall(text))
    for heading in HEADING.findall(text):
        plain = EMPHASIS.sub("", INLINE_LINK.sub(r"\1", heading))
        found.add(slugify(plain, "-"))
    return found


def _link_problem(page: str, target: str, files: Mapping[str, bytes]) -> tuple[str, str] | None:
    """Why ``target``, linked from ``page``, leads nowhere, as (message, hint)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not (parts.path.endswith(".md") or not parts.path):
        return None  # another site, or a link MkDocs does not check
    linked = posixpath.dirname(page)
    resolved = (
        posixpath.normpath(posixpath.join(linked, unquote(parts.path))) if parts.path else page
    )
    pages = sorted(name for name in files if name.endswith(".md"))
    if resolved not in files:
        return (
            f"link to '{target}': the site has no page {resolved}" + did_you_mean(resolved, pages),
            "link to a page the site generates (a product was renamed? use its new id in "
            "the path), or remove the link",
        )
    anchor = unquote(parts.fragment)
    if not anchor:
        return None
    known = sections(files[resolved].decode("utf-8", "replace"))
    if anchor in known:
        return None
    return (
        f"link to '{target}': page {resolved} has no section '#{anchor}'"
        + did_you_mean(anchor, sorted(known)),
        "link to one of the page's sections (its headings), or remove the '#…' part",
    )
