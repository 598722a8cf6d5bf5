"""The facts an export holds for a time and status question: the claims that answer it.

An export asked ``true_at`` / ``known_by`` / ``status`` (the API's ``/export``, the CLI's
``actorgraph export``) keeps every entity and source, and the claims of the relations that
answer the question as ``services/relation_filter.py`` reads them: by ``known_by`` only the
claims stated by then, so the exported graph is the one a reader had at that date.
"""

from __future__ import annotations

from graph.citation import citation_of
from ontology.facts import FactSet
from services.relation_filter import Question


def facts_for(facts: FactSet, question: Question) -> FactSet:
    """``facts`` with only the claims that answer ``question`` (all of them when it asks none)."""
    if not question.asks:
        return facts
    kept: set[str] = set()
    for claims in facts.claims_by_edge().values():
        reading = question.answer(citation_of(c, facts) for c in claims)
        if reading is not None:
            kept.update(c.claim_id for c in reading.citations)
    return FactSet(
        sources=facts.sources,
        entities=facts.entities,
        claims={cid: claim for cid, claim in facts.claims.items() if cid in kept},
    )
