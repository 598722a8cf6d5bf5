"""The CSV tables: entities, relations (one row each, symmetric ones once), claims, sources.

Plain UTF-8 with a header row, one file per table, for spreadsheets (LibreOffice, Excel),
pandas and R. ``claims.csv`` has one row per claim with the relation it backs (``relation_id``,
the id ``relations.csv`` gives it) and the columns ``actorgraph import`` reads back, so an
exported table can be edited and imported again. The API sends the four as one zip, built as
it is sent; the CLI writes a zip or a folder.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from loaders.spreadsheet_rows import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from services.export.attributes import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Value
from services.export.network import Network, network_node

Row = list[Value]
Table = tuple[list[str], Callable[[Network], Iterator[Row]]]


def _entities(network: Network) -> Iterator[Row]:
    for entity in network.named_entities():  # ends and claimants: claims.csv names them all
        node = network_node(entity)
        yield [node.id, node.label, *(a.value(node) for a in NODE_ATTRIBUTES)]


def _relations(network: Network) -> Iterator[Row]:
    names = {e.id: e.name for e in network.facts.entities.values()}
    for edge in network.edges:
        yield [
            edge.id,
            edge.subject,
            names.get(edge.subject),
            edge.object,
            names.get(edge.object),
            *(a.value(edge) for a in EDGE_ATTRIBUTES),
        ]


CLAIM_COLUMNS = REQUIRED_COLUMNS + tuple(c for c in OPTIONAL_COLUMNS if c != "id")
"""The claim's own columns, in the order of the columns ``actorgraph import`` reads."""


def _claims(network: Network) -> Iterator[Row]:
    for edge, claim, cite in network.claim_rows():
        yield [
            claim.id,
            edge.id,
            *(getattr(claim, column) or None for column in CLAIM_COLUMNS),
            network.facts.entities[claim.subject].name,
            network.facts.entities[claim.object].name,
            cite.source_title,
            cite.claimant_name,
        ]


def _sources(network: Network) -> Iterator[Row]:
    for s in network.cited_sources():
        yield [s.id, s.title, s.publisher, s.author, s.published, s.url, s.file]


TABLES: dict[str, Table] = {
    "entities.csv": (["id", "name", *(a.name for a in NODE_ATTRIBUTES)], _entities),
    "relations.csv": (
        ["id", "subject", "subject_name", "object", "object_name"]
        + [a.name for a in EDGE_ATTRIBUTES],
        _relations,
    ),
    "claims.csv": (
        [
            "id",
            "relation_id",
            *CLAIM_COLUMNS,
            "subject_name",
            "object_name",
            "source_title",
            "claimant_name",
        ],
        _claims,
    ),
    "sources.csv": (["id", "title", "publisher", "author", "published", "url", "file"], _sources),
}
"""Each table's file name, header and rows."""


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def table_lines(network: Network, name: str) -> Iterator[str]:
    """The lines of one table, header first."""
    header, rows = TABLES[name]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows(network):
        writer.writerow([_cell(v) for v in row])
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


class _Chunks(io.RawIOBase):
    """A write-only stream that hands over what was written since the last ``take``."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        chunk = bytes(data)  # type: ignore[call-overload]
        self._parts.append(chunk)
        return len(chunk)

    def take(self) -> bytes:
        out, self._parts = b"".join(self._parts), []
        return out


def write_tables_zip(network: Network, description: str) -> Iterator[bytes]:
    """The four tables as one zip archive (and a README line), produced as it is read."""
    sink = _Chunks()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", f"actorgraph export: {description}\n")
        yield sink.take()
        for name in TABLES:
            with archive.open(name, "w") as member:
                for text in table_lines(network, name):
                    member.write(text.encode("utf-8"))
                    yield sink.take()
    yield sink.take()


def write_tables_folder(network: Network, folder: Path) -> list[Path]:
    """The four tables as files in ``folder`` (created), each written whole."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        path = folder / name
        with path.open("w", encoding="utf-8", newline="") as out:
            for text in table_lines(network, name):
                out.write(text)
        written.append(path)
    return written
