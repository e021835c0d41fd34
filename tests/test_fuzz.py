"""Fuzzing: random YAML written into content files must only ever produce content
errors (or a valid site), never any other exception.

CI runs 2,000 examples; SCOPESITE_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py
runs more.
"""

from __future__ import annotations

import os
import shutil

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import generate
from generator.content.errors import ContentError
from generator.content.project import Project
from tests.conftest import FIXTURES
from tests.figures import record

EXAMPLES = int(os.environ.get("SCOPESITE_FUZZ_EXAMPLES", "2000"))
FIELDS = [
    "id",
    "name",
    "products",
    "plans",
    "channels",
    "scope",
    "verdict",
    "product",
    "severities",
    "level",
    "response",
    "flow",
    "questions",
    "options",
    "next",
    "start",
    "outcomes",
    "kind",
    "facts",
    "title",
    "summary",
    "delivered_via",
    "price_rule",
    "step",
    "versions",
    "expectations",
    "answers",
    "expect",
    "set",
    "options_from",
]
IDS = ["widget", "free", "pro", "forum", "ticket", "how-to", "custom-code", "urgent", "x"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=False),
    st.sampled_from([*IDS, "covered", "not_covered", "1 hour", "2 business days", "4.3.1"]),
    st.text(max_size=30),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=5),
    ),
    max_leaves=25,
)
documents = st.dictionaries(st.sampled_from(FIELDS), values, max_size=5)
targets = st.sampled_from(
    ["content/extra.yml", "content/flows/extra.yml", "site_config.yml", "content/guides/extra.md"]
)

RUN = {"examples": 0, "content_errors": 0}


SETTINGS = settings(
    max_examples=EXAMPLES // 2,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
VALID = {
    "content/widget.yml": yaml.safe_load((FIXTURES / "minimal/content/widget.yml").read_text()),
    "content/flows/covered.yml": yaml.safe_load(
        (FIXTURES / "minimal/content/flows/covered.yml").read_text()
    ),
}


def paths_in(data: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every path to a value inside nested dicts and lists."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths_in(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths_in(value, (*prefix, index))
    return found


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, object]:
    """Valid content with one value replaced, removed or duplicated."""
    target = draw(st.sampled_from(sorted(VALID)))
    data = yaml.safe_load(yaml.safe_dump(VALID[target]))
    path = draw(st.sampled_from(paths_in(data)))
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    action = draw(st.sampled_from(["replace", "remove", "duplicate"]))
    if action == "replace" or not isinstance(parent, list | dict):
        parent[path[-1]] = draw(values)
    elif action == "remove":
        del parent[path[-1]]
    elif isinstance(parent, list):
        parent.append(parent[path[-1]])
    return target, data


def run_pipeline(tmp_path_factory, target: str, document: object) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path_factory.mktemp("fuzz") / "project"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns("site", ".*"))
    text = yaml.safe_dump(document, allow_unicode=True)
    if target.endswith(".md"):
        text = f"---\n{text}---\nBody\n"
    (project / target).parent.mkdir(parents=True, exist_ok=True)
    (project / target).write_text(text)
    RUN["examples"] += 1
    try:
        generate(Project.at(project))
    except ContentError as error:
        assert error.problems
        RUN["content_errors"] += 1
    finally:
        shutil.rmtree(project.parent, ignore_errors=True)
    record(
        "fuzz examples run (content errors among them)",
        f"{RUN['examples']} ({RUN['content_errors']})",
    )


@SETTINGS
@given(change=mutations())
def test_mutated_content_raises_only_content_errors(tmp_path_factory, change) -> None:  # type: ignore[no-untyped-def]
    run_pipeline(tmp_path_factory, *change)


@SETTINGS
@given(target=targets, document=documents)
def test_random_content_raises_only_content_errors(tmp_path_factory, target, document) -> None:  # type: ignore[no-untyped-def]
    run_pipeline(tmp_path_factory, target, document)
