"""The property graph's rows as FalkorDB ``GRAPH.BULK`` commands: a new graph in a few calls.

``GRAPH.BULK <key> BEGIN ...`` builds a graph under a key that must not exist yet, from binary
blocks of nodes and edges, without parsing any Cypher: several times faster than ``UNWIND``
statements, whose parameters falkordb-py must also turn into Cypher literals. It fits
``FalkorDBStore.replace_graph``, which builds every load under a fresh key anyway; the pointer
flip that makes the new graph visible stays where it was. The command is replicated verbatim, so
it lands in the append-only log like any write.

The block format (FalkorDB ``src/bulk_insert/bulk_insert.c``; what ``falkordb-bulk-loader``
writes from CSV files), in native byte order:

- a node block: labels joined by ``:`` and NUL-terminated, the property count (4 bytes), the
  NUL-terminated property names; then per node one value per property.
- an edge block: the relationship type, the count and the names likewise; then per edge the
  source and destination node ids (8 bytes each) and one value per property.
- a value: a type byte, then nothing (null: the property is left out, as ``CREATE`` does with a
  null), one byte (bool), 8 bytes (long, double), a NUL-terminated UTF-8 string, or an 8-byte
  length and that many values (array).

Node ids are given by the server in the order nodes are sent (0, 1, ... in a new graph), which
is how edges name their ends. Strings are NUL-terminated, so a string holding a NUL character
cannot be sent: ``iter_calls`` raises ``Unencodable`` and the caller deletes what was sent and
writes with Cypher. Calls are encoded one at a time, each while the one before is sent.
Labels and types are checked to be plain names; the loader checks them against the ontology's
vocabulary first.

The graph written is the one ``queries/cypher/load_*.cypher`` write: same labels, properties,
edges and directions (the contract suite compares whole dumps of both).
"""

from __future__ import annotations

import re
import struct
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from graph.model import GraphRows
from graph.shape import CLAIM, ENTITY, RELATION, SOURCE, claim_links, link_column, source_links
from graph.store import Row, StoreError

MAX_CALL_BYTES = 16_000_000  # per GRAPH.BULK call; streaming holds about three at once

# property names per block, in the order graph/shape.py declares them
ENTITY_PROPS = ENTITY.names
SOURCE_PROPS = SOURCE.names
CLAIM_PROPS = CLAIM.names
EDGE_PROPS = RELATION.names
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_NULL = b"\x00"
_TRUE = b"\x01\x01"
_FALSE = b"\x01\x00"
_STRING = b"\x03"
_END = b"\x00"
_LONG = struct.Struct("=Bq").pack  # type byte 4, then the value
_DOUBLE = struct.Struct("=Bd").pack  # type byte 2, then the value
_ARRAY = struct.Struct("=Bq").pack  # type byte 5, then the length
_ENDS = struct.Struct("=QQ").pack  # an edge's source and destination node ids
_COUNT = struct.Struct("=I").pack
# the fast path's ASCII pieces: type byte, then a value 0..127 as 8 little-endian bytes
_SMALL_MAX = 128 if sys.byteorder == "little" else 0
_SMALL_LONG = [f"\x04{chr(n)}" + "\x00" * 7 for n in range(_SMALL_MAX)]
_SMALL_ARRAY = [f"\x05{chr(n)}" + "\x00" * 7 for n in range(_SMALL_MAX)]


class Unencodable(ValueError):
    """A value the bulk format cannot carry (a string with a NUL character, an unknown type)."""


@dataclass
class BulkCall:
    """The arguments of one ``GRAPH.BULK`` call after the key (and ``BEGIN`` on the first)."""

    nodes: int = 0
    edges: int = 0
    node_blocks: list[bytes] = field(default_factory=list)
    edge_blocks: list[bytes] = field(default_factory=list)
    size: int = 0

    def args(self) -> list[Any]:
        """Node count, edge count, block counts, then the blocks: nodes before edges."""
        counts = [self.nodes, self.edges, len(self.node_blocks), len(self.edge_blocks)]
        return [*counts, *self.node_blocks, *self.edge_blocks]


