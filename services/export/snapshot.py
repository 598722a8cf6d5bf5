"""Reading the store back into a ``FactSet``: the store, not the fact files, is what gets exported.

Three named queries (``queries/cypher/snapshot_*.cypher``) page through entities, sources and
claims by id (keyset paging: each page starts after the last id of the previous one, so the cost
stays linear however large the graph is).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from graph.shape import CLAIM, ENTITY, SOURCE
from graph.store import GraphStore, Row
from ontology.facts import Claim, Entity, FactSet, SourceDocument
from queries.run import run_query

PAGE_SIZE = 50_000  # fewer pages: each page sorts every claim after the last one read
SNAPSHOT_TIMEOUT_MS = 120_000  # a page of a million-claim graph must not hit the API's limit


@dataclass(frozen=True)
class StoreCounts:
    """How many entities, sources and claims the store holds."""

    entities: int
    sources: int
    claims: int


def store_counts(store: GraphStore) -> StoreCounts:
    """The counts of the store: a cheap fingerprint of what it holds."""
    rows = run_query(store, "snapshot_counts")
    row = rows[0] if rows else {}
    return StoreCounts(
        entities=int(row.get("entities") or 0),
        sources=int(row.get("sources") or 0),
        claims=int(row.get("claims") or 0),
    )


def _pages(store: GraphStore, query: str, page_size: int) -> Iterator[Row]:
    after = ""
    while True:
        rows = run_query(
            store, query, {"after": after, "limit": page_size}, timeout_ms=SNAPSHOT_TIMEOUT_MS
        )
        yield from rows
        if len(rows) < page_size:
            return
        after = str(rows[-1]["id"])


def read_facts_from_store(store: GraphStore, *, page_size: int = PAGE_SIZE) -> FactSet:
    """Every entity, source and claim the store holds, as a ``FactSet``.

    Each node's properties map back to its fact record's fields as ``graph/shape.py``
    declares them, so a property added there is exported without a change here.
    """
    facts = FactSet()
    for row in _pages(store, "snapshot_entities", page_size):
        facts.entities[row["id"]] = Entity(**ENTITY.fact_fields(row["properties"]))
    for row in _pages(store, "snapshot_sources", page_size):
        facts.sources[row["id"]] = SourceDocument(**SOURCE.fact_fields(row["properties"]))
    for row in _pages(store, "snapshot_claims", page_size):
        facts.claims[row["id"]] = Claim(**CLAIM.fact_fields(row["properties"]))
    return facts
