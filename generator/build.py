"""The build's story in one place: load → validate → resolve → derive → index → render."""

from __future__ import annotations

from generator.authoring.diff import policy_history
from generator.content.project import Project, load_policy
from generator.policy.derive import derive
from generator.progress import current
from generator.render.pages import render
from generator.render.rendered import RenderedSite
from generator.search.related import related_items
from generator.wizards.compile import compile_wizards


def generate(project: Project) -> RenderedSite:
    """Turn a project's content into the files of its docs folder (nothing is written)."""
    progress = current()
    with progress.stage("loading content"):
        policy = load_policy(project)  # load + validate + resolve, every error at once
    with progress.stage("deriving answers and compiling wizards"):
        derived = derive(policy)
        wizards = compile_wizards(derived)
    with progress.stage("finding related items"):
        related = related_items(policy)
    history = []
    if len(policy.site.history) > 1:  # the Policy changes page reads git history
        with progress.stage("comparing published versions"):
            history = policy_history(project, policy.site.history)
    with progress.stage("rendering pages"):
        return render(
            derived,
            wizards,
            project.templates_dir,
            related,
            on_page=progress.advance,
            history=history,
        )
