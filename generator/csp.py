"""A Content-Security-Policy for every page: scripts only from the site itself, or
inline scripts by their exact hash; nothing from any other host."""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)
POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def policy_for(html: str) -> str:
    """The policy of one page, allowing exactly the inline scripts it contains."""
    hashes = sorted({_hash(body) for body in INLINE_SCRIPT.findall(html)})
    return POLICY.format(hashes="".join(f" '{value}'" for value in hashes))


def with_csp(html: str) -> str:
    """Put the policy first in <head>, before any script it governs."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html.replace("<head>", f"<head>\n    {meta}", 1)


def _hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
