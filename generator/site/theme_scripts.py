"""Material's inline scripts, moved into files of the site.

The Content-Security-Policy (csp.py) lets scripts run only from the site's own
files, so no inline script runs, however one got into a page. Material writes a few
small inline scripts of its own, one partial each (partials/javascripts/*.html):
each script becomes a static file beside Material's bundle, and its partial a
``<script src>`` in the same place, so it runs at the same moment. A script that
prints a template value (``base_url``, the way from the page back to the site root)
reads it from a ``data-`` attribute of its tag instead.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from pathlib import Path

PARTIALS = "partials/javascripts"
KNOWN = ("announce", "base", "consent", "content", "outdated", "palette")
"""Material's script partials; another set means Material changed them."""

FOLDER = "assets/javascripts/scopesite"
SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
VALUE_IN_STRING = re.compile(r'"\{\{(.*?)\}\}"')
"""A template value printed inside a JavaScript string: ``"{{ base_url }}"``."""


def script_overrides(material_partials: Path) -> dict[str, str]:
    """The partials with external scripts, and the scripts' files, by path in the theme."""
    found = tuple(sorted(path.stem for path in material_partials.glob("*.html")))
    if found != KNOWN:
        raise RuntimeError(
            "Material's script partials changed: update generator/site/theme_scripts.py"
        )
    files: dict[str, str] = {}
    for name in KNOWN:
        original = (material_partials / f"{name}.html").read_text()
        files[f"{PARTIALS}/{name}.html"] = _moved(name, original, files)
    return files


def _moved(name: str, partial: str, files: dict[str, str]) -> str:
    """The partial with each inline script replaced by a tag loading its file."""
    count = itertools.count()
    return SCRIPT.sub(lambda script: _external(name, next(count), script[1], files), partial)


def _external(name: str, index: int, body: str, files: dict[str, str]) -> str:
    """Write one script's file into ``files``; return the tag that loads it."""
    values = [expression.strip() for expression in VALUE_IN_STRING.findall(body)]
    for number in range(len(values)):
        body = VALUE_IN_STRING.sub(
            f'document.currentScript.getAttribute("data-value-{number}")', body, count=1
        )
    if "{{" in body or "{%" in body:
        raise RuntimeError(f"Material's {PARTIALS}/{name}.html prints a value we cannot move")
    digest = hashlib.sha256(body.encode()).hexdigest()[:8]
    path = f"{FOLDER}/{name}-{index}.{digest}.js"
    files[path] = body
    attributes = "".join(
        f' data-value-{number}="{{{{ ({value}) | e }}}}"' for number, value in enumerate(values)
    )
    return f"<script src=\"{{{{ '{path}' | url }}}}\"{attributes}></script>"


def script_partials() -> tuple[str, ...]:
    """The theme files these overrides replace, for the list of files a project may not."""
    return tuple(f"{PARTIALS}/{name}.html" for name in KNOWN)
