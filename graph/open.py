"""Opening the graph store the settings name; the one place that picks a backend."""

from __future__ import annotations

from actorgraph.settings import Settings
from graph.store import GraphStore, StoreUnavailable


def open_store(settings: Settings) -> GraphStore:
    """The store of ``settings.backend``: embedded FalkorDB (default) or a Neo4j server."""
    if settings.backend == "neo4j":
        from graph.neo4j_store import Neo4jStore

        if not settings.neo4j_uri:
            raise StoreUnavailable("ACTORGRAPH_BACKEND=neo4j needs ACTORGRAPH_NEO4J_URI")
        return Neo4jStore(
            uri=settings.neo4j_uri,
            user=settings.neo4j_user,
            password=settings.neo4j_password_value(),
            database=settings.neo4j_database,
        )
    from graph.falkordb_store import FalkorDBStore

    return FalkorDBStore(settings.db_path, settings.graph_name)
