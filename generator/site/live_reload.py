"""Serving that tells the truth: live reload under the pages' Content-Security-Policy,
sources watched wherever they come and go, and a broken edit shown, not hidden.

MkDocs' development server injects an inline script for live reload, which the
policy blocks; it watches a folder only while that folder exists; and after a
failed build it holds every request until a build succeeds. The plugin's
``on_serve`` installs :class:`LiveServe` on that server to change all three.
"""

from __future__ import annotations

import html
import itertools
import logging
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import MkDocsException
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.api import ObservedWatch
from watchdog.observers.polling import PollingObserver

from generator.content.project import Project
from generator.render.bundled import bundled_templates

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

SCRIPT = "assets/scopesite-livereload.js"
"""Where the live reload script is served, under the site's mount path."""

BODY = re.compile(rb"<body\b[^>]*>")

log = logging.getLogger("mkdocs.plugins.scopesite")


class LiveServe:
    """What the plugin changes on MkDocs' LiveReloadServer for one ``serve``."""

    def __init__(self, server: LiveReloadServer, project: Project) -> None:
        self.server = server
        self.errors: str | None = None
        """The errors of the latest build while it failed; shown on every page."""
        self._request_ids = itertools.count(1)
        self._build: Callable[[], None] = server.builder
        self.watch = ProjectWatch(project, self.request_rebuild)
        server.builder = self.rebuild
        # The server calls this on every HTML file it sends, in place of its inline script.
        server._inject_js_into_html = self.inject  # type: ignore[method-assign]
        self.write_script()

    def rebuild(self) -> None:
        """MkDocs' rebuild, except that a failed one leaves the last good site served.

        MkDocs would hold every request until a build succeeds. Here a failed build
        counts as done: pages answer at once and reload, showing the errors the
        terminal shows, and the next save that fixes them rebuilds as usual.
        """
        errors = _ErrorLog()
        logging.getLogger("mkdocs").addHandler(errors)
        try:
            self.watch.sync()
            self._build()
        except Exception as error:
            if not errors.lines:  # MkDocs logs what aborts a build, but not an exception
                expected = isinstance(error, OSError | MkDocsException)
                log.error(  # an OS error is one plain line; anything else is a bug: its traceback
                    f"scopesite: the site was not rebuilt: {_one_line(error)}",
                    exc_info=not expected,
                )
            self.errors = "\n".join(errors.lines)
            log.warning(
                "scopesite: still serving the last good site, its pages showing these errors; "
                "save a fix to rebuild"
            )
        else:
            self.errors = None
        finally:
            logging.getLogger("mkdocs").removeHandler(errors)
            self.write_script()  # a clean build (mkdocs serve) empties the site folder

    def inject(self, content: bytes, epoch: int) -> bytes:
        """An HTML page as served: the live reload script, and the errors while there are any."""
        source = html.escape(self.server.mount_path + SCRIPT)
        script = (
            f'<script src="{source}" data-epoch="{epoch}" '
            f'data-request-id="{next(self._request_ids)}"></script>'
        ).encode()
        end = content.rfind(b"</body>")
        end = len(content) if end < 0 else end
        content = content[:end] + script + content[end:]
        errors = self.errors
        if errors is None:
            return content
        return BODY.sub(lambda body: body[0] + error_banner(errors), content, count=1)

    def write_script(self) -> None:
        """Put the live reload script into the served site (and never into a built one)."""
        target = Path(self.server.root) / SCRIPT
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((bundled_templates() / SCRIPT).read_bytes())

    def stop(self) -> None:
        self.watch.stop()

    def request_rebuild(self) -> None:
        """What MkDocs' own watches do on a change (its server has no public method for it)."""
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


class _ErrorLog(logging.Handler):
    """The errors MkDocs and the plugin log during one build, as the terminal shows them."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _one_line(error: Exception) -> str:
    """An OS error or MkDocs' own as its message; anything else with its kind, as a bug."""
    if isinstance(error, OSError | MkDocsException):
        return str(error)
    return f"{type(error).__name__}: {error}"


def error_banner(errors: str) -> bytes:
    """The errors of a failed build at the top of a page, as text (never markup)."""
    return (
        '<div class="md-typeset scopesite-serve-errors" role="alert">'
        '<div class="admonition failure"><p class="admonition-title">'
        "The site was not rebuilt: this page is from the last build that worked. "
        "Fix the errors below and save; the page reloads by itself.</p>"
        f"<pre><code>{html.escape(errors)}</code></pre></div></div>"
    ).encode()


class ProjectWatch:
    """Watches site_config.yml, content/ and templates/, whenever they exist.

    A watch of MkDocs' dies with its folder and never sees it come back, nor a
    templates/ created after serve started. So the project root is watched one
    level deep for those names (not deeply: it may hold a large site/ or .venv),
    each folder deeply while it exists, and folders that came, went or lost their
    watch are watched afresh at the start of the rebuild their change asks for.
    The watches poll, as MkDocs' do (they work on any file system), but more
    often: the time an edit takes to show starts with the poll that sees it.
    """

    POLL_SECONDS = 0.2

    def __init__(self, project: Project, changed: Callable[[], None]) -> None:
        self.changed = changed
        self.folders = [str(project.content_dir), str(project.templates_dir)]
        self.names = {str(project.site_config), *self.folders}
        self.watches: dict[str, ObservedWatch] = {}
        self._lock = threading.Lock()
        self._refresh = False
        self.handler = FileSystemEventHandler()
        self.handler.on_any_event = self.on_event  # type: ignore[method-assign]
        self.observer = PollingObserver(timeout=self.POLL_SECONDS)
        self.observer.schedule(self.handler, str(project.root), recursive=False)
        self.sync()
        self.observer.start()
        log.info("scopesite: watching site_config.yml, content/ and templates/, even created later")

    def on_event(self, event: FileSystemEvent) -> None:
        """Any change to a source asks for a rebuild; a folder coming or going, a re-watch."""
        if event.is_directory and event.event_type == "modified":
            return  # comes with every change of a file in the folder, reported on its own
        if event.event_type not in ("created", "deleted", "modified", "moved"):
            return
        paths = {os.fsdecode(event.src_path), os.fsdecode(event.dest_path)} - {""}
        if not any(self._is_source(path) for path in paths):
            return
        if event.is_directory and paths & set(self.folders):
            with self._lock:  # one moved away, back, or its watch died with it
                self._refresh = True
        self.changed()

    def _is_source(self, path: str) -> bool:
        inside = any(path.startswith(folder + os.sep) for folder in self.folders)
        return inside or path in self.names

    def sync(self) -> None:
        """Watch each source folder that exists; afresh if it came or went since the last time."""
        with self._lock:
            refresh, self._refresh = self._refresh, False
        for folder in self.folders:
            watch = self.watches.get(folder)
            if watch is not None and (refresh or not os.path.isdir(folder)):
                self.observer.unschedule(watch)
                del self.watches[folder]
            if folder not in self.watches and os.path.isdir(folder):
                self.watches[folder] = self.observer.schedule(self.handler, folder, recursive=True)

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=5)
