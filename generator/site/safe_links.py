"""A Markdown extension that keeps content's Markdown inert, after every other
processor has run.

Content is data: a '[click](javascript:…)' written by an author, or arriving
through a pasted policy, must render as inert text, not as a link. Links and
images pass only with a URL that urls.url_problem accepts, the check content's
URL fields pass.

Content cannot add attributes (scopesite loads no attr_list, and escapes every
'<' of content), but a project's mkdocs.yml may add extensions that can: as a
second line, attributes that run code ('onclick') or restyle ('style', beyond a
table column's alignment) are dropped from everything Markdown made, and an
admonition keeps only the types the theme styles ('!!! md-dialog' would turn a
text into one of the theme's fixed overlays).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any
from urllib.parse import urlsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from generator.content.link_safety import url_problem

ALIGNMENT = re.compile(r"text-align: (left|right|center);")
"""The only style Markdown writes itself: a table column's alignment."""

ADMONITION_TYPES = frozenset(
    {
        *("note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important"),
        *("success", "check", "done", "question", "help", "faq", "warning", "caution"),
        *("attention", "failure", "fail", "missing", "danger", "error", "bug", "example"),
        *("quote", "cite"),
    }
)
"""Material's admonition types."""


def is_safe(url: str) -> bool:
    """False for URLs that run code when followed, or that a browser would read
    otherwise than written."""
    return url_problem(url) is None


def is_local(url: str) -> bool:
    """True for a file of the site: no scheme and no host. The site loads nothing from
    another host (an image of one would be a request the CSP has to block, and a
    tracker on every reader's visit), so an image must be one of the site's files."""
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc or url.startswith("//"))


class _DropUnsafeLinks(Treeprocessor):
    """Turn an unsafe link or image into plain text (its words, or its alt text); an
    image from another host is unsafe too."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            url = element.get("href") if element.tag == "a" else element.get("src")
            if url is None or element.tag not in ("a", "img"):
                continue
            if not is_safe(url) or (element.tag == "img" and not is_local(url)):
                text = element.get("alt", "") if element.tag == "img" else None
                element.attrib.clear()
                element.tag = "span"
                if text is not None:
                    element.text = text


class _DropUnsafeAttributes(Treeprocessor):
    """Remove event handlers and styles, and admonition types the theme lacks."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                value = element.attrib[name]
                lowered = name.lower()
                if lowered.startswith("on") or (
                    lowered == "style" and not ALIGNMENT.fullmatch(value)
                ):
                    del element.attrib[name]
            classes = element.get("class", "").split()
            if "admonition" in classes:
                kept = [c for c in classes if c == "admonition" or c in ADMONITION_TYPES]
                element.set("class", " ".join(kept))


class SafeLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_DropUnsafeLinks(md), "scopesite_safe_links", 0)
        md.treeprocessors.register(_DropUnsafeAttributes(md), "scopesite_safe_attributes", 0)


def makeExtension(**kwargs: Any) -> SafeLinksExtension:
    return SafeLinksExtension(**kwargs)
