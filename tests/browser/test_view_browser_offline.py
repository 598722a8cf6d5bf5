"""The page written by ``actorgraph view`` opened from disk, and a large truncated view."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cdp import Page
from expected import shown

from actorgraph import settings as settings_module
from cli.main import main
from graph.falkordb_store import FalkorDBStore
from loaders.load import load_facts
from ontology.facts import FactSet
from services.view import ViewFilter, graph_data_from_facts, render_view

pytestmark = pytest.mark.browser

SETTLED = "window.__agView && window.__agView.settled"


@pytest.fixture
def store_in_settings(
    tmp_path: Path, curated_facts: FactSet, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A store loaded with the curated facts at the path ``ACTORGRAPH_DB_PATH`` names."""
    path = tmp_path / "store" / "actorgraph.db"
    store = FalkorDBStore(path)
    try:
        load_facts(store, curated_facts)
    finally:
        store.close()
    monkeypatch.setenv("ACTORGRAPH_DB_PATH", str(path))
    monkeypatch.setenv("ACTORGRAPH_BACKEND", "falkordb")
    settings_module.get_settings.cache_clear()
    yield path
    settings_module.get_settings.cache_clear()


def test_page_from_the_command_works_offline(
    page: Page, store_in_settings: Path, curated_facts: FactSet, test_output: Path
) -> None:
    out = test_output / "view-offline.html"
    assert main(["view", "-o", str(out)]) == 0
    url = out.as_uri()
    page.navigate(url)
    page.wait_for(SETTLED, timeout_s=60)
    nodes, edges = shown(curated_facts)
    assert json.loads(page.evaluate("JSON.stringify([__agView.nodes, __agView.edges])")) == [
        len(nodes),
        len(edges),
    ]
    page.screenshot(test_output / "view-offline.png")
    page.drain()
    assert page.log.errors == []
    assert [u for u in page.log.requests if not u.startswith((url, "data:", "about:"))] == []


def test_large_view_is_truncated_and_drawn_without_freezing(page: Page, test_output: Path) -> None:
    from bench.generate import generate_facts

    data = graph_data_from_facts(generate_facts(20_000))
    limit = len(data.nodes) - 100  # a little over the limit: the banner must say so
    out = test_output / "view-large.html"
    out.write_text(render_view(data, ViewFilter(), node_limit=limit), encoding="utf-8")
    page.navigate(out.as_uri(), timeout_s=120)
    page.wait_for(SETTLED, timeout_s=120)
    assert page.evaluate("__agView.totalNodes") == limit
    # drawn at first: the actors of the relations between actors some source asserts (the
    # page hides the relations only denied, and events and places, until asked)
    asserted = page.evaluate(
        "(() => { const ids = new Set(); const kind = id => __agView.data.nodes.find("
        "n => n.id === id).kind; __agView.data.edges.filter(e => e.status !== 'denied'"
        " && kind(e.from) === 'Actor' && kind(e.to) === 'Actor')"
        ".forEach(e => { ids.add(e.from); ids.add(e.to); }); return ids.size; })()"
    )
    assert page.evaluate("__agView.nodes") == asserted
    banner = page.evaluate("document.getElementById('ag-banner').textContent")
    assert "Truncated view" in banner and str(limit) in banner
    assert page.evaluate("__agView.network.physics.physicsEnabled") is False
    page.screenshot(test_output / "view-large.png")
    page.drain()
    assert page.log.errors == []
