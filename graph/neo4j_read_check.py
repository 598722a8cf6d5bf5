"""Refusing, before it runs, a Neo4j "read" that would write or reach outside the graph.

A read transaction makes the server refuse data writes, but not everything a read-only store
must refuse: a ``CALL`` of a DBMS or schema procedure runs before the result summary says its
query type, and ``LOAD CSV`` is a read that fetches a URL (or a file) from the server. So each
statement text is first planned with ``EXPLAIN`` (which runs nothing) and let through only when
its query type is ``r`` and no operator of its plan is ``LoadCSV``. The verdict depends on the
text alone, so each text is planned once: the named queries of the catalog cost one extra round
trip per process, a user's raw query one per new text.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import neo4j

from graph.store import Params, WriteRefused, first_line

VETTED_TEXTS = 4096  # distinct statement texts remembered as safe (least recently used go)
_OUTSIDE = ("LoadCSV",)  # plan operators that read outside the graph


def _operators(plan: Any) -> set[str]:
    """The operator names of a plan (``LoadCSV@neo4j`` -> ``LoadCSV``) and of its children."""
    if not isinstance(plan, dict):
        return set()
    names = {str(plan.get("operatorType", "")).split("@")[0]}
    for child in plan.get("children", ()):
        names |= _operators(child)
    return names


class ReadCheck:
    """Which statement texts have been planned and found read-only and inside the graph."""

    def __init__(self, capacity: int = VETTED_TEXTS) -> None:
        self._safe: OrderedDict[str, None] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    def _known(self, cypher: str) -> bool:
        with self._lock:
            if cypher in self._safe:
                self._safe.move_to_end(cypher)
                return True
            return False

    def _remember(self, cypher: str) -> None:
        with self._lock:
            self._safe[cypher] = None
            while len(self._safe) > self._capacity:
                self._safe.popitem(last=False)

    def vet(self, tx: neo4j.ManagedTransaction, cypher: str, params: Params | None) -> None:
        """Raise ``WriteRefused`` unless ``cypher`` is a plain read of the graph."""
        if self._known(cypher):
            return
        summary = tx.run("EXPLAIN " + cypher, dict(params or {})).consume()
        if summary.query_type != "r":
            kind = summary.query_type
            raise WriteRefused(f"query type {kind!r} is not read-only: {first_line(cypher)}")
        outside = _operators(summary.plan) & set(_OUTSIDE)
        if outside:
            raise WriteRefused(
                f"LOAD CSV reads outside the graph and is refused in a read: {first_line(cypher)}"
            )
        self._remember(cypher)
