"""The build's story in one place, as MkDocs' ``build()`` tells its own:
load → validate → resolve → derive → compile wizards → related items → history →
render → site stage (MkDocs) → publish.

Every stage is a function of the stage package named after it; this module only
calls them in order, and owns what lasts longer than one stage: the progress
shown in the terminal and, for ``serve``, the caches that make a rebuild fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.authoring.diff import CommitCache, policy_history
from generator.content.errors import ContentError, Problem
from generator.content.project import LoadCache, Project, load_policy
from generator.policy.derive import derive
from generator.progress import Progress
from generator.render.pages import render
from generator.render.rendered import RenderedSite
from generator.render.template_cache import MemoryBytecodeCache
from generator.search.related import RelatedCache, related_items
from generator.site import mkdocs_build
from generator.site.mkdocs_build import plugin_warning
from generator.site.plugin import ScopesitePlugin as MkDocsAdapter
from generator.site.project_config import own_config, problems
from generator.site.publish import open_publication, publish
from generator.site.run import Pages, SiteRun
from generator.wizards.compile import compile_wizards


@dataclass
class Session:
    """What one ``scopesite`` command keeps from build to build: its progress and caches.

    A build makes one and drops it; a serve keeps one for all its rebuilds, so
    that an edit re-parses, re-ranks and re-compiles only what it touched.
    """

    progress: Progress = field(default_factory=Progress)
    loads: LoadCache = field(default_factory=LoadCache)
    related: RelatedCache = field(default_factory=RelatedCache)
    commits: CommitCache = field(default_factory=CommitCache)
    templates: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)
    theme: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)
    checked: Callable[[list[str]], None] = lambda warnings: None
    """Told, with their warnings, once the content and mkdocs.yml are found valid."""


def build(
    project: Project, site_dir: Path, session: Session, *, strict: bool = False, force: bool = False
) -> list[str]:
    """Build the site into ``site_dir``, replacing it only when the whole build succeeds.

    Returns the files scopesite did not write that pages of the same name replaced.
    Raises ContentError with every error of the content and mkdocs.yml, PublishError
    for a folder it will not build into, OSError when the system refuses a write.
    """
    progress = session.progress
    rendered = generate_checked(project, own_config(project), session)  # load … render
    session.checked([w for w in (plugin_warning(project),) if w])
    with open_publication(site_dir, project, force=force) as publication:  # before any write
        run = SiteRun(project, _pages(project, session), progress, rendered, publication)
        mkdocs_build.build_site(run, strict=strict)  # docs folder, theme, Markdown, CSP, search
        return publish(publication, progress)


def generate(project: Project, session: Session | None = None) -> RenderedSite:
    """Turn a project's content into the files of its docs folder (nothing is written)."""
    session = session or Session()
    progress = session.progress
    with progress.stage("loading content"):
        policy = load_policy(project, session.loads)  # load + validate + resolve, every error
    with progress.stage("deriving answers and compiling wizards"):
        derived = derive(policy)
        wizards = compile_wizards(derived)
    with progress.stage("finding related items"):
        related = related_items(policy, last_answers=session.related)
    history = []
    if len(policy.site.history) > 1:  # the Policy changes page reads git history
        with progress.stage("comparing published versions"):
            history = policy_history(project, policy.site.history, session.commits)
    with progress.stage("rendering pages"):
        return render(
            derived,
            wizards,
            project.templates_dir,
            related,
            on_page=progress.advance,
            history=history,
            compiled=session.templates,
        )


def generate_checked(
    project: Project,
    config_path: Path | None,
    session: Session | None = None,
    *,
    theme_name: str | None = None,
) -> RenderedSite:
    """Generate the pages, reporting the content's errors and mkdocs.yml's at once."""
    with reported_with(problems(project, config_path, theme_name=theme_name)):
        return generate(project, session)


def serve(project: Project, address: str) -> None:
    """Serve the site with live reload; the plugin's run keeps one session throughout."""
    mkdocs_build.serve_site(project, address)


@contextmanager
def reported_with(found: list[Problem]) -> Iterator[None]:
    """Report ``found`` with the errors of the block, or alone when it has none."""
    try:
        yield
    except ContentError as error:
        raise ContentError([*found, *error.problems]) from None
    if found:
        raise ContentError(found)


class ScopesitePlugin(MkDocsAdapter):  # type: ignore[no-untyped-call]  # MkDocs untyped hook
    """The plugin as MkDocs loads it (pyproject's entry point): the adapter, given the
    pipeline, so that plain ``mkdocs build`` and ``mkdocs serve`` run the whole story."""

    def new_run(self, project: Project) -> SiteRun:
        session = Session()
        return SiteRun(
            project, _pages(project, session), session.progress, theme_cache=session.theme
        )


def _pages(project: Project, session: Session) -> Pages:
    """The pipeline up to render, as the site stage calls it on each engine build."""

    def pages(config_path: Path | None, *, theme_name: str | None) -> RenderedSite:
        return generate_checked(project, config_path, session, theme_name=theme_name)

    return pages
