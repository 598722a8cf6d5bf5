"""The groups of operations in /docs: the researcher's questions and tasks, in the order asked.

Each router names its group with a ``Tag``; ``OPENAPI_TAGS`` gives /docs and /redoc the groups
in this order, each with a description of what it answers.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Tag(StrEnum):
    """One group of operations, named by the question it answers or the task it does."""

    FIND_ACTOR = "Find an actor"
    RELATED = "Who is related to whom"
    CONNECTS = "What connects two actors"
    RESEARCH = "Research questions"
    EVIDENCE = "Events, sources and claimants"
    EXPORT = "Export and RDF"
    CYPHER = "Your own Cypher"
    VIEW = "Network view"
    SERVICE = "Service"


_DESCRIPTIONS = {
    Tag.FIND_ACTOR: (
        "Start here: find an actor's id by name or alias (`ISKP`, `Daesh-Khorasan` and `IS-K` "
        "find the same group), then read everything known about it, each relation with the "
        "claims behind it."
    ),
    Tag.RELATED: (
        "Relations filtered by type or family, actor, source, claimant, stance and status, and "
        "everything within a few hops of an actor. Every relation carries its citations: "
        "source, publisher, date, claimant, stance (asserts, denies or questions) and the "
        "verbatim quote. "
        "Two clocks answer *when*: `true_at` (what held at a date, by the claims' valid "
        "periods) and `known_by` (what had been stated by a date)."
    ),
    Tag.CONNECTS: (
        "The shortest path, or every shortest path, between two actors (or events, or places), "
        "each hop with its citations; optionally only along some relation types or families, "
        "or at a date (`true_at`, `known_by`)."
    ),
    Tag.RESEARCH: (
        "Named questions from the catalog (`queries/cypher/`), each with its own form here: "
        "enemies of an actor's enemies, who gives them sanctuary, disputed and single-source "
        "relations, structural balance and centrality. Each answer is typed row by row and "
        "paged (`total`, `truncated`, `limit`, `skip`); most can be asked at a date."
    ),
    Tag.EVIDENCE: (
        "The evidence itself: each event with the claims for and against it, each source "
        "document with the claims drawn from it, each claimant with what it asserted or denied."
    ),
    Tag.EXPORT: (
        "The graph for other tools: RDF (Turtle, N-Triples, JSON-LD, TriG), GEXF for Gephi, "
        "GraphML, CSV tables or Cytoscape JSON, with the same filters as the questions above; "
        "and a read-only SPARQL 1.1 endpoint over the RDF export."
    ),
    Tag.CYPHER: (
        "Read-only Cypher for power users: values only as parameters, writes refused by the "
        "store, limits on time, memory and rows."
    ),
    Tag.VIEW: "The interactive network page (HTML), started from a focus, types and a date.",
    Tag.SERVICE: "Whether the store answers, and which release of the facts it serves.",
}

OPENAPI_TAGS: list[dict[str, Any]] = [
    {"name": tag.value, "description": _DESCRIPTIONS[tag]} for tag in Tag
]
"""The tags as FastAPI's ``openapi_tags`` takes them, in the order /docs shows them."""
