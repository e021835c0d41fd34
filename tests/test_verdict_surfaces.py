"""One verdict model on every surface: for every scope item of every project, the
scope page's badge and its rows by plan, the requests A to Z, the browser search's
verdict line, `scopesite search --json`, api/policy.json and `scopesite ask` all say
what the coverage matrix gives for each (item, plan), and the same overall verdict
('Depends on your plan' where plans differ); a paid item states its price wherever
the content gives one; a plan table never marks a paid channel 'Included'."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import ask as asking
from generator.cli.commands import main
from generator.content.models import ScopeItem
from generator.content.project import Project, load_policy
from generator.policy.derive import Derived, ItemVerdict, derive, item_verdict
from generator.policy.verdicts import ACCESS_MARKS, Access, access_to, verdict_label
from generator.render import urls
from generator.render.environment import environment
from generator.render.wording import Wording
from generator.wizards.compile import compile_wizards
from tests import figures
from tests.conftest import FIXTURES, REPO

BADGE = re.compile(
    r'<span class="scopesite-verdict scopesite-verdict--(\w+)">'
    r'<span aria-hidden="true">(.)</span> ([^<]+)</span>'
)
SURFACES = (
    "scope badge",
    "scope rows by plan",
    "requests A to Z",
    "browser search line",
    "search --json",
    "api scope entry",
    "api coverage",
    "ask",
)


def plain(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def page(site: Path, location: str) -> str:
    return (site / location / "index.html").read_text()


def section(text: str, item_id: str) -> str:
    """A scope item's section of its scope page, from its heading to the next."""
    start = text.index(f'<h3 id="{item_id}"')
    end = text.find("<h3 ", start + 1)
    return text[start : end if end > 0 else len(text)]


def shard_verdicts(site: Path) -> dict[str, str]:
    """The verdict line the browser's search shows, by search location."""
    found: dict[str, str] = {}
    for shard in (site / "search" / "shards").glob("*.json"):
        for _, doc in json.loads(shard.read_text())["docs"]:
            if "verdict" in doc:
                found[doc["location"]] = html.unescape(doc["verdict"])
    return found


class Checker:
    """Collects each surface's verdict for one project and compares it with the model."""

    def __init__(self, folder: Path, site: Path) -> None:
        self.project = Project.at(folder)
        self.derived: Derived = derive(load_policy(self.project))
        self.wording = Wording(environment(self.project.templates_dir))
        self.site = site
        self.shards = shard_verdicts(site)
        api = json.loads((site / "api" / "policy.json").read_text())
        self.api_scope = {(e["product"], e["id"]): e for e in api["scope"]}
        self.api_coverage = {(c["plan"], c["product"], c["item"]): c for c in api["coverage"]}
        self.a_to_z = page(site, "requests")
        self.checks = 0

    def item(self, item: ScopeItem) -> None:
        verdict = item_verdict(self.derived.policy, item)
        line = self.wording.verdict_line(verdict)
        price = self.wording.item_price(verdict)
        label = verdict_label(verdict.standing)
        location = urls.scope_item(str(item.product), item.id).location
        text = section(page(self.site, location.split("#")[0]), item.id)
        badge = BADGE.search(text)
        assert badge and (badge[1], badge[3]) == (verdict.standing, label), (item.id, badge)
        rows = dict(re.findall(r'<li><a href="[^"#]*#([^"]+)">[^<]*</a>: ([^<.]+)', text))
        for plan, on_plan in verdict.by_plan:
            assert rows[plan.id] == verdict_label(on_plan), (item.id, plan.id)
            api = self.api_coverage[(plan.id, str(item.product), item.id)]
            assert api["verdict"] == on_plan, (item.id, plan.id)
        if verdict.paid and price:
            assert "Price:" in line and price in line, (item.id, line)
            assert "<strong>Price:</strong>" in text and price in plain(text), item.id
        if verdict.standing == "depends_on_plan":
            assert line.startswith("Depends on your plan: "), line
            assert all(f"{p.name}, {verdict_label(v).lower()}" in line for p, v in verdict.by_plan)
        else:
            assert line.split(". Price: ")[0] == label, (item.id, line)
        entries = re.findall(
            rf'href="[^"]*#{re.escape(item.id)}">[^<]*</a>[^·]*· {BADGE.pattern}', self.a_to_z
        )
        assert entries and {e[0] for e in entries} == {verdict.standing}, (item.id, entries)
        assert self.shards[location] == line, item.id
        api_entry = self.api_scope[(str(item.product), item.id)]
        assert (api_entry["standing"], api_entry["verdict_text"], api_entry["price"]) == (
            verdict.standing,
            line,
            price,
        )
        assert api_entry["by_plan"] == {p.id: str(v) for p, v in verdict.by_plan}
        self.checks += 7

    def search_json(self, verdicts: list[ItemVerdict]) -> None:
        """`scopesite search --json` for each item's title: its hit carries the line."""
        runner = CliRunner()
        for verdict in verdicts:
            item = verdict.item
            result = runner.invoke(
                main, ["search", item.title, str(self.project.root), "--json", "-n", "50"]
            )
            assert result.exit_code == 0, result.output
            address = urls.absolute(
                self.derived.policy.site.base_url,
                urls.scope_item(str(item.product), item.id).location,
            )
            hits = [hit for hit in json.loads(result.output) if hit["url"] == address]
            assert hits, item.id
            assert hits[0]["verdict"] == self.wording.verdict_line(verdict), item.id
            self.checks += 1

    def asked(self) -> int:
        """Every coverage outcome of every flow, as `scopesite ask` prints it."""
        base = self.derived.policy.site.base_url
        outcomes = 0
        for compiled in compile_wizards(self.derived).values():
            for state in compiled.states.values():
                answer = state.answer
                if answer is None or answer.coverage is None:
                    continue
                coverage = answer.coverage
                printed = asking.as_text(answer, base, self.wording)
                assert f"Verdict: {verdict_label(coverage.verdict)}\n" in printed
                verdict = item_verdict(self.derived.policy, coverage.item)
                price = self.wording.item_price(verdict)
                if coverage.verdict == "paid" and verdict.price_rule:
                    assert "Why: Price: " in printed, printed
                assert bool(price) or coverage.verdict != "paid" or not verdict.offers
                outcomes += 1
        self.checks += outcomes
        return outcomes

    def plan_tables(self) -> int:
        """Each cell of each plans table is the plan's access to the channel."""
        cells = 0
        for product_id, matrix in self.derived.plan_matrices.items():
            text = page(self.site, f"{product_id}/plans")
            table = text[text.index("<tbody>") : text.index("</tbody>")]
            rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
            for row, html_row in zip(matrix.rows, rows, strict=True):
                shown = [plain(c) for c in re.findall(r"<td>(.*?)</td>", html_row, re.S)]
                assert shown[0] == row.channel.name
                for plan, access, cell in zip(matrix.plans, row.access, shown[1:], strict=True):
                    assert access is access_to(plan, row.channel)
                    mark = ACCESS_MARKS[access]
                    assert cell == f"{mark.symbol} {mark.label}", (plan.id, row.channel.id)
                    if row.channel.charge:
                        assert access is not Access.included
                    cells += 1
            product = page(self.site, product_id)
            assert not BADGE.findall(product)  # it names no item's verdict to disagree
        self.checks += cells
        return cells


