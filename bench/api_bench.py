"""API latency over real HTTP: the app served by ``actorgraph serve`` in a child process on
loopback, timed by a load generator in another child process.

The server runs as users run it (the same command, protocol and time limits). The load
generator (``bench.measure.http_latency``) is one asyncio loop on raw keep-alive connections in
a process of its own: the 16 client threads with an HTTP library each that it replaces spent
most of the measured p99 in their own interpreter lock and in building their clients inside the
clock (issue 17). Its own cost is measured too, against a server that answers at once, and
printed as the floor under the API's figures.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from actorgraph.settings import Settings
from bench.cases import Case
from bench.measure import HttpFailed, HttpLatency, http_latency, serve_canned
from bench.report import Report, Row, Target, at_most, below, fmt

HOST = "127.0.0.1"  # loopback only
STARTUP_LIMIT_S = 60.0
OVERHEAD_TARGET_MS = 1.0  # issue 17: API p50 minus direct p50, for the same work
P99_TARGET_MS = 10.0  # issue 17: one actor, 16 clients
NEIGHBOURHOOD_P50_TARGET_MS = 50.0  # issue 17: depth-2 neighbourhood, 16 clients
NEIGHBOURHOOD_P99_TARGET_MS = 200.0
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
    """Run ``actorgraph serve`` on a free loopback port until the block ends; yield its base URL
    (log level WARNING: no access log line per request)."""
    port = free_port()
    command = [sys.executable, "-m", "cli.main", "serve", "--host", HOST, "--port", str(port)]
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


Measure = Callable[..., HttpLatency]  # ``http_latency``'s arguments, run in the load process


@contextmanager
def load_generator() -> Iterator[Measure]:
    """``http_latency`` run in a fresh process of its own (spawned: no state of this one)."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:

        def measure(*args: Any, **kwargs: Any) -> HttpLatency:
            return pool.submit(http_latency, *args, **kwargs).result()

        yield measure


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
    asks ``Cache-Control: no-cache``, so each is computed as the direct call is: the overhead
    is the cold p50 less the direct p50). First, the load generator's own floor."""
    address = urlsplit(base)
    with load_generator() as measure:
        api = _Api(report, size, backend, measure, address.hostname or HOST, address.port or 80)
        for case in read_cases:
            _measure_floor(report, size, backend, measure, case, base, requests)
            p50: dict[bool, float] = {}
            for clients in (1, CONCURRENT_CLIENTS):
                for cold in (False, True):
                    measured = api.time(case, clients, cold, requests)
                    if measured is not None and clients == 1:
                        p50[cold] = measured.latency.p50
            _add_overhead(report, size, backend, case, direct_p50, p50)


@dataclass(frozen=True)
class _Api:
    """Where the rows go and how the served API is reached."""

    report: Report
    size: str
    backend: str
    measure: Measure
    host: str
    port: int

    def time(self, case: Case, clients: int, cold: bool, requests: int) -> HttpLatency | None:
        """One case at one client count, warm or cold: its rows, and what was measured."""
        name = f"API: {case.label}, {clients} client{'s' * (clients > 1)}"
        name += " (cold cache)" if cold else ""
        headers = {"Cache-Control": "no-cache"} if cold else {}
        try:  # each connection's warm-up requests prime the cache, before any clock starts
            measured = self.measure(
                self.host,
                self.port,
                case.http_path,
                requests=requests,
                clients=clients,
                headers=headers,
            )
        except (HttpFailed, OSError, BrokenProcessPool) as error:
            self.report.skipped(self.size, self.backend, name, str(error))
            return None
        latency = measured.latency
        note = f"p99 {fmt(latency.p99)} ms, n={latency.count}, cache hits {measured.hit_rate:.0%}"
        warm_team = clients == CONCURRENT_CLIENTS and not cold
        p50_target, p99_target = _targets(case) if warm_team else (None, None)
        why = (  # measured for the depth-2 neighbourhood, the case with a p50 target
            "served from the cache, it takes what the load generator's floor for this case "
            "takes (a canned copy of the answer, printed above): moving 16 copies of a large "
            "answer through one client event loop; a smaller answer (relations without their "
            "citations, fetched on demand) would close it"
        )
        self.report.add(
            Row(self.size, self.backend, name + " p50", latency.p50, "ms", p50_target, note, why)
        )
        if clients == CONCURRENT_CLIENTS:
            self.report.add(
                Row(self.size, self.backend, name + " p99", latency.p99, "ms", p99_target)
            )
        return measured


