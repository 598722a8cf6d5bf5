"""Reading the store back into a ``FactSet``: the store, not the fact files, is what gets exported.

Three named queries (``queries/cypher/snapshot_*.cypher``) page through entities, sources and
claims by id (keyset paging: each page starts after the last id of the previous one, so the cost
stays linear however large the graph is).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

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


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _optional(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def read_facts_from_store(store: GraphStore, *, page_size: int = PAGE_SIZE) -> FactSet:
    """Every entity, source and claim the store holds, as a ``FactSet``."""
    facts = FactSet()
    for row in _pages(store, "snapshot_entities", page_size):
        facts.entities[row["id"]] = Entity(
            id=row["id"],
            name=_text(row["name"]),
            class_key=_text(row["class"]),
            aliases=tuple(row["aliases"] or ()),
            description=_text(row["description"]),
            date=_optional(row["date"]),
            end_date=_optional(row["end_date"]),
        )
    for row in _pages(store, "snapshot_sources", page_size):
        facts.sources[row["id"]] = SourceDocument(
            id=row["id"],
            file=_text(row["file"]),
            title=_text(row["title"]),
            publisher=_text(row["publisher"]),
            author=_text(row["author_id"]),
            published=_text(row["published"]),
            url=_optional(row["url"]),
        )
    for row in _pages(store, "snapshot_claims", page_size):
        facts.claims[row["id"]] = Claim(
            id=row["id"],
            subject=_text(row["subject_id"]),
            relation=_text(row["relation"]),
            object=_text(row["object_id"]),
            source=_text(row["source_id"]),
            quote=_text(row["quote"]),
            claimant=_text(row["claimant_id"]),
            stance=row["stance"],
            stated_on=_optional(row["stated_on"]),
            valid_from=_optional(row["valid_from"]),
            valid_until=_optional(row["valid_until"]),
            note=_text(row["note"]),
        )
    return facts
