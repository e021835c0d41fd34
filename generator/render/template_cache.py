"""Compiled Jinja2 templates, kept for the life of a serve session.

`scopesite serve` makes new Jinja2 environments on every rebuild (scopesite's own
for the Markdown pages, MkDocs' for the theme), and compiling the same templates
again was half of the time an edit took to show. An environment given one of
these caches compiles a template once; a template whose source changed is
compiled again, as Jinja2 checks each entry against a checksum of the source.
A serve session owns its caches and passes them down: nothing is kept here.
"""

from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja2's bytecode cache in memory, for environments of one kind (same options)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()
