"""The RDF export: read back from the real store, parsed by an independent parser (pyoxigraph)
in every format, isomorphic to the rdflib graph, conformant to the SHACL shapes."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graph.store import GraphStore
from ontology.facts import FactSet
from ontology.namespace import AGD
from ontology.shacl import validate_rdf
from ontology.vocabulary import vocabulary
from services.export import (
    FORMATS,
    assertion_graph_name,
    export_dataset,
    export_graph,
    read_facts_from_store,
    serialize_export,
)
from services.export.build import relation_predicates


def test_the_store_reads_back_as_the_curated_facts(
    exported_facts: FactSet, curated_facts: FactSet
) -> None:
    assert exported_facts.sources == curated_facts.sources
    assert exported_facts.claims == curated_facts.claims
    assert set(exported_facts.entities) == set(curated_facts.entities)
    for entity_id, entity in curated_facts.entities.items():
        read = exported_facts.entities[entity_id]
        assert sorted(read.aliases) == sorted(entity.aliases), entity_id
        assert (read.name, read.class_key, read.description, read.date, read.end_date) == (
            entity.name,
            entity.class_key,
            entity.description,
            entity.date,
            entity.end_date,
        )


def test_the_read_back_pages_through_ids_and_misses_nothing(
    loaded_store: GraphStore, exported_facts: FactSet
) -> None:
    """Pages of 7 ids (every page boundary falls inside a kind) give the same facts, in id
    order, as one page does."""
    paged = read_facts_from_store(loaded_store, page_size=7)
    assert paged == exported_facts
    for records in (paged.entities, paged.sources, paged.claims):
        assert list(records) == sorted(records)


@pytest.mark.parametrize("name", ["ttl", "nt", "jsonld"])
def test_plain_formats_parse_in_pyoxigraph_and_match_the_graph(
    exported_facts: FactSet, name: str
) -> None:
    fmt = FORMATS[name]
    data = serialize_export(exported_facts, fmt)
    assert data
    parsed = list(ox.parse(data, format=fmt.oxigraph))  # the independent parser
    expected = export_graph(exported_facts)
    assert len(parsed) == len(expected)
    assert isomorphic(Graph().parse(data=data, format=_rdflib_format(name)), expected)


def test_trig_holds_each_assertion_in_the_claims_graph(exported_facts: FactSet) -> None:
    data = serialize_export(exported_facts, FORMATS["trig"])
    assert data
    quads = list(ox.parse(data, format=ox.RdfFormat.TRIG))
    named: dict[str, list[ox.Quad]] = {}
    for quad in quads:
        if isinstance(quad.graph_name, ox.NamedNode):
            named.setdefault(quad.graph_name.value, []).append(quad)
    relations = vocabulary().relations
    assert len(named) == len(exported_facts.claims)
    for claim in exported_facts.claims.values():
        (quad,) = named[str(assertion_graph_name(claim.id))]
        assert (quad.subject.value, quad.predicate.value, quad.object.value) == (
            str(AGD[claim.subject]),
            str(relations[claim.relation].uri),
            str(AGD[claim.object]),
        )
    # The default graph is the plain export without the plain relation triples.
    parsed = Dataset()
    parsed.parse(data=data, format="trig")
    expected_default = Graph()
    for triple in export_graph(exported_facts):
        if triple[1] not in relation_predicates():
            expected_default.add(triple)
    assert isomorphic(parsed.default_graph, expected_default)
    assert isomorphic(export_dataset(exported_facts).default_graph, expected_default)


def test_the_export_passes_the_shacl_shapes(exported_facts: FactSet) -> None:
    data = serialize_export(exported_facts, FORMATS["ttl"])
    assert data
    violations = validate_rdf(Graph().parse(data=data, format="turtle"))
    assert violations == []


def test_the_export_keeps_every_citation(exported_facts: FactSet) -> None:
    """Every claim's provenance is in the graph: source, quote, claimant, stance."""
    graph = export_graph(exported_facts)
    rows = graph.query(
        """PREFIX ag: <https://w3id.org/actorgraph/ontology#>
        SELECT ?claim ?source ?quote ?claimant ?stance WHERE {
          ?claim a ag:Claim ; ag:source ?source ; ag:quote ?quote ;
                 ag:claimant ?claimant ; ag:stance ?stance }"""
    )
    found = {str(r[0]): (str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows}  # type: ignore[index]
    assert len(found) == len(exported_facts.claims)
    for claim in exported_facts.claims.values():
        assert found[str(AGD[claim.id])] == (
            str(AGD[claim.source]),
            claim.quote,
            str(AGD[claim.claimant]),
            f"https://w3id.org/actorgraph/ontology#{claim.stance}",
        )


def _rdflib_format(name: str) -> str:
    return {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}[name]
