"""How the view draws each class of entity and each relation type: colours, shapes, widths.

Classes and relation types come from the ontology; this module only chooses their looks. A
class or relation the ontology gains later still gets a colour (from its kind, or a palette).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ontology.vocabulary import vocabulary


@dataclass(frozen=True)
class NodeStyle:
    """The look of one legend entry for entities."""

    label: str
    color: str
    shape: str  # a vis-network shape: dot, diamond, square, triangle, star, ...


# Actors get a style per class; events and places one per kind, so the legend stays short.
_ACTOR_STYLES: dict[str, NodeStyle] = {
    "armed_group": NodeStyle("armed group", "#d62728", "dot"),
    "state": NodeStyle("state", "#1f4e9c", "square"),
    "state_agency": NodeStyle("state agency", "#5b8fd6", "square"),
    "movement": NodeStyle("movement", "#2ca02c", "dot"),
    "person": NodeStyle("person", "#8c564b", "triangle"),
    "media_outlet": NodeStyle("media outlet", "#17becf", "hexagon"),
    "collective": NodeStyle("collective", "#bcbd22", "dot"),
    "international_organisation": NodeStyle("international org", "#9467bd", "square"),
}
_KIND_STYLES: dict[str, NodeStyle] = {
    "Actor": NodeStyle("other actor", "#7f7f7f", "dot"),
    "Event": NodeStyle("event", "#ff7f0e", "diamond"),
    "Place": NodeStyle("place", "#6b8e23", "star"),
}

# Hues by meaning: hostility red, alliance and support greens, sanctuary and protection purples,
# command and membership blues, events oranges, geography greys.
_RELATION_COLORS: dict[str, str] = {
    "hostile_to": "#d62728",
    "allied_with": "#2ca02c",
    "supports": "#98df8a",
    "gives_sanctuary_to": "#9467bd",
    "protects": "#c5b0d5",
    "delegates_security_to": "#7b4173",
    "affiliated_with": "#17becf",
    "subordinate_to": "#1f77b4",
    "leads": "#0b3d91",
    "member_of": "#6baed6",
    "speaks_for": "#9ecae1",
    "kin_of": "#8c564b",
    "national_of": "#c49c94",
    "splinter_of": "#e377c2",
    "rebrand_of": "#f7b6d2",
    "successor_of": "#ad494a",
    "perpetrator_of": "#ff7f0e",
    "claims_responsibility_for": "#ffbb78",
    "participant_in": "#e6550d",
    "targeted_by": "#fd8d3c",
    "killed_in": "#843c39",
    "controls": "#bcbd22",
    "operates_in": "#8c8c8c",
    "based_in": "#637939",
    "located_in": "#b5b5b5",
    "occurred_in": "#a1a1a1",
    "launched_from": "#cedb9c",
}
_PALETTE = ("#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#31a354")


def style_key(class_key: str) -> str:
    """The legend entry an entity class falls under: its own for actors, its kind otherwise."""
    if class_key in _ACTOR_STYLES:
        return class_key
    cls = vocabulary().classes.get(class_key)
    return cls.kind if cls is not None else "Actor"


def node_style(class_key: str) -> NodeStyle:
    """The colour and shape of entities of class ``class_key``."""
    key = style_key(class_key)
    return _ACTOR_STYLES.get(key) or _KIND_STYLES[key]


def node_legend() -> dict[str, NodeStyle]:
    """Every legend entry for entities, by style key, in a stable order."""
    return {**_ACTOR_STYLES, **_KIND_STYLES}


def relation_color(relation: str) -> str:
    """The colour of edges of relation ``relation`` (fact key)."""
    if relation in _RELATION_COLORS:
        return _RELATION_COLORS[relation]
    return _PALETTE[sum(map(ord, relation)) % len(_PALETTE)]


def relation_label(relation: str) -> str:
    """The human label of a relation, from the ontology."""
    rel = vocabulary().relations.get(relation)
    return rel.label if rel is not None else relation.replace("_", " ")


def is_symmetric(relation: str) -> bool:
    """Whether the relation has no direction (drawn without arrows)."""
    rel = vocabulary().relations.get(relation)
    return bool(rel and rel.symmetric)


def edge_width(source_count: int) -> float:
    """Edge width grows with the number of independent sources, capped so hubs stay legible."""
    return min(1.0 + 1.5 * max(source_count - 1, 0), 8.0)


def node_size(degree: int) -> float:
    """Node size grows with degree, slowly, so hubs stand out without hiding their neighbours."""
    return 8.0 + math.sqrt(min(degree, 60)) * 4.0