def projects(sites: dict[str, Path], priced_site: Path) -> Iterator[tuple[Path, Path]]:
    for folder, site in sites.items():
        yield REPO / folder, site
    yield FIXTURES / "priced", priced_site


def test_every_surface_gives_the_one_verdict(sites: dict[str, Path], priced_site: Path) -> None:
    items = checks = outcomes = cells = paid = 0
    for folder, site in projects(sites, priced_site):
        checker = Checker(folder, site)
        verdicts = []
        for item in checker.derived.policy.scope_items():
            checker.item(item)
            verdict = item_verdict(checker.derived.policy, item)
            verdicts.append(verdict)
            paid += verdict.paid
        checker.search_json(verdicts)
        outcomes += checker.asked()
        cells += checker.plan_tables()
        items += len(verdicts)
        checks += checker.checks
    assert (items, paid) == (107, 10)
    assert (outcomes, cells) == (341, 96)
    figures.record(
        "verdict surfaces",
        f"{items} items ({paid} paid) on {len(SURFACES)} surfaces, {outcomes} ask outcomes, "
        f"{cells} plan-table cells: {checks} checks",
    )


CURRENCY = re.compile(r"[€£¥]|\$\s*\d|\$\s*\{\{|\b(?:USD|EUR|GBP)\b")


def test_no_currency_is_written_into_templates_or_code() -> None:
    """Every price prints its content's currency: no sign or code in the wording or
    the code, except the content model's documented default."""
    found = []
    for path in [*(REPO / "templates").rglob("*.j2"), *(REPO / "generator").rglob("*.py")]:
        for line in path.read_text().splitlines():
            if CURRENCY.search(line):
                found.append(f"{path.relative_to(REPO)}: {line.strip()}")
    assert found == [
        'generator/content/models.py: currency: Text = "USD"',
        "generator/content/models.py: unit: Text = Field(description=\"e.g. 'credits' or 'USD'.\")",
    ]


@pytest.mark.parametrize(
    "folder",
    [".", "examples/smartertools", "examples/support-credits", "examples/enterprise-linux"],
)
def test_products_have_their_own_names(folder: str) -> None:
    names = [p.name for p in load_policy(Project.at(REPO / folder)).products.values()]
    assert names and not [n for n in names if re.match(r"(?i)(your|my|the|an?) ", n)], names
