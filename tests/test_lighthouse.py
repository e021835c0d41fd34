"""Lighthouse accessibility on the pages customers use most; must be 1.00."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve_folder
from tests.conftest import REPO
from tests.figures import record

pytestmark = pytest.mark.browser

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "",
    "scope page": "imacros/scope/",
    "wizard question": "wizards/is-it-covered/what-do-you-need_imacros-personal_imacros/",
    "wizard outcome": "wizards/is-it-covered/coverage-verdict_imacros-phone-assistance_"
    "imacros-personal_imacros/",
}
SCORES: dict[str, float] = {}


@pytest.mark.parametrize("name", list(PAGES))
def test_lighthouse_accessibility_is_perfect(default_site: Path, tmp_path: Path, name: str) -> None:
    report = tmp_path / "report.json"
    with serve_folder(default_site) as base:
        result = subprocess.run(
            [
                str(LIGHTHOUSE),
                base + PAGES[name],
                "--only-categories=accessibility",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
                f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=180,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(report.read_text())
    failing = [
        audit
        for audit, value in data["audits"].items()
        if value.get("scoreDisplayMode") == "binary" and value.get("score") == 0
    ]
    SCORES[name] = data["categories"]["accessibility"]["score"]
    record("Lighthouse accessibility", ", ".join(f"{k} {v:.2f}" for k, v in SCORES.items()))
    assert (SCORES[name], failing) == (1.0, [])
