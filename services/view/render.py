"""The network view as one self-contained HTML page, drawn by vis-network through pyvis.

pyvis builds the nodes, edges and vis-network options; the page itself comes from our own
template (``assets/view.html.j2``), because pyvis's template loads Bootstrap from a CDN and
renders tooltips as HTML. The page inlines the vis-network script and style that pyvis ships,
so it works offline, and carries the graph as JSON in a ``<script type="application/json">``
block that the page's script reads: every text from the data reaches the screen through
``textContent``, never as markup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from graph.citation import Citation
from ontology.dates import period_start
from ontology.vocabulary import vocabulary
from services.relation_filter import Period, is_dated

from .layout import BROWSER_PHYSICS_LIMIT, server_layout
from .model import GraphData, ViewEdge, ViewNode
from .select import Selection, ViewFilter, select_view
from .style import (
    edge_width,
    family_color,
    is_symmetric,
    node_legend,
    node_size,
    node_style,
    relation_color,
    relation_family,
    relation_label,
    style_key,
)

ASSETS = Path(__file__).resolve().parent / "assets"
VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
STABILIZATION_ITERATIONS = 250  # bounded, so the curated graph settles in about a second
LARGE_VIEW_CITATIONS = 2  # citations per edge a large page carries (the API has them all)


class _ViewNetwork(Network):  # type: ignore[misc]
    """pyvis's ``Network`` with set-based membership: its list scans are quadratic at 5k nodes."""

    def __init__(self) -> None:
        super().__init__(height="100%", width="100%", directed=True, cdn_resources="in_line")
        self._ids: set[str] = set()

    def add_node(self, n_id: str, label: str | None = None, **options: Any) -> None:
        if n_id in self._ids:
            return
        self._ids.add(n_id)
        self.nodes.append({"id": n_id, "label": label or n_id, **options})
        self.node_ids.append(n_id)
        self.node_map[n_id] = self.nodes[-1]

    def add_edge(self, source: str, to: str, **options: Any) -> None:
        if source not in self._ids or to not in self._ids:
            raise KeyError(f"edge {source!r} -> {to!r} joins an entity not in the view")
        self.edges.append({"from": source, "to": to, **options})


@dataclass(frozen=True)
class PageOptions:
    """Choices about the page that do not depend on the data."""

    title: str = "actorgraph network view"
    api_base: str = ""  # prefix of links to API records: "" when served by the API itself
    served: bool = True  # whether the page came from the API (reload links work)


def _vis_options(physics: bool, large: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": not large},
        "nodes": {
            "font": {"size": 14 if large else 22, "strokeWidth": 4, "strokeColor": "#ffffff"},
            # Zoomed out over thousands of nodes, labels would be an unreadable smear: draw
            # them only once they are large enough on screen to read.
            "scaling": {"label": {"drawThreshold": 9 if large else 5}},
        },
        "edges": {
            "smooth": False if large else {"type": "continuous", "roundness": 0.2},
            "arrows": {"to": {"scaleFactor": 0.6}},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "navigationButtons": False,
            "keyboard": False,
        },
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -140,
                "centralGravity": 0.01,
                "springLength": 160,
                "springConstant": 0.06,
                "damping": 0.5,
                "avoidOverlap": 0.6,
            },
            "maxVelocity": 60,
            "minVelocity": 1.0,
            "stabilization": {
                "enabled": physics,
                "iterations": STABILIZATION_ITERATIONS,
                "updateInterval": 50,
                "fit": True,
            },
        },
    }


def _node_options(node: ViewNode, degree: int) -> dict[str, Any]:
    style = node_style(node.class_key)
    return {
        "label": node.name,
        "shape": style.shape,
        "color": style.color,
        "size": node_size(degree),
        "group": style_key(node.class_key),
        # read by the page's script, not by vis-network:
        "names": [node.name, *node.aliases],
        "classLabel": node.class_label,
        "kind": node.kind,
        "apiPath": node.api_path,
        "degree": degree,
        "date": node.date,
    }


def _citation(c: Citation) -> dict[str, str]:
    # the page's names for the fields its script reads (assets/view.js)
    fields = {
        "claimId": c.claim_id,
        "sourceId": c.source_id,
        "title": c.source_label,
        "publisher": c.publisher,
        "published": c.published,
        "claimant": c.claimant_label,
        "stance": c.stance,
        "hedge": c.hedge,
        "voicedBy": c.voiced_by_name or c.voiced_by_id,
        "via": c.via_name or c.via_id,
        "quote": c.quote,
        "stated_on": c.stated_on,
        "valid_from": c.valid_from,
        "valid_until": c.valid_until,
        "note": c.note,
    }
    return {k: v for k, v in fields.items() if v is not None}  # smaller pages at 5k nodes