def _value(value: Any, out: list[bytes]) -> None:
    """Append the encoding of ``value`` to ``out``: any value the format carries."""
    if value is None:
        out.append(_NULL)
    elif isinstance(value, str):
        out += (_STRING, _utf8(value), _END)
    elif value is True:
        out.append(_TRUE)
    elif value is False:
        out.append(_FALSE)
    elif isinstance(value, int):
        out.append(_LONG(4, value))
    elif isinstance(value, float):
        out.append(_DOUBLE(2, value))
    elif isinstance(value, list | tuple):
        out.append(_ARRAY(5, len(value)))
        for item in value:
            _value(item, out)
    else:
        raise Unencodable(f"a value of type {type(value).__name__} has no bulk encoding")


def _utf8(text: str) -> bytes:
    if "\x00" in text:
        raise Unencodable("a string holds a NUL character, which GRAPH.BULK cannot carry")
    try:
        return text.encode()
    except UnicodeEncodeError as exc:  # a lone surrogate: no UTF-8 for it, in Cypher neither
        raise Unencodable(f"a string cannot be encoded as UTF-8: {exc}") from exc


def _record(values: Sequence[Any]) -> bytes:
    """The encoding of one node's or edge's ``values``, the same bytes ``_value`` gives.

    The fast path for what rows hold (strings, nulls, bools, small counts, lists of strings):
    every piece is text, and the type bytes, a small count's 8 bytes (little-endian) and the
    NUL terminators are all ASCII, which UTF-8 keeps as they are, so the record is built as
    one string and encoded once. Anything else takes ``_value``.
    """
    parts: list[str] = []
    for value in values:
        kind = type(value)
        if value is None:
            parts.append("\x00")
        elif kind is str and "\x00" not in value:
            parts.append(f"\x03{value}\x00")
        elif kind is bool:
            parts.append("\x01\x01" if value else "\x01\x00")
        elif kind is int and 0 <= value < _SMALL_MAX:
            parts.append(_SMALL_LONG[value])
        elif kind is list and len(value) < _SMALL_MAX and _plain_strings(value):
            parts.append(_SMALL_ARRAY[len(value)])
            parts += [f"\x03{item}\x00" for item in value]
        else:
            return _record_slowly(values)
    try:
        return "".join(parts).encode()
    except UnicodeEncodeError:
        return _record_slowly(values)


def _record_slowly(values: Sequence[Any]) -> bytes:
    out: list[bytes] = []
    for value in values:
        _value(value, out)
    return b"".join(out)


def _plain_strings(items: list[Any]) -> bool:
    return all(type(item) is str and "\x00" not in item for item in items)


def _header(name: str, props: Sequence[str]) -> bytes:
    """A block's header: labels or type, the property count and names."""
    for part in name.split(":"):
        if not _NAME.match(part):
            raise Unencodable(f"{name!r} is not a plain label or relationship type")
    names = b"".join(p.encode() + _END for p in props)
    return name.encode() + _END + _COUNT(len(props)) + names


def _blocks(header: bytes, records: Iterable[bytes], limit: int) -> Iterator[tuple[bytes, int]]:
    """``header`` + records, cut into blocks of at most ``limit`` bytes; with record counts.

    A block holds at least one record, so one record larger than ``limit`` fills a block.
    """
    parts, size, count = [header], len(header), 0
    for record in records:
        if count and size + len(record) > limit:
            block, parts = b"".join(parts), [header]  # the parts are let go before the yield
            yield block, count
            size, count = len(header), 0
        parts.append(record)
        size += len(record)
        count += 1
    if count:
        yield b"".join(parts), count


def _node_records(rows: Sequence[Row], props: Sequence[str]) -> Iterator[bytes]:
    values = itemgetter(*props)  # props has several names, so this gives a tuple
    for row in rows:
        yield _record(values(row))


