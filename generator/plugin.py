"""The MkDocs plugin: a thin adapter that runs the scopesite pipeline inside MkDocs.

``mkdocs build`` and ``mkdocs serve`` regenerate the docs folder from content on
every build, and a build writes the site atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .errors import ContentError
from .pipeline import generate
from .project import Project
from .render import RenderedSite
from .writer import discard, publish, staging_dir_for, write_docs


class ScopesiteConfig(base.Config):
    project_dir = c.Optional(c.Type(str))
    """Folder holding site_config.yml; default: the nearest one above mkdocs.yml."""


class ScopesitePlugin(BasePlugin[ScopesiteConfig]):
    """Generate the docs folder from content before MkDocs reads it."""

    def __init__(self) -> None:
        self.command: str | None = None
        self.project: Project | None = None
        self.staging: Path | None = None
        self.site_dir: Path | None = None
        self.prepared: RenderedSite | None = None
        """Set by the CLI when it has already run the pipeline to report errors."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def on_config(self, config: Any) -> Any:
        self.project = Project.at(self._project_dir(config))
        try:
            rendered = self.prepared or generate(self.project)
        except ContentError as error:
            raise PluginError("scopesite found errors in the content:\n" + error.report()) from None
        docs_dir = self.project.work_dir / "docs"
        write_docs(rendered.files, docs_dir)
        site = rendered.site
        config.docs_dir = str(docs_dir)
        config.nav = rendered.nav
        config.site_name = site.name
        config.site_description = site.tagline
        config.extra_css = [*config.extra_css, "assets/scopesite.css"]
        if self.command in ("build", "gh-deploy"):
            config.site_url = config.site_url or site.base_url
            self.site_dir = Path(config.site_dir)
            self.staging = staging_dir_for(self.site_dir)
            config.site_dir = str(self.staging)
        return config

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        # The generated folder changes only because content did: watch the source.
        server.unwatch(config.docs_dir)
        for path in self.project.watched if self.project else []:
            server.watch(str(path))
        return server

    def on_post_build(self, *, config: Any) -> None:
        if self.staging and self.site_dir:
            publish(self.staging, self.site_dir)
            config.site_dir = str(self.site_dir)
            self.staging = None

    def on_build_error(self, *, error: Exception) -> None:
        if self.staging:
            discard(self.staging)
            self.staging = None

    def _project_dir(self, config: Any) -> Path:
        if self.config.project_dir:
            return Path(self.config.project_dir)
        start = Path(config.config_file_path or ".").resolve().parent
        for folder in (start, *start.parents):
            if (folder / "site_config.yml").is_file():
                return folder
        return start
