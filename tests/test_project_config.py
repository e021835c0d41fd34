"""A project's own mkdocs.yml: what it may add, and what scopesite refuses."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, run_mkdocs, run_scopesite
from tests.test_cli import tree_digest

MakeProject = Callable[[dict[str, str]], Path]

GUIDE = """---
title: First steps
summary: What to do before you contact support.
products: [widget]
---
Search the ==forum== first, then open a ticket. [Not a link](javascript:alert(1))

## Before **you** call

Have your version number ready.
"""

ALLOWED = """\
# No INHERIT, site_name, docs_dir or theme name: scopesite build fills them in.
copyright: !ENV [SCOPESITE_TEST_COPYRIGHT, "Example Ltd"]
theme:
  custom_dir: overrides
  language: de
  logo: assets/logo.svg
  favicon: assets/favicon.png
  palette:
    primary: teal
    accent: amber
  features:
    - navigation.tabs
extra_css:
  - assets/brand.css
extra_javascript:
  - assets/brand.js
markdown_extensions:
  - pymdownx.mark
  - toc:
      permalink: true
plugins:
  - scopesite
  - search
  - material/typeset
"""

ALLOWED_FILES = {
    "mkdocs.yml": ALLOWED,
    "content/guides/first-steps.md": GUIDE,
    "overrides/assets/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    "overrides/assets/favicon.png": "not really a PNG\n",
    "overrides/assets/brand.css": ".md-header { letter-spacing: 0.01em; }\n",
    "overrides/assets/brand.js": "// the project's own script\n",
}


def test_allowed_settings_land_in_the_built_site(make_project: MakeProject) -> None:
    project = make_project(ALLOWED_FILES)
    result = run_scopesite("build", str(project), "--strict", "-q")
    assert (result.returncode, result.stderr) == (0, "")
    home = (project / "site/index.html").read_text()
    guide = (project / "site/guides/first-steps/index.html").read_text()
    assert '<html lang="de" class="no-js">' in home
    assert 'data-md-color-primary="teal" data-md-color-accent="amber"' in home
    assert '<img src="assets/logo.svg" alt="logo">' in home
    assert '<link rel="icon" href="assets/favicon.png">' in home
    assert (project / "site/assets/logo.svg").read_text() == ALLOWED_FILES[
        "overrides/assets/logo.svg"
    ]
    # The project's stylesheet and script come after scopesite's, so theirs win.
    assert re.findall(r'<link rel="stylesheet" href="(assets/[a-z]+\.css)">', home) == [
        "assets/scopesite.css",
        "assets/brand.css",
    ]
    assert re.findall(r'<script src="(assets/[a-z]+\.js)">', home) == [
        "assets/scopesite.js",
        "assets/brand.js",
    ]
    assert "Example Ltd" in home  # a value MkDocs reads through !ENV
    assert '"features": ["navigation.tabs", "navigation.prune", "navigation.top"' in home
    assert "fonts.googleapis.com" not in home
    # The extra extension and the extra plugin (typeset keeps the heading's markup
    # in the table of contents) work beside scopesite's own.
    assert "Search the <mark>forum</mark> first" in guide
    assert "<span>Not a link</span>" in guide  # safe_links still drops javascript: links
    assert re.search(r'<span class="md-typeset">\s*Before <strong>you</strong> call', guide)
    scope = (project / "site/widget/scope/index.html").read_text()
    assert '<h3 id="how-to">How-to questions' in scope  # attr_list read '{ #how-to }'
    assert "{ #" not in scope


def test_own_plugins_list_keeps_scopesite(make_project: MakeProject) -> None:
    project = make_project({"mkdocs.yml": "theme: material\nplugins:\n  - search\n"})
    result = run_scopesite("build", str(project))
    assert result.returncode == 0
    # Then the timings, and the stages too when the build takes over two seconds.
    assert result.stderr.startswith(
        f"{project}/mkdocs.yml:2:1: warning: plugins does not list scopesite\n"
        "  hint: scopesite build adds it, but plain mkdocs build would publish content/ "
        "as it is: add '- scopesite' to plugins\n"
        "checked content in "
    ), result.stderr
    assert re.search(f"\nbuilt {project}/site in " + r"\d+\.\d s\n\Z", result.stderr)
    site = project / "site"
    assert "How-to questions" in (site / "widget/scope/index.html").read_text()
    assert (site / "search/search_index.json").is_file()
    published = {p.relative_to(site).as_posix() for p in site.rglob("*")}
    assert not [name for name in published if name.endswith((".yml", ".md"))]


def test_a_project_without_inherit_builds_the_same_site(
    make_project: MakeProject, tmp_path: Path
) -> None:
    project = make_project({})
    configs = {
        "none": None,
        "own": "site_name: Example Support\ndocs_dir: content\ntheme:\n  name: material\n"
        "plugins:\n  - scopesite\n  - search\n",
        "theme only": "theme: material\n",
        "legacy INHERIT": f"INHERIT: {REPO / 'generator/mkdocs_default.yml'}\n",
    }
    digests = {}
    for name, text in configs.items():
        if text is not None:
            (project / "mkdocs.yml").write_text(text)
        out = tmp_path / name.replace(" ", "-")
        result = run_scopesite(
            "build", str(project), "--site-dir", str(out), "-q", env={"SOURCE_DATE_EPOCH": "0"}
        )
        assert (result.returncode, result.stderr) == (0, ""), name
        digests[name] = tree_digest(out)
    assert {"widget/scope/index.html", "search/search_index.json"} <= set(digests["none"])
    for name, digest in digests.items():
        assert digest == digests["none"], name


REFUSED = """\
site_name: Acme Help
site_url: https://help.acme.test/
site_description: Help for Acme users.
site_dir: public
docs_dir: docs
use_directory_urls: false
nav:
  - Home: index.md
