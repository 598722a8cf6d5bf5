"""The one interface every graph backend implements.

Callers hand it Cypher from the query catalog (``queries/``) and parameters; they never import a
driver. Rows come back as plain Python values (str, int, float, bool, None, lists and dicts):
queries return maps and ids, not driver-specific node or path objects.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from actorgraph.settings import Settings
    from graph.model import GraphRows

Row = dict[str, Any]
Params = Mapping[str, Any]


def first_line(cypher: str, width: int = 120) -> str:
    """The first line of a statement, cut to ``width``: how an error message names a query."""
    text = cypher.strip()
    return text.splitlines()[0][:width] if text else ""


class StoreError(Exception):
    """A query failed inside the store (bad Cypher, constraint violation, ...)."""


class StoreUnavailable(StoreError):
    """The store cannot be reached or did not start."""


class QueryTimeout(StoreError):
    """The store stopped a query at its time limit."""


class QueryTooLarge(StoreError):
    """A query needed more memory than a query may use, and the store stopped it."""


class AnswerTooLarge(StoreError):
    """A query's answer is larger than an answer may be (``ACTORGRAPH_MAX_ANSWER_BYTES``)."""


class WriteRefused(StoreError):
    """A query sent as read-only tried to write, and the store itself refused it."""


class GraphWriter(ABC):
    """Writes into a graph that becomes visible to readers only when the load commits."""

    @abstractmethod
    def write(self, cypher: str, params: Params | None = None) -> list[Row]:
        """Run one write statement inside the pending load."""

    def bulk_load(self, rows: GraphRows) -> bool:
        """Write every node and edge of ``rows`` at once, faster than Cypher statements.

        A capability: a writer that has a bulk path overrides this; ``False`` (the default, and
        an override's answer when it declines) means nothing was written and the loader sends
        the Cypher statements instead.
        """
        return False


class GraphStore(ABC):
    """A property-graph store that speaks Cypher."""

    backend: str  # its name in actorgraph/backends.py; picks backend-specific query overrides

    @classmethod
    @abstractmethod
    def from_settings(cls, settings: Settings) -> Self:
        """A store opened with the settings its registry entry lists."""

    @abstractmethod
    def read(
        self, cypher: str, params: Params | None = None, *, timeout_ms: int | None = None
    ) -> list[Row]:
        """Run a read-only query. The backend itself refuses writes (``WriteRefused``)."""

    @abstractmethod
    def read_untrusted(
        self,
        cypher: str,
        params: Params | None = None,
        *,
        timeout_ms: int,
        row_limit: int,
        max_bytes: int,
    ) -> list[Row]:
        """Run a user's read-only query, whatever it does, without harm to the store.

        At most ``row_limit`` rows come back (the store stops there, so the caller never holds
        more), and an answer over about ``max_bytes`` is ``AnswerTooLarge``; the time limit
        and a memory cap hold; a query that reads files or URLs
        (``LOAD CSV``) is refused before it is sent (``WriteRefused``); a query that would crash
        or hang the store cannot reach the graph that serves the other reads.
        """

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
    def generation(self) -> str:
        """A token that changes with every committed load, and only then.

        What the graph holds is a function of it, so anything derived from the graph (the
        SPARQL dataset, a cached answer) is stale exactly when the token differs.
        """

    @abstractmethod
    def ping(self) -> bool:
        """Whether the store answers."""

    def recover(self) -> bool:
        """Bring back a store that stopped answering, if this backend can; whether it answers.

        A capability: the embedded store restarts its own server. A server backend cannot
        restart its server (its supervisor does: ``scripts/neo4j-local.sh``, the compose
        file's restart policy), and its driver reconnects, so the default only asks.
        """
        return self.ping()

    @abstractmethod
    def close(self) -> None:
        """Release connections (and stop an embedded server this process started)."""
