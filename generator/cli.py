"""The scopesite command: thin commands over the pipeline, like MkDocs' own CLI."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice is not for our users

from .errors import ContentError
from .pipeline import generate
from .project import Project

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

    return wrapper  # type: ignore[return-value]


@click.group()
@click.version_option(package_name="scopesite")
def main() -> None:
    """Build a static support site from a support policy written in YAML."""


@main.command()
@project_argument
@reports_content_errors
def check(directory: str) -> None:
    """Check the content of a project and report every error."""
    rendered = generate(Project.at(directory))
    click.echo(f"ok: content is valid; {rendered.summary()}")


@main.command()
@project_argument
@click.option("--site-dir", type=click.Path(file_okay=False), help="Output folder [DIR/site].")
@click.option("--strict", is_flag=True, help="Treat MkDocs warnings as errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("-v", "--verbose", is_flag=True, help="Print MkDocs' own messages too.")
@reports_content_errors
def build(directory: str, site_dir: str | None, strict: bool, quiet: bool, verbose: bool) -> None:
    """Build the static site; a failed build leaves the previous site untouched."""
    from mkdocs.exceptions import Abort

    from .site import build_site

    _log_mkdocs(logging.INFO if verbose else logging.WARNING)

    def say(message: str) -> None:
        if not quiet:
            click.echo(message, err=True)

    started = time.monotonic()
    project = Project.at(directory)
    rendered = generate(project)
    say(f"checked content in {time.monotonic() - started:.1f} s")
    target = Path(site_dir) if site_dir else project.root / "site"
    try:
        build_site(project, rendered, target, strict=strict)
    except Abort as error:
        click.echo(
            f"error: the site was not built ({error}); the previous site is untouched", err=True
        )
        sys.exit(1)
    say(f"built {target} in {time.monotonic() - started:.1f} s")


@main.command()
@project_argument
@click.option(
    "-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on."
)
@reports_content_errors
def serve(directory: str, dev_addr: str) -> None:
    """Serve the site locally, rebuilding when content or templates change."""
    from .site import serve_site

    _log_mkdocs(logging.INFO)
    project = Project.at(directory)
    generate(project)  # report content errors before starting the server
    serve_site(project, dev_addr)


def _log_mkdocs(level: int) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False