exclude_docs: drafts/
theme:
  name: readthedocs
  font:
    text: Roboto
  custom_dir: overrides
  logo: https://cdn.example.test/logo.svg
  favicon: assets/favicon.png
  features:
    - navigation.instant
    - content.action.edit
extra_css:
  - https://cdn.example.test/brand.css
extra_javascript:
  - path: assets/missing.js
    type: module
markdown_extensions:
  toc:
    permalink: false
validation:
  nav:
    omitted_files: warn
"""


def test_every_refused_setting_is_reported_with_the_content_errors(
    make_project: MakeProject,
) -> None:
    project = make_project(
        {
            "mkdocs.yml": REFUSED,
            "overrides/partials/search.html": "<div>the project's own search</div>\n",
            "content/broken.yml": "plans:\n  - id: gold\n",
        }
    )
    result = run_scopesite("build", str(project))
    config = f"{project}/mkdocs.yml"
    assert result.returncode == 1
    assert result.stderr == (
        f"{project}/content/broken.yml:2:5: error: missing field 'name'\n"
        "  hint: add 'name:' to this entry\n"
        f"{project}/content/broken.yml:2:5: error: missing field 'summary'\n"
        "  hint: add 'summary:' to this entry\n"
        f"{config}:1:12: error: site_name 'Acme Help' differs from the name in site_config.yml "
        "('Example Support')\n"
        "  hint: the site's name comes from site_config.yml: remove site_name, or set it to "
        "'Example Support' (plain mkdocs build needs one)\n"
        f"{config}:2:11: error: site_url 'https://help.acme.test/' differs from base_url in "
        "site_config.yml ('https://support.example.test/')\n"
        "  hint: where the site is published comes from site_config.yml's base_url: remove "
        "site_url\n"
        f"{config}:3:19: error: site_description differs from the tagline in site_config.yml\n"
        "  hint: the site's description comes from site_config.yml's tagline: remove "
        "site_description\n"
        f"{config}:4:11: error: site_dir 'public' is not where scopesite build writes the site\n"
        "  hint: remove site_dir and name the folder when building: scopesite build "
        "--site-dir public (or mkdocs build -d public)\n"
        f"{config}:5:11: error: docs_dir 'docs' is never read: scopesite makes the pages from "
        "content/\n"
        "  hint: remove docs_dir (plain mkdocs build needs 'docs_dir: content' to start, which "
        "scopesite accepts)\n"
        f"{config}:6:21: error: use_directory_urls: false breaks scopesite's links\n"
        "  hint: remove it: the search dialog, the wizard maps and the JSON API link to pages "
        "as folders (contact/), which this setting turns into files (contact.html)\n"
        f"{config}:7:1: error: nav cannot be set: scopesite builds the navigation from the "
        "content\n"
        "  hint: remove nav; pages follow the content (guides by their 'order' field)\n"
        f"{config}:9:1: error: exclude_docs would leave out pages scopesite generates, and "
        "break the links to them\n"
        "  hint: remove exclude_docs; to leave something out of the site, leave it out of "
        "content/\n"
        f"{config}:11:9: error: theme 'readthedocs' is not Material for MkDocs, which "
        "scopesite's pages are made for\n"
        "  hint: set the theme's name to material; its palette, logo, favicon, language and "
        "features may still be yours\n"
        f"{config}:13:5: error: theme font loads web fonts from Google Fonts, which the "
        "site's Content-Security-Policy blocks\n"
        "  hint: remove font: the site uses the reader's own fonts and loads nothing from "
        "another host\n"
        f"{config}:14:15: error: theme custom_dir 'overrides' holds partials/search.html, "
        "which scopesite's own version hides\n"
        "  hint: remove or rename overrides/partials/search.html: scopesite's theme files "
        "come before the project's, so this one would never be used\n"
        f"{config}:15:9: error: theme logo 'https://cdn.example.test/logo.svg' loads from "
        "another host, which the site's Content-Security-Policy blocks\n"
        "  hint: copy the file into the theme's custom_dir and give its path there "
        "(assets/logo.svg)\n"
        f"{config}:16:12: error: theme favicon 'assets/favicon.png' is not a file of the "
        "site\n"
        "  hint: put it at overrides/assets/favicon.png: MkDocs copies the theme's "
        "custom_dir into the site\n"
        f"{config}:18:7: error: theme feature 'navigation.instant' stops the wizards' "
        "scripts\n"
        "  hint: remove it: scopesite's scripts run when a page loads, and instant "
        "navigation swaps pages without loading them\n"
        f"{config}:19:7: error: theme feature 'content.action.edit' links to page sources "
        "that do not exist\n"
        "  hint: remove it: scopesite generates every page from content/, so no page has a "
        "source file to edit or view\n"
        f"{config}:21:5: error: extra_css 'https://cdn.example.test/brand.css' loads from "
        "another host, which the site's Content-Security-Policy blocks\n"
        "  hint: copy the file into the theme's custom_dir and give its path there "
        "(assets/brand.css)\n"
        f"{config}:23:11: error: extra_javascript 'assets/missing.js' is not a file of the "
        "site\n"
        "  hint: put it at overrides/assets/missing.js: MkDocs copies the theme's custom_dir "
        "into the site\n"
        f"{config}:27:16: error: toc setting 'permalink: false' would undo scopesite's "
        "'permalink: true'\n"
        "  hint: remove it: scopesite sets toc's permalink itself; other toc settings are "
        "kept\n"
        f"{config}:30:20: error: validation omitted_files 'warn' would report every wizard "
        "step\n"
        "  hint: remove it: wizard steps are pages reached from their first question, never "
        "listed in the navigation\n"
        "21 errors found\n"
    )
    assert not (project / "site").exists()


@pytest.mark.parametrize(
    ("mkdocs_yml", "where"),
    [
        ("plugins:\n  - search\n  - scopesite:\n      enabled: false\n", "4:7"),
        ("plugins:\n  search: {}\n  scopesite:\n    enabled: false\n", "4:5"),
    ],
    ids=["listed", "mapped"],
)
def test_check_reports_a_turned_off_plugin_as_build_does(
    make_project: MakeProject, mkdocs_yml: str, where: str
) -> None:
    project = make_project({"mkdocs.yml": mkdocs_yml})
    expected = (
        f"{project}/mkdocs.yml:{where}: error: the scopesite plugin is turned off\n"
        "  hint: remove 'enabled: false' from scopesite's settings: scopesite builds the "
        "site through it\n"
        "1 error found\n"
    )
    for command in (["check"], ["build", "-q"]):
        result = run_scopesite(*command, str(project))
        assert (result.returncode, result.stdout, result.stderr) == (1, "", expected)


def test_inherited_files_of_the_project_are_checked_too(make_project: MakeProject) -> None:
    project = make_project(
        {
            "mkdocs.yml": "INHERIT: shared/base.yml\ntheme: material\n",
            "shared/base.yml": "site_name: Example Support\nnav:\n  - Home: index.md\n",
        }
    )
    result = run_scopesite("check", str(project))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"{project}/shared/base.yml:2:1: error: nav cannot be set: scopesite builds the "
        "navigation from the content\n"
        "  hint: remove nav; pages follow the content (guides by their 'order' field)\n"
        "1 error found\n"
    )
    (project / "mkdocs.yml").write_text("INHERIT: shared/gone.yml\n")
    result = run_scopesite("check", str(project))
    assert result.stderr == (
        f"{project}/mkdocs.yml:1:10: error: INHERIT 'shared/gone.yml' is not a file\n"
        "  hint: fix the path (it starts at this file's folder), or remove INHERIT: scopesite "
        "needs none\n"
        "1 error found\n"
    )


def test_plain_mkdocs_build_refuses_with_the_same_lines(make_project: MakeProject) -> None:
    project = make_project(
        {
            "mkdocs.yml": "site_name: Example Support\ndocs_dir: content\nnav:\n"
            "  - Home: index.md\nplugins:\n  - scopesite\n  - search\n",
        }
    )
    result = run_mkdocs("build", "-q", cwd=project)
    assert (result.returncode, result.stdout) == (1, "\nAborted with a BuildError!\n")
    assert result.stderr == (
        "ERROR   -  scopesite found errors:\n"
        "mkdocs.yml:1:1: error: theme is not set, so MkDocs uses its own theme 'mkdocs'\n"
        "  hint: add 'theme: {name: material}' (scopesite build adds it; plain mkdocs build "
        "needs it)\n"
        "mkdocs.yml:3:1: error: nav cannot be set: scopesite builds the navigation from the "
        "content\n"
        "  hint: remove nav; pages follow the content (guides by their 'order' field)\n"
        "2 errors found\n"
    )
    assert not (project / "site").exists()
