"""Running a named query against a store: bind its parameters, pick its dialect, route it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.store import GraphStore, Row
from queries.catalog import get_query


def run_query(
    store: GraphStore,
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    timeout_ms: int | None = None,
) -> list[Row]:
    """Run the named query ``name`` with checked parameters; reads go to a read transaction."""
    query = get_query(name)
    bound = query.bind(params or {})
    cypher = query.cypher_for(store.backend)
    if query.mode == "read":
        return store.read(cypher, bound, timeout_ms=timeout_ms)
    return store.write(cypher, bound)
