"""The sharded search index: every document reachable by the words it contains,
each shard bounded, the manifest small, a first search cheap."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.search.shards import PREFIX, SHARD_BUDGET, all_docs, key_of, shard_file, shard_index
from tests.figures import record


def write_index(folder: Path, docs: list[dict[str, object]]) -> Path:
    search = folder / "search"
    search.mkdir()
    config = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": [], "fields": {}}
    (search / "search_index.json").write_text(json.dumps({"config": config, "docs": docs}))
    return search


def test_a_shard_holds_the_documents_of_its_prefix_with_their_pages(tmp_path: Path) -> None:
    search = write_index(
        tmp_path,
        [
            {"location": "a/", "title": "Page A", "text": ""},
            {"location": "a/#one", "title": "Upgrading", "text": "<p>steps</p>"},
            {"location": "b/", "title": "Page B", "text": "nothing here"},
            {"location": "b/#two", "title": "Other", "text": "an upgrade-path note"},
        ],
    )
    # No shard for the stop words "a", "b", "an" and "here": no query holds them.
    words = ["page", "upgrading", "steps", "nothing", "other", "upgrade", "path", "note"]
    assert shard_index(search) == len({key_of(w) for w in words}) == 6
    upg = json.loads((search / "shards" / shard_file("upg")).read_text())
    assert [position for position, _ in upg["docs"]] == [0, 1, 2, 3]
    note = json.loads((search / "shards" / shard_file("not")).read_text())
    assert [doc["location"] for _, doc in note["docs"]] == ["b/", "b/#two"]
    manifest = json.loads((search / "search_index.json").read_text())
    assert manifest["docs"] == []
    assert manifest["config"]["shards"]["prefix"] == PREFIX
    assert "upg" in manifest["config"]["shards"]["keys"]
    assert [doc["location"] for doc in all_docs(search)] == ["a/", "a/#one", "b/", "b/#two"]


def test_a_common_word_keeps_its_best_documents_within_the_budget(tmp_path: Path) -> None:
    filler = "support " * 60
    docs: list[dict[str, object]] = [{"location": "p/", "title": "Scope", "text": ""}]
    docs += [{"location": f"p/#s{n}", "title": f"Item {n}", "text": filler} for n in range(2000)]
    docs.append({"location": "p/#best", "title": "Support hours", "text": ""})
    search = write_index(tmp_path, docs)
    shard_index(search)
    shard = (search / "shards" / shard_file("sup")).read_text()
    assert len(shard) <= SHARD_BUDGET + 1000
    locations = [doc["location"] for _, doc in json.loads(shard)["docs"]]
    assert locations[0] == "p/" and "p/#best" in locations  # title matches rank first


def test_the_default_sites_shards(default_site: Path) -> None:
    search = default_site / "search"
    manifest = (search / "search_index.json").read_bytes()
    shards = sorted((search / "shards").iterdir())
    largest = max(path.stat().st_size for path in shards)
    record(
        "search shards, default site",
        f"{len(shards)} shards, largest {largest:,} B, manifest {len(manifest):,} B",
    )
    assert largest <= SHARD_BUDGET + 10_000
    assert len(manifest) < 10_000
    worker = (default_site / "assets/javascripts/workers/scopesite-search.js").read_text()
    material = re.search(r'importScripts\("(search\.[0-9a-f]+\.min\.js)"\)', worker)
    assert material and (default_site / "assets/javascripts/workers" / material.group(1)).is_file()
    home = (default_site / "index.html").read_text()
    assert '"search": "assets/javascripts/workers/scopesite-search.js"' in home
