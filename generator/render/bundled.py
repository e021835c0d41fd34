"""Where the files scopesite ships are, installed from a wheel or run from a checkout.

The wheel maps the repository's top-level ``templates/`` into the package
(``pyproject.toml``: force-include); a checkout keeps it beside the package.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundled_templates() -> Path:
    """The Jinja2 templates and assets scopesite ships."""
    installed = PACKAGE_DIR / "templates"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "templates"
