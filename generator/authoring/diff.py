"""A policy at git revisions, and what changed between them (``policy/changes.py``).

`scopesite diff REV_A REV_B` and the site's 'Policy changes' page both read the
project at two git revisions, derive each, and compare them.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from generator.content.errors import ContentError, Location, Problem
from generator.content.load import load_yaml
from generator.content.models import KINDS
from generator.content.project import Project, load_policy
from generator.content.resolve import resolve
from generator.content.site_config import PolicyRevision, SiteConfig
from generator.policy.change import Change
from generator.policy.changes import HistoryStep, compare
from generator.policy.derive import Derived, derive
from generator.render.environment import environment
from generator.render.wording import Wording


class RevisionError(Exception):
    """git cannot read a revision (or there is no repository): not an error of the
    content, so `scopesite diff` says it in one line, and a build where
    site_config.yml's history names the revision."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(f"{message}; {hint}")
        self.message = message
        self.hint = hint


def policy_at(project: Project, revision: str, commits: CommitCache | None = None) -> Derived:
    """The project's policy as committed at ``revision``, derived (once per ``commits``)."""
    commits = CommitCache() if commits is None else commits
    try:
        top = Path(_git(project.root, "rev-parse", "--show-toplevel").strip())
    except RevisionError:
        raise RevisionError(
            "this project is not in a git repository",
            "run it in a clone of the policy's repository (versions are git revisions)",
        ) from None
    try:
        commit = _git(project.root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except RevisionError:
        raise RevisionError(
            f"unknown revision '{revision}'",
            "name a commit, branch or tag of this repository (see: git log --oneline)",
        ) from None
    relative = project.root.resolve().relative_to(top.resolve())
    key = (top.resolve(), relative, commit.strip())
    if key not in commits:
        commits[key] = _derive_from_git(top, relative, commit.strip(), revision)
    return commits[key]


def changes_between(project: Project, old: str, new: str) -> list[Change]:
    """What changed for customers from revision ``old`` to revision ``new``."""
    return compare(policy_at(project, old), policy_at(project, new))


class CommitCache(dict[tuple[Path, Path, str], Derived]):
    """A commit's policy never changes: a serve session keeps one of these, so that
    with a 'history' it reads each commit once."""


def _derive_from_git(top: Path, relative: Path, commit: str, revision: str) -> Derived:
    """The project at ``relative`` inside the repository at ``top``, as of ``commit``.

    git runs at the top, where pathspecs start, so a project in a subfolder reads
    alike from any working folder.
    """
    config = (relative / "site_config.yml").as_posix()
    inside = [config, (relative / "content").as_posix()]
    listed = _git(top, "ls-tree", "-z", "--name-only", commit, "--", *inside).split("\0")
    if config not in listed:
        # The project did not exist yet: compared with it, everything was added.
        return derive(resolve(SiteConfig.model_construct(name="", base_url=""), [], []))
    present = [path for path in inside if path in listed]
    archive = _git(top, "archive", "--format=tar", commit, "--", *present, raw=True)
    with tempfile.TemporaryDirectory(prefix="scopesite-diff-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        root = Path(folder) / relative
        try:
            return derive(load_policy(Project.at(root)))
        except ContentError as error:
            raise ContentError(_at_revision(error, root, revision)) from None


def policy_history(
    project: Project, history: list[PolicyRevision], commits: CommitCache | None = None
) -> list[HistoryStep]:
    """What changed between each pair of consecutive versions named in site_config.yml.

    An unknown revision is reported where site_config.yml names it.
    """
    if len(history) < 2:
        return []
    document = load_yaml(project.site_config)
    derived: list[Derived] = []
    problems: list[Problem] = []
    for index, entry in enumerate(history):
        try:
            derived.append(policy_at(project, entry.revision, commits))
        except RevisionError as error:
            where = document.value_at(("history", index, "revision"))
            problems.append(Problem(where, error.message, error.hint))
        except ContentError as error:  # located in the revision's own files
            problems.extend(error.problems)
    if problems:
        raise ContentError(problems)
    return [
        HistoryStep(history[i - 1], history[i], compare(derived[i - 1], derived[i]))
        for i in range(1, len(history))
    ]


def as_text(changes: list[Change], old: str, new: str, wording: Wording | None = None) -> str:
    """Lines for the terminal; each change as the Policy changes page words it."""
    wording = wording or shipped_wording()
    lines = [f"Policy changes from {old} to {new}:"]
    lines += [f"  {wording.change(change)}" for change in changes] or ["  none"]
    lines.append(f"{len(changes)} change{'s' if len(changes) != 1 else ''}")
    return "\n".join(lines) + "\n"


def as_markdown(changes: list[Change], old: str, new: str, wording: Wording | None = None) -> str:
    """Markdown for a pull request: changes by kind, coverage last."""
    wording = wording or shipped_wording()
    lines = [f"## Policy changes from `{old}` to `{new}`", ""]
    for kind, label in {**KINDS, "hours": "hour set", "regions": "region"}.items():
        found = [change for change in changes if change.kind == kind]
        if found:
            plural = label[:-1] + "ies" if label.endswith("y") else label + "s"
            items = (f"- {wording.change(c)}" for c in found)
            lines += [f"### {plural.capitalize()}", "", *items, ""]
    coverage = [change for change in changes if change.kind == "coverage"]
    if coverage:
        lines += ["### Coverage", "", *(f"- {wording.change(c)}" for c in coverage), ""]
    if not changes:
        lines += ["No change to the policy.", ""]
    return "\n".join(lines)


def as_json(changes: list[Change], old: str, new: str, wording: Wording | None = None) -> str:
    """JSON for scripts: each change's facts, its values and its sentence as worded."""
    wording = wording or shipped_wording()
    data = {"from": old, "to": new, "changes": [_json(c, wording) for c in changes]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def shipped_wording() -> Wording:
    """The wording scopesite ships, for a caller that does not pass a project's own."""
    return Wording(environment(None))


def _json(change: Change, wording: Wording) -> dict[str, Any]:
    """A change's facts; 'before', 'after' and 'text' as the sentence words them."""
    data = asdict(change)
    if change.kind == "coverage" and change.old_verdict and change.new_verdict:
        data["before"] = wording.change_verdict(change.old_verdict)
        data["after"] = wording.change_verdict(change.new_verdict)
    elif change.field is not None:
        data["before"] = wording.change_value(change.before, change.field)
        data["after"] = wording.change_value(change.after, change.field)
    data["text"] = wording.change(change)
    return data


def _git(folder: Path, *args: str, raw: bool = False) -> Any:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, timeout=120)
    except FileNotFoundError:
        raise RevisionError("git is not installed", "install git to compare revisions") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        first = message[0] if message else f"git {args[0]} failed"
        raise RevisionError(
            first.removeprefix("fatal: "),
            "name a commit, branch or tag of this repository (see: git log --oneline)",
        )
    return done.stdout if raw else done.stdout.decode()


def _at_revision(error: ContentError, root: Path, revision: str) -> list[Problem]:
    """Errors found in an extracted revision, named as revision:path."""
    problems = []
    for problem in error.problems:
        where = problem.location
        inside = where.path.relative_to(root) if where.path.is_relative_to(root) else where.path
        location = Location(Path(f"{revision}:{inside.as_posix()}"), where.line, where.column)
        problems.append(Problem(location, problem.message, problem.hint))
    return problems
