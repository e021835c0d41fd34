"""The bad-input corpus: tests/bad_inputs/*.yml, one file per category.

Each case changes the minimal fixture (writes files, bytes, a repeated text, a
symlink, or removes a file) and states the whole error output. Every case must
exit 1 with exactly that output, no traceback, and leave the previous site as
it was. Refresh the expected outputs after an intended change with
`pytest tests/test_bad_inputs.py --update-bad-inputs`, then read the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES, run_scopesite
from tests.figures import record
from tests.test_cli import tree_digest

CORPUS = Path(__file__).resolve().parent / "bad_inputs"


def load() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in sorted(CORPUS.glob("*.yml")):
        cases += [(path.stem, case) for case in yaml.safe_load(path.read_text())]
    return cases


CASES = load()


@pytest.fixture(scope="module")
def built_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("built") / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    assert run_scopesite("build", str(project), "-q").returncode == 0
    return project


def apply(case: dict[str, Any], project: Path) -> None:
    for relative, text in case.get("files", {}).items():
        _target(project, relative).write_text(text)
    for relative, hexed in case.get("bytes", {}).items():
        _target(project, relative).write_bytes(bytes.fromhex(hexed))
    for relative, spec in case.get("repeat", {}).items():
        _target(project, relative).write_text(spec["text"] * spec["times"])
    for relative, pointee in case.get("symlink", {}).items():
        _target(project, relative).symlink_to(pointee)
    for relative in case.get("remove", []):
        (project / relative).unlink()


def _target(project: Path, relative: str) -> Path:
    target = project / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def test_the_corpus_covers_every_category() -> None:
    per_category: dict[str, int] = {}
    for category, _ in CASES:
        per_category[category] = per_category.get(category, 0) + 1
    record("bad-input cases per category", ", ".join(f"{k} {v}" for k, v in per_category.items()))
    assert len(CASES) >= 40


@pytest.mark.parametrize(("category", "case"), CASES, ids=[f"{c}:{k['name']}" for c, k in CASES])
def test_bad_input_is_reported_exactly(
    request: pytest.FixtureRequest,
    built_fixture: Path,
    tmp_path: Path,
    category: str,
    case: dict[str, Any],
) -> None:
    project = tmp_path / "project"
    shutil.copytree(built_fixture, project, symlinks=True)
    before = tree_digest(project / "site")
    apply(case, project)
    result = run_scopesite("build", ".", "-q", cwd=project)
    if request.config.getoption("--update-bad-inputs"):
        _rewrite_expectation(category, case["name"], result.stderr)
        return
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr == case["expect"]
    assert tree_digest(project / "site") == before


def _rewrite_expectation(category: str, name: str, output: str) -> None:
    path = CORPUS / f"{category}.yml"
    cases = yaml.safe_load(path.read_text())
    for case in cases:
        if case["name"] == name:
            case["expect"] = output
    path.write_text(
        yaml.dump(cases, Dumper=_LiteralDumper, sort_keys=False, width=120, allow_unicode=True)
    )


class _LiteralDumper(yaml.SafeDumper):
    """Write multi-line expectations as readable literal blocks."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value and "\t" not in value and not value.startswith(" ") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_LiteralDumper.add_representer(str, _represent_text)


def test_the_error_reference_of_the_author_guide_is_the_corpus() -> None:
    from tests.error_reference import reference

    committed = (CORPUS.parent.parent / "docs" / "errors.md").read_text()
    assert committed == reference(), "run: python -m tests.error_reference > docs/errors.md"
    assert committed.count("\n### ") == len(CASES)
