"""The build's story in one place: load → validate → resolve → derive → index → render."""

from __future__ import annotations

from .derive import derive
from .project import Project, load_policy
from .render import RenderedSite, render
from .search_index import SearchIndex


def generate(project: Project) -> RenderedSite:
    """Turn a project's content into the files of its docs folder (nothing is written)."""
    policy = load_policy(project)  # load + validate + resolve, every error at once
    derived = derive(policy)
    related = SearchIndex(policy).related()
    return render(derived, project.templates_dir, related)
