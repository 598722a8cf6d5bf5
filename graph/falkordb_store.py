"""The embedded FalkorDB store: the default backend, a local server on a file, no setup.

Atomic replace: a load builds its graph under a fresh key (``<graph>@<hex>``), then flips the
Redis string ``<graph>:current`` to that key (one ``SET``: atomic), then deletes the old graph.
A load that raises or is killed never flips the pointer, so readers keep the old graph whole; its
half-built graph is deleted by the next load. Loads take the file lock ``<db>.load.lock`` so two
loads never build at once (and never delete each other's builds).

Readers cache the live key. Each read is sent in one pipeline with a ``GET`` of the pointer
*after* the query; a client's commands run in order, and a pointer never returns to a key it
left, so if the ``GET`` still names the cached key the query ran on the live graph; otherwise
the read is repeated on the new key. A load in another process is thus seen at once, at no extra
round trip.
"""

from __future__ import annotations

import logging
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import redis
from falkordb import Edge, Node
from falkordb import Path as GraphPath

from actorgraph.settings import Settings
from graph.falkordb_bulk import MAX_CALL_BYTES, Unencodable, bulk_insert
from graph.falkordb_server import EmbeddedServer, exclusive
from graph.model import GraphRows
from graph.store import (
    GraphStore,
    GraphWriter,
    Params,
    QueryTimeout,
    Row,
    StoreError,
    StoreUnavailable,
    WriteRefused,
    first_line,
)

log = logging.getLogger(__name__)

