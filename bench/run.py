"""One run of the benchmarks: scopesite against plain Material and the floor.

    python bench/run.py [S] [M] [L] [--work DIR] [--report FILE.md] [--only live-reload]

For each scale: a synthetic policy (bench/synth.py) is built by `scopesite
build`; its generated Markdown pages are then built again by plain MkDocs +
Material (navigation.prune, the same navigation and Markdown extensions, no
scopesite) and by the floor (bench/floor.py: Markdown + Jinja2 only). Each build
runs in its own process, timed on the wall clock, peak RSS from wait4. Also
measured: pages and bytes written, wizard states and compile time, the largest
wizard page, bytes downloaded by a browser's first search, and, at S and M, how
long `scopesite serve` takes to show an edit, to a fetch and in a page already
open in chromium (reloaded by the site's own live reload script). Prints the
figures, the ratios and the targets of issues 7 and 12 as a Markdown report;
`--only live-reload` measures the open page alone.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))

from bench import synth  # noqa: E402
from bench.search_bytes import first_search_bytes  # noqa: E402
from generator.build import generate  # noqa: E402
from generator.content.project import Project, load_policy  # noqa: E402
from generator.policy.derive import derive  # noqa: E402
from generator.site.mkdocs_settings import (  # noqa: E402
    REQUIRED_EXTENSIONS,
    REQUIRED_FEATURES,
)
from generator.wizards.compile import compile_wizards  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, fetch, free_port, wait_for  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
SERVE_SCALES = ("S", "M")
"""Serving L would mean a first build of minutes before the edit can be timed."""
LIVE_RELOAD_TARGETS = {"S": 1.0, "M": 3.0}
"""Seconds from saving an edit to seeing it in the page open in the browser (issue 12)."""


@dataclass
class Run:
    """One build in its own process."""

    seconds: float
    peak_mib: float


@dataclass
class Result:
    scale: str
    scopesite: Run
    material: Run
    floor: Run
    pages: int
    bytes: int
    material_pages: int
    material_bytes: int
    floor_pages: int
    wizard_states: int
    wizard_pages: int
    wizard_section_pages: int
    wizard_compile_seconds: float
    largest_wizard_page: int
    first_search_bytes: int
    material_first_search_bytes: int
    serve_edit_seconds: float | None = None
    live_reload_seconds: float | None = None
    notes: list[str] = field(default_factory=list)


def say(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def measure(command: list[str], log: Path) -> Run:
    """Run a command to completion; its wall time and peak resident memory."""
    with log.open("w") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=ENV)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}; see {log}")
    return Run(round(seconds, 2), round(usage.ru_maxrss / 1024, 1))


def html_pages(site: Path) -> list[Path]:
    return [page for page in site.rglob("index.html")]


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


BASELINE_PALETTE = {"scheme": "default", "primary": "indigo", "accent": "indigo"}
"""Material's own colours: the baseline has no look of a vendor (one scheme, no toggle)."""


def material_config(docs: Path, site: Path, nav: list[Any]) -> dict[str, Any]:
    """Plain Material with scopesite's theme settings, Markdown extensions and nav."""
    extensions = [
        {name: settings} if settings else name
        for name, settings in REQUIRED_EXTENSIONS.items()
        if name != "generator.site.safe_links"
    ]
    theme = {
        "name": "material",
        "font": False,
        "features": list(REQUIRED_FEATURES),
        "palette": BASELINE_PALETTE,
    }
    return {
        "site_name": "Material baseline",
        "docs_dir": str(docs),
        "site_dir": str(site),
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": extensions,
        "nav": nav,
    }


def copy_docs_for_material(source: Path, target: Path) -> None:
    """scopesite's generated pages, minus its wizard layout (not Material's)."""
    if target.exists():
        shutil.rmtree(target)
    for path in source.rglob("*"):
        if not path.is_file():
            continue
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            text = path.read_text().replace("template: scopesite_wizard.html\n", "", 1)
            destination.write_text(text)
        else:
            shutil.copyfile(path, destination)


def wizard_figures(project: Project, repeats: int = 5) -> tuple[int, float]:
    """Distinct states of every flow, and the best of ``repeats`` times to compile them.

    The best of several runs, as timeit does: one run of a fraction of a second
    mostly measures what else the machine was doing.
    """
    derived = derive(load_policy(project))
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        compiled = compile_wizards(derived)
        best = min(best, time.perf_counter() - started)
    return sum(len(flow.states) for flow in compiled.values()), round(best, 3)


