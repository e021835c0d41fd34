"""The MkDocs plugin: a thin adapter between MkDocs' events and the site stage.

Each event calls a site-stage function (``stage``, ``mkdocs_settings``,
``parallel_markdown``, ``mkdocs_publication``). What a build needs arrives in one
:class:`~generator.site.run.SiteRun`: ``scopesite build`` hands one over with
:meth:`ScopesitePlugin.attach`; plain ``mkdocs build`` and any ``serve`` get one
from :meth:`ScopesitePlugin.new_run`, which ``generator.build`` fills in with
the pipeline (the site stage never imports the build).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.content.errors import ContentError
from generator.content.project import Project
from generator.progress import Progress
from generator.site.live_reload import LiveServe
from generator.site.mkdocs_publication import MkDocsPublication
from generator.site.mkdocs_settings import configure
from generator.site.parallel_markdown import ParallelMarkdown, wizard_pages
from generator.site.run import SiteRun
from generator.site.stage import (
    finish_search_index,
    finished_page,
    published_url,
    render_all_on_new_settings,
    write_docs_folder,
)

BUILDS = ("build", "gh-deploy")


class ScopesiteConfig(base.Config):
    project_dir = c.Optional(c.Type(str))
    """Folder holding site_config.yml; default: the nearest one above mkdocs.yml."""


class ScopesitePlugin(BasePlugin[ScopesiteConfig]):
    """Generate the docs folder from content before MkDocs reads it, and publish after."""

    def __init__(self) -> None:
        self.attached: SiteRun | None = None
        self._start(None, dirty=False)

    def _start(self, command: str | None, *, dirty: bool) -> None:
        """Forget the last build or serve session: MkDocs keeps one plugin per process."""
        self.command = command
        self.dirty = dirty
        self.pages = 0
        self.parallel = ParallelMarkdown()
        self.run: SiteRun | None = None
        self.own: MkDocsPublication | None = None
        """The publication this plugin opened, so publishes (plain mkdocs build)."""
        self.tags: dict[str, list[str]] = {}
        self.products: dict[str, str] = {}
        self.verdicts: dict[str, str] = {}
        self.live: LiveServe | None = None
        self.settings: bytes | None = None
        """serve: a digest of site_config.yml and mkdocs.yml as the last build read them."""

    def attach(self, run: SiteRun) -> None:
        """Hand the next build its run (before ``on_startup``): the one way in from outside."""
        self.attached = run

    def new_run(self, project: Project) -> SiteRun:
        """A run for plain ``mkdocs build`` or ``serve``; ``generator.build`` supplies it."""
        raise PluginError("scopesite: load the plugin as 'scopesite' (generator.build)")

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.parallel.stop()
        self._drop_staging()
        self._start(command, dirty=dirty)
        self.run, self.attached = self.attached, None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        run = self._run(config)
        try:
            rendered = run.next_pages(self._own_config(config), theme_name=config.theme.name)
        except ContentError as error:
            raise PluginError("scopesite found errors:\n" + error.report()) from None
        docs_dir = write_docs_folder(rendered, run.project.work_dir / "docs", run.progress)
        if self.command == "serve":
            settings = (run.project.site_config, Path(config.config_file_path or ""))
            self.settings = render_all_on_new_settings(self.settings, settings, docs_dir)
        self.tags = rendered.search_tags
        self.products = rendered.search_products
        self.verdicts = rendered.search_verdicts
        configure(config, rendered, docs_dir, run.project.work_dir)
        if self.command in BUILDS:
            config.site_url = published_url(config.site_url, rendered)
            self._stage_into(config, run)
        return config

    # MkDocs converts every page's Markdown first, then renders every page's HTML.
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        self.pages = sum(1 for _ in files.documentation_pages())
        self._progress.begin("converting Markdown", None if self.dirty else self.pages)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.command in BUILDS and not self.dirty:
            self.parallel.start(wizard_pages(files), config, files)
        return nav

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # A worker converts this page: MkDocs' own conversion gets nothing to do.
        return "" if self.parallel.expects(page) else markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        self._progress.advance()
        return self.parallel.take(page, files) if self.parallel.expects(page) else html

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        self._progress.begin("rendering HTML pages", None if self.dirty else self.pages)
        if self.command == "serve" and self.run:  # MkDocs makes a new environment each rebuild
            env.bytecode_cache = self.run.theme_cache
        return env

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self._progress.advance()
        folder = page.file.src_uri.split("/")[0]
        product = folder if folder in self.products else None
        return finished_page(output, sharded=self.command != "serve", product=product)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return finished_page(output_content, sharded=self.command != "serve")

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer:
        # The generated folder changes only because content did: watch the source.
        server.unwatch(config.docs_dir)
        if self.run:
            self.live = LiveServe(server, self.run.project)
        return server

    @event_priority(-50)  # after Material's search plugin has written its index
    def _finish_search_index(self, *, config: MkDocsConfig) -> None:
        self._progress.end()  # the HTML is written: stop the clock before serve sits idle
        self.parallel.stop()
        sharded = self.command != "serve"
        finish_search_index(
            Path(config.site_dir),
            self.tags,
            self.verdicts,
            self.products,
            sharded=sharded,
            progress=self._progress,
        )

    @event_priority(-100)  # last: other plugins (search) still write into the staging folder
    def _publish(self, *, config: MkDocsConfig) -> None:
        if not (self.own and self.run):
            return
        shown = self.own.publish(self.run.progress, strict=config.strict)
        if shown:
            config.site_dir = str(shown)  # what gh-deploy pushes next
        self.run.publication, self.own = None, None

    on_post_build = CombinedEvent(_finish_search_index, _publish)

    def on_build_error(self, *, error: Exception) -> None:
        self.parallel.stop()
        self._drop_staging()

    def on_shutdown(self) -> None:
        self._drop_staging()
        if self.live:
            self.live.stop()
        self.run = None

    @property
    def _progress(self) -> Progress:
        assert self.run
        return self.run.progress

    def _run(self, config: MkDocsConfig) -> SiteRun:
        if self.run is None:  # plain mkdocs build, or the first build of a serve
            self.run = self.new_run(Project.at(self._project_dir(config)))
        return self.run

    def _stage_into(self, config: MkDocsConfig, run: SiteRun) -> None:
        """Build into a staging folder; open it here for plain ``mkdocs build``."""
        if run.publication is None:
            self.own = MkDocsPublication.open(Path(config.site_dir), run.project)
            run.publication = self.own.publication
        config.site_dir = str(run.publication.staging)

    def _drop_staging(self) -> None:
        if self.own:
            self.own.abandon()
            if self.run:
                self.run.publication = None
        self.own = None

    def _own_config(self, config: MkDocsConfig) -> Path | None:
        """The mkdocs.yml MkDocs loaded, unless it is the one scopesite generated."""
        if not (self.run and config.config_file_path):
            return None
        path = Path(config.config_file_path).resolve()
        return None if path.is_relative_to(self.run.project.work_dir) else path

    def _project_dir(self, config: MkDocsConfig) -> Path:
        if self.config.project_dir:
            return Path(self.config.project_dir)
        return Project.root_above(Path(config.config_file_path or ".").resolve().parent)
