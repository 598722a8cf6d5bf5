"""The contract suite's fixtures: one empty store per backend present (see ``tests/backends.py``).

FalkorDB (embedded) always runs; Neo4j when ``ACTORGRAPH_NEO4J_URI`` is set. The Neo4j database
is emptied before and after each test. Tests that read the loaded curated facts use the
session's ``loaded_store`` (``tests/conftest.py``), which is parametrised the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import BACKENDS, SharedNeo4j, open_neo4j

from graph.store import GraphStore


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
    neo4j = open_neo4j()
    SharedNeo4j.empty(neo4j)
    try:
        yield neo4j
    finally:
        SharedNeo4j.empty(neo4j)
        neo4j.close()
