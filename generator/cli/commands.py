"""The scopesite command: thin commands over the pipeline, like MkDocs' own CLI."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import asdict
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from generator.cli.addresses import free_address
from generator.content.errors import ContentError, Problem, did_you_mean
from generator.content.project import Project
from generator.site.os_errors import cannot_create, described
from generator.site.project_config import own_config

if TYPE_CHECKING:
    from generator.content.resolve import Policy

F = TypeVar("F", bound=Callable[..., Any])

project_argument = click.argument("directory", default=".", type=click.Path(file_okay=False))


def reports_content_errors(command: F) -> F:
    """Print content errors as file:line:col lines and exit 1, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ContentError as error:
            click.echo(error.report(), err=True)
            sys.exit(1)
        except OSError as error:  # commands that name their OS errors catch them first
            _fail(described(error))

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="scopesite")
def main() -> None:
    """Build a static support site from a support policy written in YAML."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice is not for our users


@main.command()
@project_argument
@reports_content_errors
def check(directory: str) -> None:
    """Check the content of a project, and its mkdocs.yml, and report every error."""
    from generator.build import generate_checked
    from generator.site.guide_links import guide_link_problems

    project = Project.at(directory)
    rendered = generate_checked(project, own_config(project))
    # build --strict refuses a guide's link to a page or section the site lacks: say so here
    broken = list(guide_link_problems(project, rendered.files))
    if broken:
        raise ContentError(broken)
    click.echo(f"ok: content is valid; {rendered.summary()}")


@main.command()
@project_argument
# click.Path(file_okay=False) would refuse a file with its own wording and status 2;
# publish refuses it with the other folders it will not build into.
@click.option("--site-dir", type=click.Path(), help="Output folder [DIR/site].")
@click.option(
    "--force", is_flag=True, help="Build into a non-empty folder scopesite did not build."
)
@click.option("--strict", is_flag=True, help="Treat MkDocs warnings as errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option(
    "-v", "--verbose", is_flag=True, help="Print MkDocs' messages and each stage's duration."
)
@reports_content_errors
def build(
    directory: str, site_dir: str | None, force: bool, strict: bool, quiet: bool, verbose: bool
) -> None:
    """Build the static site; a failed build leaves the previous site untouched."""
    from generator import build as pipeline
    from generator.cli.build_report import BuildReport

    _log_mkdocs(logging.INFO if verbose else logging.WARNING)
    project = Project.at(directory)
    target = Path(site_dir) if site_dir else project.root / "site"
    report = BuildReport(quiet=quiet)
    with report.failures(project, target):
        replaced = pipeline.build(project, target, report.session, strict=strict, force=force)
    report.built(replaced, target)


@main.command()
@project_argument
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    callback=free_address,
    help="Address to serve on.",
)
@click.option("-v", "--verbose", is_flag=True, help="Print how long each stage of a build took.")
@reports_content_errors
def serve(directory: str, dev_addr: str, verbose: bool) -> None:
    """Serve the site locally, rebuilding when content or templates change."""
    from mkdocs.exceptions import Abort

    from generator import build as pipeline

    _log_mkdocs(logging.INFO, stages=logging.INFO if verbose else logging.WARNING)
    try:
        pipeline.serve(Project.at(directory), dev_addr)
    except Abort:  # the first build failed (its errors are printed above): nothing to serve
        click.echo("error: the site could not be built, so there is nothing to serve", err=True)
        sys.exit(1)


@main.command()
@project_argument
@click.option("--flow", "flow_id", help="The wizard to run; asked for when left out.")
@click.option(
    "--answer",
    "answers",
    multiple=True,
    metavar="QUESTION=VALUE",
    help="Answer a question; repeat for each. Unanswered questions are asked.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@reports_content_errors
def ask(directory: str, flow_id: str | None, answers: tuple[str, ...], as_json: bool) -> None:
    """Walk a wizard in the terminal and print its outcome."""
    from generator.cli import ask as asking
    from generator.content.project import load_policy
    from generator.policy.derive import derive
    from generator.render.environment import environment
    from generator.render.wording import Wording
    from generator.wizards.compile import compile_wizards
    from generator.wizards.walk import WalkError, walk

    project = Project.at(directory)
    derived = derive(load_policy(project))
    failed: list[Problem] = []  # failing expectations: listed after the answer, exit 1
    wizards = compile_wizards(derived, failed)
    if not wizards:
        _fail("this project has no wizards (content/flows/*.yml)")
    interactive = not as_json  # missing answers are asked for, on a terminal or a pipe
    given = dict(_split_answer(text) for text in answers)
    flow_id = _flow_to_walk(wizards, flow_id, given, interactive)
    try:
        path, state = walk(wizards[flow_id], given, _prompt if interactive else None)
    except WalkError as error:
        _fail(str(error))
    assert state.answer is not None
    chosen = dict(state.key[1]).get("product")  # links go to the chosen product's pages
    wording = Wording(environment(project.templates_dir))  # a project's own wording first
    base_url = derived.policy.site.base_url
    if as_json:
        click.echo(asking.as_json(flow_id, path, state.answer, base_url, wording, chosen), nl=False)
    else:
        click.echo(asking.as_text(state.answer, base_url, wording, chosen), nl=False)
    if failed:
        click.echo(ContentError(failed).report(), err=True)
        sys.exit(1)


@main.command()
@click.argument("text", metavar="QUERY")
@project_argument
@click.option(
    "-n",
    "--limit",
    default=10,
    show_default=True,
    type=click.IntRange(min=1),
    help="How many hits to show.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@reports_content_errors
def search(text: str, directory: str, limit: int, as_json: bool) -> None:
    """Search the policy as a customer would, in their own words."""
    from generator.content.project import load_policy
    from generator.render import urls
    from generator.search.index import SearchIndex

    project = Project.at(directory)
    policy = load_policy(project)
    hits = SearchIndex(policy).search(text, limit)
    base = policy.site.base_url
    if as_json:
        lines = _verdict_lines(project, policy)  # as the browser's results word them
        rows = [
            {
                **asdict(hit),
                "verdict": lines.get(hit.url, hit.verdict),
                "url": urls.absolute(base, hit.url),
            }
            for hit in hits
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not hits:
        contact = urls.own_page(urls.CONTACT).absolute(base)
        click.echo(f"no results for '{text}': try a wizard, or see {contact}")
    for rank, hit in enumerate(hits, 1):
        verdict = f"[{hit.verdict}] " if hit.verdict else ""
        address = urls.absolute(base, hit.url)
        click.echo(f"{rank:2}. {verdict}{hit.title} ({hit.kind})\n    {address}")


def _verdict_lines(project: Project, policy: Policy) -> dict[str, str]:
    """Each scope item's verdict line by its search location: the one the site's
    search results show, each plan's verdict and the price where it applies."""
    from generator.policy.derive import item_verdict
    from generator.render import urls
    from generator.render.environment import environment
    from generator.render.wording import Wording

    wording = Wording(environment(project.templates_dir))
    return {
        urls.scope_item(str(item.product), item.id).location: wording.verdict_line(
            item_verdict(policy, item)
        )
        for item in policy.scope_items()
    }


