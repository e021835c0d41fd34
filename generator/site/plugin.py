"""The MkDocs plugin: a thin adapter that runs the scopesite pipeline inside MkDocs.

``mkdocs build`` and ``mkdocs serve`` regenerate the docs folder from content on
every build, and a build writes the site atomically.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from generator.render import template_cache
from generator.site.csp import with_csp
from generator.content.errors import ContentError
from generator.site.live_reload import LiveServe
from generator.site.mkdocs_settings import require
from generator.site.parallel_markdown import ParallelMarkdown
from generator.progress import current
from generator.content.project import Project
from generator.site.project_config import generate_checked
from generator.site.publish import (
    Publication,
    PublishError,
    describe,
    open_publication,
    replaced_note,
)
from generator.render.pages import RenderedSite
from generator.search.shards import shard_index
from generator.render.search_tags import tag_sections
from generator.search.worker import use_sharded_search, write_worker
from generator.site.theme import write_overrides
from generator.render.theme_values import set_theme_values
from generator.site.writer import write_docs

MKDOCS_FORCE_HINT = "build it with 'scopesite build --site-dir FOLDER --force' (its files are kept)"


class ScopesiteConfig(base.Config):
    project_dir = c.Optional(c.Type(str))
    """Folder holding site_config.yml; default: the nearest one above mkdocs.yml."""


class _WarningCounter(logging.Handler):
    """Counts MkDocs warnings during one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def reset(self) -> None:
        self.count = 0


