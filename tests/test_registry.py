"""Each list of kinds is declared once and everything else follows it.

Content kinds are ContentFile's fields (models.KINDS), option sources are
flow_model.OPTION_SOURCES and outcome kinds flow_model.OUTCOME_KINDS, each keyed
by its enum (SourceName, OutcomeName): the JSON Schema editors read, the resolved
Policy and the code that handles each kind must list exactly those, in that order
where order shows. The wizards' behaviour for each (options.listing,
outcomes.computer) matches on the enum, so mypy catches a missing case; these
tests catch it too.
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from generator.content import resolve
from generator.content.flow_model import (
    OPTION_SOURCES,
    OUTCOME_KINDS,
    FlowFile,
    OutcomeName,
    SourceName,
)
from generator.content.models import KINDS, ContentFile
from generator.content.resolve import Policy
from generator.policy import field_changes
from generator.render import urls
from generator.wizards.graph import mermaid
from generator.wizards.options import listing
from generator.wizards.outcomes import Clause, ClauseKind, computer
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
    assert list(OPTION_SOURCES) == list(SourceName)
    for name, kind in OPTION_SOURCES.items():
        assert (listing(name) is not None) == kind.per_product, name


def test_outcome_kinds_are_the_schemas_and_the_answers() -> None:
    outcome = committed_schema("flow")["$defs"]["Outcome"]["properties"]
    assert outcome["kind"]["enum"] == list(OUTCOME_KINDS)
    assert list(OUTCOME_KINDS) == list(OutcomeName)
    assert all(callable(computer(name)) for name in OutcomeName)


def test_every_clause_kind_links_to_its_section() -> None:
    for kind in ClauseKind:
        assert "#" in str(urls.clause(Clause(kind, "p", "x"))), kind


def test_changes_name_the_ids_of_each_list_field_resolve_checks() -> None:
    assert field_changes.REFERENCES == {
        "delivered_via": "channels",
        "products": "products",
        "channels": "channels",
        "report_via": "channels",
        "plans": "plans",
        "requires": "plans",
        "included_in": "plans",
    }
    checked = {(path, target) for _, path, target in resolve.REFERENCES}
    assert all(
        (f"{field}.*", target) in checked for field, target in field_changes.REFERENCES.items()
    )


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
