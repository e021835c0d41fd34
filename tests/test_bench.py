"""The benchmark runs at S as a smoke test: every figure is produced.

The targets are checked by the bench itself at M and L (BENCHMARKS.md), never
by timing anything here: this machine's timings are too noisy to assert on.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_the_bench_produces_every_figure_at_s(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    result = subprocess.run(
        [sys.executable, "bench/run.py", "S", "--work", str(tmp_path), "--report", str(report)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (figures,) = json.loads((tmp_path / "results.json").read_text())
    assert figures["scale"] == "S"
    for build in ("scopesite", "material", "floor"):
        assert figures[build]["seconds"] > 0 and figures[build]["peak_mib"] > 10
    # The baselines build exactly scopesite's pages.
    assert figures["pages"] == figures["material_pages"] == figures["floor_pages"] > 150
    assert figures["wizard_pages"] == figures["wizard_states"] + figures["wizard_section_pages"]
    assert 0 < figures["largest_wizard_page"] <= 20_000
    assert 0 < figures["first_search_bytes"] < figures["material_first_search_bytes"]
    assert figures["serve_edit_seconds"] > 0
    assert figures["live_reload_seconds"] > 0  # an edit reached the page open in chromium
    text = report.read_text()
    assert text == result.stdout
    assert "| S | " in text and "x Material" not in text  # build targets are stated for M and L
    assert f"S: an edit shows in the open page in {figures['live_reload_seconds']:.2f} s" in text
