"""`scopesite new`: a small valid project to start from, with its schema.

The files live in generator/scaffold/ as a project would hold them; the JSON
Schema is written from the models, so editors complete and check from the start.
The GitHub workflow is pinned to the scopesite that wrote it.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from importlib.metadata import distribution
from pathlib import Path

from generator.content.errors import ContentError, Location, Problem
from generator.render.api import schemas

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
WORKFLOW = Path(".github/workflows/policy-site.yml")
REQUIREMENT_MARK = "@SCOPESITE_REQUIREMENT@"


def new_project(target: Path) -> list[Path]:
    """Write a new project into ``target`` (absent or empty); the files written.

    Files are written beside the target first and moved in at once, so a failure
    leaves nothing half-written.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ContentError(
            [
                Problem(
                    Location(target),
                    "this folder already exists and is not empty",
                    "name a new folder: scopesite new my-policy",
                )
            ]
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        ignored = shutil.ignore_patterns(".scopesite", "site", "__pycache__")
        shutil.copytree(SCAFFOLD, staging, dirs_exist_ok=True, ignore=ignored)
        _pin_scopesite(staging / WORKFLOW)
        for name, text in schemas().items():
            (staging / "schema").mkdir(exist_ok=True)
            (staging / "schema" / name).write_text(text)
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(path for path in target.rglob("*") if path.is_file())


def _pin_scopesite(workflow: Path) -> None:
    """Pin the workflow to the running scopesite: CI then builds with the version the
    author checked with, and a new release changes the site only when the pin is raised."""
    text = workflow.read_text().replace(REQUIREMENT_MARK, running_requirement())
    workflow.write_text(text)


def running_requirement() -> str:
    """A pip requirement for exactly the scopesite that is running.

    Installed from a git repository, that is its commit (a version number alone
    would let any package of that name stand in); otherwise its version.
    """
    scopesite = distribution("scopesite")
    return requirement_for(scopesite.version, scopesite.read_text("direct_url.json"))


def requirement_for(version: str, direct_url: str | None) -> str:
    """The requirement for ``version``, installed from ``direct_url`` (PEP 610) if given."""
    origin = json.loads(direct_url) if direct_url else {}
    vcs = origin.get("vcs_info", {})
    if vcs.get("vcs") == "git" and vcs.get("commit_id") and origin.get("url"):
        return f"scopesite @ git+{origin['url']}@{vcs['commit_id']}"
    return f"scopesite=={version}"
