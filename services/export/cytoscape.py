"""Cytoscape.js elements JSON, which Cytoscape desktop imports too (File > Import > Network).

``{"data": {...}, "elements": {"nodes": [{"data": {"id", "name", ...}}], "edges": [{"data":
{"id", "source", "target", "interaction", ...}}]}}``: every attribute of ``attributes`` under
its name; ``interaction`` is the relation's label, as Cytoscape names an edge's type. Written
element by element.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from services.export.attributes import EDGE_ATTRIBUTES, NODE_ATTRIBUTES
from services.export.network import Network


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_cytoscape(network: Network, description: str) -> Iterator[bytes]:
    """The elements document, a chunk per element."""
    yield (
        '{"format_version":"1.0","generated_by":"actorgraph","data":'
        + _json({"name": description})
        + ',"elements":{"nodes":['
    ).encode()
    for index, node in enumerate(network.nodes):
        node_data: dict[str, Any] = {"id": node.id, "name": node.label}
        node_data.update({a.name: a.value(node) for a in NODE_ATTRIBUTES})
        yield (("," if index else "") + _json({"data": node_data})).encode()
    yield b'],"edges":['
    for index, edge in enumerate(network.edges):
        data: dict[str, Any] = {
            "id": edge.id,
            "source": edge.subject,
            "target": edge.object,
            "interaction": edge.label,
        }
        data.update({a.name: a.value(edge) for a in EDGE_ATTRIBUTES})
        data["period_list"] = [
            {"valid_from": p.valid_from, "valid_until": p.valid_until} for p in edge.periods
        ]
        yield (("," if index else "") + _json({"data": data})).encode()
    yield b"]}}\n"
