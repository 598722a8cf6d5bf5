"""The embedded store across processes: crashes, kills, stale files, two processes at once.

These tests start real processes (``store_worker.py``) on a store in a temporary folder, and
kill them with SIGKILL: nothing is simulated.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from graph_dump import dump, expected_counts, store_counts

from graph.falkordb_server import registry_path
from graph.falkordb_store import FalkorDBStore
from loaders.load import load_facts
from ontology.facts import FactSet

WORKER = Path(__file__).with_name("store_worker.py")


class Worker:
    """A store worker process whose output lines are read one at a time."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, text=True
        )
        self.server_pid = int(self.expect("ready").split()[1])

    def expect(self, word: str) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        assert line.startswith(word), f"worker said {line!r}, expected {word!r}"
        return line

    def kill(self, *, with_server: bool = False) -> None:
        self.process.kill()
        self.process.wait()
        if with_server:
            try:
                os.kill(self.server_pid, signal.SIGKILL)
                psutil.Process(self.server_pid).wait(timeout=10)
            except (ProcessLookupError, psutil.NoSuchProcess):
                pass


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "var" / "actorgraph.db"
    yield path
    # stop a server a killed worker left running (its pid is in the registry)
    store = FalkorDBStore(path)
    store.close()


def test_an_acknowledged_write_survives_a_killed_process_and_server(db_path: Path) -> None:
    worker = Worker("write", str(db_path), "ack-1")
    worker.expect("done write")
    worker.kill(with_server=True)  # no shutdown, no snapshot: only the append-only log remains
    store = FalkorDBStore(db_path)
    try:
        assert store.server_pid != worker.server_pid
        rows = store.read("MATCH (n:Entity {id: 'ack-1'}) RETURN n.name AS name")
        assert rows == [{"name": "acknowledged"}]
    finally:
        store.close()


def test_a_load_killed_midway_leaves_the_old_graph_whole(
    db_path: Path, curated_facts: FactSet
) -> None:
    store = FalkorDBStore(db_path)
    try:
        load_facts(store, curated_facts)
        before = dump(store)
        worker = Worker("half-load", str(db_path))
        worker.expect("done half")
        worker.kill()
        assert dump(store) == before
        leftovers = store._client.execute_command("GRAPH.LIST")
        assert len(leftovers) == 2  # the live graph and the half-built one
        load_facts(store, curated_facts)  # the next load removes the half-built graph
        assert store._client.execute_command("GRAPH.LIST") == [store.live_key()]
        assert dump(store) == before
    finally:
        store.close()


def test_a_killed_server_with_its_registry_left_behind_is_replaced(db_path: Path) -> None:
    worker = Worker("write", str(db_path), "w")
    worker.expect("done write")
    worker.kill(with_server=True)
    assert registry_path(db_path).exists()  # stale: names a dead server
    store = FalkorDBStore(db_path)
    try:
        assert store.ping()
    finally:
        store.close()


@pytest.mark.parametrize(
    "registry",
    [
        "not json at all {",
        json.dumps({"pidfile": 42}),
        # a pid that is alive but is not our server (this test process) and a missing socket
        "PIDFILE_OF_THIS_PROCESS",
    ],
)
def test_a_bogus_registry_does_not_stop_the_next_start(
    db_path: Path, tmp_path: Path, registry: str
) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if registry == "PIDFILE_OF_THIS_PROCESS":
        pidfile = tmp_path / "redis.pid"
        pidfile.write_text(str(os.getpid()))
        registry = json.dumps(
            {
                "pidfile": str(pidfile),
                "unixsocket": str(tmp_path / "gone.socket"),
                "dbdir": str(db_path.parent),
                "dbfilename": db_path.name,
            }
        )
    registry_path(db_path).write_text(registry)
    store = FalkorDBStore(db_path)
    try:
        store.write("CREATE (:Entity {id: 'after-recovery'})")
        assert store.read("MATCH (n:Entity) RETURN n.id AS id") == [{"id": "after-recovery"}]
    finally:
        store.close()


def test_two_processes_share_one_store(db_path: Path, curated_facts: FactSet) -> None:
    store = FalkorDBStore(db_path)
    try:
        load_facts(store, curated_facts)
        worker = Worker("write-and-close", str(db_path), "from-the-other-process")
        assert worker.server_pid == store.server_pid  # attached, did not start a second server
        worker.expect("done close")
        assert worker.process.wait(timeout=30) == 0
        assert store.ping()  # the other process left the server running for this one
        rows = store.read("MATCH (n:Entity {id: 'from-the-other-process'}) RETURN n.id AS id")
        assert rows == [{"id": "from-the-other-process"}]
        server_pid = store.server_pid
    finally:
        store.close()
    # the last client to leave stops the server
    assert not psutil.pid_exists(server_pid) or (
        psutil.Process(server_pid).status() == psutil.STATUS_ZOMBIE
    )


def test_a_load_in_another_process_is_seen_by_a_reader(
    db_path: Path, curated_facts: FactSet
) -> None:
    reader = FalkorDBStore(db_path)
    writer = FalkorDBStore(db_path)  # a second client, as `actorgraph load` beside `serve`
    try:
        assert reader.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
        load_facts(writer, curated_facts)
        assert reader.read("MATCH (c:Claim) RETURN count(c) AS n") == [
            {"n": len(curated_facts.claims)}
        ]
    finally:
        writer.close()
        reader.close()


def test_a_dead_server_is_restarted_by_the_next_read(db_path: Path) -> None:
    store = FalkorDBStore(db_path)
    try:
        assert store.read("RETURN 1 AS one") == [{"one": 1}]
        pid = store.server_pid
        os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(psutil.NoSuchProcess):
            psutil.Process(pid).wait(timeout=10)
        assert not store.ping()
        assert store.read("RETURN 1 AS one") == [{"one": 1}]  # on a server started anew
        assert store.server_pid not in (0, pid)
    finally:
        store.close()
    reopened = FalkorDBStore(db_path)  # and the next start finds it whole
    try:
        assert reopened.ping()
    finally:
        reopened.close()


def test_a_closed_store_is_not_brought_back(db_path: Path) -> None:
    from graph.store import StoreUnavailable

    store = FalkorDBStore(db_path)
    store.close()
    with pytest.raises(StoreUnavailable):
        store.read("RETURN 1 AS one")


def test_a_server_that_hangs_is_replaced_by_the_next_opener(
    db_path: Path, curated_facts: FactSet
) -> None:
    first = FalkorDBStore(db_path)
    load_facts(first, curated_facts)
    hung = first.server_pid
    os.kill(hung, signal.SIGSTOP)  # alive, answering nothing: what FalkorDB's crash handler does
    try:
        second = FalkorDBStore(db_path)
        try:
            assert second.server_pid not in (0, hung)
            assert store_counts(second) == expected_counts(curated_facts)
        finally:
            second.close()
    finally:
        with contextlib.suppress(OSError):
            os.kill(hung, signal.SIGKILL)
        first.close()


def test_a_copied_store_folder_opens_on_its_own_server(
    db_path: Path, tmp_path: Path, curated_facts: FactSet
) -> None:
    original = FalkorDBStore(db_path)
    try:
        load_facts(original, curated_facts)
        copy = tmp_path / "copy"
        shutil.copytree(db_path.parent, copy)  # the registry names the original's server
        copied = FalkorDBStore(copy / db_path.name)
        try:
            assert copied.server_pid not in (0, original.server_pid)
            assert store_counts(copied) == expected_counts(curated_facts)
        finally:
            copied.close()
        assert original.ping()  # the original's server was left alone
    finally:
        original.close()