# how a relation's status is drawn: contested dashed, denied-only dotted (and grey, below), and
# asserted only with a hedge ("reportedly") dash-dotted
_DASHES: dict[str, list[int]] = {"contested": [6, 5], "denied": [2, 6], "hedged": [12, 4, 2, 4]}
DENIED_COLOR = "#9e9e9e"


CONTESTED_EXTRA_WIDTH = 2
"""A disputed relation stands out at any zoom: this much wider than its sources make it."""
UNDATED_OPACITY = 0.3
"""Asked what held at a date, a relation of unknown period is drawn this faint."""


HEDGED_OPACITY = 0.6
"""A relation asserted only with a hedge is drawn this faint (and dash-dotted)."""


def edge_look(
    relation: str, source_count: int, status: str, undated: bool = False, hedged: bool = False
) -> dict[str, Any]:
    """How a relation of ``status`` is drawn (twin: ``edgeLook`` in assets/view.js): a
    hedged assertion is not drawn like a plain one."""
    color = DENIED_COLOR if status == "denied" else relation_color(relation)
    extra = CONTESTED_EXTRA_WIDTH if status == "contested" else 0
    plain_hedged = hedged and status == "asserted"
    opacity = UNDATED_OPACITY if undated else HEDGED_OPACITY if plain_hedged else 0.85
    return {
        "color": {"color": color, "highlight": color, "hover": color, "opacity": opacity},
        "width": edge_width(source_count) + extra,
        "dashes": _DASHES["hedged"] if plain_hedged else _DASHES.get(status, False),
    }


def claim_times(citation: Citation) -> list[str]:
    """A claim's two clocks as the page's script reads them: stance, stated, from, until,
    and the first day the claim says the relation held (a period with no start: its end's), and
    its hedge ("" when stated plainly).

    Whole days, so the script compares strings (an open end is ``OPEN_START`` / ``OPEN_END``,
    an unknown date ``""``); ``answers`` in assets/view.js is the twin of
    ``services/relation_filter.Question.answer`` on these.
    """
    stated = period_start(citation.stated) if citation.stated else ""
    hedge = citation.hedge or ""
    if not is_dated(citation):
        return [citation.stance, stated, "", "", "", hedge]
    period = Period(citation.valid_from, citation.valid_until, (citation.claim_id,))
    return [citation.stance, stated, period.first_day, period.last_day, period.sure_from, hedge]


def _edge_options(edge: ViewEdge, max_citations: int | None) -> dict[str, Any]:
    symmetric = is_symmetric(edge.relation)
    status = edge.status
    color = relation_color(edge.relation)
    return {
        "id": edge.id,
        **edge_look(edge.relation, edge.source_count, status, hedged=edge.hedged),
        "arrows": "" if symmetric else "to",
        # read by the page's script, not by vis-network:
        "relation": edge.relation,
        "family": relation_family(edge.relation),
        "relationLabel": relation_label(edge.relation),
        "symmetric": symmetric,
        "contested": edge.contested,
        "status": status,
        "hedged": edge.hedged,
        "sourceCount": edge.source_count,
        "baseColor": color,
        "baseWidth": edge_width(edge.source_count),
        "times": [claim_times(c) for c in edge.citations],
        "citationCount": len(edge.citations),
        "citations": [_citation(c) for c in edge.citations[:max_citations]],
    }


def distinct_labels(data: GraphData) -> dict[str, str]:
    """Each entity's label on the canvas: its name, and for entities sharing a name (the state
    Tajikistan and the territory), the class in brackets, so no two read the same."""
    by_name: dict[str, list[ViewNode]] = {}
    for node in data.nodes.values():
        by_name.setdefault(node.name.casefold(), []).append(node)
    labels = {}
    for same in by_name.values():
        for node in same:
            shared = len(same) > 1
            labels[node.id] = f"{node.name} ({node.class_label})" if shared else node.name
    return labels