def search_bytes(site: Path) -> int:
    return sum(first_search_bytes(site).values())


def serve_edit_seconds(policy: Path, work: Path) -> float:
    """Serve the policy, edit one scope item's title, time until its page shows it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/product-001/scope/"
    content = policy / "content" / "product-001.yml"
    original = content.read_text()
    title = yaml.safe_load(original)["scope"][0]["title"]
    command = [sys.executable, "-m", "generator", "serve", str(policy), "-a", f"127.0.0.1:{port}"]
    with (work / "serve.log").open("w") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=ENV)
    try:
        if not wait_for(lambda: fetch(url) is not None, 1800):
            raise SystemExit("serve did not answer within 30 minutes")
        time.sleep(2)  # let the file watcher settle after the first build
        marker = "Benchmark edit of " + title
        started = time.perf_counter()
        content.write_text(original.replace(f"title: {title}", f"title: {marker}", 1))
        if not wait_for(lambda: marker in (fetch(url) or ""), 600):
            raise SystemExit("the edited page did not appear within 10 minutes")
        return round(time.perf_counter() - started, 2)
    finally:
        content.write_text(original)
        server.terminate()
        server.wait(timeout=60)


def live_reload_seconds(policy: Path, work: Path) -> float:
    """Serve the policy and open a scope page in chromium; edit one scope item's title
    and time until that open page shows it, reloaded by the site's live reload script."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}/product-001/scope/"
    content = policy / "content" / "product-001.yml"
    original = content.read_text()
    title = yaml.safe_load(original)["scope"][0]["title"]
    marker = "Live reload edit of " + title
    log = work / "serve-live-reload.log"
    command = [sys.executable, "-m", "generator", "serve", str(policy), "-a", f"127.0.0.1:{port}"]
    with log.open("w") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=ENV)
    try:
        if not wait_for(lambda: fetch(url) is not None, 1800):
            raise SystemExit("serve did not answer within 30 minutes")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)
            # The server logs each page whose live reload script is waiting for a build.
            if not wait_for(lambda: f"Browser connected: {url}" in log.read_text(), 60):
                raise SystemExit(f"the page never asked serve for a rebuild; see {log}")
            time.sleep(2)  # let the file watcher settle after the first build
            started = time.perf_counter()
            content.write_text(original.replace(f"title: {title}", f"title: {marker}", 1))
            # Polled every 20 ms: the figure is timed to well under a tenth of a second.
            if not wait_for(lambda: _page_holds(page, marker), 600, step=0.02):
                raise SystemExit(f"the open page did not show the edit in 10 minutes; see {log}")
            seconds = round(time.perf_counter() - started, 2)
            browser.close()
        return seconds
    finally:
        content.write_text(original)
        server.terminate()
        server.wait(timeout=60)


def _page_holds(page: Any, text: str) -> bool:
    """Whether the open page shows ``text`` (False while it is reloading)."""
    from playwright.sync_api import Error

    try:
        return bool(page.evaluate("text => document.body.innerText.includes(text)", text))
    except Error:
        return False


def run_scale(scale: str, work: Path) -> Result:
    work.mkdir(parents=True, exist_ok=True)
    policy = synth.write(scale, work / "policy")
    project = Project.at(policy)
    say(f"{scale}: scopesite build")
    site = work / "site"
    build = [sys.executable, "-m", "generator", "build", str(policy), "--site-dir", str(site), "-q"]
    scopesite = measure(build, work / "scopesite.log")
    say(f"{scale}: scopesite {scopesite.seconds} s; preparing the baselines")
    nav = generate(project).nav
    docs = work / "material-docs"
    copy_docs_for_material(project.work_dir / "docs", docs)
    config = work / "material.yml"
    material_site = work / "material-site"
    config.write_text(yaml.safe_dump(material_config(docs, material_site, nav), sort_keys=False))
    say(f"{scale}: plain Material build")
    material_build = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    material = measure(material_build, work / "material.log")
    say(f"{scale}: Material {material.seconds} s; floor build")
    floor_site = work / "floor-site"
    floor_build = [sys.executable, str(BENCH / "floor.py"), str(docs), str(floor_site)]
    floor = measure(floor_build, work / "floor.log")
    say(f"{scale}: floor {floor.seconds} s; wizards and search")
    states, compile_seconds = wizard_figures(project)
    wizard_pages = html_pages(site / "wizards")
    result = Result(
        scale=scale,
        scopesite=scopesite,
        material=material,
        floor=floor,
        pages=len(html_pages(site)),
        bytes=folder_bytes(site),
        material_pages=len(html_pages(material_site)),
        material_bytes=folder_bytes(material_site),
        floor_pages=len(html_pages(floor_site)),
        wizard_states=states,
        wizard_pages=len(wizard_pages),
        wizard_section_pages=sum(1 for page in wizard_pages if "__" in page.parent.name),
        wizard_compile_seconds=compile_seconds,
        largest_wizard_page=max(page.stat().st_size for page in wizard_pages),
        first_search_bytes=search_bytes(site),
        material_first_search_bytes=search_bytes(material_site),
    )
    if scale in SERVE_SCALES:
        say(f"{scale}: serve, edit, wait for the page")
        result.serve_edit_seconds = serve_edit_seconds(policy, work)
        say(f"{scale}: serve, open the page in chromium, edit, wait for the page to reload")
        result.live_reload_seconds = live_reload_seconds(policy, work)
    say(f"{scale}: done")
    return result


