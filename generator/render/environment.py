"""The Jinja2 environment pages are rendered in: where templates are found (a
project's own first), the filters and globals they use, and a broken template
reported as a content error at its file and line.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator.content.errors import ContentError, Location, Problem
from generator.content.link_safety import for_markdown
from generator.content.load import read_text
from generator.policy.verdicts import ACCESS_MARKS, FIT_MARKS, VERDICT_MARKS
from generator.render import urls
from generator.render.bundled import bundled_templates
from generator.render.theme_values import front_matter_text


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template, reporting a broken template as a content error.

    A project's templates/ is code its author writes: a syntax error, an unknown
    name, a division by zero or a template that includes itself is reported at the
    template's file and line, like any content error, never as a traceback.
    """
    try:
        return env.get_template(name).render(**context)
    except ContentError:
        raise  # a template that is not text (_TextLoader)
    except Exception as error:
        raise ContentError([template_problem(env, name, error)]) from None


def template_problem(env: jinja2.Environment, name: str, error: Exception) -> Problem:
    """A broken template, reported at its file and line with a hint."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = Location(Path(error.filename or name), error.lineno or 1)
        message, hint = f"template error: {error.message}", "fix the Jinja2 syntax of this template"
    elif isinstance(error, jinja2.TemplateNotFound):  # its message lists this machine's folders
        where = _template_line(env, name, error)
        message = f"template error: no template named '{error.name}'"
        hint = "include a template of templates/ or one scopesite ships, by its file name"
    elif isinstance(error, RecursionError):
        where = _template_line(env, name, error)
        message = "template error: templates include or extend each other without end"
        hint = "remove the include or extends that leads back to this template"
    else:
        where = _template_line(env, name, error)
        message, hint = f"template error: {_plain(error)}", _runtime_hint(error)
    return Problem(where, message, hint)


def _template_line(env: jinja2.Environment, name: str, error: BaseException) -> Location:
    """Where in the templates an error arose: Jinja2 gives each template's frames
    its file and line, so the innermost such frame is the line that failed."""
    folders = [Path(folder) for folder in getattr(env.loader, "searchpath", [])]
    found = None
    for frame, line in traceback.walk_tb(error.__traceback__):
        source = Path(frame.f_code.co_filename)
        if any(source.is_relative_to(folder) for folder in folders):
            found = Location(source, line)
    return found or Location(Path(env.get_or_select_template(name).filename or name))


MISSING_ATTRIBUTE = re.compile(r"^'(?:[\w.]+\.)?(\w+) object' has no attribute '([^']*)'$")


def _plain(error: Exception) -> str:
    """Jinja2's message, without Python's module paths: 'Product has no field 'title''."""
    missing = MISSING_ATTRIBUTE.match(str(error))
    return f"{missing[1]} has no field '{missing[2]}'" if missing else str(error)


def _runtime_hint(error: Exception) -> str:
    if isinstance(error, jinja2.UndefinedError):
        return "check the names this template uses"
    return "fix the expression on this line"


class _TextLoader(jinja2.FileSystemLoader):
    """Jinja2's loader, except that a template that is not UTF-8 text is a content
    error at its first bad byte, as a content file would be, not a traceback; and a
    template that is a link out of its folder is an error, as a content file is: a
    link to /proc/self/environ in a pull request would publish the build's secrets."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            found = super().get_source(environment, template)
        except UnicodeDecodeError:
            for folder in self.searchpath:  # the file Jinja2 read: the first found
                path = Path(folder, *template.split("/"))
                if path.is_file():
                    read_text(path)  # raises ContentError naming line and column
            raise
        _refuse_links_out(self.searchpath, Path(found[1]))
        return found


def _refuse_links_out(folders: list[str], path: Path) -> None:
    """Raise ContentError when ``path``, found in one of ``folders``, resolves outside it."""
    folder = next((Path(f) for f in folders if path.is_relative_to(f)), None)
    if folder is not None and not path.resolve().is_relative_to(folder.resolve()):
        raise ContentError(
            [
                Problem(
                    Location(path),
                    "template is a link to somewhere outside the templates folder",
                    "copy the file into templates/ instead of linking to it",
                )
            ]
        )


def environment(
    templates_dir: Path | None, compiled: jinja2.BytecodeCache | None = None
) -> jinja2.Environment:
    """Project templates override the bundled ones, file by file."""
    search = [str(d) for d in (templates_dir, bundled_templates()) if d and d.is_dir()]
    env = jinja2.Environment(
        loader=_TextLoader(search),
        # Content is data, never markup: escaping every value keeps an author's
        # stray '<script>' inert while Markdown still formats the page around it.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=compiled,  # serve renders every page again on each edit
    )
    env.filters["cell"] = _table_cell
    env.filters["amount"] = _amount
    env.filters["link_text"] = _link_text
    env.filters["href"] = for_markdown  # a checked URL as a Markdown link's target
    env.filters["front_matter"] = front_matter_text  # the theme prints page.meta as HTML
    # Article bodies are the author's own Markdown, kept as Markdown; raw HTML in
    # them is escaped so it shows as text and never runs.
    env.filters["markdown_body"] = lambda body: Markup(str(body).replace("<", "&lt;"))
    env.tests["contains"] = lambda container, value: value in container
    env.filters["from_here"] = _from_here
    env.filters["served_from_here"] = _served_from_here
    env.globals["urls"] = urls  # every link a template writes is made there
    env.globals["VERDICT_MARKS"] = VERDICT_MARKS  # worded by macros.md.j2
    env.globals["ACCESS_MARKS"] = ACCESS_MARKS
    env.globals["FIT_MARKS"] = FIT_MARKS
    return env


@jinja2.pass_context
def _from_here(context: jinja2.runtime.Context, url: urls.Url) -> str:
    """A URL made by urls.py as the link the page being rendered (``here``) writes."""
    return url.from_page(context["here"])


@jinja2.pass_context
def _served_from_here(context: jinja2.runtime.Context, url: urls.Url) -> str:
    """A URL made by urls.py as raw HTML on the page being rendered links to it."""
    return url.from_served_page(context["here"])


def _amount(value: float) -> str:
    """A price as its author wrote it: 100, 49.99, 1500000 ('%g' gives 1.5e+06)."""
    text = f"{Decimal(repr(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _link_text(value: object) -> Markup:
    """Escape a value for the text of a Markdown link, where brackets would end it."""
    return Markup(str(escape(str(value))).replace("[", "&#91;").replace("]", "&#93;"))


def _table_cell(value: object) -> Markup:
    """Escape a value for a Markdown table cell: a '|' would split the cell."""
    # escape(value), not escape(str(value)): a macro's output is Markup already, and
    # escaping it again would show '&lt;' where the content says '<'.
    return Markup(str(escape(value)).replace("|", "&#124;").replace("\n", " "))
