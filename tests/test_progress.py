"""Progress in the terminal for long builds; stage durations in the log."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from generator.progress import Progress
from tests.conftest import FIXTURES, run_scopesite


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_stages(stream: io.StringIO, clock: Clock, *, enabled: bool = True) -> None:
    progress = Progress(stream, enabled=enabled, clock=clock)
    with progress.stage("loading content"):
        clock.now += 1.0
    with progress.stage("converting Markdown", total=8):
        for _ in range(8):
            clock.now += 0.5
            progress.advance()
    progress.finish()


def test_a_short_build_prints_nothing_a_long_one_prints_stages_and_quarters() -> None:
    stream, clock = io.StringIO(), Clock()
    run_stages(stream, clock)
    # Progress starts 2 s in: 'loading content' ended at 1 s, unseen.
    assert stream.getvalue().splitlines() == [
        "scopesite: converting Markdown 2/8 (25%), 2 s",
        "scopesite: converting Markdown 4/8 (50%), 3 s",
        "scopesite: converting Markdown 6/8 (75%), 4 s",
        "scopesite: converting Markdown 8/8 (100%), 5 s",
    ]


def test_on_a_terminal_one_line_is_redrawn() -> None:
    stream, clock = Terminal(), Clock()
    run_stages(stream, clock)
    text = stream.getvalue()
    assert text.count("\r\x1b[K") == 7  # at 2/8 (2 s in) and each advance after
    assert text.endswith("\r\x1b[Kscopesite: converting Markdown 8/8 (100%), 5 s\n")


def test_quiet_prints_nothing_and_durations_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    stream, clock = io.StringIO(), Clock()
    with caplog.at_level(logging.INFO, logger="scopesite"):
        run_stages(stream, clock, enabled=False)
    assert stream.getvalue() == ""
    assert caplog.messages == ["loading content took 1.00 s", "converting Markdown took 4.00 s"]


def test_build_verbose_logs_how_long_each_stage_took(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run_scopesite("build", str(FIXTURES / "minimal"), "--site-dir", str(site), "-v")
    assert result.returncode == 0
    stages = [line.split(" took ")[0] for line in result.stderr.splitlines() if " took " in line]
    assert stages == [
        "INFO    - loading content",
        "INFO    - deriving answers and compiling wizards",
        "INFO    - finding related items",
        "INFO    - rendering pages",
        "INFO    - writing the docs folder",
        "INFO    - converting Markdown",
        "INFO    - rendering HTML pages",
        "INFO    - sharding the search index",
        "INFO    - publishing",
    ]
