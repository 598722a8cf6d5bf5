"""The Neo4j store: a Neo4j 5 server (or cluster, or Aura) through the official driver.

Reads run in managed read transactions (``execute_read``), which ``neo4j://`` routes to read
replicas; the server refuses a write in them, and the adapter also checks the query type of the
result summary (``r`` only) so a write never passes as a read. Writes run in managed write
transactions (``execute_write``), which the driver retries on transient errors, so every write
statement must be idempotent (``MERGE`` by id).

``replace_graph`` never holds a whole graph in one transaction (a 100k-claim replace needed about 3
GB of heap that way, and a million claims would not fit this machine). It builds the new graph as
*staged* nodes (label ``ActorgraphStaged``, their real labels kept in a ``staged_labels`` property)
in batches that commit one by one: no query of the graph matches them, since every named query
starts from ``Entity``, ``Source`` or ``Claim`` nodes and edges join staged nodes only. Then one
small *flip* transaction gives the live nodes the label ``ActorgraphRetired`` instead of theirs
(``RETIRE``, ``graph/neo4j_staging.py``) and the staged nodes their labels (``PROMOTE``): a label
change per node. Last, ``DISCARD`` deletes the retired graph in batches of its own. A load killed or
failing before the flip leaves staged nodes that nobody sees and the next load discards; one killed
after it leaves retired nodes, likewise. Schema statements run in their own transactions (Neo4j
forbids mixing them with data writes); they are idempotent (``IF NOT EXISTS``). One load at a time:
a second load started meanwhile discards the first one's staged nodes, and the first then fails.

Commit is atomic, but visibility is not: Neo4j reads at read-committed isolation, and a query
running while a large commit is applied can see it part applied (the contract suite saw a
reader count the old claims with none of their ``CITES`` edges). So the graph has one
bookkeeping node, ``(:ActorgraphState {id: 'graph'})``, holding the load ``generation``; the
flip's last write bumps it, which takes its exclusive lock until the commit is applied, and
every read first takes a shared lock on it through ``actorgraph.lockGraphForRead``, the one
procedure of our server plugin (``scripts/neo4j/src``). A read therefore sees the old graph or
the new one whole. On a server without the plugin (Aura, say) reads go on unlocked and the
store logs that, once, as a warning. Raw Cypher whose patterns name no label (``MATCH (n)``,
``MATCH ()-[r]->()``) also sees the staged or retired nodes while a load runs.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from itertools import islice
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from actorgraph.settings import Settings
from graph.cypher_text import refuse_load_csv
from graph.neo4j_read_check import ReadCheck
from graph.neo4j_staging import DISCARD, PROMOTE, RETIRE
from graph.store import (
    AnswerTooLarge,
    GraphStore,
    GraphWriter,
    Params,
    QueryTimeout,
    QueryTooLarge,
    Row,
    StoreError,
    StoreUnavailable,
    WriteRefused,
    first_line,
)

_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")
RETRY_S = 10.0  # how long managed transactions are retried on transient errors
CONNECT_TIMEOUT_S = 5.0
_TIMEOUT_CODES = ("TransactionTimedOut", "TransactionTimedOutClientConfiguration")
log = logging.getLogger(__name__)

# The store's own bookkeeping statements (not queries of the graph, so not in the catalog).
LOCK_PROCEDURE = "actorgraph.lockGraphForRead"
_HAS_LOCK = "SHOW PROCEDURES YIELD name WHERE name = $name RETURN count(*) AS n"
_READ_LOCK = (
    "MATCH (state:ActorgraphState {id: 'graph'}) CALL actorgraph.lockGraphForRead(state) "
    "RETURN state.generation AS generation"
)
_ENSURE_STATE = "MERGE (state:ActorgraphState {id: 'graph'}) ON CREATE SET state.generation = 0"
_BUMP_GENERATION = (
    "MATCH (state:ActorgraphState {id: 'graph'}) SET state.generation = state.generation + 1"
)
_GENERATION = "MATCH (state:ActorgraphState {id: 'graph'}) RETURN state.generation AS generation"


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


def _rows(result: Iterable[neo4j.Record]) -> list[Row]:
    # a Record iterates over its values, not its keys: .keys() is needed
    return [{k: _plain(record[k]) for k in record.keys()} for record in result]  # noqa: SIM118


def _bounded_rows(records: Iterable[neo4j.Record], max_bytes: int) -> list[Row]:
    """Rows until their JSON would pass ``max_bytes``: then ``AnswerTooLarge``, pulling no more."""
    rows: list[Row] = []
    size = 0
    for record in records:
        row = {k: _plain(record[k]) for k in record.keys()}  # noqa: SIM118
        size += len(json.dumps(row, default=str))
        if size > max_bytes:
            raise AnswerTooLarge(
                f"the answer is larger than the {max_bytes / 2**20:g} MiB an answer may be: "
                "return fewer rows or smaller values"
            )
        rows.append(row)
    return rows


def _store_error(exc: Exception, cypher: str) -> StoreError:
    """The ``StoreError`` subclass for a driver error."""
    code = getattr(exc, "code", "") or ""
    if isinstance(exc, neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired):
        return StoreUnavailable(f"Neo4j is not reachable: {exc}")
    if isinstance(exc, neo4j_errors.AuthError):
        return StoreUnavailable(f"Neo4j refused the credentials: {exc}")
    if any(code.endswith(c) for c in _TIMEOUT_CODES):
        return QueryTimeout(f"query stopped at its time limit: {first_line(cypher)}")
    if code.endswith("MemoryPoolOutOfMemoryError"):
        return QueryTooLarge(
            "Neo4j refused the transaction: it needs more memory than the server allows one "
            f"(db.memory.transaction.max; all at once: dbms.memory.transaction.total.max): "
            f"{first_line(cypher)}"
        )
    if code.endswith("AccessMode") or "read access mode" in str(exc).lower():
        return WriteRefused(f"the store refused a write in a read-only query: {first_line(cypher)}")
    return StoreError(f"{exc} (query: {first_line(cypher)})")


class _StagingWriter(GraphWriter):
    """Writes each statement of a load in a transaction of its own (the staged graph)."""

    def __init__(self, store: Neo4jStore) -> None:
        self._store = store

    def write(self, cypher: str, params: Params | None = None) -> list[Row]:
        return self._store.write(cypher, params)


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
        self._read_check = ReadCheck()
        self._read_lock: bool | None = None  # whether the server has our lock procedure
        self._probe = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> Neo4jStore:
        """The store on ``ACTORGRAPH_NEO4J_URI`` with the configured user, password, database."""
        if not settings.neo4j_uri:
            raise StoreUnavailable("ACTORGRAPH_BACKEND=neo4j needs ACTORGRAPH_NEO4J_URI")
        return cls(
            uri=settings.neo4j_uri,
            user=settings.neo4j_user,
            password=settings.neo4j_password_value(),
            database=settings.neo4j_database,
        )

    def _reads_lock(self) -> bool:
        """Whether reads can take the graph's shared lock (asked once per store)."""
        if self._read_lock is not None:  # every read asks: no mutex once it is known
            return self._read_lock
        with self._probe:
            if self._read_lock is None:
                with self._session() as session:
                    found = session.run(_HAS_LOCK, name=LOCK_PROCEDURE).single()
                self._read_lock = bool(found and found["n"])
                if not self._read_lock:
                    log.warning(
                        "Neo4j has no %s procedure (scripts/neo4j/src): reads that overlap a "
                        "load's commit may see it part applied",
                        LOCK_PROCEDURE,
                    )
            return self._read_lock

    def _session(self) -> neo4j.Session:
        return self._driver.session(database=self.database)

    def read(
        self, cypher: str, params: Params | None = None, *, timeout_ms: int | None = None
    ) -> list[Row]:
        """Run ``cypher`` in a read transaction, once planned and found a plain read.

        Refused (``WriteRefused``) before it runs: a query type other than ``r`` or a
        ``LOAD CSV`` (``graph/neo4j_read_check.py``); after it runs, a summary that says it
        was not a read after all.
        """
        return self._read(cypher, params, timeout_ms, None)

    def read_untrusted(
        self,
        cypher: str,
        params: Params | None = None,
        *,
        timeout_ms: int,
        row_limit: int,
        max_bytes: int,
    ) -> list[Row]:
        """A user's read: vetted as every read is, and streamed only up to ``row_limit`` rows.

        The server computes rows as the driver pulls them, ``row_limit`` at most, and discards
        the rest when the transaction ends. Its memory cap is the server's
        ``db.memory.transaction.max`` (``scripts/neo4j/neo4j.conf``); a query over it fails
        with ``QueryTooLarge``.
        """
        refuse_load_csv(cypher)  # the plan check refuses it too; this says so before planning
        return self._read(cypher, params, timeout_ms, row_limit, max_bytes)

    def _read(
        self,
        cypher: str,
        params: Params | None,
        timeout_ms: int | None,
        row_limit: int | None,
        max_bytes: int | None = None,
    ) -> list[Row]:
        @neo4j.unit_of_work(timeout=timeout_ms / 1000 if timeout_ms else None)
        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            self._read_check.vet(tx, cypher, params)
            if lock:
                tx.run(_READ_LOCK).consume()  # held until this transaction ends
            result = tx.run(cypher, dict(params or {}))
            records = result if row_limit is None else islice(result, row_limit)
            rows = _rows(records) if max_bytes is None else _bounded_rows(records, max_bytes)
            kind = result.consume().query_type
            if kind != "r":
                # raising inside the transaction function rolls the transaction back
                raise WriteRefused(f"query type {kind!r} is not read-only: {first_line(cypher)}")
            return rows

        # fetch no more than the rows wanted: the server computes them as they are pulled
        fetch = min(row_limit, 1000) if row_limit else 1000
        try:
            lock = self._reads_lock()
            with self._driver.session(
                database=self.database, fetch_size=fetch, default_access_mode=neo4j.READ_ACCESS
            ) as session:
                if row_limit is None:
                    return session.execute_read(work)
                # a user's query is not retried: a memory or time limit is no transient error
                with session.begin_transaction(
                    timeout=timeout_ms / 1000 if timeout_ms else None
                ) as tx:
                    return work(tx)  # type: ignore[arg-type]
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
        """Stage the new graph in batches, flip it live in one transaction, discard the old."""

        def flip(tx: neo4j.ManagedTransaction) -> None:
            tx.run(RETIRE).consume()
            tx.run(PROMOTE).consume()
            # last: the exclusive lock that readers wait on lasts only while the commit applies
            tx.run(_BUMP_GENERATION).consume()

        try:
            self.write(_ENSURE_STATE)  # committed first, so that readers have a node to lock
            self._auto_commit(DISCARD)  # what a killed load left behind
            build(_StagingWriter(self))
            with self._session() as session:
                session.execute_write(flip)
            self._auto_commit(DISCARD)
        except StoreError:
            raise
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise _store_error(exc, "") from exc

    def _auto_commit(self, cypher: str) -> None:
        """Run a statement that commits its own batches (``CALL ... IN TRANSACTIONS``)."""
        with self._session() as session:
            session.run(cypher).consume()

    def generation(self) -> str:
        """How many loads this database has committed ("0" before the first)."""
        rows = self.read(_GENERATION)
        return str(rows[0]["generation"]) if rows else "0"

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
