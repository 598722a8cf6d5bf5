"""A user's read (``GraphStore.read_untrusted``): bounded in rows, time and memory, anywhere.

These run on the session's loaded store: an untrusted read must leave it whole, so each test
also checks the graph's counts after.
"""

from __future__ import annotations

import time

import pytest
from graph_dump import expected_counts, store_counts

from graph.store import AnswerTooLarge, GraphStore, QueryTimeout, QueryTooLarge, WriteRefused
from ontology.facts import FactSet

LIMIT_MS = 2000


def _untrusted(store: GraphStore, cypher: str, row_limit: int = 1001) -> list[dict[str, object]]:
    return store.read_untrusted(
        cypher, {}, timeout_ms=LIMIT_MS, row_limit=row_limit, max_bytes=2**20
    )


def test_the_store_returns_at_most_the_row_limit(loaded_store: GraphStore) -> None:
    rows = _untrusted(loaded_store, "UNWIND range(1, 3000000) AS x RETURN x", row_limit=11)
    assert [r["x"] for r in rows] == list(range(1, 12))


def test_a_read_that_needs_too_much_memory_is_stopped(
    loaded_store: GraphStore, curated_facts: FactSet
) -> None:
    cypher = "UNWIND range(1, 60000000) AS x WITH collect(x) AS l RETURN size(l) AS n"
    with pytest.raises(QueryTooLarge, match="memory"):
        loaded_store.read_untrusted(cypher, {}, timeout_ms=10_000, row_limit=10, max_bytes=2**20)
    assert store_counts(loaded_store) == expected_counts(curated_facts)


def test_a_slow_read_stops_at_its_limit_and_the_store_serves_on(
    loaded_store: GraphStore, curated_facts: FactSet
) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        _untrusted(loaded_store, "MATCH (a)-[*1..8]-(b) RETURN count(*) AS n")
    assert time.monotonic() - started < LIMIT_MS / 1000 + 3  # the limit, plus a margin
    assert store_counts(loaded_store) == expected_counts(curated_facts)


@pytest.mark.parametrize(
    "cypher",
    [
        "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
        "load /* a comment */ csv from 'http://127.0.0.1:9/x' as r return r",
        "CALL { LOAD CSV FROM 'http://127.0.0.1:9/x' AS r RETURN r } RETURN 1",
    ],
)
def test_load_csv_is_refused_before_it_is_sent(loaded_store: GraphStore, cypher: str) -> None:
    with pytest.raises(WriteRefused, match="LOAD CSV"):
        _untrusted(loaded_store, cypher)


def test_words_in_strings_and_names_are_not_clauses(loaded_store: GraphStore) -> None:
    rows = _untrusted(loaded_store, "RETURN 'LOAD CSV' AS `LOAD CSV`, 1 AS load")
    assert rows == [{"LOAD CSV": "LOAD CSV", "load": 1}]


def test_a_write_is_refused(loaded_store: GraphStore, curated_facts: FactSet) -> None:
    with pytest.raises(WriteRefused):
        _untrusted(loaded_store, "MATCH (n:Entity) DETACH DELETE n")
    assert store_counts(loaded_store) == expected_counts(curated_facts)


def test_a_read_that_hangs_its_server_leaves_the_graph_serving(
    loaded_store: GraphStore, curated_facts: FactSet
) -> None:
    """FalkorDB's heap breaks on this read (a double free in its list reduce, then a hang)."""
    cypher = "WITH reduce(s = 'a', x IN [1] | s + s) AS big UNWIND [1, 2] AS x RETURN big"
    try:
        rows = _untrusted(loaded_store, cypher)
        assert rows == [{"big": "aa"}, {"big": "aa"}]  # a store that computes it is fine too
    except QueryTimeout:
        pass
    assert store_counts(loaded_store) == expected_counts(curated_facts)
    assert _untrusted(loaded_store, "MATCH (n:Entity) RETURN count(n) AS n")[0]["n"] == len(
        curated_facts.entities
    )


def test_an_answer_over_the_byte_limit_is_refused(
    loaded_store: GraphStore, curated_facts: FactSet
) -> None:
    cypher = "UNWIND range(1, 25) AS i RETURN [x IN range(1, 300000) | 'abcdefghij'] AS l"
    with pytest.raises(AnswerTooLarge, match="MiB an answer may be"):
        loaded_store.read_untrusted(cypher, {}, timeout_ms=10_000, row_limit=26, max_bytes=2**20)
    assert store_counts(loaded_store) == expected_counts(curated_facts)
