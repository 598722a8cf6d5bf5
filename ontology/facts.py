"""The curated facts in memory: sources, entities (actors, events, places) and claims.

These plain records are what every other part passes around: the YAML reader and the RDF
reader produce a ``FactSet``, the validator checks one, the loader writes one to a graph store,
and the exporter turns one (read back from the store) into RDF.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ontology.vocabulary import vocabulary

Stance = Literal["asserts", "denies"]
STANCES: tuple[Stance, ...] = ("asserts", "denies")


def edge_key(subject: str, relation: str, obj: str) -> tuple[str, str, str]:
    """The edge a claim backs: (subject, relation, object).

    A symmetric relation (hostile_to, allied_with, kin_of) makes one edge per pair, whichever way
    round each claim is written, so "A hostile_to B" and "B hostile_to A" back the same edge,
    whose ends are then in id order.
    """
    rel = vocabulary().relations.get(relation)
    if rel is not None and rel.symmetric and obj < subject:
        return obj, relation, subject
    return subject, relation, obj


@dataclass(frozen=True)
class Origin:
    """Where a record was read from: a file, the line of the record, and the line of each field."""

    file: str
    line: int
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def line_of(self, name: str) -> int:
        """The line of field ``name``, or of the record when the field is absent."""
        return self.field_lines.get(name, self.line)


NO_ORIGIN = Origin(file="<memory>", line=0)


@dataclass(frozen=True)
class SourceDocument:
    """A document facts are drawn from, with its metadata as the document states it."""

    id: str
    file: str  # file name inside the sources folder
    title: str
    publisher: str
    author: str  # id of the actor (person or outlet) who wrote it
    published: str  # ISO date, as precise as the document gives: YYYY, YYYY-MM or YYYY-MM-DD
    url: str | None = None
    origin: Origin = field(default=NO_ORIGIN, compare=False)


@dataclass(frozen=True)
class Entity:
    """An actor, event or place. ``class_key`` is a fact-file class name from the ontology."""

    id: str
    name: str
    class_key: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    date: str | None = None  # events only: when it happened (start)
    end_date: str | None = None  # events only
    origin: Origin = field(default=NO_ORIGIN, compare=False)


@dataclass(frozen=True)
class Claim:
    """One claimant's statement, in one source, that ``subject relation object`` holds or not."""

    id: str
    subject: str
    relation: str  # fact-file relation key, e.g. "hostile_to"
    object: str
    source: str
    quote: str
    claimant: str
    stance: Stance
    stated_on: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    note: str = ""
    origin: Origin = field(default=NO_ORIGIN, compare=False)


@dataclass
class FactSet:
    """Everything curated: the unit the validator checks and the loader writes."""

    sources: dict[str, SourceDocument] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)

    def claims_by_edge(self) -> dict[tuple[str, str, str], list[Claim]]:
        """Claims grouped by the edge they back: ``edge_key`` of each claim."""
        edges: dict[tuple[str, str, str], list[Claim]] = {}
        for claim in self.claims.values():
            key = edge_key(claim.subject, claim.relation, claim.object)
            edges.setdefault(key, []).append(claim)
        return edges

    def iter_entities(self, kind_classes: set[str]) -> Iterator[Entity]:
        """Entities whose class is one of ``kind_classes``."""
        return (e for e in self.entities.values() if e.class_key in kind_classes)
