"""Running a named query against a store: bind its parameters, pick its dialect, route it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.store import GraphStore, GraphWriter, Row
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


def write_query(writer: GraphWriter, backend: str, name: str, params: Mapping[str, Any]) -> None:
    """Run the named write query ``name`` inside a pending load."""
    query = get_query(name)
    if query.mode != "write":
        raise ValueError(f"query {name!r} is not a write query")
    writer.write(query.cypher_for(backend), query.bind(params))
