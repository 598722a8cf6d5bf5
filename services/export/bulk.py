"""The export's quads made straight from the facts, for bulk exports: no rdflib objects at all.

rdflib builds a graph at some 50-70 thousand triples a second, which makes a 100k-claim export
(about 1.7 million triples) take half a minute before a byte is written. This module yields the
same RDF as ``ontology.rdf_mapping.facts_to_rdf`` (plus the ontology, and the TriG dataset shape
of ``services.export.build``) as pyoxigraph quads, with every IRI made once. It mirrors the
mapping term by term; ``tests/rdf/test_export_engines.py`` checks that both give isomorphic
graphs, on the curated data and on a synthetic set that has every optional field. The few
triples of the dataset node (version, release date, content hash) are not mirrored but taken
from ``build.version_triples`` itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.term import Node

from ontology.dates import XSD_DATATYPES, datatype_iri
from ontology.facts import FactSet, edge_key
from ontology.fingerprint import DatasetVersion
from ontology.namespace import AG, AGD
from ontology.rdf_mapping import STANCE_URIS, dating_triples, evidence_triples
from ontology.vocabulary import load_ontology_graph, vocabulary
from services.export.build import version_triples

_DEFAULT = ox.DefaultGraph()


def _n(uri: str) -> ox.NamedNode:
    return ox.NamedNode(str(uri))


# The mapping's terms, made once.
TYPE, LABEL, COMMENT, SEE_ALSO = _n(RDF.type), _n(RDFS.label), _n(RDFS.comment), _n(RDFS.seeAlso)
R_SUBJECT, R_PREDICATE, R_OBJECT, STATEMENT = (
    _n(RDF.subject),
    _n(RDF.predicate),
    _n(RDF.object),
    _n(RDF.Statement),
)
ALT_LABEL, DESCRIPTION = _n(SKOS.altLabel), _n(DCTERMS.description)
TITLE, PUBLISHER, CREATOR, ISSUED = (
    _n(DCTERMS.title),
    _n(DCTERMS.publisher),
    _n(DCTERMS.creator),
    _n(DCTERMS.issued),
)
PROV_ENTITY, DERIVED_FROM, ATTRIBUTED_TO = (
    _n(PROV.Entity),
    _n(PROV.wasDerivedFrom),
    _n(PROV.wasAttributedTo),
)
CLAIM, SOURCE_CLASS = _n(AG.Claim), _n(AG.Source)
SUBJECT, RELATION, OBJECT, SOURCE, CLAIMANT, STANCE, QUOTE = (
    _n(AG.subject),
    _n(AG.relation),
    _n(AG.object),
    _n(AG.source),
    _n(AG.claimant),
    _n(AG.stance),
    _n(AG.quote),
)
STATED_ON, VALID_FROM, VALID_UNTIL = _n(AG.statedOn), _n(AG.validFrom), _n(AG.validUntil)
DATE, END_DATE, FILE = _n(AG.date), _n(AG.endDate), _n(AG.file)
STANCES = {key: _n(uri) for key, uri in STANCE_URIS.items()}
_DATE_TYPES = {str(iri): _n(iri) for iri in XSD_DATATYPES.values()}


def date_literal(text: str) -> ox.Literal:
    """An ISO date typed by its precision (as ``rdf_mapping.date_literal``)."""
    iri = datatype_iri(text)
    return ox.Literal(text) if iri is None else ox.Literal(text, datatype=_DATE_TYPES[iri])


class _Iris:
    """``AGD[id]`` as pyoxigraph nodes, each made once (ids recur on many claims)."""

    def __init__(self) -> None:
        self._nodes: dict[str, ox.NamedNode] = {}
        self._prefix = str(AGD)

    def __call__(self, record_id: str) -> ox.NamedNode:
        node = self._nodes.get(record_id)
        if node is None:
            node = self._nodes[record_id] = ox.NamedNode(self._prefix + record_id)
        return node


@lru_cache(maxsize=1)
def ontology_quads() -> tuple[ox.Quad, ...]:
    """The ontology's triples as quads of the default graph."""
    data = load_ontology_graph().serialize(format="nt", encoding="utf-8")
    return tuple(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


def _records(facts: FactSet, iri: _Iris) -> Iterator[tuple[ox.NamedNode, ox.NamedNode, object]]:
    """(subject, predicate, object) of the sources and entities."""
    vocab = vocabulary()
    classes = {key: _n(cls.uri) for key, cls in vocab.classes.items()}
    for src in facts.sources.values():
        node = iri(src.id)
        yield node, TYPE, SOURCE_CLASS
        yield node, TYPE, PROV_ENTITY
        yield node, FILE, ox.Literal(src.file)
        yield node, TITLE, ox.Literal(src.title)
        yield node, PUBLISHER, ox.Literal(src.publisher)
        if src.author:
            yield node, CREATOR, iri(src.author)
        if src.published:
            yield node, ISSUED, date_literal(src.published)
        if src.url:
            yield node, SEE_ALSO, ox.NamedNode(src.url)
        for _, p, o in dating_triples(AGD[src.id], src):
            yield node, _n(str(p)), _ox_term(o)
    for ent in facts.entities.values():
        node = iri(ent.id)
        cls = classes.get(ent.class_key)
        if cls is not None:
            yield node, TYPE, cls
        if ent.name:
            yield node, LABEL, ox.Literal(ent.name)
        for alias in ent.aliases:
            yield node, ALT_LABEL, ox.Literal(alias)
        if ent.description:
            yield node, DESCRIPTION, ox.Literal(ent.description)
        if ent.date:
            yield node, DATE, date_literal(ent.date)
        if ent.end_date:
            yield node, END_DATE, date_literal(ent.end_date)
        for _, p, o in dating_triples(AGD[ent.id], ent):
            yield node, _n(str(p)), _ox_term(o)


def _ox_term(term: Node) -> ox.NamedNode | ox.Literal:
    """An rdflib IRI or literal of ``build.version_triples`` as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return _n(term)
    if isinstance(term, Literal):
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=_n(term.datatype))
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term))
    raise TypeError(f"the dataset node holds no term like {term!r}")


def version_quads(version: DatasetVersion) -> Iterator[ox.Quad]:
    """The dataset node (``build.version_triples``) as quads of the default graph."""
    for s, p, o in version_triples(version):
        yield ox.Quad(_n(s), _n(p), _ox_term(o), _DEFAULT)


def bulk_quads(
    facts: FactSet,
    *,
    include_ontology: bool = True,
    dataset: bool = False,
    version: DatasetVersion | None = None,
) -> Iterator[ox.Quad]:
    """The export of ``facts`` as quads: the plain graph, or the TriG dataset when ``dataset``;
    with the dataset node of ``version`` (default: ``unreleased`` and the facts' hash)."""
    iri = _Iris()
    relations = {key: _n(rel.uri) for key, rel in vocabulary().relations.items()}
    if include_ontology:
        yield from ontology_quads()
    yield from version_quads(version or DatasetVersion.unreleased(facts))
    for s, p, o in _records(facts, iri):
        yield ox.Quad(s, p, o, _DEFAULT)  # type: ignore[arg-type]
    asserted: set[tuple[str, str, str]] = set()
    Quad = ox.Quad
    prefix = str(AGD)
    for claim in facts.claims.values():
        # made afresh, not kept in ``iri``: a claim's id is its node's alone, and keeping a
        # million of them held about 150 MiB through a 1M-claim load's SPARQL dataset
        node = ox.NamedNode(prefix + claim.id)
        subject, obj = iri(claim.subject), iri(claim.object)
        relation = relations.get(claim.relation) or _n(AG[claim.relation])
        yield Quad(node, TYPE, CLAIM, _DEFAULT)
        yield Quad(node, TYPE, STATEMENT, _DEFAULT)
        yield Quad(node, R_SUBJECT, subject, _DEFAULT)
        yield Quad(node, R_PREDICATE, relation, _DEFAULT)
        yield Quad(node, R_OBJECT, obj, _DEFAULT)
        yield Quad(node, SUBJECT, subject, _DEFAULT)
        yield Quad(node, RELATION, relation, _DEFAULT)
        yield Quad(node, OBJECT, obj, _DEFAULT)
        if claim.source:
            source = iri(claim.source)
            yield Quad(node, SOURCE, source, _DEFAULT)
            yield Quad(node, DERIVED_FROM, source, _DEFAULT)
        if claim.claimant:
            claimant = iri(claim.claimant)
            yield Quad(node, CLAIMANT, claimant, _DEFAULT)
            yield Quad(node, ATTRIBUTED_TO, claimant, _DEFAULT)
        stance = STANCES.get(claim.stance)
        if stance is not None:
            yield Quad(node, STANCE, stance, _DEFAULT)
        yield Quad(node, QUOTE, ox.Literal(claim.quote), _DEFAULT)
        if claim.stated_on:
            yield Quad(node, STATED_ON, date_literal(claim.stated_on), _DEFAULT)
        if claim.valid_from:
            yield Quad(node, VALID_FROM, date_literal(claim.valid_from), _DEFAULT)
        if claim.valid_until:
            yield Quad(node, VALID_UNTIL, date_literal(claim.valid_until), _DEFAULT)
        if claim.note:
            yield Quad(node, COMMENT, ox.Literal(claim.note), _DEFAULT)
        for about, pred, value in evidence_triples(claim):  # optional: few claims have them
            yield Quad(_n(str(about)), _n(str(pred)), _ox_term(value), _DEFAULT)
        if dataset:
            yield Quad(subject, relation, obj, node)  # the assertion, in the claim's graph
        elif claim.stance == "asserts":
            edge = edge_key(claim.subject, claim.relation, claim.object)
            if edge not in asserted:
                asserted.add(edge)
                yield Quad(iri(edge[0]), relation, iri(edge[2]), _DEFAULT)
