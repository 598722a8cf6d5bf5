"""The embedded store's ``GRAPH.BULK`` load writes exactly the graph the Cypher statements write.

``load_facts`` on FalkorDB goes through ``graph.falkordb_bulk``; the Cypher statements remain the
path for Neo4j and for writers without ``bulk_load``. These tests load the same facts both
ways into the real embedded server and compare whole dumps, and check what the bulk path must
keep: the vocabulary check, failures that leave the old graph whole, the indexes, durability.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

import psutil
import pytest
from graph_dump import Dump, dump

from bench.generate import generate_facts
from graph.falkordb_store import FalkorDBStore
from graph.model import GraphRows, graph_rows
from graph.store import GraphWriter, Params, Row, StoreError
from loaders.load import load_facts, write_rows
from ontology.facts import Claim, Entity, FactSet, SourceDocument
from ontology.vocabulary import vocabulary

TRICKY = 'a "quoted" \\ back\\slash, new\nline, tab\t, ’ʻ“” ناو 😀 {"json": [1]} bell\x07 `t`'


class _CypherOnly(GraphWriter):
    """Passes writes on and keeps the default ``bulk_load`` (declines): the loader takes Cypher."""

    def __init__(self, inner: GraphWriter) -> None:
        self.inner = inner

    def write(self, cypher: str, params: Params | None = None) -> list[Row]:
        return self.inner.write(cypher, params)


class _Watching(GraphWriter):
    """Passes everything on, recording the statements, with a small bulk call size."""

    def __init__(self, inner: GraphWriter, limit: int) -> None:
        self.inner, self.limit, self.statements = inner, limit, list[str]()

    def write(self, cypher: str, params: Params | None = None) -> list[Row]:
        self.statements.append(cypher)
        return self.inner.write(cypher, params)

    def bulk_load(self, rows: GraphRows, limit: int = 0) -> bool:
        return self.inner.bulk_load(rows, limit=self.limit)  # type: ignore[call-arg]


def _load_with_cypher(store: FalkorDBStore, facts: FactSet) -> Dump:
    rows, vocab = graph_rows(facts), vocabulary()
    store.replace_graph(lambda w: write_rows(_CypherOnly(w), store.backend, rows, vocab))
    return dump(store)


def _tricky_facts(text: str) -> FactSet:
    return FactSet(
        sources={"s": SourceDocument("s", "s.txt", text, text, "a", "2024-01-02")},
        entities={
            "a": Entity("a", text, "armed_group", aliases=(text, "Alias")),
            "b": Entity("b", "B", "state", description=text),
            "e": Entity("e", "E", "attack", date="2021-08-26", end_date="2021-08"),
        },
        claims={
            "c": Claim("c", "a", "hostile_to", "b", "s", text, "a", "asserts", note=text),
            "d": Claim("d", "a", "hostile_to", "b", "s", "x", "b", "denies", valid_from="2020"),
            "f": Claim("f", "a", "perpetrator_of", "e", "s", "y", "a", "asserts"),
        },
    )


@pytest.mark.parametrize("which", ["curated", "synthetic", "tricky", "empty"])
def test_bulk_and_cypher_write_the_same_graph(
    store: FalkorDBStore, curated_facts: FactSet, which: str
) -> None:
    facts = {
        "curated": curated_facts,
        "synthetic": generate_facts(2000, seed=3),
        "tricky": _tricky_facts(TRICKY),
        "empty": FactSet(),
    }[which]
    load_facts(store, facts)
    bulk = dump(store)
    assert _load_with_cypher(store, facts) == bulk
    if which != "empty":
        assert bulk[0] and bulk[1]


def test_small_calls_write_the_same_graph_and_no_data_statement(store: FalkorDBStore) -> None:
    facts = generate_facts(1000, seed=5)
    expected = _load_with_cypher(store, facts)
    rows, vocab = graph_rows(facts), vocabulary()
    watching: list[_Watching] = []

    def build(writer: GraphWriter) -> None:
        watching.append(_Watching(writer, limit=3000))  # many calls, some of one record
        write_rows(watching[0], store.backend, rows, vocab)

    store.replace_graph(build)
    assert dump(store) == expected
    assert watching[0].statements, "the indexes are created after the bulk load"
    assert all("UNWIND" not in s for s in watching[0].statements)


def test_the_bulk_load_creates_the_indexes_of_the_cypher_load(
    store: FalkorDBStore, curated_facts: FactSet
) -> None:
    query = "CALL db.indexes() YIELD label, properties, status RETURN label, properties, status"

    def indexes() -> list[tuple[str, list[str]]]:
        # FalkorDB builds an index in the background: compare them once they are built
        deadline = time.monotonic() + 30
        rows = store.read(query)
        while any(r["status"] != "OPERATIONAL" for r in rows) and time.monotonic() < deadline:
            time.sleep(0.05)
            rows = store.read(query)
        return sorted((r["label"], sorted(r["properties"])) for r in rows)

    _load_with_cypher(store, curated_facts)
    with_cypher = indexes()
    load_facts(store, curated_facts)
    assert indexes() == with_cypher
    assert ("Claim", ["claimant_id", "id", "source_id"]) in with_cypher
    some = sorted(curated_facts.entities)[0]
    rows = store.read("MATCH (n:Entity {id: $id}) RETURN n.id AS id", {"id": some})
    assert rows == [{"id": some}]


def test_a_claim_naming_a_missing_entity_fails_and_leaves_the_old_graph(
    store: FalkorDBStore, curated_facts: FactSet
) -> None:
    load_facts(store, curated_facts)
    before = dump(store)
    broken = _tricky_facts("t")
    broken.claims["g"] = Claim("g", "a", "hostile_to", "nobody", "s", "q", "a", "asserts")
    with pytest.raises(StoreError, match="nobody"):
        load_facts(store, broken)
    assert dump(store) == before
    assert store._client.execute_command("GRAPH.LIST") == [store.live_key()]


def test_text_bulk_cannot_carry_takes_the_cypher_path(
    store: FalkorDBStore, curated_facts: FactSet
) -> None:
    load_facts(store, curated_facts)
    before = dump(store)
    # a NUL character ends a string in GRAPH.BULK; Cypher parameters refuse it too
    with pytest.raises(StoreError, match="parameter"):
        load_facts(store, _tricky_facts("nul \x00 inside"))
    assert dump(store) == before


def test_a_bulk_loaded_graph_survives_a_killed_server(tmp_path: Path) -> None:
    db_path = tmp_path / "killed" / "actorgraph.db"
    store = FalkorDBStore(db_path)
    try:
        load_facts(store, generate_facts(500, seed=11))
        before = dump(store)
        pid = store.server_pid
        os.kill(pid, signal.SIGKILL)  # no shutdown, no snapshot: only the append-only log
        with contextlib.suppress(psutil.NoSuchProcess):
            psutil.Process(pid).wait(timeout=10)
    finally:
        store.close()
    reopened = FalkorDBStore(db_path)
    try:
        assert dump(reopened) == before
    finally:
        reopened.close()
