"""Running the SHACL shapes (``ontology/shapes.ttl``) over RDF, and over curated facts.

``validate_rdf`` is for any RDF in actorgraph's mapping (an export, a graph from another tool);
``shacl_errors`` runs it over the RDF of a ``FactSet`` and points each violation back at the
fact file, line and field the offending value came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pyshacl import validate as pyshacl_validate
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SH, SKOS
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from ontology.errors import FactError
from ontology.facts import Claim, FactSet, Origin
from ontology.namespace import AG, AGD, SHAPES_FILE
from ontology.rdf_mapping import facts_to_rdf
from ontology.shapes_gen import SUFFIXES
from ontology.vocabulary import load_ontology_graph, vocabulary

AGS = Namespace("https://w3id.org/actorgraph/shapes#")
"""The namespace of the shapes themselves."""

# Which fact-file field each RDF property comes from (see ontology/rdf_mapping.py).
_FIELD_OF: dict[Node, str] = {
    RDF.type: "class",
    RDFS.label: "name",
    SKOS.altLabel: "aliases",
    DCTERMS.description: "description",
    AG.date: "date",
    AG.endDate: "end_date",
    AG.file: "file",
    DCTERMS.title: "title",
    DCTERMS.publisher: "publisher",
    DCTERMS.creator: "author",
    DCTERMS.issued: "published",
    RDFS.seeAlso: "url",
    AG.subject: "subject",
    RDF.subject: "subject",
    AG.relation: "relation",
    RDF.predicate: "relation",
    AG.object: "object",
    RDF.object: "object",
    AG.source: "source",
    PROV.wasDerivedFrom: "source",
    AG.claimant: "claimant",
    PROV.wasAttributedTo: "claimant",
    AG.stance: "stance",
    AG.quote: "quote",
    AG.statedOn: "stated_on",
    AG.validFrom: "valid_from",
    AG.validUntil: "valid_until",
    RDFS.comment: "note",
    AG.hedge: "hedge",
    AG.voicedBy: "voiced_by",
    AG.via: "via",
    AG.statement: "statement",
    AG.dateBasis: "date_basis",
}


@dataclass(frozen=True)
class ShaclViolation:
    """One SHACL result: the node at fault, the property, the value and what is wrong."""

    focus: Node
    path: Node | None
    value: Node | None
    message: str
    shape: Node | None  # the named SPARQL constraint, else the shape that was violated


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes (parsed once)."""
    return Graph().parse(SHAPES_FILE, format="turtle")


def with_ontology(data: Graph) -> Graph:
    """``data`` plus the ontology's triples, in place: the shapes follow rdfs:subClassOf."""
    data.addN((s, p, o, data) for s, p, o in load_ontology_graph())
    return data


@lru_cache(maxsize=64)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class _PreparedQueryGraph(Graph):
    """A view of a graph (same store, no copy) that parses each SPARQL text only once.

    pyshacl runs a SPARQL constraint once per focus node with the same text and new bindings,
    and rdflib parses the text every time: parsing, not evaluating, was nearly all the cost
    (about 15 ms a query; minutes for a thousand claims).
    """

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def validate_rdf(data: Graph) -> list[ShaclViolation]:
    """Every SHACL violation in ``data``, which must hold the ontology too (``with_ontology``)."""
    view = _PreparedQueryGraph(store=data.store, identifier=data.identifier)
    conforms, report, _ = pyshacl_validate(
        view,
        shacl_graph=shapes_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
        meta_shacl=False,
        advanced=False,
        inplace=True,  # the caller's graph is not copied: it may hold 100k claims
    )
    if conforms:
        return []
    assert isinstance(report, Graph)
    violations = []
    # Only the report's own results: pyshacl also adds the results nested inside sh:node
    # and sh:or checks, which repeat a top-level result in vaguer words.
    for result in report.objects(None, SH.result):
        focus = report.value(result, SH.focusNode)
        if focus is None:
            continue
        constraint = report.value(result, SH.sourceConstraint)
        violations.append(
            ShaclViolation(
                focus=focus,
                path=report.value(result, SH.resultPath),
                value=report.value(result, SH.value),
                message=str(report.value(result, SH.resultMessage) or "violates a shape"),
                # a named SPARQL constraint says more than the node shape that holds it
                shape=constraint
                if isinstance(constraint, URIRef)
                else report.value(result, SH.sourceShape),
            )
        )
    return violations


