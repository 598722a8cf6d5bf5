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

# One colour per relation family (the ontology's super-properties), from the Okabe-Ito palette,
# which people with the common colour-vision deficiencies can tell apart; a relation is drawn in
# its family's colour, and the types inside a family differ by label, not by hue.
FAMILY_COLORS: dict[str, str] = {
    "hostility": "#D55E00",  # vermillion
    "alliance_support": "#009E73",  # bluish green
    "sanctuary_protection": "#CC79A7",  # reddish purple
    "affiliation_origin": "#0072B2",  # blue
    "leadership_membership": "#56B4E9",  # sky blue
    "events": "#E69F00",  # orange
    "places": "#999999",  # grey
}
_PALETTE = ("#000000", "#F0E442", "#555555")


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


def relation_family(relation: str) -> str:
    """The family (fact key) of relation ``relation``, from the ontology's hierarchy."""
    rel = vocabulary().relations.get(relation)
    return rel.family if rel is not None and rel.family else "other"


def family_color(family: str) -> str:
    """The colour of a relation family (a family the ontology gains later: from a palette)."""
    if family in FAMILY_COLORS:
        return FAMILY_COLORS[family]
    return _PALETTE[sum(map(ord, family)) % len(_PALETTE)]


def relation_color(relation: str) -> str:
    """The colour of edges of relation ``relation`` (fact key): its family's."""
    return family_color(relation_family(relation))


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
