"""FalkorDB's result values as plain Python: what every read of the embedded store returns."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from falkordb import Edge, Node
from falkordb import Path as GraphPath

from graph.store import Row

_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """A FalkorDB result value as plain Python (nodes, edges and paths become dicts).

    Runs on every value of every row, so the common cases (scalars, lists, dicts) are checked
    first by exact type: this conversion was most of the cost of a read before.
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [_plain(v) for v in value]
    if kind is dict or kind is OrderedDict:  # FalkorDB returns maps as OrderedDict
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Node):
        return {**{k: _plain(v) for k, v in value.properties.items()}, "labels": value.labels}
    if isinstance(value, Edge):
        props = {k: _plain(v) for k, v in value.properties.items()}
        return {**props, "type": value.relation}
    if isinstance(value, GraphPath):
        return {
            "nodes": [_plain(n) for n in value.nodes()],
            "relationships": [_plain(e) for e in value.edges()],
        }
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def rows_of(result: Any) -> list[Row]:
    """The rows of a ``QueryResult``, as dicts of plain values."""
    columns = [str(h[1]) for h in result.header]
    return [dict(zip(columns, (_plain(v) for v in row), strict=True)) for row in result.result_set]