_READ_ATTEMPTS = 5  # pointer flips seen during one read before giving up (loads are rare)
_EMPTY_KEY = "Invalid graph operation on empty key"


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """A FalkorDB result value as plain Python (nodes, edges and paths become dicts).

    Runs on every value of every row, so the common cases (scalars, lists, dicts) are checked
    first by exact type: this conversion was most of the cost of a read before.
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [_plain(v) for v in value]
    if kind is dict or kind is OrderedDict:  # FalkorDB returns maps as OrderedDict
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Node):
        return {**{k: _plain(v) for k, v in value.properties.items()}, "labels": value.labels}
    if isinstance(value, Edge):
        props = {k: _plain(v) for k, v in value.properties.items()}
        return {**props, "type": value.relation}
    if isinstance(value, GraphPath):
        return {
            "nodes": [_plain(n) for n in value.nodes()],
            "relationships": [_plain(e) for e in value.edges()],
        }
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _rows(result: Any) -> list[Row]:
    columns = [str(h[1]) for h in result.header]
    return [dict(zip(columns, (_plain(v) for v in row), strict=True)) for row in result.result_set]


def _store_error(exc: Exception, cypher: str) -> StoreError:
    """The ``StoreError`` subclass for a FalkorDB or connection error."""
    message = str(exc)
    if isinstance(exc, redis.ConnectionError | redis.TimeoutError):
        return StoreUnavailable(f"embedded FalkorDB is not reachable: {message}")
    if "timed out" in message.lower():
        return QueryTimeout(f"query stopped at its time limit: {first_line(cypher)}")
    if "read-only" in message or "is to be executed only on read-only" in message:
        return WriteRefused(f"the store refused a write in a read-only query: {first_line(cypher)}")
    return StoreError(f"{message} (query: {first_line(cypher)})")


class _BuildWriter(GraphWriter):
    """Writes into the graph being built under a key no reader looks at yet."""

    def __init__(self, client: Any, graph: Any, key: str) -> None:
        self._client = client
        self._graph = graph
        self._key = key
        self.wrote = False

    def bulk_load(self, rows: GraphRows, limit: int = MAX_CALL_BYTES) -> bool:
        """Write every node and edge of ``rows`` with ``GRAPH.BULK`` (``graph.falkordb_bulk``).

        Only into a graph nothing was written to yet (the command creates the key). Returns
        ``False``, having written nothing, when the rows cannot be sent that way (a string with
        a NUL character): the loader then writes them with Cypher. ``limit``: bytes per call.
        """
        if self.wrote:
            return False
        try:
            nodes, edges = bulk_insert(self._client, self._key, rows, limit)
        except Unencodable as exc:
            log.info("writing with Cypher instead of GRAPH.BULK: %s", exc)
            return False
        except redis.RedisError as exc:
            raise _store_error(exc, "GRAPH.BULK") from exc
        self.wrote = bool(nodes or edges)
        return True

    def write(self, cypher: str, params: Params | None = None) -> list[Row]:
        try:
            result = self._graph.query(cypher, dict(params or {}))
        except redis.RedisError as exc:
            if "already indexed" in str(exc):
                return []  # CREATE INDEX of an index that exists: the schema is as wanted
            raise _store_error(exc, cypher) from exc
        self.wrote = True
        return _rows(result)


class FalkorDBStore(GraphStore):
    """A graph in the embedded FalkorDB server of the database file ``db_path``."""

    backend = "falkordb"

    def __init__(self, db_path: Path, graph_name: str = "actorgraph") -> None:
        self._server = EmbeddedServer(db_path)
        self._db = self._server.open()
        self._client: Any = self._db.client
        self.graph_name = graph_name
        self.pointer_key = f"{graph_name}:current"
        self._prefix = f"{graph_name}@"
        self._live: str | None = None
        self._load_lock = self._server.db_path.with_name(self._server.db_path.name + ".load.lock")

    @classmethod
    def from_settings(cls, settings: Settings) -> FalkorDBStore:
        """The store on ``ACTORGRAPH_DB_PATH``, graph ``ACTORGRAPH_GRAPH_NAME``."""
        return cls(settings.db_path, settings.graph_name)

    @property
    def db_path(self) -> Path:
        """The database file."""
        return self._server.db_path

    @property
    def server_pid(self) -> int:
        """The pid of the embedded redis-server (for tests that kill it)."""
        return self._server.pid

    def live_key(self) -> str:
        """The key of the graph readers see, creating an empty one on a fresh store."""
        try:
            live = self._client.get(self.pointer_key)
            if live is None:
                key = self._new_key()
                self._db.select_graph(key).query("RETURN 1")  # creates the (empty) graph key
                if not self._client.set(self.pointer_key, key, nx=True):
                    self._client.execute_command("GRAPH.DELETE", key)  # another process won
                live = self._client.get(self.pointer_key)
        except redis.RedisError as exc:
            raise _store_error(exc, "") from exc
        self._live = str(live)
        return self._live

    def generation(self) -> str:
        """The live graph's key: every load builds under a new key and flips the pointer to it."""
        return self.live_key()

    def _new_key(self) -> str:
        return f"{self._prefix}{uuid.uuid4().hex[:16]}"

    def read(
        self, cypher: str, params: Params | None = None, *, timeout_ms: int | None = None
    ) -> list[Row]:
        """Run ``cypher`` with ``GRAPH.RO_QUERY``: the server itself refuses any write."""
        from redislite.falkordb_client import QueryResult

        key = self._live or self.live_key()
        for _ in range(_READ_ATTEMPTS):
            graph = self._db.select_graph(key)
            command: list[Any] = [
                "GRAPH.RO_QUERY",
                key,
                graph._build_params_header(dict(params or {})) + cypher,
                "--compact",
            ]
            if timeout_ms is not None:
                command += ["timeout", int(timeout_ms)]
            pipe = self._client.pipeline(transaction=False)
            pipe.execute_command(*command)
            pipe.get(self.pointer_key)
            try:
                response, pointer = pipe.execute(raise_on_error=False)
            except redis.RedisError as exc:
                raise _store_error(exc, cypher) from exc
            if pointer is not None and pointer != key:
                key = self._live = str(pointer)  # a load replaced the graph: read the new one
                continue
            if isinstance(pointer, Exception):
                raise _store_error(pointer, cypher)
            if isinstance(response, redis.RedisError):
                raise _store_error(response, cypher)
            try:
                return _rows(QueryResult(graph, response))
            except redis.RedisError as exc:  # run-time errors arrive inside the result
                raise _store_error(exc, cypher) from exc
        raise StoreUnavailable(f"the graph was replaced {_READ_ATTEMPTS} times during one read")

    def write(self, cypher: str, params: Params | None = None) -> list[Row]:
        """Run one write statement on the live graph (a FalkorDB query is atomic on its own)."""
        graph = self._db.select_graph(self.live_key())  # not the cache: writes must not go stale
        try:
            return _rows(graph.query(cypher, dict(params or {})))
        except redis.RedisError as exc:
            if "already indexed" in str(exc):
                return []
            raise _store_error(exc, cypher) from exc

    def replace_graph(self, build: Callable[[GraphWriter], None]) -> None:
        """Build under a fresh key, flip the pointer to it, delete the old graph."""
        with exclusive(self._load_lock):
            try:
                old = self._client.get(self.pointer_key)
                self._delete_leftovers(keep=old)
            except redis.RedisError as exc:
                raise _store_error(exc, "") from exc
            key = self._new_key()
            writer = _BuildWriter(self._client, self._db.select_graph(key), key)
            try:
                build(writer)
                if not writer.wrote:
                    writer.write("RETURN 1")  # an empty graph still needs its key
                # the flip: readers see the old graph up to here and the new one after it
                self._client.set(self.pointer_key, key)
            except BaseException:
                self._drop(key)
                raise
            self._live = key
            if old is not None and old != key:
                self._drop(str(old))

    def _delete_leftovers(self, keep: str | None) -> None:
        """Delete graphs of this name left by loads that died before their flip."""
        for name in self._client.execute_command("GRAPH.LIST") or []:
            if str(name).startswith(self._prefix) and name != keep:
                log.warning("deleting graph %s left by an unfinished load", name)
                self._drop(str(name))

    def _drop(self, key: str) -> None:
        try:
            self._client.execute_command("GRAPH.DELETE", key)
        except redis.RedisError as exc:
            if _EMPTY_KEY not in str(exc) and "does not exist" not in str(exc):
                log.warning("could not delete graph %s: %s", key, exc)

    def ping(self) -> bool:
        """Whether the embedded server answers."""
        try:
            return bool(self._client.ping())
        except redis.RedisError:
            return False

    def close(self) -> None:
        """Disconnect, and stop the embedded server when no other process still uses it."""
        self._server.close()
