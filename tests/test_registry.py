"""Each list of kinds is declared once and everything else follows it.

Content kinds are ContentFile's fields (models.KINDS), option sources are
flow_model.OPTION_SOURCES and outcome kinds flow_model.OUTCOME_KINDS: the JSON
Schema editors read, the resolved Policy and the code that handles each kind
must list exactly those, in that order where order shows.
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from generator.content.flow_model import OPTION_SOURCES, OUTCOME_KINDS, FlowFile
from generator.content.models import KINDS, ContentFile
from generator.content.resolve import Policy
from generator.wizards.graph import mermaid
from generator.wizards.options import PER_PRODUCT
from generator.wizards.outcomes import COMPUTE
from tests.conftest import REPO


def committed_schema(name: str) -> Any:
    return json.loads((REPO / "schema" / f"{name}.schema.json").read_text())


def test_content_kinds_are_the_content_file_fields() -> None:
    assert list(KINDS) == list(ContentFile.model_fields)
    assert list(committed_schema("content")["properties"]) == list(KINDS)
    assert all(KINDS.values()), "every kind's model names it ('singular')"


def test_the_policy_holds_every_content_kind_by_id() -> None:
    policy_fields = {field.name: field.type for field in fields(Policy)}
    for kind, singular in KINDS.items():
        model = ContentFile.model_fields[kind].annotation.__args__[0]  # type: ignore[union-attr]
        assert model.singular == singular
        assert policy_fields[kind] == f"dict[str, {model.__name__}]"


def test_option_sources_are_the_schemas_and_the_compilers() -> None:
    source = committed_schema("flow")["$defs"]["OptionSource"]["properties"]
    assert source["kind"]["enum"] == list(OPTION_SOURCES)
    having = [name for name, kind in OPTION_SOURCES.items() if kind.having]
    assert source["having"]["anyOf"][0]["enum"] == having
    per_product = [name for name, kind in OPTION_SOURCES.items() if kind.per_product]
    assert list(PER_PRODUCT) == per_product


def test_outcome_kinds_are_the_schemas_and_the_answers() -> None:
    outcome = committed_schema("flow")["$defs"]["Outcome"]["properties"]
    assert outcome["kind"]["enum"] == list(OUTCOME_KINDS)
    assert list(COMPUTE) == list(OUTCOME_KINDS)


def test_every_option_source_labels_its_edge_in_the_flowchart() -> None:
    questions = [
        {"id": f"q-{i}", "text": "Q?", "options_from": {"kind": name}, "next": "done"}
        for i, name in enumerate(OPTION_SOURCES)
    ]
    flow = FlowFile.model_validate(
        {
            "flow": {
                "id": "f",
                "title": "T",
                "summary": "S",
                "start": "q-0",
                "questions": questions,
                "outcomes": [{"id": "done", "kind": "message", "title": "Done"}],
            }
        }
    ).flow
    chart = mermaid(flow)
    for kind in OPTION_SOURCES.values():
        assert f'-->|"{kind.graph_label}"|' in chart
