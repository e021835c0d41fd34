"""A Markdown extension that removes links and images with script-running schemes.

Content is data: a '[click](javascript:…)' written by an author, or arriving
through a pasted policy, must render as inert text, not as a link.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


def is_safe(url: str) -> bool:
    """False for URLs that run code when followed."""
    squeezed = "".join(url.split()).lower()
    return not squeezed.startswith(UNSAFE_SCHEMES)


class _DropUnsafeLinks(Treeprocessor):
    """Turn an unsafe link or image into plain text (its words, or its alt text)."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            url = element.get("href") if element.tag == "a" else element.get("src")
            if element.tag in ("a", "img") and url is not None and not is_safe(url):
                text = element.get("alt", "") if element.tag == "img" else None
                element.attrib.clear()
                element.tag = "span"
                if text is not None:
                    element.text = text


class SafeLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_DropUnsafeLinks(md), "scopesite_safe_links", 0)


def makeExtension(**kwargs: Any) -> SafeLinksExtension:
    return SafeLinksExtension(**kwargs)
