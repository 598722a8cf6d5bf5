"""The registry of graph backends: the one list that names them.

Each entry says which adapter class implements the backend (imported only when a store of that
backend is opened, so a backend's driver is never loaded for nothing) and which settings it reads.
The settings, the store opener, the query catalog's dialect overrides and the contract suite
all read this list; adding a backend is an adapter in ``graph/`` and one entry here.

This module is data only and imports nothing of actorgraph: the settings (a leaf) read it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Backend:
    """One graph backend."""

    name: str  # ACTORGRAPH_BACKEND value, and the suffix of its query overrides (NAME.x.cypher)
    adapter: str  # "module:Class" of its GraphStore
    summary: str
    settings: tuple[str, ...]  # the Settings fields its adapter reads
    server_setting: str | None = None  # the field that locates its server; None: embedded


BACKENDS: dict[str, Backend] = {
    backend.name: backend
    for backend in (
        Backend(
            "falkordb",
            "graph.falkordb_store:FalkorDBStore",
            "embedded FalkorDB (default): a local server on one file, no setup",
            settings=("db_path", "graph_name"),
        ),
        Backend(
            "neo4j",
            "graph.neo4j_store:Neo4jStore",
            "a Neo4j 5 server, cluster or Aura over bolt:// or neo4j://",
            settings=(
                "neo4j_uri",
                "neo4j_user",
                "neo4j_password",
                "neo4j_password_file",
                "neo4j_database",
            ),
            server_setting="neo4j_uri",
        ),
    )
}
DEFAULT_BACKEND = "falkordb"


def get_backend(name: str) -> Backend:
    """The backend called ``name``; ``ValueError`` naming the known ones otherwise."""
    try:
        return BACKENDS[name]
    except KeyError:
        known = ", ".join(BACKENDS)
        raise ValueError(f"unknown backend {name!r}: expected one of {known}") from None
