"""The one interface every graph backend implements.

Callers hand it Cypher from the query catalog (``queries/``) and parameters; they never import a
driver. Rows come back as plain Python values (str, int, float, bool, None, lists and dicts):
queries return maps and ids, not driver-specific node or path objects.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import Any

Row = dict[str, Any]
Params = Mapping[str, Any]


class StoreError(Exception):
    """A query failed inside the store (bad Cypher, constraint violation, ...)."""


class StoreUnavailable(StoreError):
    """The store cannot be reached or did not start."""


class QueryTimeout(StoreError):
    """The store stopped a query at its time limit."""


class WriteRefused(StoreError):
    """A query sent as read-only tried to write, and the store itself refused it."""


class GraphWriter(ABC):
    """Writes into a graph that becomes visible to readers only when the load commits."""

    @abstractmethod
    def write(self, cypher: str, params: Params | None = None) -> list[Row]:
        """Run one write statement inside the pending load."""


class GraphStore(ABC):
    """A property-graph store that speaks Cypher."""

    backend: str  # "falkordb" or "neo4j"; picks backend-specific query overrides

    @abstractmethod
    def read(
        self, cypher: str, params: Params | None = None, *, timeout_ms: int | None = None
    ) -> list[Row]:
        """Run a read-only query. The backend itself refuses writes (``WriteRefused``)."""

    @abstractmethod
    def write(self, cypher: str, params: Params | None = None) -> list[Row]:
        """Run one write statement in its own (retried, so idempotent) transaction."""

    @abstractmethod
    def replace_graph(self, build: Callable[[GraphWriter], None]) -> None:
        """Build a new graph with ``build`` and make it replace the current one atomically.

        Readers see either the old graph or the new one, whole. If ``build`` raises, or the
        process dies part way, the old graph stays as it was.
        """

    @abstractmethod
    def ping(self) -> bool:
        """Whether the store answers."""

    @abstractmethod
    def close(self) -> None:
        """Release connections (and stop an embedded server this process started)."""
