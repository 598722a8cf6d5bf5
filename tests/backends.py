"""The graph backends the tests run on, read from the registry (``actorgraph/backends.py``).

An embedded backend always runs, on a store in the test's temporary folder. A server backend
runs when its server setting is in the environment (Neo4j: ``ACTORGRAPH_NEO4J_URI``, with
``ACTORGRAPH_NEO4J_USER`` and ``..._PASSWORD``, or the local server's password file); otherwise
its tests are skipped and the reason is shown. **The tests empty that server's database.**

A server has one database for the whole session, so the session's loaded store
(``loaded_store``) and the contract suite's empty stores (``any_store``) take turns in it: a
test that empties or rewrites it marks it changed, and the next test that wants the curated
facts reloads them first (a load is idempotent, so the reloaded graph is the same graph).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

import pytest

from actorgraph.backends import BACKENDS as REGISTRY
from actorgraph.backends import Backend
from actorgraph.settings import Settings
from graph.open import open_store
from graph.store import GraphStore
from ontology.facts import FactSet


def server_variable(backend: Backend) -> str | None:
    """The environment variable that points the tests at the backend's server."""
    return f"ACTORGRAPH_{backend.server_setting.upper()}" if backend.server_setting else None


def _param(backend: Backend) -> Any:
    variable = server_variable(backend)
    if variable is None:
        return backend.name
    reason = f"{variable} is not set: no {backend.name} server to test (scripts/neo4j-local.sh)"
    return pytest.param(
        backend.name,
        marks=[
            getattr(pytest.mark, backend.name),
            pytest.mark.skipif(not os.environ.get(variable), reason=reason),
        ],
    )


BACKENDS = [_param(backend) for backend in REGISTRY.values()]
SERVER_BACKENDS = [name for name, backend in REGISTRY.items() if backend.server_setting]
NEO4J_URI = os.environ.get("ACTORGRAPH_NEO4J_URI")
NO_NEO4J = "ACTORGRAPH_NEO4J_URI is not set: no Neo4j server to test (scripts/neo4j-local.sh)"


def is_server(name: str) -> bool:
    """Whether the backend keeps its graph in a server shared by the whole session."""
    return REGISTRY[name].server_setting is not None


def open_backend(name: str, folder: Path) -> GraphStore:
    """A store of backend ``name``: an embedded one in ``folder``, a server from the environment."""
    return open_store(Settings(backend=name, db_path=folder / "actorgraph.db"))


def open_neo4j() -> GraphStore:
    """A store on the configured Neo4j database (settings from ``ACTORGRAPH_NEO4J_*``)."""
    return open_store(Settings(backend="neo4j"))


class SharedServer:
    """Who last wrote each server backend's database: the curated load, or some other test."""

    holds_curated: ClassVar[set[str]] = set()

    @classmethod
    def empty(cls, store: GraphStore) -> None:
        """Delete everything in the database (the tests' own nodes included).

        In batches: a database a bench left holding a million claims is too big to delete in
        one transaction.
        """
        batch = "MATCH (n) WITH n LIMIT 1000 DETACH DELETE n RETURN count(*) AS deleted"
        while store.write(batch)[0]["deleted"]:
            pass
        cls.holds_curated.discard(store.backend)

    @classmethod
    def ensure_curated(cls, store: GraphStore, facts: FactSet) -> None:
        """Load the curated facts unless they are what the database holds now."""
        from loaders.load import load_facts

        if store.backend not in cls.holds_curated:
            load_facts(store, facts)
            cls.holds_curated.add(store.backend)


SharedNeo4j = SharedServer  # the one server backend today; the name the Neo4j-only tests use
