"""The store contract: what every backend must do with the curated facts. Runs per backend."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from graph_dump import dump, expected_counts, store_counts

from graph.model import graph_rows
from graph.store import GraphStore, GraphWriter, Params, QueryTimeout, Row, WriteRefused
from loaders.load import load_facts, write_rows
from ontology.facts import FactSet
from ontology.vocabulary import vocabulary


def test_counts_equal_the_counts_of_the_facts(
    any_store: GraphStore, curated_facts: FactSet
) -> None:
    report = load_facts(any_store, curated_facts)
    expected = expected_counts(curated_facts)
    assert store_counts(any_store) == expected
    assert report.claims == len(curated_facts.claims)
    assert (
        report.nodes == expected["node:Entity"] + expected["node:Source"] + expected["node:Claim"]
    )
    assert report.edges == sum(n for key, n in expected.items() if key.startswith("edge:"))


def test_every_relation_edge_rests_on_its_claims(
    any_store: GraphStore, curated_facts: FactSet
) -> None:
    load_facts(any_store, curated_facts)
    types = sorted(vocabulary().relation_types)
    edges = any_store.read(
        "MATCH (s:Entity)-[r]->(o:Entity) WHERE type(r) IN $types "
        "RETURN s.id AS s, type(r) AS type, o.id AS o, properties(r) AS p",
        {"types": types},
    )
    assert len(edges) == len(curated_facts.claims_by_edge())
    backing = any_store.read(
        "MATCH (s:Entity)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o:Entity) "
        "MATCH (c)-[:CITES]->(src:Source) MATCH (c)-[:CLAIMED_BY]->(who:Actor) "
        "RETURN c.id AS id, s.id AS s, o.id AS o, c.relation_type AS type, src.id AS source"
    )
    claims = {row["id"]: row for row in backing}
    assert len(claims) == len(curated_facts.claims)
    for edge in edges:
        props = edge["p"]
        assert props["claim_ids"], f"edge {edge['s']} {edge['type']} {edge['o']} has no claim"
        for claim_id in props["claim_ids"]:
            claim = claims[claim_id]
            ends = (claim["s"], claim["o"])
            if vocabulary().relation_by_type(edge["type"]).symmetric:
                ends = tuple(sorted(ends))  # a symmetric relation's edge joins the pair once
            assert (ends[0], claim["type"], ends[1]) == (edge["s"], edge["type"], edge["o"])
        evidence = json.loads(props["evidence"])
        assert [e["claim_id"] for e in evidence] == props["claim_ids"]
        assert all(e["quote"] and e["source_id"] for e in evidence)
        assert props["asserted"] + props["denied"] + props["questioned"] == len(props["claim_ids"])
        assert props["contested"] == (props["denied"] + props["questioned"] > 0)
        assert props["document_count"] == len(set(props["source_ids"]))


def test_a_second_load_changes_nothing(any_store: GraphStore, curated_facts: FactSet) -> None:
    load_facts(any_store, curated_facts)
    first = dump(any_store)
    load_facts(any_store, curated_facts)
    assert dump(any_store) == first
    assert first[0] and first[1]


class _Failing(GraphWriter):
    """Passes writes on to the real writer, then raises part way through the build."""

    def __init__(self, inner: GraphWriter, after: int) -> None:
        self.inner, self.after, self.calls = inner, after, 0

    def write(self, cypher: str, params: Params | None = None) -> list[Row]:
        self.calls += 1
        if self.calls > self.after:
            raise RuntimeError("the store failed half way through the load")
        return self.inner.write(cypher, params)


def test_a_failed_load_leaves_the_old_graph_whole(
    any_store: GraphStore, curated_facts: FactSet
) -> None:
    load_facts(any_store, curated_facts)
    before = dump(any_store)
    smaller = FactSet(sources=curated_facts.sources, entities=curated_facts.entities)
    rows, vocab = graph_rows(smaller), vocabulary()
    with pytest.raises(RuntimeError, match="half way"):
        any_store.replace_graph(
            lambda w: write_rows(_Failing(w, after=12), any_store.backend, rows, vocab)
        )
    assert dump(any_store) == before


def test_a_read_that_writes_is_refused_by_the_store(
    any_store: GraphStore, curated_facts: FactSet
) -> None:
    load_facts(any_store, curated_facts)
    before = dump(any_store)
    for cypher in (
        "CREATE (n:Entity {id: 'intruder'}) RETURN n.id AS id",
        "MATCH (n:Entity) SET n.name = 'x' RETURN count(n) AS n",
        "MATCH (n) DETACH DELETE n",
    ):
        with pytest.raises(WriteRefused):
            any_store.read(cypher)
    assert dump(any_store) == before


# a schema or DBMS procedure of each dialect, called in a read
_WRITING_CALLS = {
    "falkordb": ["CALL db.idx.fulltext.createNodeIndex('Entity', 'name')"],
    "neo4j": ["CALL db.createLabel('Intruder')", "CALL db.clearQueryCaches()"],
}


def test_a_read_that_calls_a_writing_procedure_or_changes_the_schema_is_refused(
    any_store: GraphStore, curated_facts: FactSet
) -> None:
    load_facts(any_store, curated_facts)
    before = dump(any_store)
    indexes_before = _schema(any_store)
    for cypher in [
        *_WRITING_CALLS[any_store.backend],
        "CREATE INDEX FOR (n:Intruder) ON (n.p)",
    ]:
        with pytest.raises(WriteRefused):
            any_store.read(cypher)
    assert dump(any_store) == before
    assert _schema(any_store) == indexes_before


def _schema(store: GraphStore) -> list[str]:
    """The labels the store knows of (a schema write would add one)."""
    labels = store.read("CALL db.labels() YIELD label RETURN label")
    return sorted(str(row["label"]) for row in labels)


def test_a_read_that_loads_csv_from_the_network_is_refused_unsent(any_store: GraphStore) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(0.5)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/rows.csv"
    try:
        for cypher, params in (
            (f"LOAD CSV FROM '{url}' AS row RETURN row", {}),
            ("WITH $url AS url LOAD CSV FROM url AS row RETURN row", {"url": url}),
        ):
            with pytest.raises(WriteRefused, match="LOAD CSV"):
                any_store.read(cypher, params, timeout_ms=2000)
            with pytest.raises(WriteRefused, match="LOAD CSV"):
                any_store.read_untrusted(
                    cypher, params, timeout_ms=2000, row_limit=10, max_bytes=2**20
                )
        with pytest.raises(TimeoutError):
            listener.accept()  # nothing connected
    finally:
        listener.close()


def test_a_slow_read_stops_at_its_time_limit(any_store: GraphStore) -> None:
    with pytest.raises(QueryTimeout):
        any_store.read(
            # nested small lists, so the server can stop between rows (27e9 rows otherwise)
            "UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b UNWIND range(1, 3000) AS c "
            "RETURN count(*) AS n",
            timeout_ms=20,
        )
    assert any_store.read("RETURN 1 AS one") == [{"one": 1}]


def test_writes_are_parameterised_and_results_plain(any_store: GraphStore) -> None:
    tricky = 'quote "with" \\ backslash, newline\nand tab\t, unicode ’ʻ ناو'
    any_store.write(
        "MERGE (n:Entity {id: $id}) SET n.name = $name, n.aliases = $aliases",
        {"id": "x-1", "name": tricky, "aliases": ["a", "b"]},
    )
    any_store.write("MERGE (n:Entity {id: $id}) SET n.name = $name", {"id": "x-1", "name": tricky})
    rows = any_store.read("MATCH (n:Entity) RETURN n, properties(n) AS p, n.name AS name")
    assert len(rows) == 1
    assert rows[0]["name"] == tricky
    assert rows[0]["p"] == {"id": "x-1", "name": tricky, "aliases": ["a", "b"]}
    assert rows[0]["n"]["labels"] == ["Entity"] and rows[0]["n"]["id"] == "x-1"


def test_an_empty_store_answers_reads(any_store: GraphStore) -> None:
    assert any_store.ping()
    assert any_store.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_rdf_of_the_facts_loads_the_same_graph(
    any_store: GraphStore, curated_facts: FactSet, sources_dir: Path, tmp_path: Path
) -> None:
    rdf_mapping = pytest.importorskip("ontology.rdf_mapping")
    from loaders.rdf_input import load_rdf

    load_facts(any_store, curated_facts)
    from_yaml = dump(any_store)
    for name, fmt in (("facts.ttl", "turtle"), ("facts.jsonld", "json-ld")):
        path = tmp_path / name
        rdf_mapping.facts_to_rdf(curated_facts).serialize(path, format=fmt)
        load_rdf(any_store, path, sources_dir)
        assert dump(any_store) == from_yaml, name


TRICKY = 'a "quoted" \\ back\\slash, new\nline, tab\t, ’ʻ“” ناو 😀 {"json": [1]} `tick`'


@pytest.mark.parametrize("text", [TRICKY, TRICKY + " bell\x07 and C:\\users"])
def test_loaded_text_comes_back_exactly(any_store: GraphStore, text: str) -> None:
    from ontology.facts import Claim, Entity, SourceDocument

    facts = FactSet(
        sources={"s": SourceDocument("s", "s.txt", text, text, "a", "2024-01-02")},
        entities={
            "a": Entity("a", text, "armed_group", aliases=(text, "Alias")),
            "b": Entity("b", "B", "state", description=text),
        },
        claims={"c": Claim("c", "a", "hostile_to", "b", "s", text, "a", "asserts", note=text)},
    )
    load_facts(any_store, facts)
    rows = any_store.read(
        "MATCH (a:Entity {id: 'a'})-[r:HOSTILE_TO]->(b:Entity {id: 'b'}) "
        "MATCH (c:Claim {id: 'c'})-[:CITES]->(s:Source) "
        "RETURN a.name AS name, a.aliases AS aliases, b.description AS description, "
        "r.evidence AS evidence, c.quote AS quote, c.note AS note, s.title AS title"
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["name"] == row["description"] == row["quote"] == row["note"] == text
    assert row["title"] == text and row["aliases"] == [text, "Alias"]
    assert json.loads(row["evidence"])[0]["quote"] == text
