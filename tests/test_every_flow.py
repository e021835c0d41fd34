"""Property over every flow of every project in this repository: every reachable
state ends in an outcome, and every page of a flow can be reached from its start."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.project import Project, load_policy
from generator.policy.derive import derive
from generator.render.environment import environment
from generator.render.wording import Wording
from generator.wizards.compile import compile_wizards
from generator.wizards.states import CompiledFlow
from generator.wizards.steps import positions
from generator.wizards.walk import walk
from tests import figures
from tests.conftest import REPO

SKIP = {".venv", "node_modules", ".git", "site", ".scopesite"}


def projects() -> list[Path]:
    found = [
        path.parent
        for path in REPO.rglob("site_config.yml")
        if not SKIP & set(path.relative_to(REPO).parts)
    ]
    return sorted(found)


def every_flow() -> list[tuple[str, CompiledFlow]]:
    flows = []
    for project in projects():
        derived = derive(load_policy(Project.at(project)))
        for flow_id, compiled in compile_wizards(derived).items():
            flows.append((f"{project.relative_to(REPO)}:{flow_id}", compiled))
    return flows


FLOWS = every_flow()


def test_the_repository_has_flows_to_check() -> None:
    assert len(FLOWS) >= 4


@pytest.mark.parametrize(("name", "compiled"), FLOWS, ids=[name for name, _ in FLOWS])
def test_every_reachable_state_ends_in_an_outcome(name: str, compiled: CompiledFlow) -> None:
    ends: dict[object, bool] = {}

    def reaches_outcome(key: object, on_path: frozenset[object]) -> bool:
        if key in ends:
            return ends[key]
        state = compiled.states[key]  # type: ignore[index]
        if state.answer is not None:
            result = True
        else:
            assert key not in on_path, f"{name}: cycle at {state.key}"
            assert state.choices, f"{name}: {state.key} offers no choice"
            result = all(reaches_outcome(c.target, on_path | {key}) for c in state.choices)
        ends[key] = result
        return result

    assert reaches_outcome(compiled.start, frozenset())
    assert set(ends) == set(compiled.states), "some states are not reachable from the start"
    wording = Wording(environment(None))
    assert all(wording.headline(state.answer) for state in compiled.outcomes if state.answer)


@pytest.mark.parametrize("project", projects(), ids=lambda p: str(p.relative_to(REPO)))
def test_expectations_cover_every_scope_item_and_price_rule(project: Path) -> None:
    derived = derive(load_policy(Project.at(project)))
    policy = derived.policy
    items: set[str] = set()
    rules: set[str] = set()
    for compiled in compile_wizards(derived).values():
        for expectation in compiled.flow.expectations:
            _, state = walk(compiled, expectation.answers)
            facts = state.facts
            items |= {facts["item"]} if "item" in facts else set()
            rules |= {facts["price_rule"]} if "price_rule" in facts else set()
    rules |= {policy.scope[item].price_rule for item in items} - {None}  # type: ignore[arg-type]
    assert sorted(set(policy.scope) - items) == []
    assert sorted(set(policy.price_rules) - rules) == []


VENDOR_NAMES = re.compile(
    r"imacros|sitefinity|smartertools|smartertrack|smartermail|telerik|progress software|"
    r"progress services|supportlink|pro portal",
    re.IGNORECASE,
)


def test_the_generator_and_templates_name_no_vendor() -> None:
    sources = [*REPO.joinpath("generator").rglob("*.py"), *REPO.joinpath("templates").rglob("*.*")]
    named = [
        f"{path.relative_to(REPO)}: {match[0]}"
        for path in sources
        for match in [VENDOR_NAMES.search(path.read_text())]
        if match
    ]
    assert len(sources) > 30
    assert named == []


def _paths(compiled: CompiledFlow) -> list[list[object]]:
    """Every path from the start to an outcome, as its question states' keys."""
    found: list[list[object]] = []
    stack: list[tuple[object, list[object]]] = [(compiled.start, [])]
    while stack:
        key, before = stack.pop()
        state = compiled.states[key]  # type: ignore[index]
        if not state.choices:
            found.append(before)
            continue
        targets = dict.fromkeys(choice.target for choice in state.choices)
        stack.extend((target, [*before, key]) for target in targets)
    return found


def test_the_question_counter_reads_the_same_along_every_path() -> None:
    """The rule of generator/wizards/steps.py: on every path, either every question
    page says 'Question 1', 'Question 2', ... in order or none does, and either every
    one says 'of M' with M the path's length or none does."""
    paths = pages = 0
    for name, compiled in FLOWS:
        placed = positions(compiled)
        for path in _paths(compiled):
            paths += 1
            pages += len(path)
            numbers = [placed[key].number for key in path]  # type: ignore[index]
            totals = {placed[key].total for key in path}  # type: ignore[index]
            assert numbers in ([None] * len(path), list(range(1, len(path) + 1))), (name, path)
            assert totals in ({None}, {len(path)}), (name, path)
            if numbers[0] is None:
                assert totals == {None}, (name, path)
    assert (paths, pages) == (539, 1429)
    figures.record("wizard paths walked (question pages)", f"{paths} ({pages})")
