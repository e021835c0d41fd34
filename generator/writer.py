"""Site stage's file work: the generated docs folder and the atomic site swap.

With the loader, the only module that touches the file system.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

STAGING_PREFIX = ".scopesite-staging-"


def write_docs(files: dict[str, bytes], docs_dir: Path) -> int:
    """Make ``docs_dir`` hold exactly ``files``; return how many files changed.

    Unchanged files are left alone so live reload sees only real edits.
    """
    changed = 0
    for relative, content in files.items():
        target = docs_dir / relative
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(content)
        os.replace(temporary, target)
        changed += 1
    wanted = {docs_dir / relative for relative in files}
    for existing in sorted(docs_dir.rglob("*"), reverse=True):
        if existing.is_file() and existing not in wanted:
            existing.unlink()
            changed += 1
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return changed


def staging_dir_for(site_dir: Path) -> Path:
    """A fresh empty folder beside ``site_dir`` to build into; old leftovers are removed."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    for leftover in site_dir.parent.glob(f"{STAGING_PREFIX}{site_dir.name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{site_dir.name}-", dir=site_dir.parent))


def publish(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by the finished ``staging`` folder in two renames."""
    retired = staging.with_name(staging.name + "-old")
    if site_dir.exists():
        os.replace(site_dir, retired)
    os.replace(staging, site_dir)
    shutil.rmtree(retired, ignore_errors=True)


def discard(staging: Path) -> None:
    """Drop a staging folder after a failed build; the published site is untouched."""
    shutil.rmtree(staging, ignore_errors=True)
