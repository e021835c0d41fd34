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
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from generator.render import urls

MIN_PAGES = 400
"""Below this many wizard pages, starting workers costs more than it saves."""
CHUNK = 100
"""Pages a worker converts per task: big enough to amortise the hand-over."""


@dataclass
class Converted:
    """What Page.render sets on a page, in a form that crosses processes."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None


@dataclass
class Chunk:
    pages: dict[str, Converted] = field(default_factory=dict)
    warnings: list[tuple[str, int, str]] = field(default_factory=list)


class _Recorder(logging.Handler):
    def __init__(self, chunk: Chunk) -> None:
        super().__init__(logging.WARNING)
        self.chunk = chunk

    def emit(self, record: logging.LogRecord) -> None:
        self.chunk.warnings.append((record.name, record.levelno, record.getMessage()))


@dataclass
class _Work:
    """What every worker inherits when it is forked: nothing crosses a pipe but results."""

    pages: list[Page]
    config: MkDocsConfig
    files: Files
    bounds: list[tuple[int, int]]
    results: Queue[tuple[int, Chunk | BaseException]]

    def convert_every(self, first: int, step: int) -> None:
        """In a worker: convert chunks first, first + step, …, each in MkDocs' order."""
        for index in range(first, len(self.bounds), step):
            try:
                chunk = self.convert(*self.bounds[index])
            except BaseException as error:  # the build raises it when it reaches the chunk
                self.results.put((index, error))
                return
            self.results.put((index, chunk))

    def convert(self, start: int, stop: int) -> Chunk:
        """Convert pages[start:stop] as MkDocs would."""
        chunk = Chunk()
        logger = logging.getLogger("mkdocs")
        # The build's own handlers would print these now and the build again later.
        logger.handlers[:] = [_Recorder(chunk)]
        logger.propagate = False
        for page in self.pages[start:stop]:
            page.read_source(self.config)
            page.render(self.config, self.files)
            links = page.links_to_anchors
            chunk.pages[page.file.src_uri] = Converted(
                page.content or "",
                page.toc,
                page._title_from_render,
                set(page.present_anchor_ids or ()),
                {to.src_uri: anchors for to, anchors in links.items()}
                if links is not None
                else None,
            )
        return chunk


class ParallelMarkdown:
    """Wizard pages converted ahead of MkDocs, handed over as MkDocs reaches them."""

    def __init__(self) -> None:
        self.workers: list[BaseProcess] = []
        self.results: Queue[tuple[int, Chunk | BaseException]] | None = None
        self.arrived: dict[int, Chunk] = {}
        self.next_chunk = 0
        self.ready: dict[str, Converted] = {}
        self.expected: set[str] = set()

    def start(self, pages: list[Page], config: MkDocsConfig, files: Files) -> bool:
        """Start converting ``pages`` (in MkDocs' order); False when not worth it."""
        count = min(os.cpu_count() or 1, 8)
        if count < 2 or len(pages) < MIN_PAGES:
            return False
        context = multiprocessing.get_context("fork")
        self.results = context.Queue()
        bounds = [(start, start + CHUNK) for start in range(0, len(pages), CHUNK)]
        work = _Work(pages, config, files, bounds, self.results)
        self.workers = [
            context.Process(target=work.convert_every, args=(first, count), daemon=True)
            for first in range(count)
        ]
        for worker in self.workers:
            worker.start()
        self.arrived, self.next_chunk = {}, 0
        self.expected = {page.file.src_uri for page in pages}
        return True

    def expects(self, page: Page) -> bool:
        return page.file.src_uri in self.expected

    def take(self, page: Page, files: Files) -> str:
        """Put the converted result on ``page`` (as Page.render would); its HTML."""
        uri = page.file.src_uri
        while uri not in self.ready:
            chunk = self._next_chunk()
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
                file: anchors
                for to, anchors in converted.links_to_anchors.items()
                if (file := files.get_file_from_path(to)) is not None  # the worker saw them all
            }
        if not self.expected:
            self.stop()
        return converted.content

    def _next_chunk(self) -> Chunk:
        """The chunk after the last one taken, whichever worker converts it."""
        assert self.results is not None
        while self.next_chunk not in self.arrived:
            index, result = self.results.get()
            if isinstance(result, BaseException):
                raise result
            self.arrived[index] = result
        self.next_chunk += 1
        return self.arrived.pop(self.next_chunk - 1)

    def stop(self) -> None:
        for worker in self.workers:
            worker.terminate()
        for worker in self.workers:
            worker.join()
        self.workers, self.results, self.expected, self.arrived = [], None, set(), {}


def wizard_pages(files: Files) -> list[Page]:
    """The wizard steps' pages, in MkDocs' order: most of a large site's Markdown."""
    return [
        file.page
        for file in files.documentation_pages()
        if file.src_uri.startswith(urls.WIZARDS) and file.page is not None
    ]
