"""The ontology as Python sees it: the whitelist of classes and relation types.

Every node label and relationship type that reaches a graph store comes from here, and this
module reads them from the Turtle ontology, so the ontology file is the single source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Literal

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.namespace import SKOS

from ontology.namespace import AG, ONTOLOGY_FILE

Kind = Literal["Actor", "Event", "Place"]
KINDS: tuple[Kind, ...] = ("Actor", "Event", "Place")


@dataclass(frozen=True)
class EntityClass:
    """A concrete class a curated actor, event or place can have."""

    key: str  # name in fact files, e.g. "armed_group"
    label: str  # human label, e.g. "armed group"
    graph_label: str  # property-graph label, e.g. "ArmedGroup"
    kind: Kind  # the base class: Actor, Event or Place
    uri: URIRef
    definition: str


@dataclass(frozen=True)
class RelationType:
    """A relation property: the kind of an edge between two entities."""

    key: str  # name in fact files, e.g. "hostile_to"
    label: str
    graph_type: str  # property-graph relationship type, e.g. "HOSTILE_TO"
    domain: str  # graph label of the subject's class: "Actor", "Person", "State", ...
    range: str
    symmetric: bool
    uri: URIRef
    definition: str
    family: str = ""  # fact key of its RelationFamily (rdfs:subPropertyOf), e.g. "hostility"


@dataclass(frozen=True)
class RelationFamily:
    """A group of relation properties (their common super-property in the ontology)."""

    key: str  # e.g. "sanctuary_protection"
    label: str  # e.g. "sanctuary and protection"
    uri: URIRef
    definition: str
    members: tuple[str, ...]  # fact keys of its relations, sorted


@dataclass(frozen=True)
class ProvenanceLink:
    """A link from a claim or a source to what it names: an edge type of its own in the graph."""

    key: str  # the record field holding the linked id, e.g. "source" (a claim's source)
    graph_type: str  # e.g. "CITES"
    domain: str  # graph label of the node it starts from: "Claim" or "Source"
    range: str  # graph label of the node it ends at: "Entity", "Actor" or "Source"
    uri: URIRef


@dataclass(frozen=True)
class Vocabulary:
    """All classes and relation types of the ontology, keyed by their fact-file names."""

    classes: dict[str, EntityClass]
    relations: dict[str, RelationType]
    provenance: dict[str, ProvenanceLink]  # by graph type
    families: dict[str, RelationFamily] = field(default_factory=dict)  # in the ontology's order

    def classes_of(self, kind: Kind) -> dict[str, EntityClass]:
        """The concrete classes under one base class."""
        return {k: c for k, c in self.classes.items() if c.kind == kind}

    def accepts(self, class_key: str, required: str) -> bool:
        """Whether an entity of class ``class_key`` may stand where ``required`` is expected.

        ``required`` is a graph label: a base kind ("Actor") or a concrete class ("Person").
        """
        cls = self.classes.get(class_key)
        if cls is None:
            return False
        return required in (cls.kind, cls.graph_label)

    @property
    def node_labels(self) -> frozenset[str]:
        """Every label a node may carry."""
        concrete = {c.graph_label for c in self.classes.values()}
        return frozenset(concrete | set(KINDS) | {"Source", "Claim"})

    @property
    def relation_types(self) -> frozenset[str]:
        """Every relationship type an edge between entities may carry."""
        return frozenset(r.graph_type for r in self.relations.values())

    @cached_property
    def _relations_by_type(self) -> dict[str, RelationType]:
        return {rel.graph_type: rel for rel in self.relations.values()}

    def relation_by_type(self, graph_type: str) -> RelationType:
        """The relation with a given property-graph type (``KeyError`` when unknown).

        Called for every edge an API answer shows, so it is a dict lookup.
        """
        return self._relations_by_type[graph_type]


def _text(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    value = graph.value(subject, predicate)
    return str(value) if isinstance(value, RDFLiteral) else ""


def _local(uri: object) -> str:
    return str(uri).rsplit("#", 1)[-1]


def _base_kind(graph: Graph, cls: URIRef) -> Kind | None:
    for parent in graph.transitive_objects(cls, RDFS.subClassOf):
        name = _local(parent)
        if parent != cls and name in KINDS:
            return name
    return None


@lru_cache(maxsize=1)
def load_ontology_graph() -> Graph:
    """The ontology as an rdflib graph (parsed once)."""
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary read from ``ontology/actorgraph.ttl``."""
    graph = load_ontology_graph()
    classes: dict[str, EntityClass] = {}
    for cls in graph.subjects(RDF.type, OWL.Class):
        key = _text(graph, cls, AG.factKey)  # type: ignore[arg-type]
        kind = _base_kind(graph, cls)  # type: ignore[arg-type]
        if not key or kind is None:
            continue
        classes[key] = EntityClass(
            key=key,
            label=_text(graph, cls, RDFS.label),  # type: ignore[arg-type]
            graph_label=_text(graph, cls, AG.graphLabel),  # type: ignore[arg-type]
            kind=kind,
            uri=cls,  # type: ignore[arg-type]
            definition=_text(graph, cls, SKOS.definition),  # type: ignore[arg-type]
        )
    family_of = {
        fam: _text(graph, fam, AG.factKey)  # type: ignore[arg-type]
        for fam in graph.subjects(RDF.type, AG.RelationFamily)
    }
    relations: dict[str, RelationType] = {}
    for prop in graph.subjects(RDF.type, AG.Relation):
        key = _text(graph, prop, AG.factKey)  # type: ignore[arg-type]
        supers = [family_of[p] for p in graph.objects(prop, RDFS.subPropertyOf) if p in family_of]
        relations[key] = RelationType(
            key=key,
            label=_text(graph, prop, RDFS.label),  # type: ignore[arg-type]
            graph_type=_text(graph, prop, AG.graphType),  # type: ignore[arg-type]
            domain=_local(graph.value(prop, RDFS.domain)),
            range=_local(graph.value(prop, RDFS.range)),
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in graph,
            uri=prop,  # type: ignore[arg-type]
            definition=_text(graph, prop, SKOS.definition),  # type: ignore[arg-type]
            family=supers[0] if len(supers) == 1 else "",
        )
    families = {
        key: RelationFamily(
            key=key,
            label=_text(graph, fam, RDFS.label),  # type: ignore[arg-type]
            uri=fam,  # type: ignore[arg-type]
            definition=_text(graph, fam, SKOS.definition),  # type: ignore[arg-type]
            members=tuple(sorted(k for k, r in relations.items() if r.family == key)),
        )
        for fam, key in family_of.items()
    }
    provenance = [
        ProvenanceLink(
            key=_text(graph, prop, AG.factKey),  # type: ignore[arg-type]
            graph_type=_text(graph, prop, AG.graphType),  # type: ignore[arg-type]
            domain=_local(graph.value(prop, RDFS.domain)),
            range=_local(graph.value(prop, RDFS.range)),
            uri=prop,  # type: ignore[arg-type]
        )
        for prop in graph.subjects(RDF.type, AG.ProvenanceLink)
    ]
    return Vocabulary(
        classes=dict(sorted(classes.items())),
        relations=dict(sorted(relations.items())),
        provenance={p.graph_type: p for p in sorted(provenance, key=lambda p: (p.domain, p.key))},
        families=dict(sorted(families.items())),
    )
