"""What changed between two versions of a policy, in the policy's own terms.

`scopesite diff REV_A REV_B` and the site's 'Policy changes' page both read the
project at two git revisions, derive each, and compare: things added and
removed, fields changed (a severity's first response goal, a plan's channels),
and coverage per plan (a scope item that was covered and is not any more).
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.content.errors import ContentError, Location, Problem
from generator.content.load import load_yaml
from generator.content.models import KINDS
from generator.content.project import Project, load_policy
from generator.content.resolve import resolve
from generator.content.site_config import PolicyRevision, SiteConfig
from generator.policy.derive import Derived, derive
from generator.policy.verdicts import verdict_label

FIELD_LABELS = {
    "response": "first response goal",
    "resolution": "resolution goal",
    "channels": "channels",
    "report_via": "reported via",
    "delivered_via": "delivered via",
    "current_version": "current version",
    "open_to_all": "open to every plan",
}
REFERENCES = {
    "channels": "channels",
    "report_via": "channels",
    "delivered_via": "channels",
    "products": "products",
    "plans": "plans",
}
"""Fields listing ids: a change to one says what was added and removed, by name."""
SKIPPED_FIELDS = {"id", "verdict"}
"""A scope item's verdict shows as coverage per plan, which is what customers get."""


class RevisionError(Exception):
    """git cannot read a revision (or there is no repository): not an error of the
    content, so `scopesite diff` says it in one line, and a build where
    site_config.yml's history names the revision."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(f"{message}; {hint}")
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a policy."""

    kind: str
    id: str
    change: str  # added, removed or changed
    field: str | None
    before: str | None
    after: str | None
    text: str


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


@dataclass(frozen=True)
class HistoryStep:
    """One published version and what changed since the one before."""

    older: PolicyRevision
    newer: PolicyRevision
    changes: list[Change]


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


def compare(old: Derived, new: Derived) -> list[Change]:
    """Every change from ``old`` to ``new``, kind by kind, then coverage."""
    changes: list[Change] = []
    names = _names(old, new)
    for kind in KINDS:
        before, after = getattr(old.policy, kind), getattr(new.policy, kind)
        for key in after:
            if key not in before:
                changes.append(_added_or_removed(kind, after[key], "added"))
        for key in before:
            if key not in after:
                changes.append(_added_or_removed(kind, before[key], "removed"))
            else:
                changes.extend(_field_changes(kind, before[key], after[key], names))
    changes.extend(_coverage_changes(old, new))
    return changes


def as_text(changes: list[Change], old: str, new: str) -> str:
    lines = [f"Policy changes from {old} to {new}:"]
    lines += [f"  {change.text}" for change in changes] or ["  none"]
    lines.append(f"{len(changes)} change{'s' if len(changes) != 1 else ''}")
    return "\n".join(lines) + "\n"


def as_markdown(changes: list[Change], old: str, new: str) -> str:
    lines = [f"## Policy changes from `{old}` to `{new}`", ""]
    for kind, label in KINDS.items():
        found = [change for change in changes if change.kind == kind]
        if found:
            plural = label[:-1] + "ies" if label.endswith("y") else label + "s"
            lines += [f"### {plural.capitalize()}", "", *(f"- {c.text}" for c in found), ""]
    coverage = [change for change in changes if change.kind == "coverage"]
    if coverage:
        lines += ["### Coverage", "", *(f"- {c.text}" for c in coverage), ""]
    if not changes:
        lines += ["No change to the policy.", ""]
    return "\n".join(lines)


def as_json(changes: list[Change], old: str, new: str) -> str:
    data = {"from": old, "to": new, "changes": [asdict(change) for change in changes]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def name_of(kind: str, thing: Any) -> str:
    """How the policy names one thing: "Severity 2: Major", "Plan 'Gold'"."""
    if kind == "severities":
        return str(thing.title)
    label = KINDS[kind].capitalize()
    for attribute in ("name", "title", "text"):
        if hasattr(thing, attribute):
            return f"{label} '{getattr(thing, attribute)}'"
    return f"{label} '{thing.id}'"


def _added_or_removed(kind: str, thing: Any, change: str) -> Change:
    text = f"{name_of(kind, thing)} {change}"
    if kind == "scope":
        text += f" ({verdict_label(thing.verdict).lower()})" if change == "added" else ""
    return Change(kind, thing.id, change, None, None, None, text)


def _field_changes(
    kind: str, before: BaseModel, after: BaseModel, names: dict[str, dict[str, str]]
) -> Iterator[Change]:
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    skipped = SKIPPED_FIELDS if kind == "scope" else {"id"}
    for field in old:
        if field in skipped or old[field] == new[field]:
            continue
        label = FIELD_LABELS.get(field, field.replace("_", " "))
        was, now = _shown(old[field]), _shown(new[field])
        if field in REFERENCES and isinstance(old[field], list) and isinstance(new[field], list):
            what = _added_and_removed(old[field], new[field], names[REFERENCES[field]])
        else:
            what = f"{was} → {now}"
        text = f"{name_of(kind, after)}: {label} {what}"
        yield Change(kind, getattr(after, "id", ""), "changed", field, was, now, text)


def _added_and_removed(old: list[str], new: list[str], names: dict[str, str]) -> str:
    """'added Phone support; removed Forum', by the names of the things referred to."""
    parts = []
    for verb, found in (
        ("added", [i for i in new if i not in old]),
        ("removed", [i for i in old if i not in new]),
    ):
        if found:
            parts.append(f"{verb} {', '.join(names.get(i, i) for i in found)}")
    return "; ".join(parts) or "reordered"


def _names(old: Derived, new: Derived) -> dict[str, dict[str, str]]:
    """Names of the things a field may refer to, by kind and id (current names first)."""
    found: dict[str, dict[str, str]] = {}
    for kind in set(REFERENCES.values()):
        for policy in (new.policy, old.policy):
            for key, thing in getattr(policy, kind).items():
                found.setdefault(kind, {})[key] = thing.name
    return found


def _coverage_changes(old: Derived, new: Derived) -> Iterator[Change]:
    """Per scope item, plans whose verdict changed; one line when every plan did alike."""
    for item_id, item in new.policy.scope.items():
        if item_id not in old.policy.scope:
            continue
        plans = [
            (plan_id, old.coverage[plan_id, item_id], new.coverage[plan_id, item_id])
            for plan_id in new.policy.plans
            if (plan_id, item_id) in old.coverage and (plan_id, item_id) in new.coverage
        ]
        changed = [(p, a, b) for p, a, b in plans if a.verdict != b.verdict]
        pairs = {(str(a.verdict), str(b.verdict)) for _, a, b in changed}
        if not changed:
            continue
        if len(changed) == len(plans) and len(pairs) == 1:
            was, now = (verdict_label(v).lower() for v in next(iter(pairs)))
            text = f"{name_of('scope', item)}: {was} → {now} on every plan"
            yield Change("coverage", item_id, "changed", "verdict", was, now, text)
            continue
        for plan_id, a, b in changed:
            was, now = verdict_label(a.verdict).lower(), verdict_label(b.verdict).lower()
            plan = new.policy.plans[plan_id].name
            text = f"{name_of('scope', item)} on {plan}: {was} → {now}"
            yield Change("coverage", f"{item_id}@{plan_id}", "changed", "verdict", was, now, text)


def _shown(value: object) -> str:
    if value is None or value == [] or value == {}:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k} {_shown(v)}" for k, v in value.items() if v not in (None, []))
    return str(value)


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
