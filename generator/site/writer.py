"""Site stage's file work: the generated docs folder (publishing the site is ``publish``'s)."""

from __future__ import annotations

import os
from pathlib import Path

from generator.render.urls import inside


def write_docs(files: dict[str, bytes], docs_dir: Path) -> int:
    """Make ``docs_dir`` hold exactly ``files``; return how many files changed.

    Unchanged files are left alone so live reload sees only real edits. Raises
    UnsafePath, before writing anything, for a path that would leave ``docs_dir``.
    """
    targets = inside(docs_dir, files)
    changed = 0
    for relative, content in files.items():
        target = targets[relative]
        if not target.is_symlink() and target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.unlink(missing_ok=True)  # a link left there would be written through
        temporary.write_bytes(content)
        os.replace(temporary, target)
        changed += 1
    wanted = {docs_dir / relative for relative in files}
    for existing in sorted(docs_dir.rglob("*"), reverse=True):
        # A link is removed itself, never followed: what it points to is not ours.
        if (existing.is_symlink() or existing.is_file()) and existing not in wanted:
            existing.unlink()
            changed += 1
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return changed
