"""A load replaces the graph as a unit, on every backend: readers meanwhile see the old graph or
the new one whole, and a load killed part way (``SIGKILL``, no clean-up) leaves the old graph."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from graph_dump import bookkeeping_nodes, dump

from bench.generate import generate_facts
from graph.store import GraphStore
from loaders.load import load_facts
from ontology.facts import FactSet

WORKER = Path(__file__).with_name("store_worker.py")
# one query, so that one read sees one state; OPTIONAL, so that an empty part still gives a row
COUNTS = (
    "OPTIONAL MATCH (c:Claim) WITH count(c) AS claims "
    "OPTIONAL MATCH (e:Entity) WITH claims, count(e) AS entities "
    "OPTIONAL MATCH (s:Source) WITH claims, entities, count(s) AS sources "
    "OPTIONAL MATCH (:Claim)-[p:CITES]->(:Source) "
    "RETURN claims, entities, sources, count(p) AS cites"
)


def _counts(store: GraphStore) -> tuple[int, int, int, int]:
    row = store.read(COUNTS)[0]
    return (row["claims"], row["entities"], row["sources"], row["cites"])


def _where(store: GraphStore) -> str:
    """How the worker process opens the same store."""
    if store.backend == "neo4j":
        return "neo4j"
    return str(store.db_path)  # type: ignore[attr-defined]


def test_readers_during_a_load_see_the_old_graph_or_the_new_one(
    any_store: GraphStore, curated_facts: FactSet
) -> None:
    load_facts(any_store, curated_facts)
    old = _counts(any_store)
    bigger = generate_facts(20_000, seed=5)
    new = (len(bigger.claims), len(bigger.entities), len(bigger.sources), len(bigger.claims))
    failure: list[BaseException] = []

    def load() -> None:
        try:
            load_facts(any_store, bigger)
        except BaseException as exc:  # reported by the main thread
            failure.append(exc)

    loader = threading.Thread(target=load)
    loader.start()
    seen: list[tuple[int, int, int, int]] = []
    while loader.is_alive():
        seen.append(_counts(any_store))
    loader.join()
    assert not failure, failure
    seen.append(_counts(any_store))
    assert set(seen) <= {old, new}, f"a reader saw a half-built graph: {set(seen) - {old, new}}"
    assert seen.count(old) >= 2, "the reads did not overlap the load"
    assert seen[-1] == new


def test_a_load_killed_part_way_leaves_the_old_graph_whole(
    any_store: GraphStore, curated_facts: FactSet
) -> None:
    load_facts(any_store, curated_facts)
    before = dump(any_store)
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), "half-load", _where(any_store)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert worker.stdout is not None
        assert worker.stdout.readline().startswith("ready")
        assert worker.stdout.readline().startswith("done half")  # part of a new graph written
    finally:
        worker.kill()
        worker.wait()
    assert dump(any_store) == before
    if any_store.backend == "neo4j":
        assert bookkeeping_nodes(any_store) > 0  # the killed load's staged nodes, unseen
    load_facts(any_store, curated_facts)  # and the next load goes through
    assert dump(any_store) == before
    assert bookkeeping_nodes(any_store) == 0  # it discarded what the killed load had staged
