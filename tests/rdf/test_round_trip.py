"""Round trip: export the store, load the export into a fresh store, export again: same RDF.

Also the ``actorgraph export`` command, run as a real process against a store on disk.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.falkordb_store import FalkorDBStore
from graph.store import GraphStore
from loaders.load import load_facts
from loaders.rdf_input import load_rdf
from ontology.facts import FactSet
from queries.run import run_query
from services.export import FORMATS, export_graph, read_facts_from_store, serialize_export
from services.export.snapshot import store_counts

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["ttl", "jsonld", "nt"])
def test_export_load_export_gives_an_isomorphic_graph(
    loaded_store: GraphStore, store: GraphStore, sources_dir: Path, tmp_path: Path, name: str
) -> None:
    fmt = FORMATS[name]
    first = tmp_path / f"first.{fmt.extension}"
    serialize_export(read_facts_from_store(loaded_store), fmt, first)

    load_rdf(store, first, sources_dir)
    second = tmp_path / f"second.{fmt.extension}"
    serialize_export(read_facts_from_store(store), fmt, second)

    rdflib_format = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}[name]
    assert isomorphic(
        Graph().parse(first, format=rdflib_format), Graph().parse(second, format=rdflib_format)
    )
    assert store_counts(store) == store_counts(loaded_store)
    assert run_query(store, "graph_counts") == run_query(loaded_store, "graph_counts")


def test_the_export_command_writes_the_store_as_rdf(curated_facts: FactSet, tmp_path: Path) -> None:
    db_path = tmp_path / "cli-store" / "actorgraph.db"
    on_disk = FalkorDBStore(db_path)
    try:
        load_facts(on_disk, curated_facts)
        expected = export_graph(read_facts_from_store(on_disk))
    finally:
        on_disk.close()
    output = tmp_path / "out" / "actorgraph.trig"
    env = {**os.environ, "ACTORGRAPH_DB_PATH": str(db_path), "ACTORGRAPH_BACKEND": "falkordb"}
    for name, path in (("ttl", tmp_path / "export.ttl"), ("trig", output)):
        done = subprocess.run(
            [sys.executable, "-m", "cli.main", "export", "--format", name, "-o", str(path)],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert f"{len(curated_facts.claims)} claims as {name}" in done.stderr
    assert isomorphic(Graph().parse(tmp_path / "export.ttl", format="turtle"), expected)
    assert output.stat().st_size > 0
