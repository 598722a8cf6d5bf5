"""The property-graph model as rows: what the loader writes for a ``FactSet``.

Pure functions, no store: every row is a plain dict ready for ``UNWIND $rows AS row``. Entity
rows are grouped by their label set and relation rows by their relationship type, because Cypher
cannot take labels or types as parameters; those groups' keys come only from the ontology's
vocabulary. The model itself is described in the project README ("the property-graph model").

Rows are built in a stable order (sorted by id) so that loading the same facts twice, or the
same facts read from YAML and from RDF, writes the same graph.

Claim and relation rows, the bulk of a load (at 1M claims, about 1.3 GB as dicts and evidence
JSON), are built when they are read (``LazyRows``): a writer that sends them in batches or
blocks holds one batch at a time, never all of them. Entity and source rows are few and kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

from graph.citation import Citation, citation_of, encode
from graph.origins import origin_count
from graph.shape import CLAIM, EDGE_ENDS, ENTITY, RELATION, SOURCE, Shape, provenance_links
from graph.store import Row
from ontology.dates import period_start
from ontology.facts import Claim, FactSet
from ontology.vocabulary import Vocabulary, vocabulary

EntityLabels = tuple[str, str]  # (kind, concrete graph label), e.g. ("Actor", "ArmedGroup")
EdgeClaims = tuple[tuple[str, str, str], list[Claim]]  # (subject, relation, object), its claims


class LazyRows[Record](Sequence[Row]):
    """Rows made from ``records`` by ``make`` each time they are read; only the records are held.

    Reading the rows twice builds them twice, equal each time (``make`` is a pure function).
    """

    def __init__(self, records: Sequence[Record], make: Callable[[Record], Row]) -> None:
        self._records = records
        self._make = make

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self._make(record) for record in self._records[index]]
        return self._make(self._records[index])

    def __iter__(self) -> Iterator[Row]:
        return map(self._make, self._records)


@dataclass(frozen=True)
class GraphRows:
    """Everything the loader writes, as rows."""

    entities: dict[EntityLabels, list[Row]] = field(default_factory=dict)
    sources: list[Row] = field(default_factory=list)
    claims: Sequence[Row] = field(default_factory=list)  # a ``LazyRows`` from ``graph_rows``
    edges: dict[str, Sequence[Row]] = field(default_factory=dict)  # by relationship type

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
        if self.sources:
            SOURCE.check(self.sources[0])
        if self.claims:
            CLAIM.check(self.claims[0])
        for relations in self.edges.values():
            RELATION.check(relations[0], extra=EDGE_ENDS)


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


def claim_row(claim: Claim, vocab: Vocabulary) -> Row:
    """One claim's row; the ids in it are the endpoints of the claim's provenance edges."""
    return {**_copied(CLAIM, claim), "relation_type": vocab.relations[claim.relation].graph_type}


def claim_rows(facts: FactSet, vocab: Vocabulary) -> LazyRows[Claim]:
    """Claim rows sorted by id, each built when read."""
    claims = sorted(facts.claims.values(), key=lambda c: c.id)
    return LazyRows(claims, lambda claim: claim_row(claim, vocab))


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


def edge_rows(facts: FactSet, vocab: Vocabulary) -> dict[str, Sequence[Row]]:
    """One row per (subject, relation, object) triple, grouped by relationship type; each row
    (with its evidence JSON, most of a load's bytes) is built when read."""
    groups: dict[str, list[EdgeClaims]] = {}
    for edge in sorted(facts.claims_by_edge().items()):
        groups.setdefault(vocab.relations[edge[0][1]].graph_type, []).append(edge)

    def make(edge: EdgeClaims) -> Row:
        (subject, relation, obj), claims = edge
        return edge_row(subject, relation, obj, claims, facts)

    return {graph_type: LazyRows(group, make) for graph_type, group in sorted(groups.items())}


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
