"""``actorgraph serve`` as a real process: it answers /health over real HTTP on 127.0.0.1, cuts
off a client that stalls in its headers, and stops on SIGTERM within seconds even while a slow
query runs."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from api.server import GRACEFUL_SHUTDOWN_S

REPO_ROOT = Path(__file__).resolve().parents[2]
# A SPARQL query that needs no data and counts 1.7 * 10^8 rows: many seconds in a worker.
_VALUES = " ".join(str(i) for i in range(115))
SLOW_SPARQL = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?{v} {{ {_VALUES} }}" for v in "abcd")
    + " }"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _children(pid: int) -> set[int]:
    """The processes ``pid`` started (the store's server, SPARQL workers), from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@dataclass
class Serving:
    """A running ``actorgraph serve``: its process, its URL, and the processes it started."""

    process: subprocess.Popen[str]
    url: str
    started: set[int] = field(default_factory=set)

    def note_children(self) -> None:
        """Remember the processes it started so far, to stop them whatever happens."""
        self.started |= _children(self.process.pid)


@contextmanager
def _serving(tmp_path: Path, **settings: str) -> Iterator[Serving]:
    """``actorgraph serve`` on a free port with ``settings`` (``ACTORGRAPH_*``), until it answers;
    stopped (and whatever it started) at the end."""
    port = _free_port()
    env = {**os.environ, "ACTORGRAPH_DB_PATH": str(tmp_path / "serve.db")}
    env |= {f"ACTORGRAPH_{name.upper()}": value for name, value in settings.items()}
    process = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "serve", "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    serving = Serving(process, f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 60  # a readiness wait, not a timing assertion
        while time.monotonic() < deadline and process.poll() is None:
            try:
                httpx.get(f"{serving.url}/health", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert process.poll() is None, f"server did not start; exit code {process.poll()}"
        serving.note_children()
        yield serving
    finally:
        serving.note_children()
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for child in serving.started:  # a SPARQL worker left computing, say
            with suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)


def test_serve_answers_health_over_http(tmp_path: Path) -> None:
    with _serving(tmp_path) as serving:
        url = serving.url
        response = httpx.get(f"{url}/health", timeout=5)
        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "ok" and body["backend"] == "falkordb"
        docs = httpx.get(f"{url}/openapi.json", timeout=5)
        assert "/research/sanctuary_for_enemies" in docs.json()["paths"]


def test_serve_cuts_off_half_sent_headers(tmp_path: Path) -> None:
    with _serving(tmp_path, request_timeout_s="1") as serving:
        port = int(serving.url.rpartition(":")[2])
        # the socket waits 20 s, the server 1 s: a 408 is the server cutting the client off
        with socket.create_connection(("127.0.0.1", port), timeout=20) as conn:
            conn.sendall(b"GET /health HTTP/1.1\r\nHost: localhost\r\n")
            answer = conn.recv(65536)
        assert answer.startswith(b"HTTP/1.1 408 ")


def test_serve_stops_on_sigterm_within_seconds_while_a_query_runs(tmp_path: Path) -> None:
    with _serving(tmp_path, sparql_timeout_s="120") as serving:
        process, url = serving.process, serving.url
        assert httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=60).status_code == 200
        outcome: dict[str, object] = {}

        def run_slow() -> None:
            try:
                params = {"query": SLOW_SPARQL}
                outcome["status"] = httpx.get(f"{url}/sparql", params=params, timeout=120)
            except httpx.HTTPError as exc:  # the server went away under the request
                outcome["error"] = exc

        runner = threading.Thread(target=run_slow, daemon=True)
        runner.start()
        time.sleep(1.5)  # the query is running in a worker
        assert process.poll() is None and "status" not in outcome
        serving.note_children()  # the worker computing the query outlives the server
        sent = time.monotonic()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        stopped_after = time.monotonic() - sent
        runner.join(timeout=30)
    # uvicorn stops, then re-raises the signal it caught: the exit is SIGTERM's, or 0
    assert process.returncode in (0, -signal.SIGTERM)
    # the server's grace period (a setting), not a speed target
    assert stopped_after < GRACEFUL_SHUTDOWN_S + 7, f"took {stopped_after:.1f} s"
    assert outcome  # the client got an answer or a closed connection, not a hang
