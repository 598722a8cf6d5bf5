"""The contract suite's fixtures: one empty store per backend present.

FalkorDB (embedded) always runs. Neo4j runs when ``ACTORGRAPH_NEO4J_URI`` is set (with
``ACTORGRAPH_NEO4J_USER``, ``..._PASSWORD``, ``..._DATABASE``); otherwise its tests are skipped
and the reason is shown. The Neo4j database is emptied before and after each test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import GraphStore
from ontology.facts import FactSet

NEO4J_URI = os.environ.get("ACTORGRAPH_NEO4J_URI")
BACKENDS = [
    "falkordb",
    pytest.param(
        "neo4j",
        marks=[
            pytest.mark.neo4j,
            pytest.mark.skipif(
                not NEO4J_URI, reason="ACTORGRAPH_NEO4J_URI is not set: no Neo4j server to test"
            ),
        ],
    ),
]


def _open_neo4j() -> GraphStore:
    from actorgraph.settings import Settings
    from graph.open import open_store

    return open_store(Settings(backend="neo4j"))  # the rest comes from ACTORGRAPH_NEO4J_*


def _empty_neo4j(store: GraphStore) -> None:
    store.write("MATCH (n) DETACH DELETE n")


@pytest.fixture(params=BACKENDS)
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each backend present."""
    if request.param == "falkordb":
        from graph.falkordb_store import FalkorDBStore

        falkordb = FalkorDBStore(tmp_path / "contract" / "actorgraph.db")
        try:
            yield falkordb
        finally:
            falkordb.close()
        return
    neo4j = _open_neo4j()
    _empty_neo4j(neo4j)
    try:
        yield neo4j
    finally:
        _empty_neo4j(neo4j)
        neo4j.close()


@pytest.fixture(scope="module", params=BACKENDS)
def loaded_any_store(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    curated_facts: FactSet,
) -> Iterator[GraphStore]:
    """A store of each backend present, loaded with the curated facts once per module; read only."""
    from loaders.load import load_facts

    if request.param == "falkordb":
        from graph.falkordb_store import FalkorDBStore

        opened: GraphStore = FalkorDBStore(tmp_path_factory.mktemp("loaded") / "actorgraph.db")
    else:
        opened = _open_neo4j()
    try:
        load_facts(opened, curated_facts)
        yield opened
    finally:
        if request.param == "neo4j":
            _empty_neo4j(opened)
        opened.close()
