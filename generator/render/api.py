"""The machine-readable files of the site: the policy as JSON, and the JSON Schema
of each kind of content file (editors validate content against them)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from generator.content.flow_model import FlowFile
from generator.content.models import KINDS, ArticleMeta, ContentFile, ScopeItem
from generator.content.resolve import Policy
from generator.content.site_config import SiteConfig
from generator.policy.derive import Derived, item_verdict
from generator.render.wording import Wording


def policy_json(derived: Derived, wording: Wording) -> str:
    """The resolved policy and its coverage matrix as one JSON document; each
    coverage's reason worded as the pages word it. Plans hold what the plans they
    extend hold; scope lists each item once per product (an item written for several
    products with that product's differences; severities and situations likewise), and
    coverage is per plan and product."""
    policy = derived.policy
    data: dict[str, Any] = {"site": policy.site.model_dump(mode="json")}
    for kind in KINDS:
        data[kind] = [item.model_dump(mode="json") for item in getattr(policy, kind).values()]
    data["scope"] = [_scope_entry(policy, item, wording) for item in policy.scope_items()]
    for kind, by_product in (
        ("severities", policy.severities_by_product),
        ("situations", policy.situations_by_product),
    ):
        data[kind] = [
            entry.model_dump(mode="json") for found in by_product.values() for entry in found
        ]
    data["articles"] = [
        {"slug": a.slug, **a.meta.model_dump(mode="json")} for a in policy.articles.values()
    ]
    data["coverage"] = [
        {
            "plan": plan_id,
            "product": product_id,
            "item": item_id,
            "verdict": str(c.verdict),
            "reason": wording.coverage_reason(c),
            "conditions": list(c.conditions),
        }
        for (plan_id, product_id, item_id), c in derived.coverage.items()
    ]
    # allow_nan=False: validation refuses '.inf' and '.nan', and JSON has neither.
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _scope_entry(policy: Policy, item: ScopeItem, wording: Wording) -> dict[str, Any]:
    """A scope item as its content gives it, with the verdict every surface shows:
    'depends_on_plan' where plans differ, each plan's verdict, and its price."""
    verdict = item_verdict(policy, item)
    return {
        **item.model_dump(mode="json"),
        "standing": str(verdict.standing),
        "verdict_text": wording.verdict_line(verdict),
        "by_plan": {plan.id: str(on_plan) for plan, on_plan in verdict.by_plan},
        "price": wording.item_price(verdict),
    }


def schemas() -> dict[str, str]:
    """The JSON Schema of each content file kind, by file name."""
    models: dict[str, type[BaseModel]] = {
        "site_config": SiteConfig,
        "content": ContentFile,
        "flow": FlowFile,
        "article": ArticleMeta,
    }
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), indent=2) + "\n"
        for name, model in models.items()
    }
