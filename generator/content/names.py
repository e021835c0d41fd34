"""The one rule that makes a name from a value content chooses.

Content chooses names (a product's versions and a wizard's option values name its
steps, a guide's file name names its page), so a name is made from a value, never
taken as it is: ``slug`` keeps a safe character set, folds Unicode and case (a
case-insensitive file system must not merge two pages), and leaves no '..', '/' or
leading dot. A value it has to change gets a digest of the original, after a '~'
that no unchanged value can hold, so two values never share a name.

Content needs the rule (a guide's id is its file name's slug); render builds every
path of the site on it (``generator.render.urls``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

SAFE_NAME = re.compile(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9-])?")
"""A value kept as it is: every id, and versions such as '4.3.1'. (No trailing dot:
Windows drops it, and 'a.' would become 'a'.)"""

MAX_NAME = 80
"""The longest id; a longer value is shortened and given a digest."""

DIGEST = "~"


class Slug(str):
    """A name made by ``slug``: ``urls.page_path`` takes it as it is."""

    __slots__ = ()


@lru_cache(maxsize=65536)
def slug(value: str) -> Slug:
    """A page or folder name for a value from content; distinct values, distinct names."""
    if SAFE_NAME.fullmatch(value) and ".." not in value and len(value) <= MAX_NAME:
        return Slug(value)
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    name = re.sub(r"[^a-z0-9.]+", "-", folded)
    name = re.sub(r"[.-]*\.[.-]*", ".", name).strip(".-")[:MAX_NAME].strip(".-")
    return Slug(f"{name or 'v'}{DIGEST}{digest(value)}")


def digest(value: str) -> str:
    """A short digest of ``value``, to tell apart two values shortened to one name."""
    return hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()
