from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.errors import ContentError
from generator.content.fields import Duration
from generator.content.load import parse_yaml
from generator.content.models import ContentFile
from generator.content.site_config import SiteConfig
from generator.content.validate import validate

PLAN = "plans:\n  - id: pro\n    name: Pro\n    products: [widget]\n    summary: S\n"


def problems(text: str, model: type = ContentFile) -> list[str]:
    with pytest.raises(ContentError) as error:
        validate(parse_yaml(text, Path("c.yml")), model)
    return [str(problem) for problem in error.value.problems]


def test_a_valid_file_becomes_typed_models() -> None:
    validated = validate(parse_yaml(PLAN + "    channels: [forum]\n", Path("c.yml")), ContentFile)
    assert validated.model.plans[0].channels == ["forum"]


def test_unknown_field_is_reported_at_its_key_with_a_suggestion() -> None:
    assert problems(PLAN + "    channels: []\n    chanels: [forum]\n") == [
        "c.yml:7:5: error: unknown field 'chanels' (did you mean 'channels'?)\n"
        "  hint: fields allowed here: aliases, channels, extends, id, name, notes, price, products, "
        "renewal, summary, term"
    ]


def test_missing_field_is_reported_at_its_entry() -> None:
    assert problems(PLAN.replace("    name: Pro\n", "")) == [
        "c.yml:2:5: error: missing field 'name'\n  hint: add 'name:' to this entry"
    ]


def test_wrong_type_names_what_was_expected() -> None:
    assert problems(PLAN + "    channels: forum\n") == [
        "c.yml:6:15: error: expected a list, found 'forum'\n  hint: write a list here"
    ]


def test_a_number_where_text_belongs_suggests_quotes() -> None:
    text = "products:\n  - id: w\n    name: W\n    summary: S\n    delivered_via: [t]\n"
    assert problems(text + "    versions: [1.0]\n") == [
        "c.yml:6:16: error: expected text, found number 1.0\n  hint: put quotes around it"
    ]


def test_bad_choice_lists_the_allowed_values() -> None:
    text = (
        "scope:\n  - id: x\n    product: w\n    group: G\n    title: T\n"
        "    verdict: coverd\n    clause: C\n"
    )
    assert problems(text) == [
        "c.yml:6:14: error: 'coverd' is not allowed here (did you mean 'covered'?)\n"
        "  hint: use one of: covered, conditional, not_covered, paid"
    ]


def test_bad_id_explains_the_id_format() -> None:
    assert problems(PLAN.replace("id: pro", "id: Pro Plan") + "    channels: []\n") == [
        "c.yml:2:9: error: 'Pro Plan' is not a valid id or code here\n"
        "  hint: ids use lower-case letters, digits and hyphens, e.g. 'phone-support'"
    ]


def test_bad_duration_is_explained() -> None:
    text = (
        "severities:\n  - id: s\n    level: 1\n    name: N\n    products: [w]\n"
        "    definition: D\n    report_via: [t]\n    response: soon\n"
    )
    assert problems(text) == [
        "c.yml:8:15: error: 'soon' is not a goal such as '1 hour' or '7 business days', "
        "nor 'none'\n"
        "  hint: write a duration such as '4 business hours', or 'none' where the policy sets "
        "no target"
    ]


def test_unknown_time_zone_is_an_error() -> None:
    text = (
        "name: N\nbase_url: https://x.example/\n"
        "business_hours:\n  timezone: Mars/Olympus\n  days: [monday]\n"
    )
    assert problems(text, SiteConfig) == [
        "c.yml:4:13: error: unknown time zone 'Mars/Olympus'\n"
        "  hint: write an IANA time zone name, such as 'Europe/London' or 'America/New_York'"
    ]


def test_a_file_that_is_not_a_mapping_is_an_error() -> None:
    assert problems("- a\n- b\n") == [
        "c.yml:1:1: error: expected a mapping of fields, found a list\n"
        "  hint: write 'key: value' lines at the top level of the file"
    ]


def test_an_empty_document_validates_to_nothing() -> None:
    # (An empty *file* in content/ is refused earlier, by the project loader.)
    validated = validate(parse_yaml("", Path("c.yml")), ContentFile)
    assert validated.model == ContentFile()


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("1 hour", "1 hour"),
        ("4 business hours", "4 business hours"),
        ("7 Business Days", "7 business days"),
        ("30 minutes", "30 minutes"),
    ],
)
def test_durations_parse_and_print(text: str, shown: str) -> None:
    assert str(Duration.parse(text)) == shown