class _Ids:
    """Node ids in the order nodes are sent, by label family and ``id`` property."""

    def __init__(self) -> None:
        self.entities: dict[str, int] = {}
        self.sources: dict[str, int] = {}
        self.next = 0

    def add(self, table: dict[str, int], rows: Sequence[Row], what: str) -> None:
        for row in rows:
            if row["id"] in table:
                raise StoreError(f"{what}: id {row['id']!r} appears twice")
            table[row["id"]] = self.next
            self.next += 1


def _missing(what: str, row: Row, key: str) -> StoreError:
    return StoreError(
        f"{what}: {key} {row[key]!r} is not in the graph; a row names an id that is not in the "
        "graph (validate the facts first)"
    )


def _link_ends(rows: Sequence[Row], ids: _Ids, domain: str, what: str) -> dict[str, list[int]]:
    """Node ids of what each row's provenance links name, by link type; all must exist."""
    ends = _LinkEnds(ids, domain, what)
    for row in rows:
        ends.add(row)
    return {rel: list(column) for rel, column in ends.columns.items()}


class _LinkEnds:
    """The node ids each row's provenance links name, by link type, kept as 8-byte integers."""

    def __init__(self, ids: _Ids, domain: str, what: str) -> None:
        links = claim_links() if domain == "Claim" else source_links()
        self.columns = {link.graph_type: array("Q") for link in links}
        self._keys = [
            (link_column(link), ids.sources if link.range == "Source" else ids.entities,
             self.columns[link.graph_type])
            for link in links
        ]  # fmt: skip
        self._what = what
        self.rows = 0

    def add(self, row: Row) -> None:
        """Record the ends of ``row``'s links; ``StoreError`` when one names a missing id."""
        self.rows += 1
        for key, table, column in self._keys:
            try:
                column.append(table[row[key]])
            except KeyError:
                raise _missing(self._what, row, key) from None


def _claim_records(rows: Iterable[Row], ends: _LinkEnds, props: Sequence[str]) -> Iterator[bytes]:
    """The claims' node records, taking the ends of their provenance links on the way."""
    values = itemgetter(*props)
    for row in rows:
        ends.add(row)
        yield _record(values(row))


def _edge_records(
    rows: Iterable[Row], ids: _Ids, rel_type: str, props: Sequence[str]
) -> Iterator[bytes]:
    """Relation edges: both ends' node ids, then the properties; every end must exist."""
    values = itemgetter(*props)
    for row in rows:
        for key in ("subject_id", "object_id"):
            if row[key] not in ids.entities:
                raise _missing(rel_type, row, key)
        ends = _ENDS(ids.entities[row["subject_id"]], ids.entities[row["object_id"]])
        yield ends + _record(values(row))


