"""A question with many choices in sections lists its sections, each on a page."""

from __future__ import annotations

import re

import pytest

from generator.build import generate
from generator.content.project import Project
from generator.render import wizard_pages
from tests.conftest import REPO

QUESTION = "wizards/is-it-covered/what-do-you-need_imacros-professional_imacros"


def test_a_long_question_is_split_by_section(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wizard_pages, "MAX_CHOICES_ON_A_PAGE", 10)
    files = {p: b.decode() for p, b in generate(Project.at(REPO)).files.items()}
    question = files[f"{QUESTION}.md"]
    sections = re.findall(r"- \[([^\]]+)\]\((what-do-you-need[^)]+__[^)]+)\.md\) ", question)
    assert len(sections) >= 4
    assert "](coverage-verdict_" not in question  # choices are on the section pages
    chosen: list[str] = []
    for heading, slug in sections:
        page = files[f"wizards/is-it-covered/{slug}.md"]
        assert f"## {heading}\n" in page
        assert "[Choose another section](what-do-you-need_imacros-professional_imacros.md)" in page
        chosen += re.findall(r"\]\((coverage-verdict_[^)]+)\.md\)", page)
    unsplit = generate_unsplit(monkeypatch)
    assert sorted(chosen) == sorted(re.findall(r"\]\((coverage-verdict_[^)]+)\.md\)", unsplit))
    assert len(chosen) == 46  # every iMacros scope item, once


def generate_unsplit(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(wizard_pages, "MAX_CHOICES_ON_A_PAGE", 1000)
    return generate(Project.at(REPO)).files[f"{QUESTION}.md"].decode()