class ScopesitePlugin(BasePlugin[ScopesiteConfig]):
    """Generate the docs folder from content before MkDocs reads it."""

    def __init__(self) -> None:
        self.command: str | None = None
        self.dirty = False
        self.pages = 0
        self.parallel = ParallelMarkdown()
        self.project: Project | None = None
        self.publication: Publication | None = None
        """Set by the CLI, which then publishes; otherwise opened and published here."""
        self.publishes = False
        self.warnings = _WarningCounter()
        self.prepared: RenderedSite | None = None
        """Set by the CLI when it has already run the pipeline to report errors."""
        self.tags: dict[str, list[str]] = {}
        self.live: LiveServe | None = None
        self.settings: bytes | None = None
        """serve: a digest of site_config.yml and mkdocs.yml as the last build read them."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        self.dirty = dirty

    def on_config(self, config: Any) -> Any:
        try:
            self.project = Project.at(self._project_dir(config))
            rendered = self.prepared or generate_checked(
                self.project, self._own_config(config), theme_name=config.theme.name
            )
        except ContentError as error:
            raise PluginError("scopesite found errors:\n" + error.report()) from None
        require(config)  # whatever the project's mkdocs.yml left out or replaced
        docs_dir = self.project.work_dir / "docs"
        with current().stage("writing the docs folder"):
            write_docs(rendered.files, docs_dir)
        if self.command == "serve":
            self._render_all_when_settings_change(config, docs_dir)
        site = rendered.site
        self.tags = rendered.search_tags
        config.docs_dir = str(docs_dir)
        set_theme_values(config, rendered)  # escaped: Material prints them as HTML
        # The project's own stylesheets and scripts come after scopesite's, so theirs win.
        config.extra_css = ["assets/scopesite.css", *config.extra_css]
        config.extra_javascript = ["assets/scopesite.js", *config.extra_javascript]
        overrides = write_overrides(config.theme.dirs, self.project.work_dir / "overrides")
        if str(overrides) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(overrides))
        if self.command in ("build", "gh-deploy"):
            config.site_url = config.site_url or site.base_url
            if self.publication is None:
                self.publication = self._open_publication(Path(config.site_dir))
                self.publishes = True
            config.site_dir = str(self.publication.staging)
            # MkDocs aborts a strict build only after on_post_build, so count the
            # warnings here too and never publish a site that strict mode rejects.
            self.warnings.reset()
            logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    # MkDocs converts every page's Markdown first, then renders every page's HTML.
    def on_files(self, files: Any, *, config: Any) -> Any:
        self.pages = sum(1 for _ in files.documentation_pages())
        current().begin("converting Markdown", None if self.dirty else self.pages)
        return files

    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        if self.command in ("build", "gh-deploy") and not self.dirty:
            wizard_pages = [
                file.page
                for file in files.documentation_pages()
                if file.src_uri.startswith("wizards/") and file.page is not None
            ]
            self.parallel.start(wizard_pages, config, files)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        # A worker converts this page: MkDocs' own conversion gets nothing to do.
        return "" if self.parallel.expects(page) else markdown

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        current().advance()
        return self.parallel.take(page, files) if self.parallel.expects(page) else html

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        current().begin("rendering HTML pages", None if self.dirty else self.pages)
        if self.command == "serve":  # MkDocs makes a new environment on each rebuild
            env.bytecode_cache = template_cache.THEME
        return env

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        current().advance()
        return with_csp(self._search(output))

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return with_csp(self._search(output_content))

    def _search(self, html: str) -> str:
        # Serving keeps Material's whole index: sharding each rebuild would cost
        # more than a local preview gains.
        return html if self.command == "serve" else use_sharded_search(html)

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        # The generated folder changes only because content did: watch the source.
        server.unwatch(config.docs_dir)
        if self.project:
            self.live = LiveServe(server, self.project)
        return server

    @event_priority(-50)  # after Material's search plugin has written its index
    def _shard_search_index(self, *, config: Any) -> None:
        current().end()  # the HTML is written: stop the clock before serve sits idle
        self.parallel.stop()
        site = Path(config.site_dir)
        index = site / "search" / "search_index.json"
        if not index.is_file():
            return
        if self.tags:
            tag_sections(self.tags, index)
        if self.command == "serve":
            return
        with current().stage("sharding the search index"):
            shard_index(index.parent)
            write_worker(site)

    @event_priority(-100)  # last: other plugins (search) still write into the staging folder
    def _publish(self, *, config: Any) -> None:
        if not (self.publishes and self.publication and self.project):
            return
        if config.strict and self.warnings.count:
            self._drop_staging()
            return
        with current().stage("publishing"):
            try:
                replaced = self.publication.commit()
            except OSError as error:
                message = describe(error, self.publication.shown, self.project)
                raise PluginError(message) from None
        note = replaced_note(replaced, self.publication.shown)
        if note:
            logging.getLogger("mkdocs.plugins.scopesite").info(note)
        config.site_dir = str(self.publication.shown)  # what gh-deploy pushes next
        self.publication = None
        logging.getLogger("mkdocs").removeHandler(self.warnings)

    on_post_build = CombinedEvent(_shard_search_index, _publish)

    def on_build_error(self, *, error: Exception) -> None:
        self.parallel.stop()
        self._drop_staging()

    def on_shutdown(self) -> None:
        self._drop_staging()
        if self.live:
            self.live.stop()

    def _drop_staging(self) -> None:
        if self.publishes and self.publication:
            self.publication.abandon()
            self.publication = None
        logging.getLogger("mkdocs").removeHandler(self.warnings)

    def _render_all_when_settings_change(self, config: Any, docs_dir: Path) -> None:
        """A rebuild of serve renders only the pages whose Markdown changed (MkDocs'
        dirty build). A new site name in site_config.yml, or a palette or extension in
        mkdocs.yml, belongs on every page: after such an edit, every page renders again.
        """
        assert self.project
        digest = hashlib.blake2b(digest_size=16)
        for path in (self.project.site_config, Path(config.config_file_path or "")):
            data = path.read_bytes() if path.is_file() else b""
            digest.update(len(data).to_bytes(8, "big") + data)
        settings = digest.digest()
        if self.settings is not None and settings != self.settings:
            for file in docs_dir.rglob("*"):
                if file.is_file():
                    os.utime(file)  # newer than the page built from it: MkDocs renders it again
        self.settings = settings

    def _open_publication(self, site_dir: Path) -> Publication:
        """For plain ``mkdocs build``: the same checks and lock as ``scopesite build``."""
        assert self.project
        try:
            return open_publication(
                site_dir, self.project, force=False, force_hint=MKDOCS_FORCE_HINT
            )
        except (PublishError, OSError) as error:
            raise PluginError(describe(error, site_dir, self.project)) from None

    def _own_config(self, config: Any) -> Path | None:
        """The mkdocs.yml MkDocs loaded, unless it is the one scopesite generated."""
        if not (self.project and config.config_file_path):
            return None
        path = Path(config.config_file_path).resolve()
        return None if path.is_relative_to(self.project.work_dir) else path

    def _project_dir(self, config: Any) -> Path:
        if self.config.project_dir:
            return Path(self.config.project_dir)
        start = Path(config.config_file_path or ".").resolve().parent
        for folder in (start, *start.parents):
            if (folder / "site_config.yml").is_file():
                return folder
        return start
