"""What ``scopesite build`` says while it builds: warnings, timings, and one line
for a failure, never a traceback."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click

from generator.build import Session
from generator.content.project import Project
from generator.progress import Progress
from generator.site.publish import PublishError, describe, replaced_note


class BuildReport:
    """The terminal side of one build: its session's progress, and what it says."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.started = time.monotonic()
        self.progress = Progress(enabled=not quiet)
        self.session = Session(self.progress, checked=self.checked)

    def say(self, message: str) -> None:
        if not self.quiet:
            self.progress.finish()
            click.echo(message, err=True)

    def checked(self, warnings: list[str]) -> None:
        for warning in warnings:
            self.say(warning)
        self.say(f"checked content in {self._elapsed()}")

    def built(self, replaced: list[str], target: Path) -> None:
        self.progress.end()
        note = replaced_note(replaced, target)
        if note:
            self.say(f"note: {note}")
        self.say(f"built {target} in {self._elapsed()}")

    @contextmanager
    def failures(self, project: Project, target: Path) -> Iterator[None]:
        """A build MkDocs gave up, or a folder or system that refused it, in one line."""
        from mkdocs.exceptions import Abort

        try:
            yield
        except Abort as error:
            self._fail(f"the site was not built ({error}); the previous site is untouched")
        except (PublishError, OSError) as error:
            self._fail(describe(error, target, project))

    def _fail(self, message: str) -> NoReturn:
        self.progress.finish()
        click.echo(f"error: {message}", err=True)
        sys.exit(1)

    def _elapsed(self) -> str:
        return f"{time.monotonic() - self.started:.1f} s"
