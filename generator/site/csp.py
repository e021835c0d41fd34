"""A Content-Security-Policy for every page: scripts only from the site's own files,
nothing from any other host.

The policy is the same on every page and allows no inline script at all: every
script scopesite and Material ship is a file of the site (Material's inline ones are
moved into files by theme_scripts.py), so ``'self'`` names them all, and a script
that content smuggled into a page does not run. Event-handler attributes
(``onerror=``) are refused on their own too (``script-src-attr``), whatever a later
change adds to ``script-src``. The policy is a second line: content is escaped on
its way into the page (render.py, theme_values.py).
"""

from __future__ import annotations

POLICY = (
    "default-src 'self'; script-src 'self'; script-src-attr 'none'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)
META = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'


def with_csp(html: str) -> str:
    """Put the policy first in <head>, before any script it governs."""
    return html.replace("<head>", f"<head>\n    {META}", 1)
