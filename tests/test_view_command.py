"""``actorgraph view -o FILE`` writes the page from the store the settings name."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from actorgraph import settings as settings_module
from cli.main import main
from graph.falkordb_store import FalkorDBStore
from loaders.load import load_facts
from ontology.facts import FactSet


@pytest.fixture
def db_path(tmp_path: Path, curated_facts: FactSet, monkeypatch: pytest.MonkeyPatch) -> Path:
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


def test_view_command_writes_an_offline_page(
    db_path: Path, tmp_path: Path, curated_facts: FactSet
) -> None:
    out = tmp_path / "view.html"
    assert main(["view", "-o", str(out), "--types", "hostile_to,supports"]) == 0
    html = out.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="ag-data">(.*?)</script>', html, re.S)
    assert match is not None
    payload = json.loads(match.group(1))
    # the page holds the whole graph and starts with the types asked for
    assert len(payload["edges"]) == len(curated_facts.claims_by_edge())
    assert payload["meta"]["filter"]["types"] == ["hostile_to", "supports"]
    assert payload["meta"]["apiBase"].startswith("http://")


def test_view_command_starts_the_page_at_its_dates(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    assert main(["view", "-o", str(out), "--true-at", "2021-08-15", "--known-by", "2023"]) == 0
    match = re.search(r'id="ag-data">(.*?)</script>', out.read_text(encoding="utf-8"), re.S)
    assert match is not None
    state = json.loads(match.group(1))["meta"]["filter"]
    assert (state["trueAt"], state["knownBy"], state["undated"]) == ("2021-08-15", "2023", True)


@pytest.mark.parametrize("flag", ["--true-at", "--known-by"])
def test_view_command_names_a_bad_option(
    db_path: Path, tmp_path: Path, flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "view.html"
    assert main(["view", "-o", str(out), flag, "soon"]) == 2
    assert flag in capsys.readouterr().err
    assert not out.exists()


def test_export_command_exports_the_graph_at_a_date(
    db_path: Path, tmp_path: Path, curated_facts: FactSet, capsys: pytest.CaptureFixture[str]
) -> None:
    everything, then = tmp_path / "all.nt", tmp_path / "then.nt"
    assert main(["export", "-o", str(everything)]) == 0
    assert main(["export", "-o", str(then), "--known-by", "2022-06"]) == 0
    assert 0 < len(then.read_bytes()) < len(everything.read_bytes())
    assert main(["export", "-o", str(tmp_path / "x.nt"), "--true-at", "2021-02-30"]) == 2
    assert "--true-at" in capsys.readouterr().err


def test_export_command_writes_networks_and_tables(
    db_path: Path, tmp_path: Path, curated_facts: FactSet, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    import networkx as nx

    assert main(["export", "-o", str(tmp_path / "g.gexf")]) == 0  # format from the extension
    graph = nx.read_gexf(tmp_path / "g.gexf", version="1.3")
    assert graph.number_of_edges() == len(curated_facts.claims_by_edge())
    tables = tmp_path / "tables"
    argv = ["export", "-f", "csv", "-o", str(tables), "--family", "hostility", "--true-at", "2022"]
    assert main(argv) == 0
    with (tables / "relations.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and {r["family"] for r in rows} == {"hostility"}
    assert main(["export", "-o", str(tmp_path / "x.gexf"), "--family", "nope"]) == 2
    assert "--family: 'nope' is not a relation family" in capsys.readouterr().err
