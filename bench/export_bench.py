"""Export rate: the store read back and written as Turtle and N-Triples, in triples per second."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench.pieces import piece
from bench.report import Report, Row, at_least, fmt

EXPORT_TARGET = 200_000  # triples per second
EXPORT_MILLION_TARGET = 250_000  # issue 17: at 1M claims (and so linear in size)
MILLION = 1_000_000
FORMATS = (("nt", "N-Triples"), ("ttl", "Turtle"))  # N-Triples first: its lines count triples


def count_triples(ntriples: Path) -> int:
    """Triples in an N-Triples file: its non-blank, non-comment lines."""
    with ntriples.open("rb") as lines:
        return sum(1 for line in lines if line.strip() and not line.startswith(b"#"))


def measure_export(
    report: Report, size: str, backend: str, store: Any, folder: Path, claims: int
) -> None:
    """Rate of ``actorgraph export``'s work: read the store back, then write each format.

    The target applies to the whole (what a user waits for); the note gives the writing alone.
    """
    read_facts = piece("services.export", "read_facts_from_store")
    serialize = piece("services.export", "serialize_export")
    get_format = piece("services.export", "get_format")
    start = time.perf_counter()
    facts = read_facts(store)
    read_s = time.perf_counter() - start
    target = at_least(EXPORT_MILLION_TARGET if claims >= MILLION else EXPORT_TARGET, "triples/s")
    triples = 0
    for name, label in FORMATS:
        output = folder / f"export.{name}"
        start = time.perf_counter()
        serialize(facts, get_format(name), output)
        write_s = time.perf_counter() - start
        if name == "nt":
            triples = count_triples(output)
        rate = triples / (read_s + write_s)
        note = (
            f"{triples:,} triples; store read {fmt(read_s)} s + write {fmt(write_s)} s; "
            f"writing alone {fmt(triples / write_s)} triples/s"
        )
        report.add(
            Row(
                size,
                backend,
                f"export {label} (store to file)",
                rate,
                "triples/s",
                target,
                note,
                "the falkordb client parses the read-back's property maps in Python (two thirds "
                "of the read), and the writer builds a pyoxigraph quad per triple; dumping the "
                "SPARQL dataset the load wrote (Rust) would close it",
            )
        )
        output.unlink()
