"""Node positions computed on the server, for views too large for the browser's physics.

A force simulation in the browser settles the curated graph (a couple of hundred entities) in
about a second, but thousands of entities would keep it busy for long. Above
``BROWSER_PHYSICS_LIMIT`` the server lays the graph out once and the page draws it still:
networkx's spring layout places the best-connected ``BACKBONE`` entities (its dense solver, fast
below 500 nodes and needing no SciPy), then every other entity goes on a small ring around its
best-placed neighbour, or on an outer ring when it has none. That is linear after the backbone,
so 5,000 entities take well under a second.
"""

from __future__ import annotations

import math
import random

import networkx as nx

from .model import GraphData

BROWSER_PHYSICS_LIMIT = 400
"""Views with more entities than this are laid out on the server and drawn without physics."""

BACKBONE = 450
SCALE = 60.0  # canvas units per unit of the spring layout's box, times sqrt(backbone size)


def _backbone_positions(data: GraphData, ids: list[str]) -> dict[str, tuple[float, float]]:
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(ids)
    keep = set(ids)
    for edge in data.edges:
        if edge.subject in keep and edge.object in keep and edge.subject != edge.object:
            graph.add_edge(edge.subject, edge.object)
    spread = SCALE * math.sqrt(len(ids))
    pos = nx.spring_layout(graph, seed=7, iterations=60, scale=spread)
    return {n: (float(xy[0]), float(xy[1])) for n, xy in pos.items()}


def server_layout(data: GraphData) -> dict[str, tuple[float, float]]:
    """Positions (canvas units) for every node of ``data``."""
    degree = data.degrees()
    ranked = sorted(data.nodes, key=lambda i: (-degree[i], i))
    positions = _backbone_positions(data, ranked[:BACKBONE])
    neighbours: dict[str, list[str]] = {}
    for edge in data.edges:
        neighbours.setdefault(edge.subject, []).append(edge.object)
        neighbours.setdefault(edge.object, []).append(edge.subject)
    rng = random.Random(7)
    satellites: dict[str, int] = {}
    radius = max((math.hypot(x, y) for x, y in positions.values()), default=100.0)
    lonely = 0
    rest = ranked[BACKBONE:]
    for node in rest:
        anchors = [n for n in neighbours.get(node, ()) if n in positions]
        if anchors:
            anchor = max(anchors, key=lambda n: (degree[n], n))
            slot = satellites.get(anchor, 0)
            satellites[anchor] = slot + 1
            ring = 40.0 + 18.0 * (slot // 12)
            angle = slot * (2 * math.pi / 12) + rng.random() * 0.4
            ax, ay = positions[anchor]
            positions[node] = (ax + ring * math.cos(angle), ay + ring * math.sin(angle))
        else:
            angle = lonely * 2.399963  # golden angle: an even spiral for the unconnected
            r = radius * 1.15 + 6.0 * math.sqrt(lonely)
            positions[node] = (r * math.cos(angle), r * math.sin(angle))
            lonely += 1
    return positions
