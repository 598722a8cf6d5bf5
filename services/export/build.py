"""The export as RDF, built with rdflib: the ontology plus ``facts_to_rdf`` of the facts.

Two shapes:

- a plain graph (Turtle, N-Triples, JSON-LD): the ontology, every entity and source, a plain
  triple ``subject relation object`` for each relation (for simple queries), and a PROV-O claim
  node for each claim (source, quote, claimant, stance, dates), all from ``facts_to_rdf``;
- a dataset (TriG): the same, except that each claim's assertion, the plain triple it states,
  sits in a named graph of its own whose name is the claim's IRI, so
  ``GRAPH ?claim { ?s ?p ?o } ?claim ag:source ?doc`` reads who-says-what in one pattern. The
  default graph keeps the ontology, entities, sources and claim nodes (the provenance).
"""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from ontology.facts import FactSet
from ontology.namespace import AGD
from ontology.rdf_mapping import facts_to_rdf
from ontology.vocabulary import load_ontology_graph, vocabulary


def export_graph(facts: FactSet, include_ontology: bool = True) -> Graph:
    """The plain-graph export of ``facts``: the ontology (if asked) and ``facts_to_rdf(facts)``."""
    graph: Graph = facts_to_rdf(facts)
    if include_ontology:
        for triple in load_ontology_graph():
            graph.add(triple)
    return graph


def relation_predicates() -> frozenset[URIRef]:
    """The IRIs of the relation properties: the predicates of the plain relation triples."""
    return frozenset(rel.uri for rel in vocabulary().relations.values())


def assertion_graph_name(claim_id: str) -> URIRef:
    """The name of the named graph that holds a claim's assertion: the claim's own IRI."""
    return AGD[claim_id]


def export_dataset(facts: FactSet, include_ontology: bool = True) -> Dataset:
    """The TriG export of ``facts``: provenance in the default graph, assertions in named graphs."""
    plain = export_graph(facts, include_ontology)
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
