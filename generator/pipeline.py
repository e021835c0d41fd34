"""The build's story in one place: load → validate → resolve → derive → index → render."""

from __future__ import annotations

from .derive import derive
from .diff import policy_history
from .progress import current
from .project import Project, load_policy
from .related import related_items
from .render import RenderedSite, render


def generate(project: Project) -> RenderedSite:
    """Turn a project's content into the files of its docs folder (nothing is written)."""
    progress = current()
    with progress.stage("loading content"):
        policy = load_policy(project)  # load + validate + resolve, every error at once
    with progress.stage("deriving answers and compiling wizards"):
        derived = derive(policy)
    with progress.stage("finding related items"):
        related = related_items(policy)
    history = []
    if len(policy.site.history) > 1:  # the Policy changes page reads git history
        with progress.stage("comparing published versions"):
            history = policy_history(project, policy.site.history)
    with progress.stage("rendering pages"):
        return render(
            derived, project.templates_dir, related, on_page=progress.advance, history=history
        )
