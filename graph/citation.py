"""The citations on a relation edge: one codec for the loader, the API, the view and the exports.

A relation edge keeps the claims behind it as its ``evidence`` property, a JSON list with one
entry per claim (fields: ``graph.shape.CITATION``). The loader writes it with ``encode``; every
reader decodes it with ``decode``, which accepts the JSON text or an already decoded list and
raises ``MalformedEvidence`` for anything else: a bad value is a loader bug, and answering
without the citations would hide it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from graph.shape import CITATION
from ontology.facts import Claim, FactSet


class MalformedEvidence(ValueError):
    """An edge's ``evidence`` is not a list of citations (the graph was not written by us)."""


@dataclass(frozen=True)
class Citation:
    """One claim behind a relation edge: its source, its claimant and the quote."""

    claim_id: str
    source_id: str
    source_title: str | None
    publisher: str | None
    published: str | None
    claimant_id: str
    claimant_name: str | None
    stance: str
    quote: str
    hedge: str | None = None
    voiced_by_id: str | None = None
    voiced_by_name: str | None = None
    via_id: str | None = None
    via_name: str | None = None
    statement: str | None = None
    stated_on: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    note: str | None = None

    @property
    def stated(self) -> str | None:
        """When the claim was made: its own date, else its source's publication date."""
        return self.stated_on or self.published

    @property
    def source_label(self) -> str:
        """The source as a reader names it: its title, else its id."""
        return self.source_title or self.source_id

    @property
    def claimant_label(self) -> str:
        """The claimant as a reader names them: their name, else their id."""
        return self.claimant_name or self.claimant_id


def citation_of(claim: Claim, facts: FactSet) -> Citation:
    """The citation of ``claim``, with its source's and claimant's names from ``facts``."""
    source = facts.sources.get(claim.source)
    claimant = facts.entities.get(claim.claimant)
    voice = facts.entities.get(claim.voiced_by) if claim.voiced_by else None
    relay = facts.entities.get(claim.via) if claim.via else None
    return Citation(
        claim_id=claim.id,
        source_id=claim.source,
        source_title=source.title if source else None,
        publisher=source.publisher if source else None,
        published=source.published if source else None,
        claimant_id=claim.claimant,
        claimant_name=claimant.name if claimant else None,
        stance=claim.stance,
        quote=claim.quote,
        hedge=claim.hedge,
        voiced_by_id=claim.voiced_by,
        voiced_by_name=voice.name if voice else None,
        via_id=claim.via,
        via_name=relay.name if relay else None,
        statement=claim.statement,
        stated_on=claim.stated_on,
        valid_from=claim.valid_from,
        valid_until=claim.valid_until,
        note=claim.note or None,
    )


def encode(citations: Iterable[Citation]) -> str:
    """The ``evidence`` property for ``citations``: JSON, non-ASCII kept as it is.

    Each citation's own field dict, in declaration order: ``dataclasses.asdict`` gives the same
    JSON but copies each field recursively, and was a fifth of a large load's time.
    """
    return json.dumps([vars(c) for c in citations], ensure_ascii=False)


_FIELDS = frozenset(CITATION.names)


def _citation(item: object, index: int) -> Citation:
    if not isinstance(item, Mapping):
        raise MalformedEvidence(f"evidence entry {index} is not an object: {item!r:.80}")
    if item.keys() != _FIELDS:
        missing, unknown = _FIELDS - item.keys(), item.keys() - _FIELDS
        raise MalformedEvidence(
            f"evidence entry {index}: missing {sorted(missing)}, undeclared {sorted(unknown)}"
        )
    return Citation(**item)


def decode(evidence: object) -> list[Citation]:
    """The citations in an edge's ``evidence`` (its JSON text, or the list already decoded)."""
    if evidence is None:
        return []
    items = evidence
    if isinstance(evidence, str):
        try:
            items = json.loads(evidence)
        except ValueError as exc:
            raise MalformedEvidence(f"evidence is not JSON: {exc}: {evidence!r:.80}") from exc
    if not isinstance(items, list):
        raise MalformedEvidence(f"evidence is not a list: {evidence!r:.80}")
    return [_citation(item, index) for index, item in enumerate(items)]
