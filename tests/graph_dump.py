"""Whole-graph dumps and counts, for comparing a store's graph with the facts it was loaded from."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from graph.store import GraphStore
from ontology.facts import FactSet
from ontology.vocabulary import vocabulary

Dump = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


# The Neo4j store's bookkeeping (see graph/neo4j_store.py) is not the graph: its state node,
# and the staged or retired nodes of a load in progress or killed, which no query of the graph
# sees. The dump is the graph its readers see.
BOOKKEEPING = "n:ActorgraphState OR n:ActorgraphStaged OR n:ActorgraphRetired"
NOT_BOOKKEEPING = f"WHERE NOT ({BOOKKEEPING})"


def dump(store: GraphStore) -> Dump:
    """Every node (labels, properties) and edge (ends, type, properties), sorted."""
    nodes = store.read(
        f"MATCH (n) {NOT_BOOKKEEPING} RETURN labels(n) AS labels, properties(n) AS props"
    )
    edges = store.read(
        f"MATCH (n)-[r]->(b) {NOT_BOOKKEEPING} "
        "RETURN n.id AS a, type(r) AS type, b.id AS b, properties(r) AS props"
    )
    return (
        sorted((tuple(sorted(n["labels"])), _canonical(n["props"])) for n in nodes),
        sorted((e["a"], e["type"], e["b"], _canonical(e["props"])) for e in edges),
    )


def bookkeeping_nodes(store: GraphStore) -> int:
    """How many staged or retired nodes a load left behind (always 0 on FalkorDB)."""
    rows = store.read(
        "MATCH (n) WHERE n:ActorgraphStaged OR n:ActorgraphRetired RETURN count(n) AS n"
    )
    return int(rows[0]["n"])


def expected_counts(facts: FactSet) -> Counter[str]:
    """Node and edge counts the property-graph model gives for ``facts``, by label and type."""
    vocab = vocabulary()
    counts: Counter[str] = Counter()
    for entity in facts.entities.values():
        cls = vocab.classes[entity.class_key]
        counts.update(["node:Entity", f"node:{cls.kind}", f"node:{cls.graph_label}"])
    counts["node:Source"] = len(facts.sources)
    counts["node:Claim"] = len(facts.claims)
    for link in vocab.provenance.values():  # pinned in tests/test_shape.py
        counts[f"edge:{link.graph_type}"] = len(
            facts.claims if link.domain == "Claim" else facts.sources
        )
    for _subject, relation, _object in facts.claims_by_edge():
        counts[f"edge:{vocab.relations[relation].graph_type}"] += 1
    return counts


def store_counts(store: GraphStore) -> Counter[str]:
    """Node counts per label and edge counts per type, as the store holds them."""
    counts: Counter[str] = Counter()
    for row in store.read(
        f"MATCH (n) {NOT_BOOKKEEPING} UNWIND labels(n) AS label RETURN label, count(*) AS n"
    ):
        counts[f"node:{row['label']}"] = row["n"]
    for row in store.read("MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n"):
        counts[f"edge:{row['type']}"] = row["n"]
    return counts
