"""Reading the store back into a ``FactSet``: the store, not the fact files, is what gets exported.

For each kind of node (entities, sources, claims) one named query returns every id
(``snapshot_*_ids``), sorted here once; then pages of those ids are read through the id index
(``snapshot_entities``, ``snapshot_sources``, ``snapshot_claims``: ``UNWIND $ids`` and a lookup
per id). No page sorts anything, so the read-back is linear in the graph's size; keyset paging
(``WHERE id > $after ORDER BY id LIMIT n``) sorted every remaining node again for each page,
which made a million claims take 73 s.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from graph.shape import CLAIM, ENTITY, SOURCE
from graph.store import GraphStore, Row
from ontology.facts import Claim, Entity, FactSet, SourceDocument
from queries.run import run_query

PAGE_SIZE = 10_000  # ids sent in one query: larger pages only lengthen the query's parameters
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


def _pages(store: GraphStore, kind: str, page_size: int) -> Iterator[Row]:
    """Every node of ``kind`` ("entity", "source" or "claim") in id order, page by page."""
    ids_query = f"snapshot_{kind}_ids"
    page_query = {"entity": "snapshot_entities", "source": "snapshot_sources"}.get(
        kind, "snapshot_claims"
    )
    rows = run_query(store, ids_query, timeout_ms=SNAPSHOT_TIMEOUT_MS)
    ids = sorted(str(row["id"]) for row in rows)
    for first in range(0, len(ids), page_size):
        page = ids[first : first + page_size]
        found = run_query(store, page_query, {"ids": page}, timeout_ms=SNAPSHOT_TIMEOUT_MS)
        by_id = {str(row["id"]): row for row in found}
        yield from (by_id[i] for i in page if i in by_id)  # one removed meanwhile: left out


def read_facts_from_store(store: GraphStore, *, page_size: int = PAGE_SIZE) -> FactSet:
    """Every entity, source and claim the store holds, as a ``FactSet``, in id order.

    Each node's properties map back to its fact record's fields as ``graph/shape.py``
    declares them, so a property added there is exported without a change here.
    """
    facts = FactSet()
    for row in _pages(store, "entity", page_size):
        facts.entities[row["id"]] = Entity(**ENTITY.fact_fields(row["properties"]))
    for row in _pages(store, "source", page_size):
        facts.sources[row["id"]] = SourceDocument(**SOURCE.fact_fields(row["properties"]))
    for row in _pages(store, "claim", page_size):
        facts.claims[row["id"]] = Claim(**CLAIM.fact_fields(row["properties"]))
    return facts
