"""The committed JSON Schema is the generated one, and every content file of every
project names it for editors and validates against it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.render.api import schemas
from tests.conftest import REPO

SCHEMA = REPO / "schema"
PROJECTS = [REPO, *sorted(path.parent for path in (REPO / "examples").glob("*/site_config.yml"))]


class AsEditorsRead(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2's core schema): an
    unquoted date is a string, which the schema's 'format: date' checks."""


AsEditorsRead.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def content_files() -> list[tuple[Path, str]]:
    found = []
    for project in PROJECTS:
        found.append((project / "site_config.yml", "site_config"))
        for path in sorted((project / "content").rglob("*.yml")):
            found.append((path, "flow" if "flows" in path.parts else "content"))
    return found


def test_committed_schema_equals_the_generated_one() -> None:
    generated = schemas()
    committed = {path.name: path.read_text() for path in SCHEMA.glob("*.json")}
    assert sorted(committed) == sorted(generated)
    for name, text in generated.items():
        assert committed[name] == text, f"schema/{name} is stale: run 'scopesite schema'"


@pytest.mark.parametrize(
    ("path", "kind"), content_files(), ids=[str(p.relative_to(REPO)) for p, _ in content_files()]
)
def test_content_file_names_and_matches_its_schema(path: Path, kind: str) -> None:
    first_line = path.read_text().splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    named = (path.parent / first_line.split("=", 1)[1]).resolve()
    assert named == SCHEMA / f"{kind}.schema.json"
    schema = json.loads(named.read_text())
    jsonschema.validate(yaml.load(path.read_text(), AsEditorsRead), schema)
