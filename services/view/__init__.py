"""The interactive network view: choose a part of the graph, draw it as one offline HTML page.

``select`` reads and filters the graph, ``layout`` places large views on the server, ``render``
builds the page with pyvis and the assets in ``assets/``.
"""

from .model import GraphData, ViewEdge, ViewNode, graph_data_from_facts
from .render import PageOptions, render_selection, render_view
from .select import (
    Selection,
    ViewFilter,
    ViewParameterError,
    make_filter,
    read_graph,
    select_view,
)

__all__ = [
    "GraphData",
    "PageOptions",
    "Selection",
    "ViewEdge",
    "ViewFilter",
    "ViewNode",
    "ViewParameterError",
    "graph_data_from_facts",
    "make_filter",
    "read_graph",
    "render_selection",
    "render_view",
    "select_view",
]
