"""The Neo4j store: a Neo4j 5 server (or cluster, or Aura) through the official driver.

Reads run in managed read transactions (``execute_read``), which ``neo4j://`` routes to read
replicas; the server refuses a write in them, and the adapter also checks the query type of the
result summary (``r`` only) so a write never passes as a read. Writes run in managed write
transactions (``execute_write``), which the driver retries on transient errors, so every write
statement must be idempotent (``MERGE`` by id).

``replace_graph`` runs the whole load in ONE write transaction: it deletes the loader's nodes
and writes the new graph, and commits or rolls back as a unit, so readers see the old graph or
the new one (ACID). Neo4j does not allow schema statements (constraints, indexes) in a
transaction that writes data, so the writer runs those in their own transaction before any data
is written; they are idempotent (``IF NOT EXISTS``) and survive a failed load harmlessly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from graph.store import (
    GraphStore,
    GraphWriter,
    Params,
    QueryTimeout,
    Row,
    StoreError,
    StoreUnavailable,
    WriteRefused,
)
from queries.catalog import get_query

_SCHEMA = re.compile(
    r"^\s*(CREATE|DROP)\s+(CONSTRAINT|INDEX|RANGE|TEXT|POINT|FULLTEXT|LOOKUP)\b", re.I
)
_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")
RETRY_S = 10.0  # how long managed transactions are retried on transient errors
CONNECT_TIMEOUT_S = 5.0
_TIMEOUT_CODES = ("TransactionTimedOut", "TransactionTimedOutClientConfiguration")


def _plain(value: Any) -> Any:
    """A driver value as plain Python (nodes, relationships and paths become dicts)."""
    if isinstance(value, Node):
        return {**{k: _plain(v) for k, v in dict(value).items()}, "labels": sorted(value.labels)}
    if isinstance(value, Relationship):
        return {**{k: _plain(v) for k, v in dict(value).items()}, "type": value.type}
    if isinstance(value, Path):
        return {
            "nodes": [_plain(n) for n in value.nodes],
            "relationships": [_plain(r) for r in value.relationships],
        }
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Duration
        return value.iso_format()
    return value


def _rows(result: neo4j.Result) -> list[Row]:
    # a Record iterates over its values, not its keys: .keys() is needed
    return [{k: _plain(record[k]) for k in record.keys()} for record in result]  # noqa: SIM118


def _store_error(exc: Exception, cypher: str) -> StoreError:
    """The ``StoreError`` subclass for a driver error."""
    first_line = cypher.strip().splitlines()[0] if cypher.strip() else ""
    code = getattr(exc, "code", "") or ""
    if isinstance(exc, neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired):
        return StoreUnavailable(f"Neo4j is not reachable: {exc}")
    if isinstance(exc, neo4j_errors.AuthError):
        return StoreUnavailable(f"Neo4j refused the credentials: {exc}")
    if any(code.endswith(c) for c in _TIMEOUT_CODES):
        return QueryTimeout(f"query stopped at its time limit: {first_line}")
    if code.endswith("AccessMode") or "read access mode" in str(exc).lower():
        return WriteRefused(f"the store refused a write in a read-only query: {first_line}")
    return StoreError(f"{exc} (query: {first_line})")


class _TxWriter(GraphWriter):
    """Writes into the load's one open write transaction."""

    def __init__(self, tx: neo4j.ManagedTransaction, schema: Callable[[str], None]) -> None:
        self._tx = tx
        self._schema = schema
        self._wrote = False

    def write(self, cypher: str, params: Params | None = None) -> list[Row]:
        if _SCHEMA.match(cypher):
            if self._wrote:
                raise StoreError("schema statements must come before the load's data writes")
            self._schema(cypher)  # its own transaction: Neo4j forbids mixing with data writes
            return []
        self._wrote = True
        return _rows(self._tx.run(cypher, dict(params or {})))


class Neo4jStore(GraphStore):
    """A graph in one database of a Neo4j server."""

    backend = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j") -> None:
        if not uri.startswith(_SCHEMES):
            raise StoreUnavailable(f"ACTORGRAPH_NEO4J_URI {uri!r}: expected bolt:// or neo4j://")
        self.database = database
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(user, password),
                # retry transient errors (leader switch, deadlock) for a while, not 30 s
                max_transaction_retry_time=RETRY_S,
                connection_timeout=CONNECT_TIMEOUT_S,
            )
        except (neo4j_errors.DriverError, ValueError) as exc:
            raise StoreUnavailable(f"cannot create a Neo4j driver for {uri}: {exc}") from exc

    def _session(self) -> neo4j.Session:
        return self._driver.session(database=self.database)

    def read(
        self, cypher: str, params: Params | None = None, *, timeout_ms: int | None = None
    ) -> list[Row]:
        """Run ``cypher`` in a read transaction; refuse anything whose query type is not ``r``."""

        @neo4j.unit_of_work(timeout=timeout_ms / 1000 if timeout_ms else None)
        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            result = tx.run(cypher, dict(params or {}))
            rows = _rows(result)
            kind = result.consume().query_type
            if kind != "r":
                # raising inside the transaction function rolls the transaction back
                raise WriteRefused(f"query type {kind!r} is not read-only: {cypher[:80]}")
            return rows

        try:
            with self._session() as session:
                return session.execute_read(work)
        except WriteRefused:
            raise
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise _store_error(exc, cypher) from exc

    def write(self, cypher: str, params: Params | None = None) -> list[Row]:
        """Run one idempotent statement in a managed write transaction (retried if transient)."""

        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            return _rows(tx.run(cypher, dict(params or {})))

        try:
            with self._session() as session:
                return session.execute_write(work)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise _store_error(exc, cypher) from exc

    def replace_graph(self, build: Callable[[GraphWriter], None]) -> None:
        """Delete the old graph and build the new one in one write transaction."""
        clear = get_query("load_clear").cypher_for(self.backend)

        def work_in_order(tx: neo4j.ManagedTransaction) -> None:
            writer = _ClearingWriter(tx, self._schema, clear)
            build(writer)
            writer.ensure_cleared()

        try:
            with self._session() as session:
                session.execute_write(work_in_order)
        except StoreError:
            raise
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise _store_error(exc, "") from exc

    def _schema(self, cypher: str) -> None:
        self.write(cypher)

    def ping(self) -> bool:
        """Whether the server answers."""
        try:
            self._driver.verify_connectivity()
            return True
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError):
            return False

    def close(self) -> None:
        """Close the driver and its connection pool."""
        self._driver.close()


class _ClearingWriter(_TxWriter):
    """A transaction writer that deletes the old graph right before the first data write."""

    def __init__(
        self, tx: neo4j.ManagedTransaction, schema: Callable[[str], None], clear: str
    ) -> None:
        super().__init__(tx, schema)
        self._clear = clear
        self._cleared = False

    def ensure_cleared(self) -> None:
        """Delete the old graph now if the build wrote no data at all."""
        if not self._cleared:
            self._cleared = True
            _TxWriter.write(self, self._clear)

    def write(self, cypher: str, params: Params | None = None) -> list[Row]:
        if not _SCHEMA.match(cypher):
            self.ensure_cleared()
        return super().write(cypher, params)
