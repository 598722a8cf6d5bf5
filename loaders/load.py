"""Writing a ``FactSet`` into a graph store: batched, parameterised, atomic, idempotent.

The whole graph is rebuilt on every load inside ``GraphStore.replace_graph``: readers see the
old graph until the new one is complete (FalkorDB builds under a new key and flips a pointer,
Neo4j stages the new graph in batches and relabels it live in one transaction). Rebuilding
from scratch is what makes a load idempotent: the same facts always give the same nodes, edges
and properties, so the statements can ``CREATE`` (fast) instead of ``MERGE``.

Rows go through ``UNWIND $rows AS row`` in batches. Cypher cannot take a label or a
relationship type as a parameter, so the statements in ``queries/cypher/load_*.cypher`` hold
placeholders (``{kind}``, ``{label}``, ``{rel_type}``) that ``_fill`` replaces, and ``_fill``
accepts only names in the ontology's vocabulary (``ontology/vocabulary.py``): no input text ever
becomes Cypher.

A writer may offer a faster way to write the same graph: ``GraphWriter.bulk_load(rows)`` (the
embedded FalkorDB store's writer sends binary ``GRAPH.BULK`` blocks). ``write_rows`` offers the
rows to it first, after the same vocabulary check, then creates the same indexes; when it
declines (every writer does by default) the Cypher statements write them.

Data made from the same facts can be flipped with the graph (``DerivedData``; the SPARQL dataset,
``services.sparql.dataset``): built once the new graph is written, before it replaces the old
one, and published under the generation the store committed, so a reader finds it for the graph
it reads, and never a half-written one.
"""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from types import TracebackType
from typing import Self

from graph.model import GraphRows, graph_rows
from graph.store import GraphStore, GraphWriter, Row, StoreError
from ontology.facts import FactSet
from ontology.vocabulary import Vocabulary, vocabulary
from queries.catalog import get_query

log = logging.getLogger(__name__)

BATCH_SIZE = 10_000  # rows per UNWIND: few round trips, each parameter header a few MB at most


@dataclass(frozen=True)
class LoadReport:
    """What a load wrote and how long it took."""

    entities: int
    sources: int
    claims: int
    relations: int  # relation edges between entities
    provenance_edges: int  # SUBJECT, OBJECT, CITES, CLAIMED_BY, WRITTEN_BY
    seconds: float  # the whole load, derived data included
    derived_seconds: float = 0.0  # of which building and publishing the ``DerivedData``
    derived: tuple[str, ...] = ()  # what was published beside the graph, by name

    @property
    def nodes(self) -> int:
        """Entity, source and claim nodes."""
        return self.entities + self.sources + self.claims

    @property
    def edges(self) -> int:
        """Relation and provenance edges."""
        return self.relations + self.provenance_edges

    @property
    def claims_per_second(self) -> float:
        """Load rate in claims per second."""
        return self.claims / self.seconds if self.seconds > 0 else float("inf")

    @property
    def graph_seconds(self) -> float:
        """The graph's part of the load: all of it but the derived data."""
        return self.seconds - self.derived_seconds

    def summary(self) -> str:
        """One line for people."""
        beside = (
            f" (of which {self.derived_seconds:.2f} s for the {', '.join(self.derived)})"
            if self.derived
            else ""
        )
        return (
            f"loaded {self.entities} entities, {self.sources} sources, {self.claims} claims, "
            f"{self.relations} relation edges ({self.nodes} nodes, {self.edges} edges) "
            f"in {self.seconds:.2f} s{beside}"
        )


class DerivedData(ABC):
    """Data made from the facts of a load and flipped with its graph (the SPARQL dataset).

    ``load_facts`` enters it before the load (to take a lock, say) and leaves it after, whatever
    happened; in between it calls ``build(facts)`` once the new graph is written but before it
    replaces the old one, then ``publish(generation)`` right after the flip, with the generation
    the store committed. A load that fails never publishes, and leaving must then remove what
    ``build`` wrote: what was published before stays as it was.
    """

    name: str  # what it is, for people: "SPARQL dataset"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    @abstractmethod
    def build(self, facts: FactSet) -> None:
        """Write the data of ``facts`` where no reader looks yet."""

    @abstractmethod
    def publish(self, generation: str) -> bool:
        """Make what ``build`` wrote the data of ``generation``; whether it was published.

        The graph is committed by then, so this reports a failure (``False``, and a log
        record) rather than raise: the load has happened.
        """

    @abstractmethod
    def close(self) -> None:
        """Release what was taken, and remove what ``build`` wrote and nothing published."""


