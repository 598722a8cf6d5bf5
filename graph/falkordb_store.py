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
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from actorgraph.settings import Settings
from graph.cypher_text import refuse_load_csv
from graph.falkordb_bulk import MAX_CALL_BYTES, Unencodable, bulk_insert
from graph.falkordb_results import rows_of
from graph.falkordb_sandbox import SANDBOX_KEY, Sandbox, dumper
from graph.falkordb_server import EmbeddedServer, exclusive, kill_server
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

DEFAULT_READ_WAIT_MS = 60_000  # a read without a time limit (exports) waits this long at most
READ_MARGIN_S = 2.0  # past a read's time limit, the socket gives up on a silent server
PING_TIMEOUT_S = 2.0
_READ_ATTEMPTS = 5  # pointer flips seen during one read before giving up (loads are rare)
_EMPTY_KEY = "Invalid graph operation on empty key"
# Creates an empty graph's key with a write, so the append-only log keeps it (a read such as
# RETURN 1 creates the key in memory only: after a restart the pointer would name nothing). The
# index is one the schema has anyway (load_schema_after.falkordb.cypher).
_CREATE_EMPTY = "CREATE INDEX FOR (n:Entity) ON (n.id)"


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


def _delete_graph(client: Any, key: str) -> None:
    """Delete the graph ``key``; one that does not exist is already as wanted."""
    try:
        client.execute_command("GRAPH.DELETE", key)
    except redis.RedisError as exc:
        if _EMPTY_KEY not in str(exc) and "does not exist" not in str(exc):
            raise


class _BuildWriter(GraphWriter):
    """Writes into the graph being built under a key no reader looks at yet."""

    def __init__(self, client: Any, graph: Any, key: str) -> None:
        self._client = client
        self._graph = graph
        self._key = key
        self.wrote = False

    def bulk_load(self, rows: GraphRows, limit: int = MAX_CALL_BYTES) -> bool:
        """Write every node and edge of ``rows`` with ``GRAPH.BULK`` (``graph.falkordb_bulk``).

        Only into a graph nothing was written to yet (the command creates the key). Each call
        is sent as it is encoded. Returns ``False`` when the rows cannot be sent that way (a
        string with a NUL character), having deleted what earlier calls wrote: the loader then
        writes them with Cypher into the empty key. ``limit``: bytes per call.
        """
        if self.wrote:
            return False
        try:
            nodes, edges = bulk_insert(self._client, self._key, rows, limit)
        except Unencodable as exc:
            log.info("writing with Cypher instead of GRAPH.BULK: %s", exc)
            try:
                _delete_graph(self._client, self._key)  # the calls sent before the refusal
            except redis.RedisError as error:
                raise _store_error(error, "GRAPH.DELETE") from error
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
        return rows_of(result)