def report(results: list[Result], command: str) -> str:
    """The figures, ratios and targets as Markdown."""
    lines = [
        f"Measured by `{command}` on {time.strftime('%Y-%m-%d')}, "
        f"{os.cpu_count()} cores, Python {sys.version.split()[0]}.",
        "",
        "| scale | pages | scopesite | Material | floor | scopesite ÷ Material "
        "| scopesite ÷ floor | peak RSS (scopesite / Material / floor) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.scale} | {r.pages:,} | {r.scopesite.seconds:.1f} s | {r.material.seconds:.1f} s "
            f"| {r.floor.seconds:.1f} s | **{r.scopesite.seconds / r.material.seconds:.2f}x** "
            f"| **{r.scopesite.seconds / r.floor.seconds:.2f}x** | {r.scopesite.peak_mib:,.0f} / "
            f"{r.material.peak_mib:,.0f} / {r.floor.peak_mib:,.0f} MiB |"
        )
    lines += [
        "",
        "| scale | bytes written (scopesite / Material) | wizard states | wizard pages (sections) "
        "| compile | µs a state | largest wizard page | first search (scopesite / Material) "
        "| serve: edit shown | live reload: edit in the open page |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        per_state = r.wizard_compile_seconds / max(r.wizard_states, 1) * 1e6
        serve = (
            f"{r.serve_edit_seconds:.1f} s ({r.serve_edit_seconds / r.scopesite.seconds:.0%})"
            if r.serve_edit_seconds is not None
            else "not run"
        )
        live = f"{r.live_reload_seconds:.2f} s" if r.live_reload_seconds is not None else "not run"
        lines.append(
            f"| {r.scale} | {r.bytes / 1e6:,.0f} MB / {r.material_bytes / 1e6:,.0f} MB "
            f"| {r.wizard_states:,} | {r.wizard_pages:,} ({r.wizard_section_pages:,}) "
            f"| {r.wizard_compile_seconds:.2f} s "
            f"| {per_state:.0f} | {r.largest_wizard_page:,} B "
            f"| {r.first_search_bytes:,} B / {r.material_first_search_bytes:,} B | {serve} "
            f"| {live} |"
        )
    lines += ["", "Targets (issues 7 and 12):", ""]
    checks = targets(results) or [(True, "none apply at these scales (they are set for M and L)")]
    lines += [f"- {'met' if ok else 'MISSED'}: {text}" for ok, text in checks]
    return "\n".join(lines) + "\n"


def targets(results: list[Result]) -> list[tuple[bool, str]]:
    by_scale = {r.scale: r for r in results}
    checks: list[tuple[bool, str]] = []
    for scale in ("M", "L"):
        r = by_scale.get(scale)
        if not r:
            continue
        material = r.scopesite.seconds / r.material.seconds
        floor = r.scopesite.seconds / r.floor.seconds
        checks.append((material <= 1.0, f"{scale}: build {material:.2f}x Material (≤ 1.0x)"))
        checks.append((floor <= 3.0, f"{scale}: build {floor:.2f}x the floor (≤ 3x)"))
        checks.append(
            (
                r.largest_wizard_page <= 20_000,
                f"{scale}: largest wizard page {r.largest_wizard_page:,} B (≤ 20 KB)",
            )
        )
    if "L" in by_scale:
        r = by_scale["L"]
        checks.append(
            (r.scopesite.peak_mib <= 2048, f"L: peak RSS {r.scopesite.peak_mib:,.0f} MiB (≤ 2 GB)")
        )
        checks.append(
            (
                r.first_search_bytes <= 300_000,
                f"L: first search {r.first_search_bytes:,} B (≤ 300 KB)",
            )
        )
    if "M" in by_scale and by_scale["M"].serve_edit_seconds is not None:
        r = by_scale["M"]
        share = (r.serve_edit_seconds or 0) / r.scopesite.seconds
        shown = f"M: serve shows an edit in {share:.0%} of a full build's time (≤ 20%)"
        checks.append((share <= 0.2, shown))
    live = {r.scale: r.live_reload_seconds for r in results if r.live_reload_seconds is not None}
    checks += live_reload_targets(live)
    one_page_a_state = all(
        r.wizard_pages == r.wizard_states + r.wizard_section_pages for r in results
    )
    per_state = [
        r.wizard_compile_seconds / r.wizard_states for r in results if r.wizard_states >= 1000
    ]
    if len(per_state) >= 2:
        spread = max(per_state) / min(per_state)
        checks.append(
            (
                spread <= 2.0 and one_page_a_state,
                f"wizards: one page a state (and one a section of a long question), compile "
                f"time a state within {spread:.2f}x across "
                "scales of 1,000+ states (linear: ≤ 2x)",
            )
        )
    return checks


def live_reload_targets(seconds: dict[str, float]) -> list[tuple[bool, str]]:
    """Issue 12: an edit shows in the page open in the browser, without a manual reload."""
    return [
        (
            seconds[scale] <= limit,
            f"{scale}: an edit shows in the open page in {seconds[scale]:.2f} s (≤ {limit:g} s)",
        )
        for scale, limit in LIVE_RELOAD_TARGETS.items()
        if scale in seconds
    ]


def live_reload_report(seconds: dict[str, float], command: str) -> str:
    """``--only live-reload``: the figures and their targets as Markdown."""
    lines = [
        f"Measured by `{command}` on {time.strftime('%Y-%m-%d')}, "
        f"{os.cpu_count()} cores, Python {sys.version.split()[0]}.",
        "",
        "| scale | live reload: edit in the open page |",
        "|---|---:|",
        *(f"| {scale} | {value:.2f} s |" for scale, value in seconds.items()),
        "",
        "Targets (issue 12):",
        "",
    ]
    lines += [f"- {'met' if ok else 'MISSED'}: {text}" for ok, text in live_reload_targets(seconds)]
    return "\n".join(lines) + "\n"


def only_live_reload(scales: list[str], work: Path) -> str:
    """Write each scale's policy and time live reload alone (no builds, no baselines)."""
    seconds: dict[str, float] = {}
    for scale in scales:
        folder = work / scale
        folder.mkdir(parents=True, exist_ok=True)
        policy = synth.write(scale, folder / "policy")
        say(f"{scale}: serve, open the page in chromium, edit, wait for the page to reload")
        seconds[scale] = live_reload_seconds(policy, folder)
    (work / "live-reload.json").write_text(json.dumps(seconds, indent=2) + "\n")
    return live_reload_report(seconds, "python bench/run.py --only live-reload " + " ".join(scales))


def scale_name(text: str) -> str:
    """A scale on the command line (argparse's choices reject an empty list on 3.11)."""
    if text not in synth.SCALES:
        raise argparse.ArgumentTypeError(f"unknown scale '{text}'; scales: S, M, L")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "scales", nargs="*", type=scale_name, metavar="SCALE", help="S, M or L (default: all)"
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/scopesite-bench"))
    parser.add_argument("--report", type=Path, help="also write the Markdown report here")
    parser.add_argument(
        "--only",
        choices=["live-reload"],
        help="measure only this: an edit shown in a page open in chromium (S and M by default)",
    )
    args = parser.parse_args()
    if args.only:
        text = only_live_reload(args.scales or list(SERVE_SCALES), args.work)
        if args.report:
            args.report.write_text(text)
        sys.stdout.write(text)
        return
    scales = args.scales or ["S", "M", "L"]
    results = [run_scale(scale, args.work / scale) for scale in scales]
    command = "python bench/run.py " + " ".join(scales)
    text = report(results, command)
    (args.work / "results.json").write_text(
        json.dumps([asdict(r) for r in results], indent=2) + "\n"
    )
    if args.report:
        args.report.write_text(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
