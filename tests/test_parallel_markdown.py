"""Wizard pages converted in worker processes: the same site, the same strictness."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from generator.build import Session
from generator.build import build as build_site
from generator.content.project import Project
from generator.render.bundled import bundled_templates
from generator.site import parallel_markdown
from tests.test_cli import MakeProject, tree_digest

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="workers need two cores")


def build(
    project: Path,
    site: Path,
    *,
    parallel: bool,
    monkeypatch: pytest.MonkeyPatch,
    started: list[bool] | None = None,
) -> list[bool]:
    """Build in this process; whether the workers were started, per build."""
    monkeypatch.setattr(parallel_markdown, "MIN_PAGES", 1 if parallel else 10**9)
    started = [] if started is None else started
    original = parallel_markdown.ParallelMarkdown.start

    def recording_start(self: parallel_markdown.ParallelMarkdown, *args: object) -> bool:
        started.append(original(self, *args))
        return started[-1]

    monkeypatch.setattr(parallel_markdown.ParallelMarkdown, "start", recording_start)
    scopesite = Project.at(project)
    build_site(scopesite, site, Session(), strict=True)
    return started


def test_workers_write_the_site_mkdocs_would(
    make_project: MakeProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = make_project({})
    assert build(project, tmp_path / "parallel", parallel=True, monkeypatch=monkeypatch) == [True]
    assert build(project, tmp_path / "serial", parallel=False, monkeypatch=monkeypatch) == [False]
    parallel, serial = tree_digest(tmp_path / "parallel"), tree_digest(tmp_path / "serial")
    assert len([path for path in parallel if path.startswith("wizards/")]) >= 5
    assert parallel == serial


def test_a_warning_in_a_worker_fails_a_strict_build(
    make_project: MakeProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = (bundled_templates() / "wizard_question.md.j2").read_text()
    project = make_project(
        {"templates/wizard_question.md.j2": question + "\n[Broken](nowhere.md)\n"}
    )
    started: list[bool] = []
    # two question pages: on the plan that covers nothing, the third page gives the answer
    with pytest.raises(Abort, match="Aborted with 2 warnings in strict mode"):
        build(project, tmp_path / "site", parallel=True, monkeypatch=monkeypatch, started=started)
    assert started == [True]  # the warnings were logged in the workers
    assert not (tmp_path / "site").exists()
