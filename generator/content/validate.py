"""Validate stage: plain data → typed models, every error mapped to its file:line:col."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.content.errors import ContentError, Problem, did_you_mean
from generator.content.fields import Duration
from generator.content.load import DataPath, Document
from generator.content.severity_models import GOAL_FORMS

M = TypeVar("M", bound=BaseModel)

TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "date_type": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
}

BOUNDS = {"greater_than_equal": "of at least", "less_than_equal": "of at most"}


@dataclass(frozen=True)
class Validated(Generic[M]):
    """A typed model together with the document it came from."""

    model: M
    document: Document


def validate(document: Document, model: type[M]) -> Validated[M]:
    """Validate a document against a model, raising every problem at once."""
    data = {} if document.data is None else document.data
    if not isinstance(data, dict):
        raise ContentError(
            [
                Problem(
                    document.value_at(()),
                    f"expected a mapping of fields, found {_describe(data)}",
                    "write 'key: value' lines at the top level of the file",
                )
            ]
        )
    try:
        return Validated(model.model_validate(data), document)
    except ValidationError as error:
        raise ContentError(
            [_problem(document, model, detail) for detail in error.errors()]
        ) from None


def _problem(document: Document, model: type[BaseModel], detail: ErrorDetails) -> Problem:
    path: DataPath = tuple(part for part in detail["loc"] if part not in GOAL_FORMS)
    path += tuple(detail.get("ctx", {}).get("at", ()))
    # 'at': where inside the field a validator of a whole list found the problem
    kind = detail["type"]
    field = str(path[-1]) if path else ""
    if kind == "extra_forbidden":
        known = _fields_at(model, path[:-1])
        return Problem(
            document.key_at(path),
            f"unknown field '{field}'{did_you_mean(field, known)}",
            "fields allowed here: " + ", ".join(sorted(known)),
        )
    if kind == "missing":
        return Problem(
            document.value_at(path[:-1]),
            f"missing field '{field}'",
            f"add '{field}:' to this entry",
        )
    message, hint = _describe_error(detail)
    return Problem(document.value_at(path), message, hint)


def _describe_error(detail: ErrorDetails) -> tuple[str, str]:
    kind, value, context = detail["type"], detail["input"], detail.get("ctx", {})
    if "hint" in context:  # a validator of ours that says how to fix it
        return detail["msg"], str(context["hint"])
    if kind in TYPE_NAMES:
        expected = TYPE_NAMES[kind]
        hint = "put quotes around it" if expected == "text" else f"write {expected} here"
        return f"expected {expected}, found {_describe(value)}", hint
    if kind in ("literal_error", "enum"):
        choices = str(context.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"'{value}' is not allowed here{did_you_mean(str(value), choices.split(', '))}", (
            f"use one of: {choices}"
        )
    if kind == "string_pattern_mismatch":
        return f"'{value}' is not a valid id or code here", (
            "ids use lower-case letters, digits and hyphens, e.g. 'phone-support'"
        )
    if kind in ("too_short", "string_too_short"):
        return "this must not be empty", "give at least one value"
    if kind in BOUNDS:
        word, bound = BOUNDS[kind], _number(next(iter(context.values())))
        return f"expected a number {word} {bound}, found {value}", f"write a number {word} {bound}"
    if kind == "finite_number":  # YAML reads '.inf' and '.nan' as numbers
        return f"expected a finite number, found {value}", (
            "write a number such as 100: '.inf' and '.nan' are not amounts"
        )
    if kind == "value_error":
        return str(context.get("error", detail["msg"])), "see the field's description in the schema"
    return detail["msg"], "see the field's description in the schema"


def _fields_at(model: type[BaseModel], path: DataPath) -> set[str]:
    """Return the field names allowed at a path inside a model."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        field = current.model_fields[part]
        current = _model_in(field.annotation)
        if current is None:
            return set()
    return set(current.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """Find the model class inside an annotation such as list[Plan] or Plan | None; a
    Duration is written as text ('4 hours'), so a goal's mapping is its TimedTarget."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return None if annotation is Duration else annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _number(value: Any) -> str:
    """A bound as authors write it: 0, 1,000,000,000,000 (pydantic gives floats)."""
    return f"{int(value):,}" if float(value).is_integer() else str(value)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"number {value}"
    return f"'{value}'"
