"""GraphML for yEd, Cytoscape desktop, networkx and igraph: typed keys, written as it goes.

Every attribute is a ``<key>`` with its GraphML type (``string``, ``int``, ``boolean``), so
readers get numbers as numbers; the valid periods are one text attribute (GraphML has no
time). Edges are directed, with ``symmetric`` marking those that hold both ways, and carry
their id, so parallel relations between two entities stay apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from services.export.attributes import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Attribute, Value
from services.export.network import Network

_TYPES = {"string": "string", "integer": "int", "boolean": "boolean"}


def _text(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _keys[T](kind: str, attributes: tuple[Attribute[T], ...]) -> str:
    return "".join(
        f'  <key id="{kind[0]}_{a.name}" for="{kind}" attr.name={quoteattr(a.name)} '
        f'attr.type="{_TYPES[a.type]}"/>\n'
        for a in attributes
    )


def _data[T](kind: str, attributes: tuple[Attribute[T], ...], item: T) -> str:
    cells = []
    for a in attributes:
        value = a.value(item)
        if value is not None:
            cells.append(f'<data key="{kind[0]}_{a.name}">{escape(_text(value))}</data>')
    return "".join(cells)


def write_graphml(network: Network, description: str) -> Iterator[bytes]:
    """The GraphML document, a chunk per node or edge."""
    node_attributes, edge_attributes = NODE_ATTRIBUTES, EDGE_ATTRIBUTES
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
        '  <key id="n_label" for="node" attr.name="label" attr.type="string"/>\n'
        '  <key id="e_label" for="edge" attr.name="label" attr.type="string"/>\n'
        + _keys("node", node_attributes)
        + _keys("edge", edge_attributes)
        + f'  <graph id={quoteattr(description)} edgedefault="directed">\n'
    ).encode()
    for node in network.nodes:
        yield (
            f'    <node id={quoteattr(node.id)}><data key="n_label">{escape(node.label)}</data>'
            f"{_data('node', node_attributes, node)}</node>\n"
        ).encode()
    for edge in network.edges:
        yield (
            f"    <edge id={quoteattr(edge.id)} source={quoteattr(edge.subject)} "
            f'target={quoteattr(edge.object)}><data key="e_label">{escape(edge.label)}</data>'
            f"{_data('edge', edge_attributes, edge)}</edge>\n"
        ).encode()
    yield b"  </graph>\n</graphml>\n"