def _short(node: Node | None) -> str:
    if node is None:
        return ""
    text = str(node)
    for prefix, namespace in (("", AGD), ("ag:", AG), ("ags:", AGS)):
        if text.startswith(str(namespace)):
            return prefix + text[len(str(namespace)) :]
    return text


def _shown(value: Node | None) -> str:
    """A violation's value as a message shows it: ids bare, literals in quotes."""
    if value is None:
        return ""
    return f"'{value}'" if isinstance(value, Literal) else _short(value)


class _Locator:
    """Finds the fact-file record, and the field in it, that a violation is about."""

    def __init__(self, facts: FactSet) -> None:
        self.facts = facts
        self.relation_keys: dict[Node | None, str] = {
            rel.uri: key for key, rel in vocabulary().relations.items()
        }

    def origin(self, record_id: str) -> Origin | None:
        record = (
            self.facts.claims.get(record_id)
            or self.facts.entities.get(record_id)
            or self.facts.sources.get(record_id)
        )
        return record.origin if record is not None else None

    def claims_with(self, relation: str, **fields: str) -> list[Claim]:
        """The claims about ``relation`` whose named fields have the given values."""
        return [
            claim
            for claim in self.facts.claims.values()
            if claim.relation == relation
            and all(getattr(claim, name) == value for name, value in fields.items())
        ]

    def generated(self, violation: ShaclViolation, message: str) -> list[FactError] | None:
        """A violation of a generated domain/range shape (``ags:hostileTo-domain``, ...):
        the fault is in the claims whose subject (object) is the value that does not fit."""
        name = str(violation.shape or "")
        local = name[len(str(AGS)) :] if name.startswith(str(AGS)) else ""
        suffix = next((s for s in SUFFIXES if local.endswith(s)), None)
        if suffix is None:
            return None
        field, about_claims = SUFFIXES[suffix]
        relation = self.relation_keys.get(AG[local[: -len(suffix)]])
        if relation is None:
            return None
        if about_claims:  # focus: the relation property; value: the subject (object) at fault
            claims = self.claims_with(relation, **{field: _short(violation.value)})
        else:  # focus: a triple's subject; value: its object (range) or the subject (domain)
            wanted = {"subject": _short(violation.focus), "stance": "asserts"}
            if field == "object":
                wanted["object"] = _short(violation.value)
            claims = self.claims_with(relation, **wanted)
        return [
            FactError(c.origin.file, c.origin.line_of(field), field, message) for c in claims
        ] or None

    def locate(self, violation: ShaclViolation) -> list[FactError]:
        """The fact-file errors a violation stands for (one per claim where several share it)."""
        record_id = _short(violation.focus)
        shape = _short(violation.shape) if isinstance(violation.shape, URIRef) else ""
        text = violation.message.replace(str(AGD), "").replace(str(AG), "ag:")
        message = f"SHACL{' ' + shape if shape else ''}: {text}"
        shown = _shown(violation.value)
        if shown and shown not in message:
            message += f" (value: {shown})"
        located = self.generated(violation, message)
        if located is not None:
            return located
        relation = self.relation_keys.get(violation.path)
        if relation is not None:  # a relation triple: blame the claims behind it
            value = _short(violation.value)
            claims = self.claims_with(relation, subject=record_id, object=value)
            claims = claims or self.claims_with(relation, subject=value, object=record_id)
            if claims:
                return [
                    FactError(c.origin.file, c.origin.line_of("relation"), "relation", message)
                    for c in claims
                ]
        field = _FIELD_OF.get(violation.path, "<record>") if violation.path else "<record>"
        origin = self.origin(record_id)
        if origin is None:
            return [FactError("<rdf>", 0, field, f"{record_id}: {message}")]
        return [FactError(origin.file, origin.line_of(field), field, message)]


def shacl_errors(facts: FactSet) -> list[FactError]:
    """The SHACL violations of the facts' RDF, each pointing at a fact file, line and field."""
    violations = validate_rdf(with_ontology(facts_to_rdf(facts)))
    locator = _Locator(facts)
    return sorted({error for v in violations for error in locator.locate(v)})
