"""The property-graph model as rows: what the loader writes for a ``FactSet``.

Pure functions, no store: every row is a plain dict ready for ``UNWIND $rows AS row``. Entity
rows are grouped by their label set and relation rows by their relationship type, because Cypher
cannot take labels or types as parameters; those groups' keys come only from the ontology's
vocabulary. The model itself is described in the project README ("the property-graph model").

Rows are built in a stable order (sorted by id) so that loading the same facts twice, or the
same facts read from YAML and from RDF, writes the same graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.citation import Citation, citation_of, encode
from graph.origins import origin_count
from graph.shape import CLAIM, EDGE_ENDS, ENTITY, RELATION, SOURCE, Shape, provenance_links
from graph.store import Row
from ontology.dates import period_start
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
        """One edge per provenance link of each claim and each source (SUBJECT, CITES, ...)."""
        per_node = {"Claim": len(self.claims), "Source": len(self.sources)}
        return sum(per_node[link.domain] for link in provenance_links())

    def check_shape(self) -> None:
        """Raise ``ValueError`` unless the first row of each group fits ``graph.shape``.

        Rows of a group are built by one function, so the first one stands for the rest.
        """
        for group in self.entities.values():
            ENTITY.check(group[0])
        for shape, rows in ((SOURCE, self.sources), (CLAIM, self.claims)):
            if rows:
                shape.check(rows[0])
        for group in self.edges.values():
            RELATION.check(group[0], extra=EDGE_ENDS)


def _search_names(name: str, aliases: tuple[str, ...]) -> list[str]:
    """Lower-cased name and aliases, each once, in order: what name lookups match."""
    names: list[str] = []
    for text in (name, *aliases):
        lowered = text.strip().lower()
        if lowered and lowered not in names:
            names.append(lowered)
    return names


def _copied(shape: Shape, record: object) -> Row:
    """The properties of ``shape`` that copy a field of the fact ``record`` (``Prop.fact``)."""
    return {p.name: getattr(record, p.fact) for p in shape.props if p.fact is not None}


def entity_rows(facts: FactSet, vocab: Vocabulary) -> dict[EntityLabels, list[Row]]:
    """Entity rows grouped by (kind, graph label)."""
    groups: dict[EntityLabels, list[Row]] = {}
    for entity in sorted(facts.entities.values(), key=lambda e: e.id):
        cls = vocab.classes[entity.class_key]
        row = _copied(ENTITY, entity)
        row.update(
            kind=cls.kind,
            class_label=cls.label,
            aliases=list(entity.aliases),
            search_names=_search_names(entity.name, entity.aliases),
        )
        groups.setdefault((cls.kind, cls.graph_label), []).append(row)
    return dict(sorted(groups.items()))


def source_rows(facts: FactSet) -> list[Row]:
    """Source rows; ``author_id`` links each to the actor who wrote it."""
    rows: list[Row] = []
    for source in sorted(facts.sources.values(), key=lambda s: s.id):
        author = facts.entities.get(source.author)
        rows.append({**_copied(SOURCE, source), "author_name": author.name if author else None})
    return rows


def claim_rows(facts: FactSet, vocab: Vocabulary) -> list[Row]:
    """Claim rows; the ids in them are the endpoints of the claim's provenance edges."""
    return [
        {**_copied(CLAIM, claim), "relation_type": vocab.relations[claim.relation].graph_type}
        for claim in sorted(facts.claims.values(), key=lambda c: c.id)
    ]


def status_of(asserted: int, disputed: int) -> str:
    """A relation's status from its claims: ``asserted`` (none denies or questions it),
    ``contested`` (some assert it, others deny or question it) or ``denied`` (no claim asserts
    it: it must never look like a fact)."""
    if asserted == 0:
        return "denied"
    return "contested" if disputed else "asserted"


def is_hedged(citations: Iterable[Citation]) -> bool:
    """Whether the relation is asserted only with a hedge ("reportedly", "is said to be")."""
    asserting = [c for c in citations if c.stance == "asserts"]
    return bool(asserting) and all(c.hedge for c in asserting)


def edge_row(subject: str, relation: str, obj: str, claims: list[Claim], facts: FactSet) -> Row:
    """One relation edge with the evidence of every claim behind it (claims sorted by id)."""
    claims = sorted(claims, key=lambda c: c.id)
    citations = [citation_of(c, facts) for c in claims]
    asserted = sum(1 for c in claims if c.stance == "asserts")
    denied = sum(1 for c in claims if c.stance == "denies")
    questioned = len(claims) - asserted - denied
    stated = [d for d in (c.stated for c in citations) if d]
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
        "questioned": questioned,
        "contested": denied + questioned > 0,
        "status": status_of(asserted, denied + questioned),
        "hedged": is_hedged(citations),
        "source_count": origin_count(citations),
        "document_count": len({c.source for c in claims}),
        # partial dates order by the periods they name: "2021" ends after "2021-03"
        "first_stated": min(stated, key=period_start) if stated else None,
        "evidence": encode(citations),
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
    rows = GraphRows(
        entities=entity_rows(facts, vocab),
        sources=source_rows(facts),
        claims=claim_rows(facts, vocab),
        edges=edge_rows(facts, vocab),
    )
    rows.check_shape()
    return rows
