"""A deterministic synthetic support policy at three scales, for benchmarks.

    python bench/synth.py M OUT_DIR

S is the size of the default content; M is 20 products x 5 plans x 150 scope
items; L is 100 products x 6 plans x 300 scope items; every product has three
wizards. The same scale always writes byte-identical files.
"""

from __future__ import annotations

import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Scale:
    products: int
    plans: int
    items: int


SCALES = {"S": Scale(2, 4, 34), "M": Scale(20, 5, 150), "L": Scale(100, 6, 300)}

VERBS = [
    "Configuring",
    "Upgrading",
    "Migrating",
    "Troubleshooting",
    "Monitoring",
    "Tuning",
    "Restoring",
    "Securing",
    "Integrating",
    "Customising",
    "Reviewing",
    "Deploying",
    "Scaling",
    "Auditing",
    "Installing",
    "Debugging",
    "Documenting",
    "Backing up",
]
OBJECTS = [
    "the mail server",
    "user accounts",
    "the database",
    "custom reports",
    "the API",
    "single sign-on",
    "the web portal",
    "scheduled jobs",
    "email templates",
    "the cluster",
    "log retention",
    "backups",
    "the search index",
    "payment settings",
    "the mobile app",
    "third-party plugins",
    "network rules",
    "licence keys",
    "the dashboard",
    "data exports",
]
CONTEXTS = [
    "in production",
    "after an update",
    "on a new server",
    "for a single tenant",
    "across regions",
    "with custom code",
    "behind a proxy",
    "for many users",
    "during a migration",
    "on legacy versions",
]
WORDS = [
    "policy",
    "support",
    "customer",
    "request",
    "engineer",
    "response",
    "version",
    "product",
    "environment",
    "ticket",
    "phone",
    "issue",
    "configuration",
    "release",
    "workaround",
    "guidance",
    "documentation",
    "service",
    "account",
    "licence",
    "plan",
    "severity",
    "outage",
    "access",
    "team",
    "update",
    "compatibility",
]
PLAN_NAMES = ["Community", "Standard", "Professional", "Business", "Enterprise", "Premier"]
VERDICTS = ["covered", "covered", "conditional", "not_covered", "paid"]


def sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def product(rng: random.Random, number: int, scale: Scale) -> dict[str, object]:
    """One product's content file: product, plans, channels, severities, scope, situations."""
    pid = f"product-{number:03d}"
    channels = [
        {
            "id": f"{pid}-forum",
            "name": "Community forum",
            "kind": "self_service",
            "products": [pid],
            "summary": sentence(rng),
            "open_to_all": True,
        },
        {
            "id": f"{pid}-docs",
            "name": "Documentation",
            "kind": "self_service",
            "products": [pid],
            "summary": sentence(rng),
            "open_to_all": True,
        },
        {
            "id": f"{pid}-ticket",
            "name": "Support ticket",
            "kind": "assisted",
            "products": [pid],
            "summary": sentence(rng),
            "response": "1 business day",
            "how": sentence(rng),
        },
        {
            "id": f"{pid}-phone",
            "name": "Phone support",
            "kind": "assisted",
            "products": [pid],
            "summary": sentence(rng),
            "availability": "24/7",
        },
        {
            "id": f"{pid}-consulting",
            "name": "Consulting",
            "kind": "commercial",
            "products": [pid],
            "summary": sentence(rng),
            "open_to_all": True,
            "charge": "Quoted per project.",
        },
    ]
    plans = []
    for index in range(scale.plans):
        opened = [f"{pid}-forum", f"{pid}-docs"]
        opened += [f"{pid}-ticket"] if index >= 1 else []
        opened += [f"{pid}-phone"] if index >= 2 else []
        plans.append(
            {
                "id": f"{pid}-{PLAN_NAMES[index].lower()}",
                "name": PLAN_NAMES[index],
                "products": [pid],
                "summary": sentence(rng),
                "channels": opened,
            }
        )
    rules = [
        {
            "id": f"{pid}-hourly",
            "name": "Hourly work",
            "products": [pid],
            "kind": "fixed",
            "amount": 150,
            "unit": "USD",
        },
        {
            "id": f"{pid}-upgrade",
            "name": "Upgrade service",
            "products": [pid],
            "kind": "stepped",
            "step": {"base": 200, "covers": 2, "each": 50, "per": "patch"},
            "unit": "USD",
        },
    ]
    scope = []
    for index in range(scale.items):
        verdict = rng.choice(VERDICTS)
        item = {
            "id": f"{pid}-item-{index:03d}",
            "product": pid,
            "group": f"Area {index // 10 + 1}: {OBJECTS[index // 10 % len(OBJECTS)].capitalize()}",
            "title": f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(CONTEXTS)}",
            "verdict": verdict,
            "details": sentence(rng, 24),
            "aliases": [" ".join(rng.sample(WORDS, 4)), " ".join(rng.sample(WORDS, 3))],
            "clause": f"Section {index // 10 + 1}",
        }
        if verdict == "conditional":
            item["conditions"] = [sentence(rng, 10)]
        if verdict == "paid":
            item["price_rule"] = rng.choice(rules)["id"]
        if verdict == "not_covered":
            item["instead"] = {"channels": [f"{pid}-consulting"]}
        scope.append(item)
    severities = [
        {
            "id": f"{pid}-sev-{level}",
            "level": level,
            "name": name,
            "products": [pid],
            "definition": sentence(rng),
            "report_via": [f"{pid}-phone" if level == 1 else f"{pid}-ticket"],
            "response": response,
            "resolution": resolution,
        }
        for level, name, response, resolution in [
            (1, "Critical", "1 hour", "2 business days"),
            (2, "Major", "4 business hours", "5 business days"),
            (3, "Minor", "1 business day", "10 business days"),
        ]
    ]
    situations = [
        {
            "id": f"{pid}-situation-{index}",
            "products": [pid],
            "text": sentence(rng, 8),
            "channels": [f"{pid}-phone"] if index % 3 == 0 else [f"{pid}-ticket", f"{pid}-phone"],
        }
        for index in range(6)
    ]
    return {
        "products": [
            {
                "id": pid,
                "name": f"Product {number:03d}",
                "summary": sentence(rng),
                "versions": [f"1.0.{v}" for v in range(10)],
                "current_version": "1.0.9",
                "delivered_via": [f"{pid}-ticket", f"{pid}-phone"],
            }
        ],
        "plans": plans,
        "channels": channels,
        "severities": severities,
        "scope": scope,
        "price_rules": rules,
        "situations": situations,
    }


