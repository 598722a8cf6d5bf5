"""``python -m bench.hostile``: what the hostile corpus costs the server, on each backend.

Sends every request of ``tests/hostile/corpus.yaml`` to the API (in process, over a store
loaded with the curated facts), one after another while ``/health`` is polled, and prints: the
requests tried, the server errors seen (a 500), the worst time past the time limit, the
slowest ``/health``, the peak memory of the store's processes, and (embedded store) the time
to come back after its server is killed. Neo4j is measured when ``ACTORGRAPH_NEO4J_URI`` is
set; the test suite asserts the answers (``tests/api/test_api_hostile_corpus.py``).
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import threading
import time
from contextlib import suppress
from pathlib import Path

import psutil
from fastapi.testclient import TestClient

from actorgraph.settings import Settings
from api.app import create_app
from bench.hostile_corpus import for_backend, load_corpus
from graph.falkordb_store import FalkorDBStore
from graph.open import open_store
from graph.store import GraphStore
from loaders.load import load_facts
from ontology.validate import load_and_validate

ROOT = Path(__file__).resolve().parent.parent
LIMIT_S = 2.0
SETTINGS = {"query_timeout_ms": 2000, "sparql_timeout_s": LIMIT_S, "row_cap": 25}


def _store_processes(store: GraphStore) -> list[psutil.Process]:
    """The processes that hold the store: FalkorDB's server and its sandbox, or Neo4j's JVM."""
    if isinstance(store, FalkorDBStore):
        pids = [store.server_pid, store.sandbox_pid]
        return [psutil.Process(p) for p in pids if p]
    return [
        p
        for p in psutil.process_iter(["cmdline"])
        if "CommunityEntryPoint" in " ".join(p.info["cmdline"] or [])
    ]


class Watch:
    """Polls /health and the store's memory from a thread until stopped."""

    def __init__(self, client: TestClient, store: GraphStore) -> None:
        self.client, self.store = client, store
        self.slowest_health = 0.0
        self.peak_rss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            self.client.get("/health")
            self.slowest_health = max(self.slowest_health, time.monotonic() - started)
            rss = 0
            for process in _store_processes(self.store):
                with suppress(psutil.Error):
                    rss += process.memory_info().rss
            self.peak_rss = max(self.peak_rss, rss)
            self._stop.wait(0.05)

    def __enter__(self) -> Watch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _recovery_s(client: TestClient, store: FalkorDBStore) -> float:
    os.kill(store.server_pid, signal.SIGKILL)
    started = time.monotonic()
    while client.get("/health").status_code != 200:
        time.sleep(0.05)
    return time.monotonic() - started


def measure(store: GraphStore) -> None:
    """Run the corpus against ``store`` and print its figures."""
    corpus = for_backend(load_corpus(), store.backend)
    app = create_app(Settings(**SETTINGS, allowed_hosts="testserver"), store=store)  # type: ignore[arg-type]
    errors, past = 0, 0.0
    with TestClient(app, raise_server_exceptions=False) as client, Watch(client, store) as watch:
        for hostile in corpus:
            started = time.monotonic()
            response = client.request(hostile.method, hostile.path, **hostile.request)
            took = time.monotonic() - started
            errors += response.status_code == 500
            if response.status_code in (502, 504):
                past = max(past, took - LIMIT_S)
        recovery = _recovery_s(client, store) if isinstance(store, FalkorDBStore) else None
    print(f"{store.backend}: {len(corpus)} hostile requests, {errors} server errors (500)")
    print(f"  worst time past the {LIMIT_S:g} s limit: {past:.2f} s")
    print(f"  slowest /health meanwhile: {watch.slowest_health * 1000:.0f} ms")
    print(f"  peak memory of the store's processes: {watch.peak_rss / 2**20:.0f} MiB")
    if recovery is not None:
        print(f"  back after its server was killed: {recovery:.2f} s")


def main() -> int:
    facts = load_and_validate(ROOT / "data", Settings().sources_dir)
    with tempfile.TemporaryDirectory(prefix="actorgraph-hostile-") as folder:
        embedded = FalkorDBStore(Path(folder) / "actorgraph.db")
        try:
            load_facts(embedded, facts)
            measure(embedded)
        finally:
            embedded.close()
    if os.environ.get("ACTORGRAPH_NEO4J_URI"):
        server = open_store(Settings(backend="neo4j"))
        try:
            load_facts(server, facts)
            measure(server)
        finally:
            server.close()
    else:
        print("neo4j: not measured (ACTORGRAPH_NEO4J_URI is not set)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
