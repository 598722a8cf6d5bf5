"""The export as RDF, built with rdflib: the ontology plus ``facts_to_rdf`` of the facts.

Two shapes:

- a plain graph (Turtle, N-Triples, JSON-LD): the ontology, every entity and source, a plain
  triple ``subject relation object`` for each relation (for simple queries), and a PROV-O claim
  node for each claim (source, quote, claimant, stance, dates), all from ``facts_to_rdf``;
- a dataset (TriG): the same, except that each claim's assertion, the plain triple it states,
  sits in a named graph of its own whose name is the claim's IRI, so
  ``GRAPH ?claim { ?s ?p ?o } ?claim ag:source ?doc`` reads who-says-what in one pattern. The
  default graph keeps the ontology, entities, sources and claim nodes (the provenance).

Both shapes carry one dataset node, ``ag:dataset``, saying which facts these are: its release's
``pav:version`` and ``dcterms:modified`` (the release date), or version ``unreleased``, and
always ``dcterms:identifier``, the content hash (``ontology.fingerprint``), so a citation of an
export can be checked against a release. ``version_triples`` makes them for both engines.
"""

from __future__ import annotations

from rdflib import RDF, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS
from rdflib.term import Node

from ontology.facts import FactSet
from ontology.fingerprint import DatasetVersion
from ontology.namespace import AG, AGD
from ontology.rdf_mapping import date_literal, facts_to_rdf
from ontology.vocabulary import load_ontology_graph, vocabulary

PAV = Namespace("http://purl.org/pav/")
"""Provenance, Authoring and Versioning: ``pav:version`` is a version label (a literal), which
``dcterms:hasVersion`` (a related resource that is a version) is not."""

DATASET = AG.dataset
"""The export's dataset node: what ``pav:version`` and the content hash are said of."""
ONTOLOGY_IRI = URIRef(str(AG).rstrip("#"))


def version_triples(version: DatasetVersion) -> list[tuple[URIRef, URIRef, Node]]:
    """The dataset node's triples: a ``dcat:Dataset`` conforming to the ontology, with the
    version, the release date (released facts only) and the content hash.

    The rdflib and the bulk engine both take them from here, so they cannot drift apart.
    """
    triples: list[tuple[URIRef, URIRef, Node]] = [
        (DATASET, RDF.type, DCAT.Dataset),
        (DATASET, DCTERMS.title, Literal("actorgraph")),
        (DATASET, DCTERMS.conformsTo, ONTOLOGY_IRI),
        (DATASET, PAV.version, Literal(version.version)),
        (DATASET, DCTERMS.identifier, Literal(version.content_hash)),
    ]
    if version.date:
        triples.append((DATASET, DCTERMS.modified, date_literal(version.date)))
    return triples


def export_graph(
    facts: FactSet, include_ontology: bool = True, version: DatasetVersion | None = None
) -> Graph:
    """The plain-graph export of ``facts``: the ontology (if asked), ``facts_to_rdf(facts)`` and
    the dataset node of ``version`` (default: ``unreleased`` with the facts' content hash)."""
    graph: Graph = facts_to_rdf(facts)
    if include_ontology:
        for triple in load_ontology_graph():
            graph.add(triple)
    for triple in version_triples(version or DatasetVersion.unreleased(facts)):
        graph.add(triple)
    return graph


def relation_predicates() -> frozenset[URIRef]:
    """The IRIs of the relation properties: the predicates of the plain relation triples."""
    return frozenset(rel.uri for rel in vocabulary().relations.values())


def assertion_graph_name(claim_id: str) -> URIRef:
    """The name of the named graph that holds a claim's assertion: the claim's own IRI."""
    return AGD[claim_id]


def export_dataset(
    facts: FactSet, include_ontology: bool = True, version: DatasetVersion | None = None
) -> Dataset:
    """The TriG export of ``facts``: provenance (and the dataset node of ``version``, as in
    ``export_graph``) in the default graph, assertions in named graphs."""
    plain = export_graph(facts, include_ontology, version)
    relations = relation_predicates()
    dataset = Dataset()
    default = dataset.default_graph
    for s, p, o in plain:
        if p not in relations:
            default.add((s, p, o))
    rel_uris = {key: rel.uri for key, rel in vocabulary().relations.items()}
    for claim in facts.claims.values():
        triple: tuple[Node, Node, Node] = (
            AGD[claim.subject],
            rel_uris[claim.relation],
            AGD[claim.object],
        )
        dataset.graph(assertion_graph_name(claim.id)).add(triple)
    return dataset