def build_network(data: GraphData) -> tuple[Network, bool]:
    """The pyvis network for ``data``, and whether the browser should run physics on it."""
    physics = len(data.nodes) <= BROWSER_PHYSICS_LIMIT
    net = _ViewNetwork()
    degree = data.degrees()
    positions = {} if physics else server_layout(data)
    labels = distinct_labels(data)
    for node in data.nodes.values():
        options = _node_options(node, degree[node.id])
        options["label"] = labels[node.id]
        if node.id in positions:
            x, y = positions[node.id]
            options["x"], options["y"] = round(x, 1), round(y, 1)
        net.add_node(node.id, **options)
    for edge in data.edges:
        options = _edge_options(edge, None if physics else LARGE_VIEW_CITATIONS)
        net.add_edge(edge.subject, edge.object, **options)
    net.set_options(json.dumps(_vis_options(physics, large=not physics)))
    return net, physics


def _legend(data: GraphData) -> dict[str, Any]:
    present_styles = {style_key(n.class_key) for n in data.nodes.values()}
    counts: dict[str, int] = {}
    for edge in data.edges:
        counts[edge.relation] = counts.get(edge.relation, 0) + 1
    vocab = vocabulary()
    families = [
        {
            "key": key,
            "label": family.label,
            "color": family_color(key),
            "relations": [r for r in family.members if r in counts],
        }
        for key, family in vocab.families.items()
    ]
    families = [f for f in families if f["relations"]]
    return {
        "classes": [
            {"key": key, "label": s.label, "color": s.color, "shape": s.shape}
            for key, s in node_legend().items()
            if key in present_styles
        ],
        "families": families,
        "relations": [
            {
                "key": rel,
                "label": relation_label(rel),
                "family": relation_family(rel),
                "color": relation_color(rel),
                "symmetric": is_symmetric(rel),
                "count": counts[rel],
            }
            for rel in sorted(counts, key=relation_label)
        ],
    }


def _filter_json(view: ViewFilter) -> dict[str, Any]:
    return {
        "focus": view.focus,
        "depth": view.depth,
        "types": sorted(view.types) if view.types is not None else None,
        "contested": view.contested,
        "denied": view.denied,
        "disputes": view.disputes,
        "events": view.events,
        "places": view.places,
        "trueAt": view.true_at,
        "knownBy": view.known_by,
        "undated": view.undated,
    }


def page_json(payload: dict[str, Any]) -> Markup:
    """``payload`` as JSON that is safe inside a ``<script>`` block of an HTML page.

    ``<``, ``>`` and ``&`` become ``\\u003c`` ... so no ``</script>`` or ``<!--`` in the data can
    end the block early; ``JSON.parse`` reads them back as the same characters.
    """
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(ASSETS), autoescape=select_autoescape(["j2"]))


@lru_cache(maxsize=1)
def _inline_assets() -> dict[str, Markup]:
    """The vis-network script and style (from pyvis's package) and ours, to inline."""
    return {
        "vis_js": Markup((VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")),
        "vis_css": Markup((VIS_DIR / "vis-network.css").read_text(encoding="utf-8")),
        "view_js": Markup((ASSETS / "view.js").read_text(encoding="utf-8")),
        "view_css": Markup((ASSETS / "view.css").read_text(encoding="utf-8")),
    }


def render_selection(selection: Selection, page: PageOptions | None = None) -> str:
    """The HTML page drawing ``selection``."""
    page = page or PageOptions()
    net, physics = build_network(selection.data)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    payload = {
        "meta": {
            "title": page.title,
            "apiBase": page.api_base,
            "served": page.served,
            "physics": physics,
            "truncated": selection.truncated,
            "nodeLimit": selection.node_limit,
            "totalNodes": selection.total_nodes,
            "totalEdges": selection.total_edges,
            "isolated": selection.isolated,
            "filter": _filter_json(selection.filter),
            "look": {
                "deniedColor": DENIED_COLOR,
                "dashes": _DASHES,
                "contestedExtraWidth": CONTESTED_EXTRA_WIDTH,
                "undatedOpacity": UNDATED_OPACITY,
                "hedgedOpacity": HEDGED_OPACITY,
            },
        },
        "legend": _legend(selection.data),
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
    }
    return (
        _environment()
        .get_template("view.html.j2")
        .render(
            title=page.title,
            selection=selection,
            data_json=page_json(payload),
            **_inline_assets(),
        )
    )


def render_view(
    data: GraphData,
    view: ViewFilter | None = None,
    *,
    node_limit: int = 1500,
    page: PageOptions | None = None,
) -> str:
    """The page for ``data`` after ``view``'s filter, capped at ``node_limit`` entities.

    The entry point for benchmarks and tests: ``data`` may come from a store
    (``read_graph``) or from a ``FactSet`` (``graph_data_from_facts``).
    """
    return render_selection(select_view(data, view or ViewFilter(), node_limit), page)
