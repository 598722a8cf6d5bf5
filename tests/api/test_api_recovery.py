"""A store process that dies or hangs under a running API comes back by itself, graph whole.

The embedded store only: its server is a process of ours that the store restarts
(``FalkorDBStore.recover``). A Neo4j server is restarted by its supervisor instead
(``scripts/neo4j-local.sh``, the compose file's restart policy) and the driver reconnects.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from fastapi.testclient import TestClient
from graph_dump import expected_counts

from actorgraph.settings import Settings
from api.app import create_app
from graph.falkordb_store import FalkorDBStore
from loaders.load import load_facts
from ontology.facts import FactSet

HANG_S = 120.0


@pytest.fixture
def own_store(tmp_path: Path, curated_facts: FactSet) -> Iterator[FalkorDBStore]:
    """A loaded embedded store of this test's own, which the test may kill."""
    store = FalkorDBStore(tmp_path / "db" / "actorgraph.db")
    try:
        load_facts(store, curated_facts)
        yield store
    finally:
        store.close()


@pytest.fixture
def own_client(own_store: FalkorDBStore, api_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings, store=own_store), raise_server_exceptions=False) as c:
        yield c


def _entities(client: TestClient) -> int:
    response = client.get("/health")
    assert response.status_code == 200, response.text
    counts = response.json()["counts"]
    return int(counts["actors"] + counts["events"] + counts["places"])


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_a_killed_store_is_restarted_with_the_graph_whole(
    own_store: FalkorDBStore, own_client: TestClient, curated_facts: FactSet
) -> None:
    before = own_store.server_pid
    os.kill(before, signal.SIGKILL)
    assert _entities(own_client) == len(curated_facts.entities)
    assert own_store.server_pid not in (0, before)
    actor = own_client.get("/actors/taliban")
    assert actor.status_code == 200 and actor.json()["relations"]


def test_a_hung_store_is_killed_and_restarted(
    own_store: FalkorDBStore, own_client: TestClient, curated_facts: FactSet
) -> None:
    hung = own_store.server_pid
    os.kill(hung, signal.SIGSTOP)  # alive, holding its socket, answering nothing
    try:
        answered: list[int] = []
        reader = threading.Thread(target=lambda: answered.append(_entities(own_client)))
        reader.start()
        # a deadline that tells an answer from a hang (the client waits without a timeout),
        # not a speed target
        reader.join(timeout=HANG_S)
        assert answered == [len(curated_facts.entities)], "the request hung with the store"
        assert _gone(hung)
    finally:
        if not _gone(hung):
            os.kill(hung, signal.SIGKILL)


def test_a_query_that_hangs_its_sandbox_leaves_health_answering(
    own_store: FalkorDBStore, own_client: TestClient, curated_facts: FactSet
) -> None:
    """FalkorDB hangs on this read; it runs in the query sandbox, not in the live store."""
    cypher = "WITH reduce(s = 'a', x IN [1] | s + s) AS big UNWIND [1, 2] AS x RETURN big"
    answers: list[int] = []
    worker = threading.Thread(
        target=lambda: answers.append(
            own_client.post("/cypher", json={"query": cypher}).status_code
        )
    )
    live = own_store.server_pid
    worker.start()
    time.sleep(0.5)
    answered_while_it_ran = 0
    while worker.is_alive():
        assert _entities(own_client) == len(curated_facts.entities)
        answered_while_it_ran += worker.is_alive()  # this read finished before the query did
        time.sleep(0.2)
    worker.join()
    assert answers[0] in (200, 504)  # computed, or stopped at its limit with the sandbox
    if answers[0] == 504:  # it ran to its 5 s limit: reads were not queued behind it
        assert answered_while_it_ran >= 3
    assert own_store.server_pid == live  # the live store was never touched
    assert _entities(own_client) == expected_counts(curated_facts)["node:Entity"]
