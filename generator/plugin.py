"""The MkDocs plugin: a thin adapter that runs the scopesite pipeline inside MkDocs.

``mkdocs build`` and ``mkdocs serve`` regenerate the docs folder from content on
every build, and a build writes the site atomically.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from .csp import with_csp
from .errors import ContentError
from .pipeline import generate
from .project import Project
from .render import RenderedSite
from .search_tags import tag_sections
from .theme import write_overrides
from .writer import discard, publish, staging_dir_for, write_docs


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
        self.project: Project | None = None
        self.staging: Path | None = None
        self.site_dir: Path | None = None
        self.warnings = _WarningCounter()
        self.prepared: RenderedSite | None = None
        self.tags: dict[str, list[str]] = {}
        """Set by the CLI when it has already run the pipeline to report errors."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def on_config(self, config: Any) -> Any:
        try:
            self.project = Project.at(self._project_dir(config))
            rendered = self.prepared or generate(self.project)
        except ContentError as error:
            raise PluginError("scopesite found errors in the content:\n" + error.report()) from None
        docs_dir = self.project.work_dir / "docs"
        write_docs(rendered.files, docs_dir)
        site = rendered.site
        self.tags = rendered.search_tags
        config.extra["scopesite_help"] = rendered.help_links
        config.docs_dir = str(docs_dir)
        config.nav = rendered.nav
        config.site_name = site.name
        config.site_description = site.tagline
        config.extra_css = [*config.extra_css, "assets/scopesite.css"]
        config.extra_javascript = [*config.extra_javascript, "assets/scopesite.js"]
        overrides = write_overrides(config.theme.dirs, self.project.work_dir / "overrides")
        if str(overrides) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(overrides))
        if self.command in ("build", "gh-deploy"):
            config.site_url = config.site_url or site.base_url
            self.site_dir = Path(config.site_dir)
            self.staging = staging_dir_for(self.site_dir)
            config.site_dir = str(self.staging)
            # MkDocs aborts a strict build only after on_post_build, so count the
            # warnings here too and never publish a site that strict mode rejects.
            self.warnings.reset()
            logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        return with_csp(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        return with_csp(output_content) if template_name.endswith(".html") else output_content

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        # The generated folder changes only because content did: watch the source.
        server.unwatch(config.docs_dir)
        for path in self.project.watched if self.project else []:
            server.watch(str(path))
        return server

    @event_priority(-50)  # after Material's search plugin has written its index
    def _tag_search_index(self, *, config: Any) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if self.tags and index.is_file():
            tag_sections(self.tags, index)

    @event_priority(-100)  # last: other plugins (search) still write into the staging folder
    def _publish(self, *, config: Any) -> None:
        if not (self.staging and self.site_dir):
            return
        if config.strict and self.warnings.count:
            self._drop_staging()
            return
        publish(self.staging, self.site_dir)
        self.staging = None
        logging.getLogger("mkdocs").removeHandler(self.warnings)

    on_post_build = CombinedEvent(_tag_search_index, _publish)

    def on_build_error(self, *, error: Exception) -> None:
        self._drop_staging()

    def on_shutdown(self) -> None:
        self._drop_staging()

    def _drop_staging(self) -> None:
        if self.staging:
            discard(self.staging)
            self.staging = None
        logging.getLogger("mkdocs").removeHandler(self.warnings)

    def _project_dir(self, config: Any) -> Path:
        if self.config.project_dir:
            return Path(self.config.project_dir)
        start = Path(config.config_file_path or ".").resolve().parent
        for folder in (start, *start.parents):
            if (folder / "site_config.yml").is_file():
                return folder
        return start
