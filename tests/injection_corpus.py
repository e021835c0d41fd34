"""The injection corpus: a project whose every text field of site_config.yml, and the
names, titles and summaries of every content kind, hold attack strings.

Each content kind has one entry per attack string; a field of site_config.yml that
holds one value holds all of them, one after the other. Wizards hold two each: the
search dialog lists at most six wizards by name (render.MAX_HELP_LINKS). The
project is a git repository with two versions, so the 'Policy changes' page lists
what changed (names included) under each version's note.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

ATTACKS = (
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "</title><script>alert(1)</script>",
    "{{ 7*7 }}",
    "'\"--><svg onload=alert(1)>",
    "<meta http-equiv=refresh content=0;url=//evil.example>",
    "Fish &amp; Chips &lt;b&gt;",
)
"""The last is already escaped: it must show as written, '&amp;' and all."""

ALL_ATTACKS = " ".join(ATTACKS)
"""The value of a field that holds one text."""

BASE_URL = "https://support.example.test/"

SITE_FIELDS = (
    "name",
    "tagline",
    "contact.label",
    "holidays.name",
    "history.note",
    "regions.name",
    "regions.hint",
)
"""Every text field of site_config.yml but URLs and those that cannot hold text. URLs
(base_url, contact links) are refused unless they are URLs (base_url: see
test_injection); the look's paths and colours are refused unless they are paths in
assets/ and colours (test_injection); the time zone must be a known zone; hours,
days and dates have their forms; history revisions must be git revisions."""

CONTENT_FIELDS = {
    "products": ("name", "summary"),
    "plans": ("name", "summary", "aliases"),
    "channels": ("name", "summary", "aliases", "contact point label"),
    "severities": ("name", "definition", "aliases"),
    "scope": ("title", "group", "clause", "aliases"),
    "price_rules": ("name",),
    "packages": ("name", "unit"),
    "offers": ("name", "summary"),
    "situations": ("text",),
}
FLOW_FIELDS = ("title", "summary", "question text", "option label", "outcome title", "outcome text")
GUIDE_FIELDS = ("title", "summary", "aliases")


def field_count() -> int:
    """How many fields the corpus fills with attack strings."""
    content = sum(len(fields) for fields in CONTENT_FIELDS.values())
    return len(SITE_FIELDS) + content + len(FLOW_FIELDS) + len(GUIDE_FIELDS)


def write_project(root: Path) -> Path:
    """Write the corpus into ``root`` as a git repository with two versions; return it."""
    root.mkdir(parents=True)
    _write(root, _site_config(), {"content/policy.yml": _first_version()})
    _git(root, "init", "--quiet")
    _commit(root, "v1")
    files: dict[str, Any] = {"content/policy.yml": _policy()}
    files |= {f"content/flows/f{index}.yml": _flow(index) for index in range(len(ATTACKS) // 2)}
    files |= {f"content/guides/g{index}.md": _guide(index) for index in range(len(ATTACKS))}
    _write(root, _site_config(), files)
    _commit(root, "v2")
    _write(root, _site_config(history=True), {})
    return root


def _site_config(*, history: bool = False) -> dict[str, Any]:
    config: dict[str, Any] = {
        "name": ALL_ATTACKS,
        "base_url": BASE_URL,
        "tagline": ALL_ATTACKS,
        "contact": [{"label": attack, "url": "mailto:help@example.test"} for attack in ATTACKS],
        "business_hours": {"timezone": "Europe/London", "days": ["monday"]},
        "look": {"primary": "#1a4d8f", "accent": "#c2185b"},  # attacks: test_injection
        "holidays": [
            {"date": f"2026-12-{10 + index}", "name": attack}
            for index, attack in enumerate(ATTACKS)
        ],
        "regions": [
            {"id": f"region-{index}", "name": attack, "hint": attack}
            for index, attack in enumerate(ATTACKS)
        ],
    }
    if history:
        versions = [
            {"revision": "v2", "date": f"2026-03-{10 + index}", "note": attack}
            for index, attack in enumerate(ATTACKS)
        ]
        config["history"] = [{"revision": "v1", "date": "2026-01-01"}, *versions]
    return config


def _first_version() -> dict[str, Any]:
    """Products and channels only: the second version adds the rest, by name."""
    policy = _policy()
    return {kind: policy[kind] for kind in ("products", "channels")}


def _policy() -> dict[str, Any]:
    policy: dict[str, list[dict[str, Any]]] = {kind: [] for kind in CONTENT_FIELDS}
    for index, attack in enumerate(ATTACKS):
        for kind, entry in _entries(index, attack).items():
            policy[kind].append(entry)
    return policy


def _entries(i: int, text: str) -> dict[str, dict[str, Any]]:
    """One entry of each kind for attack ``text``, all of product p{i}."""
    product, plan, channel = f"p{i}", f"plan{i}", f"c{i}"
    return {
        "products": {"id": product, "name": text, "summary": text, "delivered_via": [channel]},
        "plans": {
            "id": plan,
            "name": text,
            "products": [product],
            "summary": text,
            "channels": [channel],
            "aliases": [text],
        },
        "channels": {
            "id": channel,
            "name": text,
            "kind": "assisted",
            "summary": text,
            "aliases": [text],
            "contacts": [
                {"phone": f"+1 (555) 01{i:02}", "label": text},
                {"email": f"help{i}@example.test", "label": text},
                {"web": f"https://example.test/chat?q={i}&x=%22", "label": text},
            ],
        },
        "severities": {
            "id": f"s{i}",
            "level": 1,
            "name": text,
            "products": [product],
            "definition": text,
            "report_via": [channel],
            "response": "1 hour",
            "aliases": [text],
        },
        "scope": {
            "id": f"item{i}",
            "product": product,
            "group": text,
            "title": text,
            "verdict": "covered",
            "clause": text,
            "aliases": [text],
        },
        "price_rules": {
            "id": f"r{i}",
            "name": text,
            "products": [product],
            "kind": "fixed",
            "amount": 10,
            "unit": "USD",
        },
        "packages": {
            "id": f"k{i}",
            "name": text,
            "products": [product],
            "quantity": 1,
            "unit": text,
        },
        "offers": {
            "id": f"o{i}",
            "name": text,
            "products": [product],
            "summary": text,
            "requires": [plan],
        },
        "situations": {"id": f"sit{i}", "products": [product], "text": text, "channels": [channel]},
    }


def flow_title(index: int) -> str:
    return f"{ATTACKS[2 * index]} {ATTACKS[2 * index + 1]}"


def _flow(index: int) -> dict[str, Any]:
    """A wizard of one question whose two answers lead to a message each."""
    first, second = ATTACKS[2 * index], ATTACKS[2 * index + 1]
    options = [
        {"value": "a", "label": first, "next": "said-a"},
        {"value": "b", "label": second, "next": "said-b"},
    ]
    outcomes = [
        {"id": f"said-{value}", "kind": "message", "title": title, "text": text, "channels": ["c0"]}
        for value, title, text in (("a", first, second), ("b", second, first))
    ]
    return {
        "flow": {
            "id": f"f{index}",
            "title": flow_title(index),
            "summary": flow_title(index),
            "start": "which",
            "facts": {"product": "p0"},
            "questions": [{"id": "which", "text": first, "options": options}],
            "outcomes": outcomes,
        }
    }


def _guide(index: int) -> str:
    meta = {
        "title": ATTACKS[index],
        "summary": ATTACKS[index],
        "products": [f"p{index}"],
        "aliases": [ATTACKS[index]],
    }
    return "---\n" + _yaml(meta) + "---\nRead this before you write to us.\n"


def _write(root: Path, site_config: dict[str, Any], files: dict[str, Any]) -> None:
    (root / "site_config.yml").write_text(_yaml(site_config))
    for relative, data in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(data if isinstance(data, str) else _yaml(data))


def _yaml(data: dict[str, Any]) -> str:
    """YAML as JSON, one top-level key a line: every text quoted, whatever it holds."""
    return "".join(f"{key}: {json.dumps(value)}\n" for key, value in data.items())


def _commit(root: Path, tag: str) -> None:
    _git(root, "add", "--all")
    _git(
        root,
        "-c",
        "user.name=corpus",
        "-c",
        "user.email=corpus@example.test",
        "commit",
        "--quiet",
        "-m",
        tag,
    )
    _git(root, "tag", tag)


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, timeout=60)
