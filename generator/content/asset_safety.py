"""What a project's SVG images and stylesheets may hold: nothing that runs a script,
loads from another host or reads a file.

An SVG is a document, not only a picture. Shown through <img> it runs nothing, but
opened at its own address it runs its scripts with the site's origin, and a
<foreignObject> or an event attribute (onload=) carries HTML and script; a link to
another host (href, url(…)) would make the reader's browser call it. A DOCTYPE can
declare entities that expand into millions of characters. So an SVG holding any of
these is refused rather than rewritten: the author learns which part and why, and
the published file is exactly the one written.

A stylesheet may not pull from another host (url(https://…), @import of a remote
file): the site is self-contained and its Content-Security-Policy would block it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

SVG_REFUSED_ELEMENTS = {
    "script": "it runs when the image is opened at its own address",
    "foreignobject": "it carries HTML, and with it links and scripts",
    "iframe": "it loads another page",
    "embed": "it loads another document",
    "object": "it loads another document",
    "handler": "it runs script",
    "listener": "it runs script",
}
LINK_ATTRIBUTES = {"href", "src"}
LOCAL_REFERENCE = re.compile(r"^#[\w.:-]*$")
URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
IMPORT = re.compile(r"@import\s+(?:url\(\s*)?(['\"]?)([^'\")\s;]+)", re.IGNORECASE)
ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def svg_problem(text: str) -> str | None:
    """Why an SVG may not be published, or None."""
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        return "it declares a DOCTYPE or entities, which can expand without end"
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return f"it is not well-formed XML ({error})"
    if _local(root.tag) != "svg":
        return f"its root element is <{_local(root.tag)}>, not <svg>"
    for element in root.iter():
        name = _local(element.tag).lower()
        if name in SVG_REFUSED_ELEMENTS:
            return f"it holds a <{_local(element.tag)}> element: {SVG_REFUSED_ELEMENTS[name]}"
        for attribute, value in element.attrib.items():
            problem = _attribute_problem(_local(attribute).lower(), value)
            if problem:
                return f"its <{_local(element.tag)}> has {problem}"
        if name == "style":
            problem = css_problem(element.text or "")
            if problem:
                return f"its <style> {problem.removeprefix('it ')}"
    return None


def _attribute_problem(name: str, value: str) -> str | None:
    if name.startswith("on"):
        return f"an event attribute '{name}', which runs script"
    if name in LINK_ATTRIBUTES and not LOCAL_REFERENCE.match(value.strip()):
        return f"{name}='{value}', a reference to another file or host (only '#id' may be)"
    if name == "style":
        problem = css_problem(value)
        return f"a style attribute that {problem.removeprefix('it ')}" if problem else None
    return None


def _local(tag: str) -> str:
    """An element's or attribute's name without its namespace."""
    return tag.rsplit("}", 1)[-1]


def css_problem(text: str) -> str | None:
    """Why a stylesheet may not be published (it reaches another host), or None.

    Escapes are decoded first, so that 'u\\72l(' cannot hide a url(.
    """
    plain = ESCAPE.sub(_unescape, COMMENT.sub("", text))
    for match in IMPORT.finditer(plain):
        if _remote(match[2]):
            return f"it imports '{match[2]}' from another host"
    for match in URL.finditer(plain):
        if _remote(match[2]):
            return f"it loads url({match[2]}) from another host"
    if re.search(r"\bexpression\s*\(|javascript:|behavior\s*:", plain, re.IGNORECASE):
        return "it holds a script (expression(), javascript: or behavior:)"
    return None


def _unescape(match: re.Match[str]) -> str:
    if match[1]:
        code = int(match[1], 16)
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
    return match[2]


def _remote(target: str) -> bool:
    """A target with a scheme other than data:, or one that starts at another host."""
    target = target.strip()
    return target.startswith("//") or (
        bool(SCHEME.match(target)) and not target.lower().startswith("data:")
    )
