"""One build or serve as the site stage sees it: the one way into the MkDocs plugin.

``scopesite build`` generates the pages and opens the site folder itself, then
hands both to the plugin in a :class:`SiteRun`. Plain ``mkdocs build`` and any
``serve`` start without one: the plugin makes its own (``ScopesitePlugin.new_run``
in ``generator.build``), and runs the pipeline through it on every build. A run
that lasts a whole ``serve`` keeps the caches that make a rebuild fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator.content.project import Project
from generator.progress import Progress
from generator.render.rendered import RenderedSite
from generator.render.template_cache import MemoryBytecodeCache
from generator.site.publish import Publication


class Pages(Protocol):
    """The pipeline up to render, with the project's mkdocs.yml checked alongside."""

    def __call__(self, config_path: Path | None, *, theme_name: str | None) -> RenderedSite: ...


@dataclass
class SiteRun:
    """What the site engine needs from whoever owns the build."""

    project: Project
    pages: Pages
    """Run on each engine build that was not handed its pages (every serve rebuild)."""
    progress: Progress = field(default_factory=Progress)
    rendered: RenderedSite | None = None
    """Pages already generated: the next engine build uses them instead of ``pages``."""
    publication: Publication | None = None
    """Opened by the caller, which publishes; None: the plugin opens it and publishes."""
    theme_cache: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)
    """The theme's compiled templates, kept while serving (MkDocs recompiles on each build)."""

    def next_pages(self, config_path: Path | None, *, theme_name: str | None) -> RenderedSite:
        """The pages handed over (once), or freshly generated ones."""
        rendered, self.rendered = self.rendered, None
        return rendered or self.pages(config_path, theme_name=theme_name)
