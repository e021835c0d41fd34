"""The floor: the same Markdown pages through Markdown and Jinja2 only.

    python bench/floor.py DOCS_DIR OUT_DIR

What any static site generator must at least do for these pages: read each
page, convert its Markdown with the extensions scopesite's sites use, put it in
a small HTML template and write it. No navigation, no theme, no search.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import jinja2
import markdown
import yaml
from markupsafe import Markup

EXTENSIONS = ["abbr", "admonition", "def_list", "md_in_html", "tables", "toc"]
PAGE = jinja2.Template(
    "<!doctype html>\n<html lang=en><head><meta charset=utf-8><title>{{ title }}</title>"
    '<link rel=stylesheet href="/style.css"></head>\n<body><main>{{ body }}</main></body></html>\n',
    autoescape=True,
)


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    if text.startswith("---\n"):
        head, _, body = text[4:].partition("\n---\n")
        return yaml.safe_load(head) or {}, body
    return {}, text


def build(docs: Path, out: Path) -> int:
    """Write every page of ``docs`` into ``out``; return how many pages."""
    if out.exists():
        shutil.rmtree(out)
    converter = markdown.Markdown(extensions=EXTENSIONS)
    pages = 0
    for source in sorted(docs.rglob("*.md")):
        meta, body = split_front_matter(source.read_text())
        html = converter.reset().convert(body)
        relative = source.relative_to(docs).with_suffix("")
        folder = out / relative.parent if relative.name == "index" else out / relative
        folder.mkdir(parents=True, exist_ok=True)
        title = meta.get("title") or relative.name
        (folder / "index.html").write_text(PAGE.render(title=title, body=Markup(html)))
        pages += 1
    return pages


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python bench/floor.py DOCS_DIR OUT_DIR")
    print(build(Path(sys.argv[1]), Path(sys.argv[2])), "pages")
