"""Writing the export in a format: rdflib (or in bulk, plain loops) builds it, pyoxigraph writes it.

rdflib's own Turtle and JSON-LD writers manage a few tens of thousands of triples a second;
pyoxigraph's (Rust) write over a million, in all four formats, so every format is written by
pyoxigraph. Building the graph with rdflib is slow too (about 70 thousand triples a second), so
from ``BULK_CLAIMS`` claims on the quads come from ``services.export.bulk`` instead, which makes
the same RDF (a test checks the two are isomorphic) without rdflib objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from ontology.facts import FactSet
from ontology.fingerprint import DatasetVersion
from ontology.namespace import AG, AGD
from services.export.build import PAV, export_dataset, export_graph
from services.export.formats import ExportFormat

BULK_CLAIMS = 5_000
"""From this many claims on, the quads are written without building an rdflib graph."""

Engine = TypingLiteral["auto", "rdflib", "bulk"]

PREFIXES: dict[str, str] = {
    "ag": str(AG),
    "agd": str(AGD),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "pav": str(PAV),
}
"""The prefixes the Turtle, TriG and JSON-LD exports declare."""


class _Converter:
    """rdflib terms to pyoxigraph terms; IRIs are cached, as the same few recur on every line."""

    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {}
        self._blanks: dict[str, ox.BlankNode] = {}

    def iri(self, value: str) -> ox.NamedNode:
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = ox.NamedNode(value)
        return node

    def term(self, term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=self.iri(str(term.datatype)))
            return ox.Literal(str(term))
        if isinstance(term, BNode):
            node = self._blanks.get(str(term))
            if node is None:
                node = self._blanks[str(term)] = ox.BlankNode()
            return node
        raise TypeError(f"cannot export the RDF term {term!r}")

    def triples(self, graph: Graph, graph_name: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        name = graph_name or ox.DefaultGraph()
        for s, p, o in graph:
            yield ox.Quad(self.term(s), self.term(p), self.term(o), name)  # type: ignore[arg-type]


def _rdflib_quads(
    facts: FactSet, include_ontology: bool, dataset: bool, version: DatasetVersion | None
) -> Iterator[ox.Quad]:
    convert = _Converter()
    if not dataset:
        yield from convert.triples(export_graph(facts, include_ontology, version))
        return
    built = export_dataset(facts, include_ontology, version)
    yield from convert.triples(built.default_graph)
    for graph in built.graphs():
        if graph.identifier != built.default_graph.identifier:
            yield from convert.triples(graph, convert.iri(str(graph.identifier)))


def export_quads(
    facts: FactSet,
    *,
    include_ontology: bool = True,
    dataset: bool = False,
    engine: Engine = "auto",
    version: DatasetVersion | None = None,
) -> Iterable[ox.Quad]:
    """The export as pyoxigraph quads: a plain graph (default graph only) or the TriG dataset.

    ``engine`` picks how they are made: ``rdflib`` (``export_graph``/``export_dataset``),
    ``bulk`` (``services.export.bulk``, no rdflib objects) or ``auto``: bulk from
    ``BULK_CLAIMS`` claims on.
    """
    if engine == "auto":
        engine = "bulk" if len(facts.claims) >= BULK_CLAIMS else "rdflib"
    if engine == "bulk":
        from services.export.bulk import bulk_quads

        quads: Iterable[ox.Quad] = bulk_quads(
            facts, include_ontology=include_ontology, dataset=dataset, version=version
        )
        return quads
    return _rdflib_quads(facts, include_ontology, dataset, version)


def serialize_export(
    facts: FactSet,
    fmt: ExportFormat,
    output: IO[bytes] | Path | None = None,
    *,
    include_ontology: bool = True,
    engine: Engine = "auto",
    version: DatasetVersion | None = None,
) -> bytes | None:
    """Write the export of ``facts`` in ``fmt`` to ``output`` (a path or binary file).

    Returns the bytes when ``output`` is ``None``. TriG holds the dataset shape (assertions in
    named graphs); the other formats the plain graph. ``version`` is what the dataset node says
    (``services.release.dataset_version``); without it, ``unreleased`` and the content hash.
    """
    quads = export_quads(
        facts,
        include_ontology=include_ontology,
        dataset=fmt.dataset,
        engine=engine,
        version=version,
    )
    items: Iterable[ox.Quad] | Iterable[ox.Triple] = (
        quads if fmt.dataset else (q.triple for q in quads)
    )
    target: IO[bytes] | str | None = str(output) if isinstance(output, Path) else output
    prefixes = None if fmt.oxigraph == ox.RdfFormat.N_TRIPLES else PREFIXES
    return ox.serialize(items, target, fmt.oxigraph, prefixes=prefixes)