@main.command()
@click.argument("directory", type=click.Path(file_okay=False))
@reports_content_errors
def new(directory: str) -> None:
    """Start a new policy project in DIRECTORY: one product, ready to build."""
    from generator.authoring.scaffold import WORKFLOW, new_project, running_requirement

    target = Path(directory)
    try:
        written = new_project(target)
    except OSError as error:
        _fail(cannot_create(target, error))
    click.echo(f"created {target} ({len(written)} files); next:")
    click.echo(f"  scopesite check {target}   # every error of the content, at once")
    click.echo(f"  scopesite serve {target}   # preview at http://127.0.0.1:8000, rebuilt on save")
    click.echo(f"  scopesite build {target} --strict   # the site, into {target / 'site'}")
    click.echo(  # a version pin builds only where the CI's package index has that version
        f"note: {WORKFLOW} installs '{running_requirement()}' (SCOPESITE_PACKAGE in its env); "
        "change it there, or set the repository variable SCOPESITE_PACKAGE, "
        "if your CI's package index does not have it"
    )


@main.command()
@click.argument("old", metavar="REV_A")
@click.argument("new", metavar="REV_B")
@project_argument
@click.option(
    "--format",
    "form",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="Lines for the terminal, Markdown for a pull request, or JSON.",
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@reports_content_errors
def diff(old: str, new: str, directory: str, form: str, as_json: bool) -> None:
    """What changed for customers between two git revisions of the policy."""
    from generator.authoring import diff as policy_diff
    from generator.render.environment import environment
    from generator.render.wording import Wording

    project = Project.at(directory)
    try:
        changes = policy_diff.changes_between(project, old, new)
    except policy_diff.RevisionError as error:
        _fail(str(error))
    render = {
        "text": policy_diff.as_text,
        "markdown": policy_diff.as_markdown,
        "json": policy_diff.as_json,
    }["json" if as_json else form]
    wording = Wording(environment(project.templates_dir))  # a project's own wording first
    click.echo(render(changes, old, new, wording), nl=False)


@main.command()
@click.argument("folder", default="schema", type=click.Path(file_okay=False))
def schema(folder: str) -> None:
    """Write the JSON Schema of every content file kind into FOLDER."""
    from generator.render.api import schemas

    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, text in schemas().items():
            (target / name).write_text(text)
            click.echo(f"wrote {target / name}")
    except OSError as error:
        _fail(cannot_create(target, error))


@main.command()
@click.argument("flow_id", metavar="FLOW")
@project_argument
@reports_content_errors
def graph(flow_id: str, directory: str) -> None:
    """Print a wizard as a Mermaid flowchart."""
    from generator.content.project import load_policy
    from generator.wizards.graph import mermaid

    flows = load_policy(Project.at(directory)).flows
    if flow_id not in flows:
        _fail(
            f"unknown flow '{flow_id}'{did_you_mean(flow_id, flows)}; "
            f"flows: {', '.join(flows) or 'none'}"
        )
    click.echo(mermaid(flows[flow_id].model.flow), nl=False)


def _split_answer(text: str) -> tuple[str, str]:
    question, separator, value = text.partition("=")
    if not separator or not question or not value:
        _fail(f"--answer takes QUESTION=VALUE, not '{text}'")
    return question.strip(), value.strip()


def _flow_to_walk(
    wizards: Mapping[str, Any], flow_id: str | None, given: dict[str, str], interactive: bool
) -> str:
    """The wizard --flow names; else the only one, or the only one whose questions the
    answers given on the command line name; else the one the user picks."""
    known = ", ".join(wizards)
    if flow_id is not None:
        if flow_id not in wizards:
            _fail(f"unknown flow '{flow_id}'{did_you_mean(flow_id, wizards)}; flows: {known}")
        return flow_id
    fitting = [
        key
        for key, wizard in wizards.items()
        if set(given) <= {question.id for question in wizard.flow.questions}
    ]
    if len(fitting) == 1:
        return str(fitting[0])
    if interactive:
        return _pick_flow({key: wizards[key] for key in fitting or wizards})
    _fail(f"name the wizard with --flow: the answers given fit {len(fitting)}; flows: {known}")


def _pick_flow(wizards: Mapping[str, Any]) -> str:
    ids = list(wizards)
    for number, flow_id in enumerate(ids, 1):
        click.echo(f"  {number}. {wizards[flow_id].flow.title}")
    return _choose("Which wizard", ids)


def _prompt(state: Any) -> str:
    click.echo(f"\n{state.question.text}")
    for number, choice in enumerate(state.choices, 1):
        click.echo(f"  {number}. {choice.label}")
    values = [str(choice.value) for choice in state.choices]
    return _choose("Your answer", values)


def _choose(label: str, values: list[str]) -> str:
    """Reads a choice of a numbered list: its number, or its value as --answer takes it;
    asks again after a typo, with an 'error:' line like scopesite's other errors (click's
    own prompt check would print 'Error:')."""
    while True:
        text = str(click.prompt(label)).strip()
        if text.isdigit() and 1 <= int(text) <= len(values):
            return values[int(text) - 1]
        if text in values:
            return text
        click.echo(
            f"error: '{text}' is not one of the choices: type its number, 1 to {len(values)}"
        )


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def _log_mkdocs(level: int, stages: int | None = None) -> None:
    """MkDocs' messages at ``level`` and above; scopesite's stage timings at ``stages``."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
    for name, threshold in (("mkdocs", level), ("scopesite", stages or level)):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(threshold)
        logger.propagate = False
