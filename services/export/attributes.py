"""The node and edge attributes every network format writes: one declaration, four writers.

Each attribute has a name, a type (``string``, ``integer``, ``boolean``, as GEXF and GraphML
spell them) and how to read it from a node or an edge, so GEXF, GraphML, the CSV tables and
the Cytoscape elements carry the same columns under the same names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from services.export.network import NetworkEdge, NetworkNode

Value = str | int | bool | None


@dataclass(frozen=True)
class Attribute[T]:
    """One attribute of a node or an edge."""

    name: str
    type: Literal["string", "integer", "boolean"]
    value: Callable[[T], Value]
    title: str


NODE_ATTRIBUTES: tuple[Attribute[NetworkNode], ...] = (
    Attribute("class", "string", lambda n: n.class_key, "class (fact key)"),
    Attribute("class_label", "string", lambda n: n.class_label, "class"),
    Attribute("kind", "string", lambda n: n.kind, "Actor, Event or Place"),
    Attribute("aliases", "string", lambda n: "; ".join(n.aliases), "other names"),
    Attribute("date", "string", lambda n: n.date, "event date"),
    Attribute("end_date", "string", lambda n: n.end_date, "event end date"),
    Attribute("description", "string", lambda n: n.description or None, "description"),
)
"""What a node carries besides its id and label."""

EDGE_ATTRIBUTES: tuple[Attribute[NetworkEdge], ...] = (
    Attribute("relation", "string", lambda e: e.relation, "relation (fact key)"),
    Attribute("relation_label", "string", lambda e: e.label, "relation"),
    Attribute("graph_type", "string", lambda e: e.graph_type, "relationship type"),
    Attribute("family", "string", lambda e: e.family, "relation family"),
    Attribute("symmetric", "boolean", lambda e: e.symmetric, "holds both ways"),
    Attribute("status", "string", lambda e: e.status, "asserted, contested or denied"),
    Attribute("asserted", "integer", lambda e: e.asserted, "claims asserting it"),
    Attribute("denied", "integer", lambda e: e.denied, "claims denying it"),
    Attribute("questioned", "integer", lambda e: e.questioned, "claims questioning it"),
    Attribute("hedged", "boolean", lambda e: e.hedged, "asserted only with a hedge"),
    Attribute("claim_count", "integer", lambda e: e.claim_count, "claims"),
    Attribute("source_count", "integer", lambda e: e.source_count, "independent origins"),
    Attribute("document_count", "integer", lambda e: e.document_count, "source documents"),
    Attribute("claimant_count", "integer", lambda e: e.claimant_count, "distinct claimants"),
    Attribute("first_stated", "string", lambda e: e.first_stated, "first stated"),
    Attribute("periods", "string", lambda e: e.periods_text or None, "valid periods"),
    Attribute("dated", "boolean", lambda e: e.dated, "some claim gives a period"),
    Attribute(
        "undated_claims", "integer", lambda e: len(e.undated_claims), "claims of unknown period"
    ),
)
"""What an edge carries besides its id, ends and label."""
