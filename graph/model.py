"""The property-graph model as rows: what the loader writes for a ``FactSet``.

Pure functions, no store: every row is a plain dict ready for ``UNWIND $rows AS row``. Entity
rows are grouped by their label set and relation rows by their relationship type, because Cypher
cannot take labels or types as parameters; those groups' keys come only from the ontology's
vocabulary. The model itself is described in the project README ("the property-graph model").

Rows are built in a stable order (sorted by id) so that loading the same facts twice, or the
same facts read from YAML and from RDF, writes the same graph.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from graph.store import Row
from ontology.facts import Claim, FactSet
from ontology.vocabulary import Vocabulary, vocabulary

EntityLabels = tuple[str, str]  # (kind, concrete graph label), e.g. ("Actor", "ArmedGroup")


@dataclass(frozen=True)
class GraphRows:
    """Everything the loader writes, as rows."""

    entities: dict[EntityLabels, list[Row]] = field(default_factory=dict)
    sources: list[Row] = field(default_factory=list)
    claims: list[Row] = field(default_factory=list)
    edges: dict[str, list[Row]] = field(default_factory=dict)  # by relationship type

    @property
    def entity_count(self) -> int:
        """Entity nodes."""
        return sum(len(rows) for rows in self.entities.values())

    @property
    def edge_count(self) -> int:
        """Relation edges between entities."""
        return sum(len(rows) for rows in self.edges.values())

    @property
    def provenance_edge_count(self) -> int:
        """SUBJECT, OBJECT, CITES and CLAIMED_BY per claim, WRITTEN_BY per source."""
        return 4 * len(self.claims) + len(self.sources)


def _search_names(name: str, aliases: tuple[str, ...]) -> list[str]:
    """Lower-cased name and aliases, each once, in order: what name lookups match."""
    names: list[str] = []
    for text in (name, *aliases):
        lowered = text.strip().lower()
        if lowered and lowered not in names:
            names.append(lowered)
    return names


def entity_rows(facts: FactSet, vocab: Vocabulary) -> dict[EntityLabels, list[Row]]:
    """Entity rows grouped by (kind, graph label)."""
    groups: dict[EntityLabels, list[Row]] = {}
    for entity in sorted(facts.entities.values(), key=lambda e: e.id):
        cls = vocab.classes[entity.class_key]
        groups.setdefault((cls.kind, cls.graph_label), []).append(
            {
                "id": entity.id,
                "name": entity.name,
                "class": entity.class_key,
                "kind": cls.kind,
                "class_label": cls.label,
                "aliases": list(entity.aliases),
                "search_names": _search_names(entity.name, entity.aliases),
                "description": entity.description,
                "date": entity.date,
                "end_date": entity.end_date,
            }
        )
    return dict(sorted(groups.items()))


def source_rows(facts: FactSet) -> list[Row]:
    """Source rows; ``author_id`` links each to the actor who wrote it."""
    rows: list[Row] = []
    for source in sorted(facts.sources.values(), key=lambda s: s.id):
        author = facts.entities.get(source.author)
        rows.append(
            {
                "id": source.id,
                "file": source.file,
                "title": source.title,
                "publisher": source.publisher,
                "author_id": source.author,
                "author_name": author.name if author else None,
                "published": source.published,
                "url": source.url,
            }
        )
    return rows


def claim_rows(facts: FactSet, vocab: Vocabulary) -> list[Row]:
    """Claim rows; the ids in them are the endpoints of the claim's provenance edges."""
    return [
        {
            "id": claim.id,
            "relation": claim.relation,
            "relation_type": vocab.relations[claim.relation].graph_type,
            "subject_id": claim.subject,
            "object_id": claim.object,
            "source_id": claim.source,
            "claimant_id": claim.claimant,
            "stance": claim.stance,
            "quote": claim.quote,
            "stated_on": claim.stated_on,
            "valid_from": claim.valid_from,
            "valid_until": claim.valid_until,
            "note": claim.note,
        }
        for claim in sorted(facts.claims.values(), key=lambda c: c.id)
    ]


def _evidence(claim: Claim, facts: FactSet) -> dict[str, str | None]:
    source = facts.sources.get(claim.source)
    claimant = facts.entities.get(claim.claimant)
    return {
        "claim_id": claim.id,
        "source_id": claim.source,
        "source_title": source.title if source else None,
        "publisher": source.publisher if source else None,
        "published": source.published if source else None,
        "claimant_id": claim.claimant,
        "claimant_name": claimant.name if claimant else None,
        "stance": claim.stance,
        "quote": claim.quote,
        "stated_on": claim.stated_on,
        "valid_from": claim.valid_from,
        "valid_until": claim.valid_until,
    }


def _stated(claim: Claim, facts: FactSet) -> str | None:
    """When a claim was made: its own date, else its source's publication date."""
    source = facts.sources.get(claim.source)
    return claim.stated_on or (source.published if source else None)


def edge_row(subject: str, relation: str, obj: str, claims: list[Claim], facts: FactSet) -> Row:
    """One relation edge with the evidence of every claim behind it (claims sorted by id)."""
    claims = sorted(claims, key=lambda c: c.id)
    asserted = sum(1 for c in claims if c.stance == "asserts")
    denied = len(claims) - asserted
    stated = [d for d in (_stated(c, facts) for c in claims) if d]
    starts = [c.valid_from for c in claims if c.valid_from]
    ends = [c.valid_until for c in claims if c.valid_until]
    return {
        "subject_id": subject,
        "object_id": obj,
        "relation": relation,
        "claim_ids": [c.id for c in claims],
        "source_ids": [c.source for c in claims],
        "claimant_ids": [c.claimant for c in claims],
        "stances": [c.stance for c in claims],
        "asserted": asserted,
        "denied": denied,
        "contested": denied > 0,
        "status": "denied" if asserted == 0 else ("contested" if denied else "asserted"),
        "source_count": len({c.source for c in claims}),
        "first_stated": min(stated) if stated else None,
        "valid_from": min(starts) if starts else None,
        "valid_until": max(ends) if ends else None,
        "evidence": json.dumps([_evidence(c, facts) for c in claims], ensure_ascii=False),
    }


def edge_rows(facts: FactSet, vocab: Vocabulary) -> dict[str, list[Row]]:
    """One row per (subject, relation, object) triple, grouped by relationship type."""
    groups: dict[str, list[Row]] = {}
    for (subject, relation, obj), claims in sorted(facts.claims_by_edge().items()):
        graph_type = vocab.relations[relation].graph_type
        groups.setdefault(graph_type, []).append(edge_row(subject, relation, obj, claims, facts))
    return dict(sorted(groups.items()))


def graph_rows(facts: FactSet, vocab: Vocabulary | None = None) -> GraphRows:
    """All rows of the property graph for ``facts``."""
    vocab = vocab or vocabulary()
    return GraphRows(
        entities=entity_rows(facts, vocab),
        sources=source_rows(facts),
        claims=claim_rows(facts, vocab),
        edges=edge_rows(facts, vocab),
    )
