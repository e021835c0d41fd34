"""Progress of a long build in the terminal, and how long each stage took.

A build that finishes within two seconds prints nothing of this. A longer one
shows its stage, and for stages that know their size, how far along it is: on a
terminal one line redrawn in place, otherwise a line when a stage starts and at
each quarter of it (CI logs stay short). Every stage's duration goes to the
'scopesite' logger at INFO, which `-v` shows.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

log = logging.getLogger("scopesite")

DELAY = 2.0
"""Seconds of silence before progress appears: short builds stay quiet."""
REDRAW = 0.1
"""Seconds between redraws of the terminal line."""


class Progress:
    """Stages of one build and the count of items done in the current stage."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        enabled: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.clock = clock
        self.started = clock()
        self.name = ""
        self.begun = self.started
        self.total: int | None = None
        self.done = 0
        self.drawn_at = -REDRAW
        self.quarter = 0
        self.line_open = False

    @property
    def live(self) -> bool:
        """Whether lines are redrawn in place (a terminal) or printed one by one."""
        return self.stream.isatty()

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[None]:
        """Run one stage; its duration is logged when it ends."""
        self.begin(name, total)
        try:
            yield
        finally:
            self.end()

    def begin(self, name: str, total: int | None = None) -> None:
        """Start a stage that spans several MkDocs events (see ``stage``)."""
        self.end()
        self.name, self.total, self.done, self.quarter = name, total, 0, 0
        self.begun = self.clock()
        self._show(force=True)

    def end(self) -> None:
        if self.name:
            log.info("%s took %.2f s", self.name, self.clock() - self.begun)
            self.name = ""

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._show()

    def finish(self) -> None:
        """End the redrawn line, so the next message starts on a line of its own."""
        if self.line_open:
            self.stream.write("\n")
            self.stream.flush()
            self.line_open = False

    def _show(self, force: bool = False) -> None:
        now = self.clock()
        if not self.enabled or now - self.started < DELAY:
            return
        if self.live:
            if force or now - self.drawn_at >= REDRAW:
                self.stream.write(f"\r\x1b[K{self._line()}")
                self.stream.flush()
                self.drawn_at, self.line_open = now, True
            return
        quarter = 4 * self.done // self.total if self.total else 0
        if force or quarter > self.quarter:
            self.quarter = quarter
            self.stream.write(self._line() + "\n")
            self.stream.flush()

    def _line(self) -> str:
        elapsed = f"{self.clock() - self.started:.0f} s"
        if self.total:
            share = self.done / self.total
            return f"scopesite: {self.name} {self.done:,}/{self.total:,} ({share:.0%}), {elapsed}"
        if self.done:
            return f"scopesite: {self.name} {self.done:,}, {elapsed}"
        return f"scopesite: {self.name}, {elapsed}"