def _bare_edges(
    header: bytes, starts: Sequence[int], ends: Sequence[int], limit: int
) -> Iterator[tuple[bytes, int]]:
    """Blocks of edges without properties: the header, then (start, end) pairs of 8 bytes."""
    step = max(1, (limit - len(header)) // 16)
    for first in range(0, len(starts), step):
        chunk = starts[first : first + step]
        pairs = array("Q", [0]) * (2 * len(chunk))
        pairs[0::2] = array("Q", chunk)
        pairs[1::2] = array("Q", ends[first : first + step])
        yield header + pairs.tobytes(), len(chunk)


def encode_graph(rows: GraphRows, limit: int = MAX_CALL_BYTES) -> list[BulkCall]:
    """Every ``GRAPH.BULK`` call of ``iter_calls``, in order (all of them held: for tests)."""
    return list(iter_calls(rows, limit))


def iter_calls(rows: GraphRows, limit: int = MAX_CALL_BYTES) -> Iterator[BulkCall]:
    """The ``GRAPH.BULK`` calls that build the graph of ``rows`` in a new key, in order.

    Each call is encoded when the one before it has been taken, so a caller that sends each
    before taking the next holds one call and one block, never every row or block: claim and
    relation rows are read once, as they are encoded. Node ids are given in send order, so all
    nodes come first (entities, sources, claims), keeping only a map of entity and source ids
    and the ends of each claim's provenance links (8 bytes each); then the provenance edges,
    then the relation edges. Raises ``StoreError`` when a row names an id that is not in the
    graph (as the Cypher load does) and ``Unencodable`` when a value cannot be sent this way,
    possibly after calls were taken. Each call carries at most ``limit`` bytes of blocks (or one
    block, when that is larger).
    """
    ids = _Ids()
    calls = _Calls(limit)
    for (kind, label), group in rows.entities.items():
        ids.add(ids.entities, group, f"entities :{kind}:{label}")
        header = _header(f"Entity:{kind}:{label}", ENTITY_PROPS)
        yield from calls.add(_blocks(header, _node_records(group, ENTITY_PROPS), limit))
    ids.add(ids.sources, rows.sources, "sources")
    header = _header("Source", SOURCE_PROPS)
    yield from calls.add(_blocks(header, _node_records(rows.sources, SOURCE_PROPS), limit))
    first_claim = ids.next
    claim_ends = _LinkEnds(ids, "Claim", "claims")
    records = _claim_records(rows.claims, claim_ends, CLAIM_PROPS)
    yield from calls.add(_blocks(_header("Claim", CLAIM_PROPS), records, limit))

    sources = [ids.sources[row["id"]] for row in rows.sources]
    for rel, ends_of in _link_ends(rows.sources, ids, "Source", "sources").items():
        yield from calls.add(_bare_edges(_header(rel, ()), sources, ends_of, limit), nodes=False)
    claims = range(first_claim, first_claim + claim_ends.rows)
    for rel, column in claim_ends.columns.items():
        yield from calls.add(_bare_edges(_header(rel, ()), claims, column, limit), nodes=False)
    for rel_type, relations in rows.edges.items():
        header = _header(rel_type, EDGE_PROPS)
        records = _edge_records(relations, ids, rel_type, EDGE_PROPS)
        yield from calls.add(_blocks(header, records, limit), nodes=False)
    yield calls.last()


class _Calls:
    """Blocks packed into calls of at most ``limit`` bytes as they come (one block may fill a
    call); a call is given out when the next block does not fit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._call = BulkCall()

    def add(self, blocks: Iterable[tuple[bytes, int]], nodes: bool = True) -> Iterator[BulkCall]:
        """Add ``blocks`` (node blocks, or edge blocks once every node was added); give out
        each call that is full."""
        for block, count in blocks:
            call = self._call
            if call.size and call.size + len(block) > self.limit:
                yield call
                call = self._call = BulkCall()
            if nodes:
                call.node_blocks.append(block)
                call.nodes += count
            else:
                call.edge_blocks.append(block)
                call.edges += count
            call.size += len(block)

    def last(self) -> BulkCall:
        """The call being filled (an empty one for an empty graph: it still makes the key)."""
        call, self._call = self._call, BulkCall()
        return call


def bulk_insert(
    client: Any, key: str, rows: GraphRows, limit: int = MAX_CALL_BYTES
) -> tuple[int, int]:
    """Build the graph of ``rows`` under the new ``key``; returns (nodes, edges) created.

    ``key`` must not exist (``GRAPH.BULK ... BEGIN`` refuses an existing key). Each call is
    sent as soon as it is encoded (``iter_calls``), so a row that cannot be sent
    (``StoreError``, ``Unencodable``) or a failed call may come after some calls were sent:
    the key then holds a partial graph that the caller must delete, as with any failed build.
    ``limit`` bounds the bytes per call.
    """
    nodes = edges = 0
    for index, call in enumerate(iter_calls(rows, limit)):
        begin = ["BEGIN"] if index == 0 else []
        client.execute_command("GRAPH.BULK", key, *begin, *call.args())
        nodes += call.nodes
        edges += call.edges
        del call  # not held while the next call is encoded
    return nodes, edges
