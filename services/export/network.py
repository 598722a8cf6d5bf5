"""The graph as a network for other tools: nodes and edges with flat attributes.

Gephi, yEd, Cytoscape, networkx, igraph and spreadsheets all read a network as nodes and
edges with scalar attributes, so each relation becomes one edge (a symmetric relation once,
flagged ``symmetric``) carrying its class of relation and family (from the ontology's property
hierarchy), its status, how many claims, sources and claimants stand behind it, and its valid
periods (from ``services/relation_filter.py``: one per distinct period its claims give, which
GEXF turns into time spells). The writers (``gexf``, ``graphml``, ``tables``, ``cytoscape``)
read this model only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from graph.citation import Citation, citation_of
from ontology.facts import Claim, Entity, FactSet, SourceDocument
from ontology.vocabulary import vocabulary
from services.relation_filter import Period, read


@dataclass(frozen=True)
class NetworkNode:
    """An entity on at least one exported relation."""

    id: str
    label: str
    class_key: str
    class_label: str
    kind: str
    aliases: tuple[str, ...]
    date: str | None
    end_date: str | None
    description: str


@dataclass(frozen=True)
class NetworkEdge:
    """One relation (subject, relation, object) with what its claims say."""

    subject: str
    relation: str
    object: str
    label: str
    graph_type: str
    family: str
    symmetric: bool
    status: str
    asserted: int
    denied: int
    questioned: int
    hedged: bool
    source_count: int  # independent origins
    document_count: int
    claimant_count: int
    first_stated: str | None
    periods: tuple[Period, ...]
    undated_claims: tuple[str, ...]
    claims: tuple[Claim, ...]

    @property
    def id(self) -> str:
        """Stable and readable: ``subject|relation|object`` (the view's edge id too)."""
        return f"{self.subject}|{self.relation}|{self.object}"

    @property
    def claim_count(self) -> int:
        return len(self.claims)

    @property
    def dated(self) -> bool:
        """Whether any claim gives the relation a period."""
        return bool(self.periods)

    @property
    def periods_text(self) -> str:
        """The periods for a single text cell: ``1996..2001; 2021-08..`` (open ends blank)."""
        return "; ".join(f"{p.valid_from or ''}..{p.valid_until or ''}" for p in self.periods)


@dataclass(frozen=True)
class Network:
    """The nodes and edges of an export, and the records the tables format adds."""

    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]
    facts: FactSet  # the selected facts: claims of the edges, every entity and source

    def claim_rows(self) -> Iterator[tuple[NetworkEdge, Claim, Citation]]:
        """Every claim of every edge, edge by edge, with its citation."""
        for edge in self.edges:
            for claim in edge.claims:
                yield edge, claim, citation_of(claim, self.facts)

    def cited_sources(self) -> list[SourceDocument]:
        """The sources the exported claims cite, by id."""
        ids = {c.source for e in self.edges for c in e.claims}
        return [self.facts.sources[i] for i in sorted(ids) if i in self.facts.sources]

    def named_entities(self) -> list[Entity]:
        """The entities the exported claims name: ends and claimants, by id."""
        ids = {i for e in self.edges for c in e.claims for i in (c.subject, c.object, c.claimant)}
        return [self.facts.entities[i] for i in sorted(ids) if i in self.facts.entities]


def network_node(entity: Entity) -> NetworkNode:
    """The node of ``entity``: its names, class and dates."""
    cls = vocabulary().classes[entity.class_key]
    return NetworkNode(
        id=entity.id,
        label=entity.name,
        class_key=entity.class_key,
        class_label=cls.label,
        kind=cls.kind,
        aliases=entity.aliases,
        date=entity.date,
        end_date=entity.end_date,
        description=entity.description,
    )


def _edge(triple: tuple[str, str, str], claims: list[Claim], facts: FactSet) -> NetworkEdge:
    ordered = tuple(sorted(claims, key=lambda c: c.id))
    reading = read(citation_of(c, facts) for c in ordered)
    assert reading is not None  # a relation exists only through its claims
    rel = vocabulary().relations[triple[1]]
    return NetworkEdge(
        subject=triple[0],
        relation=triple[1],
        object=triple[2],
        label=rel.label,
        graph_type=rel.graph_type,
        family=rel.family,
        symmetric=rel.symmetric,
        status=reading.status,
        asserted=reading.asserted,
        denied=reading.denied,
        questioned=reading.questioned,
        hedged=reading.hedged,
        source_count=reading.source_count,
        document_count=reading.document_count,
        claimant_count=len({c.claimant for c in ordered}),
        first_stated=reading.first_stated,
        periods=reading.periods,
        undated_claims=reading.undated_claims,
        claims=ordered,
    )


def build_network(facts: FactSet) -> Network:
    """The network of ``facts`` (already selected: ``selection.facts_for``), sorted by id."""
    edges = [_edge(t, claims, facts) for t, claims in sorted(facts.claims_by_edge().items())]
    ends = {e.subject for e in edges} | {e.object for e in edges}
    nodes = tuple(network_node(facts.entities[i]) for i in sorted(ends) if i in facts.entities)
    return Network(nodes=nodes, edges=tuple(edges), facts=facts)
