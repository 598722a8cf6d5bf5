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

Stance = Literal["asserts", "denies", "questions"]
STANCES: tuple[Stance, ...] = ("asserts", "denies", "questions")
"""What a claimant does with a relation: says it holds, says it does not, or doubts it without
denying it ("Some experts question the official position")."""
HEDGES: tuple[str, ...] = ("reported", "alleged", "likely", "possible")
"""How the text qualifies a claim it reports ("reportedly", "allegedly", "likely", "could")."""
DATE_BASES: tuple[str, ...] = ("external",)
"""Where a record's dates come from when not from the text: ``external`` (the public record)."""


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
    date_basis: str | None = None  # "external": the date is not in the text
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
    date_basis: str | None = None  # events only: "external" when the date is not in the text
    # actors only: the period a regime (a state under one government) stands for
    valid_from: str | None = None
    valid_until: str | None = None
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
    hedge: str | None = None  # one of HEDGES: the text reports the claim, does not make it
    voiced_by: str | None = None  # the person who spoke for the claimant (a spokesperson)
    via: str | None = None  # the media outlet that carried the statement to the source
    statement: str | None = None  # shared by the claims that report one statement
    date_basis: str | None = None  # "external": its dates are not in the text
    origin: Origin = field(default=NO_ORIGIN, compare=False)


@dataclass(frozen=True)
class RetiredClaim:
    """A claim id taken out of use: never given to another claim (ids are cited)."""

    id: str
    source: str
    reason: str
    replaced_by: str | None = None
    origin: Origin = field(default=NO_ORIGIN, compare=False)


@dataclass
class FactSet:
    """Everything curated: the unit the validator checks and the loader writes."""

    sources: dict[str, SourceDocument] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    # ids the fact files retired: bookkeeping for curators (an id is never given again), kept
    # in the files only, so not part of what two fact sets compare (RDF and stores omit it)
    retired: dict[str, RetiredClaim] = field(default_factory=dict, compare=False)

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
