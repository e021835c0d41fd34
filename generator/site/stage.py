"""The site stage's own work, whatever engine turns the rendered pages into HTML.

An engine adapter (the MkDocs plugin today) calls these at its moments: the docs
folder before the engine reads it, each HTML page as it is written, the search
index once the engine has written it.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from generator.progress import Progress
from generator.render.rendered import RenderedSite
from generator.render.search_tags import tag_sections
from generator.search.analysis import analyse_alike
from generator.search.shards import shard_index
from generator.search.worker import use_sharded_search, write_worker
from generator.site.csp import with_csp
from generator.site.writer import write_docs


def write_docs_folder(rendered: RenderedSite, docs_dir: Path, progress: Progress) -> Path:
    """Make ``docs_dir`` hold exactly the rendered pages, for the engine to read."""
    with progress.stage("writing the docs folder"):
        write_docs(rendered.files, docs_dir)
    return docs_dir


def finished_page(html: str, *, sharded: bool, product: str | None = None) -> str:
    """A page as published: under the Content-Security-Policy, with sharded search if asked.

    Serving keeps the theme's whole index: sharding each rebuild would cost more
    than a local preview gains.
    """
    return with_csp(without_blank_lines(use_sharded_search(html, product) if sharded else html))


BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")
KEEPS_WHITESPACE = ("<pre", "<textarea")


def without_blank_lines(html: str) -> str:
    """The page without the whitespace-only lines the theme's templates leave (a tenth of
    a wizard page, which must stay under 20 KB). A newline stays between elements, so
    the text reads the same; a page with preformatted text is left as it is."""
    if any(tag in html for tag in KEEPS_WHITESPACE):
        return html
    return BLANK_LINES.sub("", html)


def finish_search_index(
    site_dir: Path,
    tags: dict[str, list[str]],
    verdicts: dict[str, str],
    products: dict[str, str],
    *,
    sharded: bool,
    progress: Progress,
) -> None:
    """Tag the index's sections with the policy's words, then shard it for a large site."""
    index = site_dir / "search" / "search_index.json"
    if not index.is_file():
        return
    if tags or verdicts:
        tag_sections(tags, verdicts, index)
    analyse_alike(index, products)
    if not sharded:
        return
    with progress.stage("sharding the search index"):
        shard_index(index.parent)
        write_worker(site_dir)


def published_url(configured: str | None, rendered: RenderedSite) -> str:
    """Where the built site is published: the engine's own setting, else site_config's
    base URL (the sitemap and canonical links need one)."""
    return configured or rendered.site.base_url


def render_all_on_new_settings(
    last: bytes | None, settings: Iterable[Path], docs_dir: Path
) -> bytes:
    """A rebuild of serve renders only the pages whose Markdown changed (MkDocs'
    dirty build). A new site name in site_config.yml, or a palette or extension in
    mkdocs.yml, belongs on every page: after such an edit, every page renders again.

    ``last`` is the digest this returned for the previous build (None for the first).
    """
    digest = hashlib.blake2b(digest_size=16)
    for path in settings:
        data = path.read_bytes() if path.is_file() else b""
        digest.update(len(data).to_bytes(8, "big") + data)
    current = digest.digest()
    if last is not None and current != last:
        for file in docs_dir.rglob("*"):
            if file.is_file():
                os.utime(file)  # newer than the page built from it: MkDocs renders it again
    return current
