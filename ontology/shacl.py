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
from rdflib import RDF, RDFS, Graph, Namespace
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.namespace import DCTERMS, PROV, SH, SKOS
from rdflib.term import Node

from ontology.errors import FactError
from ontology.facts import FactSet, Origin
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
}


@dataclass(frozen=True)
class ShaclViolation:
    """One SHACL result: the node at fault, the property, the value and what is wrong."""

    focus: Node
    path: Node | None
    value: Node | None
    message: str
    shape: Node | None


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
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        if focus is None:
            continue
        violations.append(
            ShaclViolation(
                focus=focus,
                path=report.value(result, SH.resultPath),
                value=report.value(result, SH.value),
                message=str(report.value(result, SH.resultMessage) or "violates a shape"),
                shape=report.value(result, SH.sourceShape),
            )
        )
    return violations


def _short(node: Node | None) -> str:
    if node is None:
        return ""
    text = str(node)
    for prefix, namespace in (("", AGD), ("ag:", AG)):
        if text.startswith(str(namespace)):
            return prefix + text[len(str(namespace)) :]
    return text


class _Locator:
    """Finds the fact-file record, and the field in it, that a violation is about."""

    def __init__(self, facts: FactSet) -> None:
        self.facts = facts
        self.relation_keys = {rel.uri: key for key, rel in vocabulary().relations.items()}

    def origin(self, record_id: str) -> Origin | None:
        record = (
            self.facts.claims.get(record_id)
            or self.facts.entities.get(record_id)
            or self.facts.sources.get(record_id)
        )
        return record.origin if record is not None else None

    def edge_claim(self, subject: str, relation: str, obj: str | None) -> Origin | None:
        """The first asserting claim of an edge (a relation triple's fault is its claim's)."""
        for claim in self.facts.claims.values():
            if (claim.subject, claim.relation) == (subject, relation) and obj in (None, claim.object):
                if claim.stance == "asserts":
                    return claim.origin
        return None

    def generated(self, violation: ShaclViolation, message: str) -> FactError | None:
        """A violation of a generated domain/range shape (``ags:hostileTo-domain``, ...)."""
        name = str(violation.shape or "")
        if not name.startswith(str(AGS)):
            return None
        local = name[len(str(AGS)) :]
        for suffix, (field, about_claim) in SUFFIXES.items():
            if not local.endswith(suffix):
                continue
            relation = self.relation_keys.get(AG[local[: -len(suffix)]])
            if about_claim:  # the value is the claim
                origin = self.origin(_short(violation.value))
            elif relation is not None:
                obj = _short(violation.value) if field == "object" else None
                origin = self.edge_claim(_short(violation.focus), relation, obj)
            else:
                origin = None
            if origin is not None:
                return FactError(origin.file, origin.line_of(field), field, message)
        return None

    def locate(self, violation: ShaclViolation) -> FactError:
        record_id = _short(violation.focus)
        message = f"SHACL {_short(violation.shape) or 'shape'}: {violation.message}"
        if violation.value is not None and _short(violation.value) not in message:
            message += f" (value: {_short(violation.value)})"
        located = self.generated(violation, message)
        if located is not None:
            return located
        relation = self.relation_keys.get(violation.path)  # type: ignore[arg-type]
        if relation is not None:  # a relation triple: blame the claim behind it
            origin = self.edge_claim(record_id, relation, _short(violation.value))
            if origin is not None:
                return FactError(origin.file, origin.line_of("relation"), "relation", message)
        field = _FIELD_OF.get(violation.path, "<record>") if violation.path else "<record>"
        origin = self.origin(record_id)
        if origin is None:
            return FactError("<rdf>", 0, field, f"{record_id}: {message}")
        return FactError(origin.file, origin.line_of(field), field, message)


def shacl_errors(facts: FactSet) -> list[FactError]:
    """The SHACL violations of the facts' RDF, each pointing at a fact file, line and field."""
    violations = validate_rdf(with_ontology(facts_to_rdf(facts)))
    locator = _Locator(facts)
    return sorted({locator.locate(v) for v in violations})

