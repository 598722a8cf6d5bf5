"""API latency over real HTTP: the app served by uvicorn in a child process on loopback.

The server runs in its own process so that the 16 client threads of the benchmark do not share
its interpreter lock: what is measured is the server as it runs in use, plus one loopback hop.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from actorgraph.settings import Settings
from bench.cases import Case
from bench.measure import repeat_timed
from bench.report import Report, Row, at_most, below, fmt

HOST = "127.0.0.1"  # loopback only
STARTUP_LIMIT_S = 60.0
OVERHEAD_TARGET_MS = 2.0
P99_TARGET_MS = 10.0
CONCURRENT_CLIENTS = 16


class ServerFailed(Exception):
    """The API server did not start or did not answer."""


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def server_env(settings: Settings) -> dict[str, str]:
    """The environment that makes ``create_app()`` open the store ``settings`` names."""
    env = dict(os.environ)
    env["ACTORGRAPH_BACKEND"] = settings.backend
    env["ACTORGRAPH_DB_PATH"] = str(settings.db_path)
    env["ACTORGRAPH_GRAPH_NAME"] = settings.graph_name
    env["ACTORGRAPH_SPARQL_DIR"] = str(settings.sparql_dir)  # the datasets the load wrote
    env["ACTORGRAPH_LOG_LEVEL"] = "WARNING"
    return env


@contextmanager
def serve(settings: Settings, ready_path: str, log: Path) -> Iterator[str]:
    """Run the API on a free loopback port until the block ends; yield its base URL."""
    port = free_port()
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app",
        "--host", HOST, "--port", str(port), "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    base = f"http://{HOST}:{port}"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command, env=server_env(settings), stdout=log_file, stderr=subprocess.STDOUT
        )
        try:
            _wait_ready(process, base + ready_path, log)
            yield base
        finally:
            if process.poll() is not None:
                tail = log.read_text(errors="replace")[-3000:]
                logging.getLogger("bench").warning("the API server exited early:\n%s", tail)
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


def _wait_ready(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:]
            raise ServerFailed(f"the API server exited with {process.returncode}: {tail}")
        try:
            if httpx.get(url, timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise ServerFailed(f"the API server did not answer {url} within {STARTUP_LIMIT_S:.0f} s")


def measure_api(
    report: Report,
    size: str,
    backend: str,
    base: str,
    read_cases: list[Case],
    direct_p50: dict[str, float],
    requests: int,
) -> None:
    """p50/p99 of each case over HTTP with 1 and 16 clients, and the overhead over direct:
    warm (the answer cache serves repeats; its hit rate is printed) and cold (every request
    asks ``Cache-Control: no-cache``, so each is computed as the direct call is)."""
    for case in read_cases:
        for clients in (1, CONCURRENT_CLIENTS):
            for cold in (False, True):
                _measure_case(
                    report, size, backend, base, case, clients, direct_p50, requests, cold
                )


def _measure_case(
    report: Report,
    size: str,
    backend: str,
    base: str,
    case: Case,
    clients: int,
    direct_p50: dict[str, float],
    requests: int,
    cold: bool,
) -> None:
    # One keep-alive connection per client thread, as a browser or script holds one.
    local = _ClientPerThread(base, {"Cache-Control": "no-cache"} if cold else {})
    measure = f"API: {case.label}, {clients} client{'s' * (clients > 1)}"
    if cold:
        measure += " (cold cache)"
    try:
        local.get(case.http_path)
    except (ServerFailed, httpx.HTTPError) as error:
        local.close()
        report.skipped(size, backend, measure, str(error))
        return
    try:
        latency = repeat_timed(
            lambda: local.get(case.http_path), requests=requests, clients=clients
        )
    finally:
        local.close()
    note = f"p99 {fmt(latency.p99)} ms, n={latency.count}, cache hits {local.hit_rate():.0%}"
    report.add(Row(size, backend, measure + " p50", latency.p50, "ms", note=note))
    if cold:
        if clients == CONCURRENT_CLIENTS:
            report.add(Row(size, backend, measure + " p99", latency.p99, "ms"))
        return
    if clients == CONCURRENT_CLIENTS:
        report.add(
            Row(size, backend, measure + " p99", latency.p99, "ms", below(P99_TARGET_MS, "ms"))
        )
    elif case.label in direct_p50:
        overhead = latency.p50 - direct_p50[case.label]
        # The target is stated for one actor with its relations; the other cases show the trend.
        target = at_most(OVERHEAD_TARGET_MS, "ms") if case.label.startswith("one actor") else None
        report.add(
            Row(size, backend, f"API overhead over store: {case.label}", overhead, "ms", target)
        )


class _ClientPerThread:
    """An ``httpx.Client`` for each thread that uses it (a client is not shared across threads)."""

    def __init__(self, base: str, headers: dict[str, str] | None = None) -> None:
        self.base = base
        self.headers = headers or {}
        self._local = threading.local()
        self._all: list[httpx.Client] = []
        self._lock = threading.Lock()
        self.answers = 0
        self.hits = 0

    def get(self, path: str) -> None:
        client: httpx.Client | None = getattr(self._local, "client", None)
        if client is None:
            client = httpx.Client(base_url=self.base, timeout=60.0, headers=self.headers)
            self._local.client = client
            with self._lock:
                self._all.append(client)
        response = client.get(path)
        response.read()
        if response.status_code != 200:
            raise ServerFailed(f"GET {path} answered {response.status_code}")
        hit = response.headers.get("x-cache") == "hit"
        with self._lock:
            self.answers += 1
            self.hits += hit

    def hit_rate(self) -> float:
        """The share of answers the server's answer cache gave."""
        return self.hits / self.answers if self.answers else 0.0

    def close(self) -> None:
        for client in self._all:
            client.close()
