"""The Markdown and URL corpus: a project whose every free-text field, of every
content kind, holds Markdown that would add attributes, raw HTML and script links,
and whose every URL field holds a URL that is valid but full of characters that
could end a link.

The fields come from the models' JSON Schema (``text_fields``): a string with no
pattern, enum or format is free text, one with format 'uri-reference' is a URL. A
template below holds a valid entry of each kind with every field set;
``fill`` replaces each free-text value with the attack, marked with the field's
path so the test can tell which field it sees. A field the schema has and the
template lacks fails the test, so a new field joins the corpus when it is added.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.content.flow_model import FlowFile
from generator.content.models import ArticleMeta, ContentFile
from generator.content.site_config import SiteConfig

MODELS: dict[str, type[BaseModel]] = {
    "site_config": SiteConfig,
    "content": ContentFile,
    "flow": FlowFile,
    "guide": ArticleMeta,
}

NOT_TEXT = {
    "site_config": {"business_hours.timezone", "hours.*.timezone", "history.*.revision"},
    "flow": {
        "flow.expectations.*.expect.response",
        "flow.expectations.*.expect.updates",
        "flow.expectations.*.expect.text",
    },
}
"""Strings that are not shown as text: a time zone and git revisions (each must name
a real one) and what an expectation compares with the computed answer (goals, and
words of the outcome's text)."""

VERSION_FIELDS = {"products.*.versions.*", "products.*.current_version"}
"""Versions name pages, so they cannot hold '/': they get VERSION_ATTACK."""


def attack(marker: str) -> str:
    """Markdown that must render as text, starting with ``marker``."""
    return (
        f"{marker} said <meta http-equiv=refresh content=0;url=https://evil.example/> "
        "<img src=x onerror=alert(1)> {: onmouseover=alert(1) style=position:fixed;top:0 "
        "#pwned .pwned data-pwned=1 }\n"
        "{: style=position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:99999 "
        "#pwned2 .pwned }\n"
        "[a link](https://example.test/){: onclick=alert(2) .pwned } *em*{: onmouseover=alert(3) }\n"
        "<meta http-equiv=refresh content=0;url=https://evil.example/>\n"
        "<iframe src=https://evil.example/></iframe> <script>alert(4)</script>\n"
        '<div markdown="1" onmouseover="alert(5)">*inside*</div>\n'
        "[js](javascript:alert(6)) [data](data:text/html;base64,PHNjcmlwdD4=) "
        "[vb](vbscript:msgbox(7)) [ctl](\u200bjavascript:alert(8)) ![img](javascript:alert(9)) "
        "![ext](https://evil.example/x.png)\n\n"
        "[ref][r]\n\n[r]: javascript:alert(10)\n\n"
        "!!! md-dialog md-dialog--active\n    an overlay\n"
    )


VERSION_ATTACK = "9.9 <img src=x onerror=alert(11)> {: onmouseover=alert(12) #pwned .pwned }"

URL = "https://example.test/a(b)c?q=\"quoted'&x=<b>#top"
"""Valid, yet holding every character that could end a Markdown link or an attribute."""


def text_fields(kind: str) -> dict[str, str]:
    """Every string field of a kind's model: its path, and 'text' or 'url'."""
    schema = MODELS[kind].model_json_schema()
    found: dict[str, str] = {}
    _walk(schema, (), schema.get("$defs", {}), found)
    skipped = NOT_TEXT.get(kind, set())
    return {path: sort for path, sort in found.items() if path not in skipped}


def _walk(
    node: dict[str, Any], path: tuple[str, ...], defs: dict[str, Any], found: dict[str, str]
) -> None:
    if "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    for option in node.get("anyOf", []):
        _walk(option, path, defs, found)
    if node.get("type") == "object":
        for name, child in node.get("properties", {}).items():
            _walk(child, (*path, name), defs, found)
    elif node.get("type") == "array":
        _walk(node["items"], (*path, "*"), defs, found)
    elif node.get("type") == "string":
        dotted = ".".join(path)
        if node.get("format") == "uri-reference":
            found[dotted] = "url"
        elif dotted in VERSION_FIELDS or not {"pattern", "enum", "format", "const"} & node.keys():
            found[dotted] = "text"


def fill(data: Any, fields: dict[str, str], path: tuple[str, ...] = ()) -> Any:
    """``data`` with every text field's value replaced by the attack (or the URL)."""
    dotted = ".".join(path)
    if isinstance(data, dict):
        return {key: fill(value, fields, (*path, key)) for key, value in data.items()}
    if isinstance(data, list):
        return [fill(value, fields, (*path, "*")) for value in data]
    if isinstance(data, str) and dotted in fields:
        if fields[dotted] == "url":
            return URL
        return VERSION_ATTACK if dotted in VERSION_FIELDS else attack(marker(dotted))
    return data


def present(data: Any, path: tuple[str, ...] = ()) -> set[str]:
    """Every path of a string value in ``data``."""
    if isinstance(data, dict):
        return {p for key, value in data.items() for p in present(value, (*path, key))}
    if isinstance(data, list):
        return {p for value in data for p in present(value, (*path, "*"))}
    return {".".join(path)} if isinstance(data, str) else set()


PRICE = {"amount": 10, "currency": "USD", "period": "year", "text": "or less"}

TEMPLATES: dict[str, Any] = {
    "site_config": {
        "name": "Example Support",
        "base_url": "https://support.example.test/",
        "tagline": "Help",
        "contact": [{"label": "Write to us", "url": "mailto:help@example.test"}],
        "business_hours": {"timezone": "Europe/London", "days": ["monday"]},
        "holidays": [{"date": "2026-12-25", "name": "Christmas"}],
        "hours": [
            {
                "id": "region",
                "name": "Regional hours",
                "timezone": "America/New_York",
                "days": ["monday"],
                "holidays": [{"date": "2026-11-26", "name": "Thanksgiving"}],
            }
        ],
        "regions": [
            {"id": "home", "name": "Home", "hint": "Where we are"},
            {"id": "away", "name": "Away", "hint": "Elsewhere", "hours": "region"},
        ],
        "history": [
            {"revision": "v1", "date": "2026-01-01", "note": "First"},
            {"revision": "v2", "date": "2026-02-01", "note": "Second"},
        ],
    },
    "content": {
        "products": [
            {"id": "gizmo", "name": "Gizmo", "summary": "A gizmo.", "delivered_via": ["ticket"]},
            {
                "id": "widget",
                "name": "Widget",
                "summary": "A widget.",
                "versions": ["2.0"],
                "current_version": "2.0",
                "delivered_via": ["ticket"],
                "unlisted": {"verdict": "not_covered", "text": "Not listed.", "ask": ["ticket"]},
                "life_cycle": {
                    "phases": [
                        {"id": "active", "name": "Active", "delivers": "Fixes."},
                        {
                            "id": "archive",
                            "name": "Archive",
                            "delivers": "Old fixes.",
                            "open_end": "when you stop",
                            "supported": False,
                        },
                    ],
                    "after_support": "Upgrade.",
                },
            },
        ],
        "plans": [
            {
                "id": "pro",
                "name": "Pro",
                "products": ["widget", "gizmo"],
                "summary": "Tickets.",
                "channels": ["ticket"],
                "term": "A year",
                "renewal": "Yearly",
                "price": PRICE,
                "notes": ["A note"],
            },
            {  # no goals of its own: the severities' own goals show, for this plan
                "id": "basic",
                "name": "Basic",
                "products": ["widget", "gizmo"],
                "summary": "Tickets too.",
                "channels": ["ticket"],
                "aliases": ["plan words"],
            },
        ],
        "channels": [
            {
                "id": "ticket",
                "name": "Ticket",
                "kind": "assisted",
                "summary": "Write to us.",
                "availability": "Weekdays",
                "how": "In the portal.",
                "url": "https://portal.example.test/",
                "contacts": [{"phone": "+1 555 0100", "label": "Desk"}],
                "aliases": ["channel words"],
                "use_for": ["Errors"],
                "include": ["Logs"],
                "response": "1 hour",
                "conditions": ["Be nice"],
                "charge": "Free",
            }
        ],
        "severities": [
            {
                "id": "down",
                "level": 1,
                "name": "Down",
                "products": ["widget", "gizmo"],
                "definition": "Nothing works.",
                "aliases": ["severity words"],
                "examples": ["It will not start"],
                "report_via": ["ticket"],
                "response": "1 hour",
                "resolution": "none",
                "no_target": "Worked on until fixed",
                "conditions": ["Stay reachable"],
                "hours": "region",
                "per_plan": [
                    {
                        "plan": "pro",
                        "response": "30 minutes",
                        "resolution": "none",
                        "no_target": "Best effort",
                        "conditions": ["Call us too"],
                    }
                ],
                "per_product": [
                    {
                        "product": "gizmo",
                        "definition": "No gizmo works.",
                        "examples": ["It will not spin"],
                        "response": "2 hours",
                        "resolution": "none",
                        "no_target": "Until fixed",
                        "conditions": ["Send the gizmo"],
                        "per_plan": [
                            {
                                "plan": "pro",
                                "response": "1 hour",
                                "resolution": "none",
                                "no_target": "Best effort",
                                "conditions": ["Call us first"],
                            }
                        ],
                    }
                ],
            }
        ],
        "scope": [
            {
                "id": "how-to",
                "products": ["widget", "gizmo"],
                "group": "Guidance",
                "title": "How-to questions",
                "verdict": "paid",
                "details": "Details.",
                "conditions": ["A condition"],
                "price_rule": "flat",
                "instead": {"text": "Ask the forum.", "channels": ["ticket"], "offers": ["rush"]},
                "per_product": [
                    {
                        "product": "gizmo",
                        "details": "Details.",
                        "conditions": ["A condition"],
                        "instead": {"text": "Ask the gizmo forum.", "channels": ["ticket"]},
                    }
                ],
                "aliases": ["how do I"],
                "clause": "Scope",
            }
        ],
        "price_rules": [
            {
                "id": "flat",
                "name": "Flat",
                "products": ["widget"],
                "kind": "fixed",
                "amount": 10,
                "unit": "USD",
                "details": "Details.",
                "example": "An example.",
                "approval": "Before work starts.",
            }
        ],
        "packages": [
            {
                "id": "pack",
                "name": "Pack",
                "products": ["widget"],
                "quantity": 5,
                "unit": "credits",
                "price": PRICE,
            }
        ],
        "offers": [
            {
                "id": "rush",
                "name": "Rush",
                "products": ["widget"],
                "summary": "Faster.",
                "requires": ["pro"],
                "benefits": ["Speed"],
                "response": "1 hour",
                "availability": "Always",
                "price": PRICE,
                "terms": ["A term"],
            }
        ],
        "situations": [
            {
                "id": "urgent",
                "products": ["widget", "gizmo"],
                "text": "Urgent",
                "channels": ["ticket"],
                "per_product": [{"product": "gizmo", "text": "Gizmo urgent"}],
            }
        ],
    },
    "flow": {
        "flow": {
            "id": "ask",
            "title": "Ask",
            "summary": "A wizard.",
            "start": "which",
            "facts": {"product": "widget", "plan": "pro"},
            "questions": [
                {
                    "id": "which",
                    "text": "Which?",
                    "hint": "A hint.",
                    "options": [{"value": "a", "label": "A", "next": "said"}],
                    "options_from": {"kind": "scope"},
                    "next": "verdict",
                }
            ],
            "outcomes": [
                {
                    "id": "said",
                    "kind": "message",
                    "title": "Said",
                    "text": "Text.",
                    "channels": ["ticket"],
                },
                {
                    "id": "verdict",
                    "kind": "coverage",
                    "text": [{"text": "More."}, {"when": {"plan": "pro"}, "text": "On Pro."}],
                },
            ],
            "expectations": [
                {
                    "answers": {"which": "how-to"},
                    "expect": {"outcome": "verdict", "verdict": "paid", "channel": "ticket"},
                },
            ],
        }
    },
    "guide": {
        "title": "A guide",
        "summary": "About it.",
        "products": ["widget"],
        "aliases": ["guide words"],
    },
}
"""A valid entry of each kind with every field set; expectations hold no text."""

BODY = attack("F-guide-body")


def missing_from_templates() -> dict[str, set[str]]:
    """Text and URL fields of a model that the template never sets."""
    return {
        kind: set(text_fields(kind)) - present(TEMPLATES[kind])
        for kind in MODELS
        if set(text_fields(kind)) - present(TEMPLATES[kind])
    }


def marker(path: str) -> str:
    """A word naming a field, with nothing Markdown reads: 'F-scope-title'."""
    return "-".join(["F", *(part for part in path.split(".") if part != "*")])


def markers() -> list[str]:
    """The marker of every field that holds the attack."""
    found = [
        marker(path)
        for kind in MODELS
        for path, sort in text_fields(kind).items()
        if sort == "text" and path not in VERSION_FIELDS
    ]
    return [*found, marker("guide.body")]


def write_project(root: Path) -> Path:
    """The corpus as a git repository whose history names two versions (v1, v2)."""
    root.mkdir(parents=True)
    files = {
        "site_config.yml": _filled("site_config"),
        "content/policy.yml": _filled("content"),
        "content/flows/ask.yml": _filled("flow"),
        "content/guides/guide.md": "---\n" + _filled("guide") + "---\n" + BODY,
    }
    _write(root, {**files, "site_config.yml": _yaml({**TEMPLATES["site_config"], "history": []})})
    _git(root, "init", "--quiet")
    for tag in ("v1", "v2"):  # two versions of one policy: the changes page says 'no change'
        _git(root, "add", "--all")
        _git(root, "commit", "--quiet", "--allow-empty", "-m", tag)
        _git(root, "tag", tag)
    _write(root, files)
    return root


def _filled(kind: str) -> str:
    return _yaml(fill(TEMPLATES[kind], text_fields(kind)))


def _yaml(data: dict[str, Any]) -> str:
    """YAML as JSON, one top-level key a line: every text quoted, whatever it holds."""
    return "".join(f"{key}: {json.dumps(value)}\n" for key, value in data.items())


def _write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


def _git(root: Path, *args: str) -> None:
    who = ["-c", "user.name=corpus", "-c", "user.email=corpus@example.test"]
    subprocess.run(["git", *who, *args], cwd=root, check=True, capture_output=True, timeout=60)
