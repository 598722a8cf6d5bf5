"""GEXF 1.3 for Gephi: the network with its attributes and time spells, written as it goes.

Each relation's valid periods become its ``<spells>`` (a relation asserted for 1996-2001 and
again from 2021-08 has two), so Gephi's timeline plays the graph; an open end is left out of
the spell, as GEXF reads it (unbounded). A relation no claim dates has no spell, which Gephi
shows at every time: the ``dated`` attribute (false) says so, for filtering. Edges are
directed (networkx reads no mixed graph); ``symmetric`` marks those that hold both ways.
Dates are days (``timeformat="date"``): a period's first and last day.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from services.export.attributes import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Attribute, Value
from services.export.network import Network, NetworkEdge

NAMESPACE = "http://gexf.net/1.3"


def _value(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _declare[T](kind: str, attributes: tuple[Attribute[T], ...]) -> str:
    lines = [f'    <attributes class="{kind}" mode="static">']
    for index, a in enumerate(attributes):
        lines.append(
            f'      <attribute id="{kind[0]}{index}" title={quoteattr(a.name)} type="{a.type}"/>'
        )
    lines.append("    </attributes>")
    return "\n".join(lines) + "\n"


def _values[T](kind: str, attributes: tuple[Attribute[T], ...], item: T) -> str:
    cells = []
    for index, a in enumerate(attributes):
        value = a.value(item)
        if value is not None:
            cells.append(f'<attvalue for="{kind[0]}{index}" value={quoteattr(_value(value))}/>')
    return "<attvalues>" + "".join(cells) + "</attvalues>" if cells else ""


def _spells(edge: NetworkEdge) -> str:
    spells = []
    for p in edge.periods:
        start = f" start={quoteattr(p.first_day)}" if p.valid_from else ""
        end = f" end={quoteattr(p.last_day)}" if p.valid_until else ""
        spells.append(f"<spell{start}{end}/>")
    return "<spells>" + "".join(spells) + "</spells>" if spells else ""


def write_gexf(network: Network, description: str) -> Iterator[bytes]:
    """The GEXF document, a chunk per node or edge."""
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<gexf xmlns="{NAMESPACE}" version="1.3">\n'
        f"  <meta><creator>actorgraph</creator><description>{escape(description)}"
        "</description></meta>\n"
        '  <graph mode="dynamic" defaultedgetype="directed" timeformat="date" '
        'timerepresentation="interval">\n'
    ).encode()
    node_attributes, edge_attributes = NODE_ATTRIBUTES, EDGE_ATTRIBUTES
    yield (_declare("node", node_attributes) + _declare("edge", edge_attributes)).encode()
    yield b"    <nodes>\n"
    for node in network.nodes:
        values = _values("node", node_attributes, node)
        yield (
            f"      <node id={quoteattr(node.id)} label={quoteattr(node.label)}>{values}</node>\n"
        ).encode()
    yield b"    </nodes>\n    <edges>\n"
    for edge in network.edges:
        values = _values("edge", edge_attributes, edge)
        yield (
            f"      <edge id={quoteattr(edge.id)} source={quoteattr(edge.subject)} "
            f"target={quoteattr(edge.object)} label={quoteattr(edge.label)} "
            f'weight="{edge.source_count}">{values}{_spells(edge)}</edge>\n'
        ).encode()
    yield b"    </edges>\n  </graph>\n</gexf>\n"
