"""The graph backends the tests run on, and the one Neo4j database they share.

The embedded FalkorDB store always runs. Neo4j runs when ``ACTORGRAPH_NEO4J_URI`` is set (with
``ACTORGRAPH_NEO4J_USER`` and ``..._PASSWORD``, or the local server's password file);
otherwise its tests are skipped and the reason is shown. **The tests empty that database.**

Neo4j Community has one user database, so the session's loaded store (``loaded_store``) and the
contract suite's empty stores (``any_store``) take turns in it: a test that empties or rewrites
it marks it changed, and the next test that wants the curated facts reloads them first (a load
is idempotent, so the reloaded graph is the same graph).
"""

from __future__ import annotations

import os

import pytest

from graph.store import GraphStore
from ontology.facts import FactSet

NEO4J_URI = os.environ.get("ACTORGRAPH_NEO4J_URI")
NO_NEO4J = "ACTORGRAPH_NEO4J_URI is not set: no Neo4j server to test (scripts/neo4j-local.sh)"

BACKENDS = [
    "falkordb",
    pytest.param(
        "neo4j", marks=[pytest.mark.neo4j, pytest.mark.skipif(not NEO4J_URI, reason=NO_NEO4J)]
    ),
]


def open_neo4j() -> GraphStore:
    """A store on the configured Neo4j database (settings from ``ACTORGRAPH_NEO4J_*``)."""
    from actorgraph.settings import Settings
    from graph.open import open_store

    return open_store(Settings(backend="neo4j"))


class SharedNeo4j:
    """Who last wrote the shared Neo4j database: the curated load, or some other test."""

    holds_curated = False

    @classmethod
    def empty(cls, store: GraphStore) -> None:
        """Delete everything in the database (the tests' own nodes included).

        In batches: a database a bench left holding a million claims is too big to delete in
        one transaction.
        """
        batch = "MATCH (n) WITH n LIMIT 1000 DETACH DELETE n RETURN count(*) AS deleted"
        while store.write(batch)[0]["deleted"]:
            pass
        cls.holds_curated = False

    @classmethod
    def ensure_curated(cls, store: GraphStore, facts: FactSet) -> None:
        """Load the curated facts unless they are what the database holds now."""
        from loaders.load import load_facts

        if not cls.holds_curated:
            load_facts(store, facts)
            cls.holds_curated = True