def _check_names(rows: GraphRows, vocab: Vocabulary) -> None:
    """Every label and relationship type of ``rows`` is in the ontology's vocabulary."""
    kinds = frozenset(c.kind for c in vocab.classes.values())
    for kind, label in rows.entities:
        if kind not in kinds or label not in vocab.node_labels:
            raise ValueError(f"labels :{kind}:{label} are not in the ontology's vocabulary")
    for rel_type in rows.edges:
        if rel_type not in vocab.relation_types:
            raise ValueError(f"rel_type={rel_type!r} is not in the ontology's vocabulary")


def _fill(cypher: str, allowed: frozenset[str], **names: str) -> str:
    """``cypher`` with each ``{placeholder}`` replaced by a vocabulary name, and only by one.

    This is the one place where names become Cypher text; the assertion is the whitelist check.
    """
    for placeholder, name in names.items():
        if name not in allowed:
            raise ValueError(f"{placeholder}={name!r} is not in the ontology's vocabulary")
        token = "{" + placeholder + "}"
        if token not in cypher:
            raise ValueError(f"statement has no placeholder {token}")
        cypher = cypher.replace(token, name)
    return cypher


def _statement(name: str, backend: str) -> str:
    return get_query(name).cypher_for(backend)


def _run(writer: GraphWriter, cypher: str, rows: Sequence[Row], what: str) -> int:
    """Send ``rows`` in batches; check the store wrote one record per row."""
    written = 0
    for start in range(0, len(rows), BATCH_SIZE):
        batch = list(rows[start : start + BATCH_SIZE])
        result = writer.write(cypher, {"rows": batch})
        count = int(result[0]["written"]) if result else 0
        if count != len(batch):
            raise StoreError(
                f"{what}: wrote {count} of {len(batch)} rows; a row names an id that is not in "
                "the graph (validate the facts first)"
            )
        written += count
    return written


def create_schema(writer: GraphWriter, backend: str, name: str = "load_schema") -> None:
    """Constraints and indexes: unique ids per node kind, name lookup (idempotent).

    ``load_schema`` runs before the data, ``load_schema_after`` after it (see their headers).
    """
    for statement in _statement(name, backend).split(";"):
        if statement.strip():
            writer.write(statement.strip())


def write_rows(writer: GraphWriter, backend: str, rows: GraphRows, vocab: Vocabulary) -> None:
    """Write every node and edge of ``rows`` through ``writer``, nodes first."""
    _check_names(rows, vocab)
    if writer.bulk_load(rows):
        # indexes after the data: building one at the end beats updating it row by row
        create_schema(writer, backend)
        create_schema(writer, backend, "load_schema_after")
        return
    create_schema(writer, backend)
    entities = _statement("load_entities", backend)
    kinds = frozenset(c.kind for c in vocab.classes.values())
    for (kind, label), group in rows.entities.items():
        cypher = _fill(_fill(entities, kinds, kind=kind), vocab.node_labels, label=label)
        _run(writer, cypher, group, f"entities :{kind}:{label}")
    _run(writer, _statement("load_sources", backend), rows.sources, "sources")
    _run(writer, _statement("load_claims", backend), rows.claims, "claims")
    edges = _statement("load_edges", backend)
    for rel_type, relations in rows.edges.items():
        _run(writer, _fill(edges, vocab.relation_types, rel_type=rel_type), relations, rel_type)
    create_schema(writer, backend, "load_schema_after")


def load_facts(
    store: GraphStore, facts: FactSet, derived: Sequence[DerivedData] = ()
) -> LoadReport:
    """Replace the store's graph with the graph of ``facts``, atomically; report what was written.

    The facts should be validated first (``ontology.validate``): a claim naming an id that is
    not there makes the load fail, and the old graph stays, as does the old ``derived`` data.
    Each of ``derived`` is built from ``facts`` before the flip and published after it.
    """
    started = time.perf_counter()
    vocab = vocabulary()
    rows = graph_rows(facts, vocab)
    derived_s = 0.0

    def build(writer: GraphWriter) -> None:
        nonlocal derived_s
        write_rows(writer, store.backend, rows, vocab)
        begun = time.perf_counter()
        for data in derived:
            data.build(facts)
        derived_s += time.perf_counter() - begun

    with ExitStack() as stack:
        for data in derived:
            stack.enter_context(data)
        store.replace_graph(build)
        published: tuple[str, ...] = ()
        if derived:
            begun = time.perf_counter()
            generation = store.generation()  # the flip's: their lock keeps other loads out
            published = tuple(data.name for data in derived if data.publish(generation))
            derived_s += time.perf_counter() - begun
    report = LoadReport(
        entities=rows.entity_count,
        sources=len(rows.sources),
        claims=len(rows.claims),
        relations=rows.edge_count,
        provenance_edges=rows.provenance_edge_count,
        seconds=time.perf_counter() - started,
        derived_seconds=derived_s,
        derived=published,
    )
    log.info("%s", report.summary())
    return report
