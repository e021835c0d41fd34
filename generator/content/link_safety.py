"""Every URL that comes from content passes ``url_problem``: once when the content is
validated (channel urls, contact links, the logo) and again when a link in a
Markdown text is rendered (safe_links).

A browser ignores control characters and spaces around a URL and tabs and newlines
inside it, so '\\x01javascript:…' runs script although it does not start with
'javascript:'. The value is therefore checked as written, never stripped first:
any control, format or space character makes it unsafe. Then two parsers must
agree that it is an allowed kind of link: ``urllib.parse`` for its parts, and the
maintained ammonia sanitiser (nh3), which reads a URL as browsers do (WHATWG).
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote, urlsplit

import nh3

SCHEMES = ("https", "http", "mailto", "tel")

ALLOWED_FORMS = (
    "use https://… or http://… for a web page, mailto:… for an address, tel:… for a "
    "phone number, or a link inside the site such as contact.md or ../guides/first-steps.md"
)
"""The hint of every URL error."""

TELEPHONE = re.compile(r"\+?[0-9][0-9 ().-]*")
_HREF = re.compile(r'<a href="([^"]*)">')


@lru_cache(maxsize=65536)  # a site repeats its links on thousands of pages
def url_problem(url: str) -> str | None:
    """Why ``url`` may not be a link on the site, or None when it may."""
    if not url:
        return "a URL cannot be empty"
    odd = next((c for c in url if unicodedata.category(c)[0] in "CZ"), None)
    if odd is not None:
        return (
            f"it holds {_describe(odd)}; a URL holds no spaces or control characters "
            "(write a space as %20)"
        )
    if "\\" in url:
        return "it holds '\\', which browsers read as '/'"
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme and scheme not in SCHEMES:
        return f"'{parts.scheme}:' links are not allowed"
    if not scheme and url.startswith("//"):
        return "it starts with '//', which leaves the site for another host"
    if scheme in ("http", "https") and not parts.hostname:
        return f"a {scheme} URL needs a host after '{scheme}://'"
    if "@" in parts.netloc:
        user = parts.netloc.rpartition("@")[0]
        return (
            f"it names a user ('{user}@') before its host, so it reads as one host and "
            "leads to another"
        )
    if not parts.netloc.isascii():
        return "write an international domain name in its xn-- form"
    if scheme == "mailto" and "@" not in parts.path:
        return "a mailto: link needs an address such as mailto:help@example.com"
    if scheme == "tel" and not TELEPHONE.fullmatch(parts.path.replace("%20", " ")):
        return "a tel: link needs a phone number such as tel:+44-20-7946-0000"
    if not _sanitiser_keeps(url):
        return "the HTML sanitiser removes it"
    return None


def _sanitiser_keeps(url: str) -> bool:
    """True when ammonia keeps ``url`` unchanged as a link's href."""
    cleaned = nh3.clean(
        f'<a href="{html.escape(url)}">x</a>',
        tags={"a"},
        attributes={"a": {"href"}},
        url_schemes=set(SCHEMES),
        link_rel=None,
    )
    found = _HREF.match(cleaned)
    return found is not None and html.unescape(found[1]) == url


def _describe(character: str) -> str:
    name = unicodedata.name(character, "a control character").lower()
    return f"U+{ord(character):04X} ({name})"


def for_markdown(url: str) -> str:
    """A checked URL as the target of a Markdown link, '[text](target)'.

    Brackets, quotes, angle brackets and spaces could end the target or start a
    title, so they are percent-encoded; so is any other character a URL does not
    hold as it is. Raises ValueError for a URL ``url_problem`` refuses.
    """
    problem = url_problem(url)
    if problem:
        raise ValueError(f"unsafe URL {url!r}: {problem}")
    return quote(url, safe="/:?#@!$&*+,;=%~-._")
