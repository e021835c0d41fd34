"""Point Material's search at scopesite's worker, which fetches index shards.

Material names its worker in each page's ``__config`` script; pages are pointed
at ours, which loads Material's own (see templates/assets/scopesite-search.js).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from generator.render.bundled import bundled_templates

WORKERS = "assets/javascripts/workers"
MATERIAL_WORKER = re.compile(r'("search": "[^"]*/workers/)(search\.[0-9a-f]+\.min\.js)"')
OUR_WORKER = "scopesite-search.js"


def use_sharded_search(html: str, product: str | None = None) -> str:
    """A page whose search runs in scopesite's worker (unchanged if it has no search).

    A product's page names its product to the worker (``?product=id``): search
    there is scoped to the product being read.
    """
    query = f"?product={quote(product)}" if product else ""
    return MATERIAL_WORKER.sub(rf'\g<1>{OUR_WORKER}{query}"', html, count=1)


def write_worker(site: Path) -> Path:
    """Write our worker beside Material's, naming the Material worker it loads."""
    found = sorted((site / WORKERS).glob("search.*.min.js"))
    if len(found) != 1:
        raise RuntimeError(f"expected one Material search worker in {site / WORKERS}")
    source = (bundled_templates() / "assets" / OUR_WORKER).read_text()
    target = site / WORKERS / OUR_WORKER
    target.write_text(source.replace('"MATERIAL_WORKER"', f'"{found[0].name}"'))
    return target