def _targets(case: Case) -> tuple[Target | None, Target | None]:
    """The issue's p50 and p99 targets for a case with 16 clients, as a team's requests come
    (repeats answered from the cache): one actor p99 < 10 ms; the depth-2 neighbourhood
    p50 <= 50 ms and p99 <= 200 ms (the issue states them at 100k claims; they are held at every
    size); the path has none."""
    if case.label.startswith("one actor"):
        return None, below(P99_TARGET_MS, "ms")
    if case.label.startswith("depth-"):
        return (
            at_most(NEIGHBOURHOOD_P50_TARGET_MS, "ms"),
            at_most(NEIGHBOURHOOD_P99_TARGET_MS, "ms"),
        )
    return None, None


def _add_overhead(
    report: Report,
    size: str,
    backend: str,
    case: Case,
    direct_p50: dict[str, float],
    p50: dict[bool, float],
) -> None:
    """The API's cost over the direct call for the same work: cold p50 less direct p50."""
    if case.label not in direct_p50 or True not in p50:
        return
    direct = direct_p50[case.label]
    # The target is stated for one actor with its relations; the other cases show the trend.
    target = at_most(OVERHEAD_TARGET_MS, "ms") if case.label.startswith("one actor") else None
    note = f"cold cache {fmt(p50[True])} ms less direct {fmt(direct)} ms"
    if False in p50:
        note += f"; warm (cache hit) {fmt(p50[False])} ms"
    measure = f"API overhead over store: {case.label}"
    why = (  # measured for one actor, the case with the target
        "each cold answer decodes and validates every citation into the answer's models "
        "(4 ms for 91 relations at 10k, in process), then FastAPI's thread hop and h11; storing "
        "each relation's answer JSON at load and splicing it would close it"
    )
    report.add(Row(size, backend, measure, p50[True] - direct, "ms", target, note, why))


def _measure_floor(
    report: Report, size: str, backend: str, measure: Measure, case: Case, base: str, requests: int
) -> None:
    """The load generator and loopback on their own: a server that answers at once with a
    copy of the case's answer (the same size: a depth-2 neighbourhood at 100k claims is 5 MiB),
    at 1 and 16 clients: the floor under that case's API figures."""
    name = f"load generator alone: {case.label}"
    port = free_port()
    canned: BaseProcess | None = None
    try:
        body = httpx.get(base + case.http_path, timeout=60.0).content
        canned = multiprocessing.get_context("spawn").Process(
            target=serve_canned, args=(port, body), daemon=True
        )
        canned.start()
        _wait_listening(port)
        name += f" (canned {len(body) / 1024:.0f} KiB answer)"
        for clients in (1, CONCURRENT_CLIENTS):
            latency = measure(HOST, port, "/", requests=requests, clients=clients).latency
            note = f"p99 {fmt(latency.p99)} ms, n={latency.count}: the floor of the API figures"
            row = f"{name}, {clients} client{'s' * (clients > 1)} p50"
            report.add(Row(size, backend, row, latency.p50, "ms", note=note))
    except (httpx.HTTPError, HttpFailed, OSError, BrokenProcessPool, ServerFailed) as error:
        report.skipped(size, backend, name, str(error))
    finally:
        if canned is not None and canned.is_alive():
            canned.terminate()
            canned.join(timeout=15)


def _wait_listening(port: int) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=1.0).close()
            return
        except OSError:
            time.sleep(0.05)
    raise ServerFailed(f"the canned server did not listen on port {port}")
