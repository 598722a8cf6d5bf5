"""The RDF export says which facts it holds: a dataset node with the release's version and
date, or ``unreleased``, and the content hash, the same from both RDF engines."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef, namespace
from rdflib.compare import isomorphic

from ontology.facts import FactSet
from ontology.fingerprint import DatasetVersion, content_hash
from ontology.shacl import validate_rdf
from services.export import FORMATS, export_dataset, export_graph, serialize_export
from services.export.build import DATASET, PAV
from services.export.bulk import bulk_quads
from services.release import dataset_version, write_release


def _dataset_node(graph: Graph) -> dict[URIRef, set[object]]:
    (node,) = graph.subjects(namespace.RDF.type, namespace.DCAT.Dataset)
    assert node == DATASET
    found: dict[URIRef, set[object]] = {}
    for _, p, o in graph.triples((node, None, None)):
        found.setdefault(p, set()).add(o)  # type: ignore[arg-type]
    return found


def test_an_export_of_unreleased_facts_says_unreleased_and_gives_the_hash(
    exported_facts: FactSet,
) -> None:
    data = serialize_export(exported_facts, FORMATS["ttl"])  # as /export and the CLI call it
    assert data
    node = _dataset_node(Graph().parse(data=data, format="turtle"))
    assert node[PAV.version] == {Literal("unreleased")}
    assert node[namespace.DCTERMS.identifier] == {Literal(content_hash(exported_facts))}
    assert namespace.DCTERMS.modified not in node
    assert b"@prefix pav: <http://purl.org/pav/>" in data


def test_an_export_of_a_release_gives_its_version_and_date(
    exported_facts: FactSet, tmp_path: Path
) -> None:
    write_release(exported_facts, tmp_path, version="1.2.0", day="2025-06-01")
    version = dataset_version(exported_facts, tmp_path)
    graph = export_graph(exported_facts, version=version)
    node = _dataset_node(graph)
    assert node[PAV.version] == {Literal("1.2.0")}
    assert node[namespace.DCTERMS.modified] == {Literal("2025-06-01", datatype=namespace.XSD.date)}
    assert node[namespace.DCTERMS.identifier] == {Literal(content_hash(exported_facts))}
    assert validate_rdf(graph) == []  # the SHACL shapes still pass
    # TriG keeps the dataset node in the default graph, with the provenance
    default = export_dataset(exported_facts, version=version).default_graph
    assert _dataset_node(default) == node


def test_both_engines_write_the_same_dataset_node(exported_facts: FactSet) -> None:
    version = DatasetVersion("1.2.0", content_hash(exported_facts), "2025-06-01")
    quads = list(bulk_quads(exported_facts, version=version))
    bulk = Graph().parse(
        data=ox.serialize([q.triple for q in quads], None, ox.RdfFormat.N_TRIPLES), format="nt"
    )
    assert isomorphic(bulk, export_graph(exported_facts, version=version))
    unreleased = list(bulk_quads(exported_facts, include_ontology=False))
    node = ox.NamedNode(str(DATASET))
    versions = [
        q.object for q in unreleased if q.subject == node and q.predicate.value == str(PAV.version)
    ]
    assert versions == [ox.Literal("unreleased")]
