"""The ``GRAPH.BULK`` encoder (``graph.falkordb_bulk``): the bytes it writes, and what it refuses.

The loaded graph itself is compared with the Cypher load's in
``tests/contract/test_falkordb_bulk.py``; these tests pin the encoding: the fast text path gives
the same bytes as the plain one, values match the format FalkorDB reads, and rows that cannot be
sent are refused before anything is sent.
"""

from __future__ import annotations

import dataclasses
import struct
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from bench.generate import generate_facts
from graph.falkordb_bulk import (
    Unencodable,
    _header,
    _record,
    _record_slowly,
    encode_graph,
    iter_calls,
)
from graph.model import GraphRows, graph_rows
from graph.store import Row, StoreError
from ontology.facts import Claim, Entity, FactSet, SourceDocument

TRICKY = 'a "quoted" \\ back\\slash, new\nline, tab\t, ’ʻ“” ناو 😀 {"json": [1]} bell\x07'


def _long(n: int) -> bytes:
    return b"\x04" + struct.pack("<q", n)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, b"\x00"),
        ("", b"\x03\x00"),
        ("ناو", b"\x03" + "ناو".encode() + b"\x00"),
        (True, b"\x01\x01"),
        (False, b"\x01\x00"),
        (0, _long(0)),
        (127, _long(127)),
        (128, _long(128)),
        (-1, _long(-1)),
        (2**40, _long(2**40)),
        (1.5, b"\x02" + struct.pack("<d", 1.5)),
        ([], b"\x05" + struct.pack("<q", 0)),
        (["x", "yz"], b"\x05" + struct.pack("<q", 2) + b"\x03x\x00\x03yz\x00"),
        ([1, None], b"\x05" + struct.pack("<q", 2) + _long(1) + b"\x00"),
    ],
)
def test_a_value_is_encoded_as_falkordb_reads_it(value: Any, expected: bytes) -> None:
    assert _record([value]) == expected
    assert _record_slowly([value]) == expected


@pytest.mark.parametrize(
    "values",
    [
        [TRICKY, None, "plain", [TRICKY, "b"], 3, True, False],
        [["s"] * 200, 1000, None],  # past the fast path's small counts
        [[["nested"]], "x"],
        [("tuple", "too"), 2.25],
        ["\ud83d\ude00 ok", "lone \ud800"],  # no UTF-8 for a lone surrogate
    ],
)
def test_the_fast_path_gives_the_plain_bytes(values: list[Any]) -> None:
    try:
        expected = _record_slowly(values)
    except Unencodable:
        with pytest.raises(Unencodable):
            _record(values)
        return
    assert _record(values) == expected


@pytest.mark.parametrize(
    "values",
    [["nul \x00 inside"], [["ok", "nul\x00"]], [{"a": 1}], ["lone \ud800"], [object()]],
)
def test_values_the_format_cannot_carry_are_refused(values: list[Any]) -> None:
    with pytest.raises(Unencodable):
        _record(values)


@pytest.mark.parametrize("name", ["Entity:Bad Label", "A\x00B", "", "Entity:", "1st"])
def test_labels_must_be_plain_names(name: str) -> None:
    with pytest.raises(Unencodable):
        _header(name, ("id",))


def test_small_calls_carry_every_node_and_edge_once() -> None:
    rows = graph_rows(generate_facts(300, seed=2))
    whole = encode_graph(rows)
    assert len(whole) == 1
    nodes, edges = whole[0].nodes, whole[0].edges
    assert nodes == rows.entity_count + len(rows.sources) + len(rows.claims)
    assert edges == rows.edge_count + rows.provenance_edge_count
    limit = 2000
    calls = encode_graph(rows, limit)
    assert len(calls) > 10
    assert sum(c.nodes for c in calls) == nodes and sum(c.edges for c in calls) == edges
    for call in calls:
        blocks = call.node_blocks + call.edge_blocks
        assert call.size == sum(map(len, blocks))
        assert call.size <= limit or len(blocks) == 1
        assert call.args()[:4] == [
            call.nodes,
            call.edges,
            len(call.node_blocks),
            len(blocks) - len(call.node_blocks),
        ]
    seen_edges = False
    for call in calls:  # every node block is sent before the first edge block
        assert not (seen_edges and call.node_blocks)
        seen_edges = seen_edges or bool(call.edge_blocks)


def _facts(**claims: Claim) -> FactSet:
    return FactSet(
        sources={"s": SourceDocument("s", "s.txt", "T", "P", "a", "2024")},
        entities={"a": Entity("a", "A", "armed_group"), "b": Entity("b", "B", "state")},
        claims=dict(claims),
    )


@pytest.mark.parametrize(
    ("claim", "missing"),
    [
        (Claim("c", "a", "hostile_to", "nobody", "s", "q", "a", "asserts"), "nobody"),
        (Claim("c", "a", "hostile_to", "b", "s", "q", "ghost", "asserts"), "ghost"),
        (Claim("c", "a", "hostile_to", "b", "elsewhere", "q", "a", "asserts"), "elsewhere"),
    ],
)
def test_a_row_naming_a_missing_id_is_refused(claim: Claim, missing: str) -> None:
    with pytest.raises(StoreError, match=missing):
        encode_graph(graph_rows(_facts(c=claim)))


def test_a_source_whose_author_is_missing_is_refused() -> None:
    facts = _facts()
    facts.sources["s2"] = SourceDocument("s2", "s2.txt", "T", "P", "nobody", "2024")
    with pytest.raises(StoreError, match="nobody"):
        encode_graph(graph_rows(facts))


class _Counted(Sequence[Row]):
    """Rows that count how many were read."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self.rows, self.read = rows, 0

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: Any) -> Any:
        return self.rows[index]

    def __iter__(self) -> Iterator[Row]:
        for row in self.rows:
            self.read += 1
            yield row


def test_calls_are_encoded_one_at_a_time_reading_each_row_once() -> None:
    rows = graph_rows(generate_facts(300, seed=2))
    claims = _Counted(rows.claims)
    edges = {rel: _Counted(group) for rel, group in rows.edges.items()}
    counted = dataclasses.replace(rows, claims=claims, edges=dict(edges))
    read_at_each_call = []
    for _ in iter_calls(counted, 2000):
        read_at_each_call.append(claims.read + sum(e.read for e in edges.values()))
    total = len(rows.claims) + rows.edge_count
    assert read_at_each_call[-1] == total, "every row is read once"
    middle = [n for n in read_at_each_call if 0 < n < total]
    assert len(middle) > 10, "calls are given out while the rows are still being read"


def test_rows_built_when_read_encode_as_rows_held_in_lists() -> None:
    rows = graph_rows(generate_facts(300, seed=2))
    held = GraphRows(
        entities=rows.entities,
        sources=rows.sources,
        claims=list(rows.claims),
        edges={rel: list(group) for rel, group in rows.edges.items()},
    )
    assert list(rows.claims) == list(rows.claims) == held.claims  # the same rows each read
    assert rows.claims[3:5] == held.claims[3:5] and rows.claims[-1] == held.claims[-1]
    assert encode_graph(rows, 2000) == encode_graph(held, 2000)
