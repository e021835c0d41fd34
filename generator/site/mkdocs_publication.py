"""Publishing for a build MkDocs starts itself (plain ``mkdocs build``).

``scopesite build`` opens the site folder and publishes it around the whole
build. A plain ``mkdocs build`` reaches scopesite only through the plugin, so
the plugin opens the folder when the configuration is read and publishes after
the last event, with the same checks, lock and swap (``publish``) — and never a
site that strict mode rejects: MkDocs aborts a strict build with warnings only
after ``on_post_build``, so the warnings are counted here too.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.content.project import Project
from generator.progress import Progress
from generator.site.publish import Publication, open_publication, publish
from generator.site.publish_refusals import PublishError, describe, replaced_note

MKDOCS_FORCE_HINT = "build it with 'scopesite build --site-dir FOLDER --force' (its files are kept)"

log = logging.getLogger("mkdocs.plugins.scopesite")


class _WarningCounter(logging.Handler):
    """Counts MkDocs warnings during one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class MkDocsPublication:
    """The site folder a plain ``mkdocs build`` opened, and the warnings it logged."""

    def __init__(self, publication: Publication, project: Project) -> None:
        self.publication = publication
        self.project = project
        self.warnings = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(self.warnings)

    @classmethod
    def open(cls, site_dir: Path, project: Project) -> MkDocsPublication:
        """The same checks and lock as ``scopesite build``; a refusal is MkDocs' PluginError."""
        try:
            publication = open_publication(
                site_dir, project, force=False, force_hint=MKDOCS_FORCE_HINT
            )
        except (PublishError, OSError) as error:
            raise PluginError(describe(error, site_dir, project)) from None
        return cls(publication, project)

    def publish(self, progress: Progress, *, strict: bool) -> Path | None:
        """Publish the staged site, unless strict mode will reject it; return where it went."""
        self._stop_counting()
        if strict and self.warnings.count:
            self.abandon()  # MkDocs aborts a strict build with warnings after this event
            return None
        shown = self.publication.shown
        try:
            replaced = publish(self.publication, progress)
        except OSError as error:
            raise PluginError(describe(error, shown, self.project)) from None
        note = replaced_note(replaced, shown)
        if note:
            log.info(note)
        return shown

    def abandon(self) -> None:
        """Drop the staging folder and let the next build in (a failed or rejected build)."""
        self.publication.abandon()
        self._stop_counting()

    def _stop_counting(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
