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
from typing import NoReturn

from generator.content.errors import ContentError, Location, Problem
from generator.render.api import schemas

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
WORKFLOW = Path(".github/workflows/policy-site.yml")
REQUIREMENT_MARK = "@SCOPESITE_REQUIREMENT@"


def new_project(target: Path) -> list[Path]:
    """Write a new project into ``target`` (absent, empty, or holding only dotfiles such
    as a fresh repository's .git and .gitignore); the files written.

    Files are written beside the target first and moved in at once, so a failure
    leaves nothing half-written; a file already there is never overwritten.
    """
    _check_room(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        shutil.copytree(SCAFFOLD, staging, dirs_exist_ok=True, ignore=IGNORED)
        _pin_scopesite(staging / WORKFLOW)
        for name, text in schemas().items():
            (staging / "schema").mkdir(exist_ok=True)
            (staging / "schema" / name).write_text(text)
        written = sorted(path.relative_to(staging) for path in staging.rglob("*") if path.is_file())
        if target.exists():
            for relative in written:  # into the author's repository, beside its dotfiles
                (target / relative).parent.mkdir(parents=True, exist_ok=True)
                (staging / relative).rename(target / relative)
            shutil.rmtree(staging)
        else:
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / relative for relative in written]


IGNORED = shutil.ignore_patterns(".scopesite", "site", "__pycache__")


def _check_room(target: Path) -> None:
    """A folder holding anything but dotfiles is someone's work: refuse it; a dotfile the
    scaffold would overwrite (say, .gitignore) is refused by name."""
    if not target.exists():
        return
    if not target.is_dir() or any(not entry.name.startswith(".") for entry in target.iterdir()):
        _refuse(
            target,
            "this folder already exists and is not empty",
            "name a new folder: scopesite new my-policy",
        )
    for path in sorted(SCAFFOLD.rglob("*")):
        name = path.relative_to(SCAFFOLD).as_posix()
        if path.is_file() and (target / name).exists():
            _refuse(
                target,
                f"this folder already has {name}, which scopesite new would overwrite",
                f"move {name} aside, run scopesite new again, then merge it back",
            )


def _refuse(target: Path, message: str, hint: str) -> NoReturn:
    raise ContentError([Problem(Location(target), message, hint)])


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
