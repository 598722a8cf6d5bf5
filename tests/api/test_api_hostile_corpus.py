"""The hostile corpus (``tests/hostile/corpus.yaml``) against the API, on every backend.

Each request must get one of the answers the corpus allows, as a JSON error naming what was
wrong, never a server error; ``/health`` must answer within a second all the while; and the
graph must hold what it held before. The cost of the corpus (time past the limit, the stores'
memory, recovery) is measured by ``python -m bench.hostile``, not here.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from actorgraph.settings import Settings
from api.app import create_app
from bench.hostile_corpus import Hostile, for_backend, load_corpus
from graph.store import GraphStore

CORPUS = load_corpus()
LIMITS = {"query_timeout_ms": 2000, "sparql_timeout_s": 2.0, "row_cap": 25}


@pytest.fixture(scope="module")
def hostile_client(loaded_store: GraphStore) -> Iterator[TestClient]:
    settings = Settings(**LIMITS, allowed_hosts="testserver")  # type: ignore[arg-type]
    app = create_app(settings, store=loaded_store)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


class HealthWatch:
    """Polls ``/health`` from a thread of its own; counts the answers and keeps any failure.

    Whether health stays *fast* is the benchmark's to say (bench/hostile.py): on a loaded
    machine a latency bound here would fail for the machine's sake, not the app's. What this
    holds is that health keeps answering, again and again, while the hostile requests run.
    """

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.answered = 0
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        while not self._stop.is_set():
            response = self.client.get("/health")
            self.answered += 1
            if response.status_code != 200:
                self.failures.append(f"{response.status_code}: {response.text[:200]}")
            self._stop.wait(0.1)

    def __enter__(self) -> HealthWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _send(client: TestClient, hostile: Hostile) -> Any:
    return client.request(hostile.method, hostile.path, **hostile.request)


def test_the_corpus_file_reads_and_names_each_entry_once() -> None:
    names = [h.name for h in CORPUS]
    assert len(names) == len(set(names)) >= 30
    assert all(h.why for h in CORPUS if h.backends)  # a backend left out says why


def test_every_hostile_request_is_answered_cleanly_while_health_stays_fast(
    hostile_client: TestClient, loaded_store: GraphStore
) -> None:
    before = hostile_client.get("/health").json()["counts"]
    wrong: list[str] = []
    with HealthWatch(hostile_client) as health:
        for hostile in for_backend(CORPUS, loaded_store.backend):
            response = _send(hostile_client, hostile)
            status = response.status_code
            if status not in hostile.expect:
                wrong.append(f"{hostile.name}: {status} {response.text[:300]}")
            elif status >= 400 and not response.json().get("detail"):
                wrong.append(f"{hostile.name}: {status} without a detail: {response.text[:200]}")
            elif hostile.truncated is not None and status == 200:
                body = response.json()
                if body["truncated"] is not hostile.truncated or body["row_count"] != 25:
                    wrong.append(f"{hostile.name}: not cut at the row cap: {body['row_count']}")
    assert wrong == []
    assert health.failures == []
    assert health.answered >= 3  # answered throughout, not once before a hang
    assert hostile_client.get("/health").json()["counts"] == before
