"""Convert the Markdown of wizard pages in worker processes, on every core.

MkDocs converts pages one after another, and conversion is most of a build: on a
large site nine pages in ten are wizard pages. Before MkDocs starts converting,
worker processes forked from the build (so they share its configuration, files
and navigation) convert the wizard pages with MkDocs' own Page.render, in chunks
and in MkDocs' order. MkDocs then gets each page's result instead of converting
it: the output is byte for byte what MkDocs would write. Warnings a worker logs
are logged again by the build, so strict mode still counts them.

Only for `build`, only with two or more cores and enough pages to pay for the
workers; `serve` rebuilds few pages and runs threads, which fork does not suit.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

MIN_PAGES = 400
"""Below this many wizard pages, starting workers costs more than it saves."""
CHUNK = 100
"""Pages a worker converts per task: big enough to amortise the hand-over."""


@dataclass
class Converted:
    """What Page.render sets on a page, in a form that crosses processes."""

    content: str
    toc: Any
    title: str | None
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None


@dataclass
class Chunk:
    pages: dict[str, Converted] = field(default_factory=dict)
    warnings: list[tuple[str, int, str]] = field(default_factory=list)


_shared: tuple[list[Any], Any, Any] | None = None
"""(pages, config, files), set before forking so the workers inherit them."""


class _Recorder(logging.Handler):
    def __init__(self, chunk: Chunk) -> None:
        super().__init__(logging.WARNING)
        self.chunk = chunk

    def emit(self, record: logging.LogRecord) -> None:
        self.chunk.warnings.append((record.name, record.levelno, record.getMessage()))


def _convert(bounds: tuple[int, int]) -> Chunk:
    """In a worker: convert pages[start:stop] as MkDocs would."""
    assert _shared is not None
    pages, config, files = _shared
    chunk = Chunk()
    logger = logging.getLogger("mkdocs")
    # The build's own handlers would print these now and the build again later.
    logger.handlers[:] = [_Recorder(chunk)]
    logger.propagate = False
    for page in pages[bounds[0] : bounds[1]]:
        page.read_source(config)
        page.render(config, files)
        links = page.links_to_anchors
        chunk.pages[page.file.src_uri] = Converted(
            page.content,
            page.toc,
            page._title_from_render,
            set(page.present_anchor_ids or ()),
            {to.src_uri: anchors for to, anchors in links.items()} if links is not None else None,
        )
    return chunk


class ParallelMarkdown:
    """Wizard pages converted ahead of MkDocs, handed over as MkDocs reaches them."""

    def __init__(self) -> None:
        self.pool: Any = None
        self.chunks: Iterator[Chunk] | None = None
        self.ready: dict[str, Converted] = {}
        self.expected: set[str] = set()

    def start(self, pages: list[Any], config: Any, files: Any) -> bool:
        """Start converting ``pages`` (in MkDocs' order); False when not worth it."""
        workers = min(os.cpu_count() or 1, 8)
        if workers < 2 or len(pages) < MIN_PAGES:
            return False
        global _shared
        _shared = (pages, config, files)
        self.pool = multiprocessing.get_context("fork").Pool(workers)
        bounds = [(start, start + CHUNK) for start in range(0, len(pages), CHUNK)]
        self.chunks = self.pool.imap(_convert, bounds)
        self.expected = {page.file.src_uri for page in pages}
        return True

    def expects(self, page: Any) -> bool:
        return page.file.src_uri in self.expected

    def take(self, page: Any, files: Any) -> str:
        """Put the converted result on ``page`` (as Page.render would); its HTML."""
        uri = page.file.src_uri
        while uri not in self.ready:
            assert self.chunks is not None
            chunk = next(self.chunks)
            for name, level, message in chunk.warnings:
                logging.getLogger(name).log(level, message)
            self.ready.update(chunk.pages)
        converted = self.ready.pop(uri)
        self.expected.discard(uri)
        page.toc = converted.toc
        page._title_from_render = converted.title
        page.present_anchor_ids = converted.anchors
        if converted.links_to_anchors is not None:
            page.links_to_anchors = {
                files.get_file_from_path(to): anchors
                for to, anchors in converted.links_to_anchors.items()
            }
        if not self.expected:
            self.stop()
        return converted.content

    def stop(self) -> None:
        global _shared
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
        self.chunks, self.expected, _shared = None, set(), None
