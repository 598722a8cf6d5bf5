"""What an export holds: the claims of the relations a selection keeps.

Every export format (RDF, GEXF, GraphML, the CSV tables, Cytoscape) takes the same filters as
the API: relation types or families, a time and status question (``services/relation_filter``:
``true_at`` / ``known_by`` / statuses) and a focus entity with a depth. The selection is made
here, once, on the facts: a relation is kept when its type is asked for and the question keeps
it (by ``known_by`` only with the claims stated by then), and, with a focus, when it lies
within ``depth`` relations of the focus through kept relations. Entities and sources stay in
the facts (RDF exports them as records); the network formats draw only those on kept relations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.citation import citation_of
from ontology.facts import Claim, FactSet
from ontology.vocabulary import vocabulary
from services.relation_filter import Question
from services.traverse import reach

Triple = tuple[str, str, str]


class SelectionError(ValueError):
    """A selection parameter the facts cannot answer (named, for a 422 or a CLI error)."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter


@dataclass(frozen=True)
class ExportSelection:
    """Which relations an export holds; the defaults hold all of them."""

    question: Question = field(default_factory=Question)
    types: frozenset[str] | None = None  # relation fact keys; None keeps every type
    focus: str | None = None
    depth: int = 2

    @property
    def narrows(self) -> bool:
        return self.question.asks or self.types is not None or self.focus is not None

    def describe(self) -> str:
        """What the export holds, in a line (a network file's description, the zip's README)."""
        parts = ["actorgraph"]
        if self.types is not None:
            parts.append("relations: " + ", ".join(sorted(self.types)))
        if self.question.true_at:
            parts.append(f"true at {self.question.true_at}")
        if self.question.known_by:
            parts.append(f"known by {self.question.known_by}")
        if self.question.statuses != Question().statuses:
            parts.append("status: " + ", ".join(sorted(self.question.statuses)))
        if self.focus:
            parts.append(f"within {self.depth} of {self.focus}")
        return "; ".join(parts)


def relation_keys(types: list[str] | None, families: list[str] | None) -> frozenset[str] | None:
    """The fact keys of ``types`` (fact keys or graph types) and of the members of
    ``families`` (read from the ontology's property hierarchy); ``None`` when neither is given."""
    if not types and not families:
        return None
    vocab = vocabulary()
    by_type = {r.graph_type: key for key, r in vocab.relations.items()}
    keys: set[str] = set()
    for name in types or ():
        key = name if name in vocab.relations else by_type.get(name)
        if key is None:
            raise SelectionError("type", f"{name!r} is not a relation type of the ontology")
        keys.add(key)
    for name in families or ():
        family = vocab.families.get(name)
        if family is None:
            known = ", ".join(vocab.families)
            raise SelectionError("family", f"{name!r} is not a relation family ({known})")
        keys.update(family.members)
    return frozenset(keys)


def facts_for(facts: FactSet, selection: ExportSelection | Question) -> FactSet:
    """``facts`` with only the claims of the relations ``selection`` keeps (each relation with
    the claims its question counts); all of them when it narrows nothing."""
    if isinstance(selection, Question):
        selection = ExportSelection(question=selection)
    if not selection.narrows:
        return facts
    if selection.focus is not None and selection.focus not in facts.entities:
        raise SelectionError("focus", f"no entity with id {selection.focus!r}")
    kept: dict[Triple, list[Claim]] = {}
    for triple, claims in facts.claims_by_edge().items():
        if selection.types is not None and triple[1] not in selection.types:
            continue
        reading = selection.question.answer(citation_of(c, facts) for c in claims)
        if reading is not None:
            counted = {c.claim_id for c in reading.citations}
            kept[triple] = [c for c in claims if c.id in counted]
    if selection.focus is not None:
        near = reach(((t[0], t[2]) for t in kept), selection.focus, selection.depth)
        kept = {t: c for t, c in kept.items() if t[0] in near and t[2] in near}
    ids = {c.id for claims in kept.values() for c in claims}
    return FactSet(
        sources=facts.sources,
        entities=facts.entities,
        claims={cid: claim for cid, claim in facts.claims.items() if cid in ids},
    )