def flows(pid: str, top_plan: str) -> list[dict[str, object]]:
    """Three wizards per product: coverage on the top plan, channel, severity."""
    covered = {
        "id": f"{pid}-covered",
        "title": "Is this covered?",
        "summary": "Coverage.",
        "start": "what-do-you-need",
        "facts": {"product": pid, "plan": top_plan},
        "questions": [
            {
                "id": "what-do-you-need",
                "text": "What do you need?",
                "options_from": {"kind": "scope"},
                "next": "verdict",
            }
        ],
        "outcomes": [{"id": "verdict", "kind": "coverage"}],
    }
    channel = {
        "id": f"{pid}-channel",
        "title": "Phone or ticket?",
        "summary": "Channels.",
        "start": "which-plan",
        "facts": {"product": pid},
        "questions": [
            {
                "id": "which-plan",
                "text": "Which plan?",
                "options_from": {"kind": "plans"},
                "next": "which-situation",
            },
            {
                "id": "which-situation",
                "text": "Which situation?",
                "options_from": {"kind": "situations"},
                "next": "use-channel",
            },
        ],
        "outcomes": [{"id": "use-channel", "kind": "channel"}],
    }
    severity = {
        "id": f"{pid}-severity",
        "title": "How urgent?",
        "summary": "Severity.",
        "start": "is-it-down",
        "questions": [
            {
                "id": "is-it-down",
                "text": "Is production down?",
                "options": [
                    {
                        "value": "yes",
                        "label": "Yes",
                        "set": {"severity": f"{pid}-sev-1"},
                        "next": "goals",
                    },
                    {"value": "no", "label": "No", "next": "is-it-restricted"},
                ],
            },
            {
                "id": "is-it-restricted",
                "text": "Is work restricted?",
                "options": [
                    {
                        "value": "yes",
                        "label": "Yes",
                        "set": {"severity": f"{pid}-sev-2"},
                        "next": "goals",
                    },
                    {
                        "value": "no",
                        "label": "No",
                        "set": {"severity": f"{pid}-sev-3"},
                        "next": "goals",
                    },
                ],
            },
        ],
        "outcomes": [{"id": "goals", "kind": "severity"}],
    }
    return [covered, channel, severity]


def write(scale_name: str, out: Path) -> Path:
    """Write the project for one scale into ``out`` (replaced if it exists)."""
    scale = SCALES[scale_name]
    rng = random.Random(f"scopesite-{scale_name}")
    if out.exists():
        shutil.rmtree(out)
    (out / "content" / "flows").mkdir(parents=True)
    site = {
        "name": f"Synthetic Support ({scale_name})",
        "base_url": "https://bench.example/",
        "business_hours": {
            "timezone": "Europe/London",
            "days": ["monday", "tuesday", "wednesday", "thursday", "friday"],
        },
    }
    dump(out / "site_config.yml", site)
    for number in range(1, scale.products + 1):
        content = product(rng, number, scale)
        pid = f"product-{number:03d}"
        dump(out / "content" / f"{pid}.yml", content)
        top = content["plans"][-1]["id"]  # type: ignore[index]
        for flow in flows(pid, top):
            dump(out / "content" / "flows" / f"{flow['id']}.yml", {"flow": flow})
    return out


def dump(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in SCALES:
        sys.exit("usage: python bench/synth.py S|M|L OUT_DIR")
    print(write(sys.argv[1], Path(sys.argv[2])))
