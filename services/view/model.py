"""What the network view draws: entities, relation edges with their citations, and dates.

The view works on these plain records whether they come from a graph store
(``services.view.select``) or straight from a ``FactSet`` (``graph_data_from_facts``, which the
benchmarks and tests use), so the page is the same either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote

from graph.citation import Citation, citation_of
from graph.origins import origin_count
from ontology.dates import check_date as check_date  # re-exported: the view's callers use these
from ontology.dates import period_end as period_end
from ontology.dates import period_start as period_start
from ontology.facts import FactSet
from ontology.vocabulary import vocabulary
from services.relation_filter import Reading, read

API_RECORDS = {"Actor": "/actors/{id}", "Event": "/events/{id}", "Place": "/relations?actor={id}"}
"""Where the API keeps an entity's record, by kind (places have no record of their own: their
relations stand in for it)."""


@dataclass(frozen=True)
class ViewNode:
    """An entity as the view draws it."""

    id: str
    name: str
    class_key: str
    kind: str
    class_label: str
    aliases: tuple[str, ...] = ()
    date: str | None = None

    @property
    def api_path(self) -> str:
        """The path of the entity's record in the API, e.g. ``/actors/taliban``."""
        template = API_RECORDS.get(self.kind, API_RECORDS["Actor"])
        return template.format(id=quote(self.id, safe=""))


@dataclass(frozen=True)
class ViewEdge:
    """A relation edge: one (subject, relation, object) triple with all its claims."""

    subject: str
    relation: str  # fact key, e.g. "hostile_to"
    object: str
    contested: bool
    source_count: int
    citations: tuple[Citation, ...] = ()
    first_stated: str | None = None

    @cached_property
    def reading(self) -> Reading | None:
        """What all its claims say (status, periods): ``services/relation_filter.py``."""
        return read(self.citations)

    @property
    def hedged(self) -> bool:
        """Whether every claim that asserts it is hedged ("reportedly", "is said to be")."""
        return self.reading.hedged if self.reading is not None else False

    @property
    def status(self) -> str:
        """``asserted``, ``contested`` or ``denied`` (only denials: no source asserts it, so
        it must never look like a fact); an edge with no citations counts as asserted."""
        if self.reading is None:
            return "contested" if self.contested else "asserted"
        return self.reading.status

    @property
    def id(self) -> str:
        """A stable id for the edge inside the page."""
        return f"{self.subject}|{self.relation}|{self.object}"


@dataclass
class GraphData:
    """The entities and relation edges of one view, before any drawing choices."""

    nodes: dict[str, ViewNode] = field(default_factory=dict)
    edges: list[ViewEdge] = field(default_factory=list)

    def degrees(self) -> dict[str, int]:
        """Relations per entity, counting both ends (entities without relations have 0)."""
        degree = dict.fromkeys(self.nodes, 0)
        for edge in self.edges:
            degree[edge.subject] = degree.get(edge.subject, 0) + 1
            degree[edge.object] = degree.get(edge.object, 0) + 1
        return degree


def graph_data_from_facts(facts: FactSet) -> GraphData:
    """The view's data straight from curated facts, as a store loaded with them would give it."""
    vocab = vocabulary()
    data = GraphData()
    for entity in facts.entities.values():
        cls = vocab.classes[entity.class_key]
        data.nodes[entity.id] = ViewNode(
            id=entity.id,
            name=entity.name,
            class_key=entity.class_key,
            kind=cls.kind,
            class_label=cls.label,
            aliases=entity.aliases,
            date=entity.date,
        )
    for (subject, relation, obj), claims in facts.claims_by_edge().items():
        citations = [citation_of(c, facts) for c in sorted(claims, key=lambda c: c.id)]
        data.edges.append(
            ViewEdge(
                subject=subject,
                relation=relation,
                object=obj,
                contested=any(c.stance != "asserts" for c in claims),
                source_count=origin_count(citations),
                citations=tuple(citations),
            )
        )
    return data