class FalkorDBStore(GraphStore):
    """A graph in the embedded FalkorDB server of the database file ``db_path``."""

    backend = "falkordb"

    def __init__(
        self, db_path: Path, graph_name: str = "actorgraph", query_memory_mb: int = 1024
    ) -> None:
        self._sandbox = Sandbox(query_memory_mb * 2**20)
        self._server = EmbeddedServer(db_path)
        self._recovering = threading.Lock()
        self._closed = False
        self._attach()
        self.graph_name = graph_name
        self.pointer_key = f"{graph_name}:current"
        self._prefix = f"{graph_name}@"
        self._live: str | None = None
        self._load_lock = self._server.db_path.with_name(self._server.db_path.name + ".load.lock")

    def _attach(self) -> None:
        """Open (or start) the server and take its clients."""
        self._db = self._server.open()
        self._client: Any = self._db.client
        self._socket = str(self._client.socket_file)
        self._readers: dict[float, Any] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> FalkorDBStore:
        """The store on ``ACTORGRAPH_DB_PATH``, graph ``ACTORGRAPH_GRAPH_NAME``."""
        return cls(settings.db_path, settings.graph_name, settings.query_memory_mb)

    @property
    def db_path(self) -> Path:
        """The database file."""
        return self._server.db_path

    @property
    def sandbox_pid(self) -> int:
        """The pid of the query sandbox's server (0 when none runs)."""
        return self._sandbox.pid

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
                self._db.select_graph(key).query(_CREATE_EMPTY)
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

    def _query(self, key: str, cypher: str, params: Params | None, timeout_ms: int | None) -> Any:
        """The ``GRAPH.RO_QUERY`` command for ``cypher`` on graph ``key``."""
        header = self._db.select_graph(key)._build_params_header(dict(params or {}))
        command: list[Any] = ["GRAPH.RO_QUERY", key, header + cypher, "--compact"]
        if timeout_ms is not None:
            command += ["timeout", int(timeout_ms)]
        return command

    def read_untrusted(
        self,
        cypher: str,
        params: Params | None = None,
        *,
        timeout_ms: int,
        row_limit: int,
        max_bytes: int,
    ) -> list[Row]:
        """Run a user's query in the query sandbox, on a copy of the live graph.

        ``graph/falkordb_sandbox.py`` says why and how; ``LOAD CSV`` is refused unsent.
        """
        from redislite.falkordb_client import Graph, QueryResult

        refuse_load_csv(cypher)
        live = self.live_key()
        dump = dumper(self._socket, live)

        def parse(client: Any, reply: Any) -> list[Row]:
            return rows_of(QueryResult(Graph(client, SANDBOX_KEY), reply))

        try:
            rows: list[Row] = self._sandbox.read(
                live,
                dump,
                self._query(SANDBOX_KEY, cypher, params, timeout_ms),
                parse,
                timeout_ms=timeout_ms,
                row_limit=row_limit,
                max_bytes=max_bytes,
            )
        except redis.RedisError as exc:
            raise _store_error(exc, cypher) from exc
        return rows

    def read(
        self, cypher: str, params: Params | None = None, *, timeout_ms: int | None = None
    ) -> list[Row]:
        """Run ``cypher`` with ``GRAPH.RO_QUERY``: the server itself refuses any write.

        A server that died or hangs is restarted (``recover``) and the read tried once more.
        """
        refuse_load_csv(cypher)
        try:
            return self._read_live(cypher, params, timeout_ms)
        except StoreUnavailable:
            if not self.recover():
                raise
            return self._read_live(cypher, params, timeout_ms)  # once, on the restarted server

    def _reader(self, timeout_ms: int | None) -> Any:
        """A client whose socket gives up a little after the query's time limit.

        The server's own limit should stop the query first; the socket's is for a server that
        hangs or dies, which a read must report in seconds rather than wait on for good.
        """
        return self._client_waiting((timeout_ms or DEFAULT_READ_WAIT_MS) / 1000 + READ_MARGIN_S)

    def _client_waiting(self, wait_s: float) -> Any:
        """A client of the server that waits at most ``wait_s`` for a reply (kept for reuse)."""
        client = self._readers.get(wait_s)
        if client is None:
            client = redis.Redis(
                unix_socket_path=self._socket,
                socket_timeout=wait_s,
                socket_connect_timeout=PING_TIMEOUT_S,
                retry=Retry(NoBackoff(), 0),
                decode_responses=True,
            )
            self._readers[wait_s] = client
        return client

    def _read_live(self, cypher: str, params: Params | None, timeout_ms: int | None) -> list[Row]:
        from redislite.falkordb_client import QueryResult

        key = self._live or self.live_key()
        repaired = False
        for _ in range(_READ_ATTEMPTS):
            graph = self._db.select_graph(key)
            command = self._query(key, cypher, params, timeout_ms)
            pipe = self._reader(timeout_ms).pipeline(transaction=False)
            pipe.execute_command(*command)
            pipe.get(self.pointer_key)
            try:
                response, pointer = pipe.execute(raise_on_error=False)
            except redis.TimeoutError as exc:
                if self.ping():  # the server answers: the query, not the server, is slow
                    raise QueryTimeout(
                        f"query ran past its time limit: {first_line(cypher)}"
                    ) from exc
                raise _store_error(exc, cypher) from exc
            except redis.RedisError as exc:
                raise _store_error(exc, cypher) from exc
            if pointer is not None and pointer != key:
                key = self._live = str(pointer)  # a load replaced the graph: read the new one
                continue
            if isinstance(pointer, Exception):
                raise _store_error(pointer, cypher)
            if isinstance(response, redis.RedisError):
                if _EMPTY_KEY in str(response) and not repaired:
                    # an empty graph made by an older version, gone after a restart
                    self._db.select_graph(key).query(_CREATE_EMPTY)
                    repaired = True
                    continue
                raise _store_error(response, cypher)
            try:
                return rows_of(QueryResult(graph, response))
            except redis.RedisError as exc:  # run-time errors arrive inside the result
                raise _store_error(exc, cypher) from exc
        raise StoreUnavailable(f"the graph was replaced {_READ_ATTEMPTS} times during one read")

    def write(self, cypher: str, params: Params | None = None) -> list[Row]:
        """Run one write statement on the live graph (a FalkorDB query is atomic on its own)."""
        graph = self._db.select_graph(self.live_key())  # not the cache: writes must not go stale
        try:
            return rows_of(graph.query(cypher, dict(params or {})))
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
                    writer.write(_CREATE_EMPTY)  # an empty graph still needs its key
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
            _delete_graph(self._client, key)
        except redis.RedisError as exc:
            log.warning("could not delete graph %s: %s", key, exc)

    def ping(self) -> bool:
        """Whether the embedded server answers, within a few seconds."""
        try:
            return bool(self._client_waiting(PING_TIMEOUT_S).ping())
        except redis.RedisError:
            return False

    def recover(self) -> bool:
        """Restart the embedded server if it died or hangs; whether it serves again.

        One thread restarts, the others wait for it. The append-only log is replayed, so the
        graph comes back whole, as it was at its last acknowledged write.
        """
        with self._recovering:
            if self._closed:
                return False  # closed on purpose: not ours to bring back
            if self.ping():
                return True  # already recovered by another thread, or never down
            pid = self._server.pid
            if pid:
                kill_server(pid, self.db_path, "it does not answer")
            self._server.forget()
            try:
                self._attach()
            except StoreUnavailable as exc:
                log.error("the embedded server of %s did not restart: %s", self.db_path, exc)
                return False
            log.warning("the embedded server of %s was restarted (pid %d)", self.db_path,
                        self._server.pid)  # fmt: skip
            return self.ping()

    def close(self) -> None:
        """Disconnect, and stop the embedded server when no other process still uses it."""
        self._closed = True
        self._sandbox.close()
        for client in self._readers.values():  # else the server counts them as other users
            client.close()
        self._readers.clear()
        self._server.close()
