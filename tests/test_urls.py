"""The one check every URL from content passes (generator/content/link_safety.py), how a checked URL
is printed, and the same check on links inside Markdown texts (safe_links)."""

from __future__ import annotations

import markdown
import pytest

from generator.content.link_safety import for_markdown, url_problem

ALLOWED = [
    "https://support.example.com/",
    "http://example.com/a(b)c?q=1&r=2#top",
    "HTTPS://EXAMPLE.COM/",
    "mailto:help@example.com",
    "mailto:help@example.com?subject=Case%20123",
    "tel:+44-20-7946-0000",
    "tel:+1(555)0100",
    "contact.md",
    "../guides/first-steps.md#before",
    "#which-channel",
    "downloads/Ünïcödé.pdf",
    "/downloads/manual.pdf",
    "https://example.com/\"quoted'<b>",
]


@pytest.mark.parametrize("url", ALLOWED)
def test_allowed_urls(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("javascript:alert(1)", "'javascript:' links are not allowed"),
        ("JaVaScRiPt:alert(1)", "'javascript:' links are not allowed"),
        ("vbscript:msgbox(1)", "'vbscript:' links are not allowed"),
        ("data:text/html,<script>alert(1)</script>", "'data:' links are not allowed"),
        ("data:image/png;base64,iVBORw0KGgo=", "'data:' links are not allowed"),
        ("file:///etc/passwd", "'file:' links are not allowed"),
        (
            "\x01javascript:alert(1)",
            "it holds U+0001 (a control character); a URL holds no spaces or control "
            "characters (write a space as %20)",
        ),
        (
            " javascript:alert(1)",
            "it holds U+0020 (space); a URL holds no spaces or control characters "
            "(write a space as %20)",
        ),
        (
            "java\tscript:alert(1)",
            "it holds U+0009 (a control character); a URL holds no spaces or control "
            "characters (write a space as %20)",
        ),
        (
            "https://example.com/\n<meta http-equiv=refresh content=0;url=//evil.example>",
            "it holds U+000A (a control character); a URL holds no spaces or control "
            "characters (write a space as %20)",
        ),
        (
            "https://exa\u200bmple.com/",
            "it holds U+200B (zero width space); a URL holds no spaces or control characters "
            "(write a space as %20)",
        ),
        (
            "https://example.com/\u202egnp.exe",
            "it holds U+202E (right-to-left override); a URL holds no spaces or control "
            "characters (write a space as %20)",
        ),
        ("/\\evil.example/", "it holds '\\', which browsers read as '/'"),
        ("//evil.example/", "it starts with '//', which leaves the site for another host"),
        ("https:evil.example", "a https URL needs a host after 'https://'"),
        ("https://", "a https URL needs a host after 'https://'"),
        ("https://例え.jp/", "write an international domain name in its xn-- form"),
        ("mailto:nobody", "a mailto: link needs an address such as mailto:help@example.com"),
        ("tel:call-us", "a tel: link needs a phone number such as tel:+44-20-7946-0000"),
        ("", "a URL cannot be empty"),
    ],
)
def test_refused_urls_say_why(url: str, problem: str) -> None:
    assert url_problem(url) == problem


def test_a_checked_url_cannot_end_a_markdown_link() -> None:
    assert for_markdown("https://example.com/a(b)c?q=1&r=2#top") == (
        "https://example.com/a%28b%29c?q=1&r=2#top"
    )
    assert for_markdown("https://example.com/\"quoted'<b>") == (
        "https://example.com/%22quoted%27%3Cb%3E"
    )
    assert for_markdown("downloads/Ünïcödé.pdf") == "downloads/%C3%9Cn%C3%AFc%C3%B6d%C3%A9.pdf"
    with pytest.raises(ValueError) as raised:
        for_markdown("\x01javascript:alert(1)")
    assert str(raised.value).startswith("unsafe URL '\\x01javascript:alert(1)': it holds U+0001")


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["generator.site.safe_links", "tables", "admonition"])


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("[a](javascript:alert(1))", "<p><span>a</span></p>"),
        ("[a](\x01javascript:alert(1))", "<p><span>a</span></p>"),
        ("[a](data:text/html;base64,PHNjcmlwdD4=)", "<p><span>a</span></p>"),
        ("[a](vbscript:msgbox)", "<p><span>a</span></p>"),
        ("![pic](javascript:alert(1))", "<p><span>pic</span></p>"),
        ("[a][r]\n\n[r]: javascript:alert(1)", "<p><span>a</span></p>"),
        ("[a](https://example.com/)", '<p><a href="https://example.com/">a</a></p>'),
        ("[a](../contact.md#hours)", '<p><a href="../contact.md#hours">a</a></p>'),
        (
            "!!! md-dialog md-dialog--active note\n    Covers the page",
            '<div class="admonition note">\n<p class="admonition-title">Md-dialog</p>\n'
            "<p>Covers the page</p>\n</div>",
        ),
        (
            "| a |\n|:-:|\n| b |",
            '<table>\n<thead>\n<tr>\n<th style="text-align: center;">a</th>\n</tr>\n'
            '</thead>\n<tbody>\n<tr>\n<td style="text-align: center;">b</td>\n</tr>\n'
            "</tbody>\n</table>",
        ),
    ],
)
def test_markdown_links_pass_the_same_check(text: str, html: str) -> None:
    assert _html(text) == html


def test_attributes_added_by_an_extension_that_can_are_dropped_if_they_run_or_restyle() -> None:
    """A project may add attr_list in its mkdocs.yml; scopesite itself never loads it."""
    html = markdown.markdown(
        "Text\n{: onmouseover=alert(1) style=position:fixed;top:0 #kept .kept }",
        extensions=["attr_list", "generator.site.safe_links"],
    )
    assert html == '<p class="kept" id="kept">Text</p>'
