"""The engine behind ``/sparql``: the store's RDF export, queried by pyoxigraph with a time limit.

The dataset is the RDF export of the store (``services.export``): its default graph is the plain
export (the same triples as the Turtle download), and each claim's assertion also sits in a named
graph named by the claim's IRI, as in the TriG download. It is built from the store on first use
and rebuilt when the store's fingerprint (entity, source and claim counts, and the loader's
generation marker when one exists) has changed since.

Evaluation runs in worker subprocesses (``services.sparql.worker``), each with its own
in-memory pyoxigraph store loaded from an N-Quads file. A query that runs past ``timeout_s`` has its
worker killed: that is the one way to stop a pyoxigraph query, which has no cancellation.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.store import AnswerTooLarge, GraphStore
from ontology.facts import FactSet
from ontology.namespace import AGD
from ontology.vocabulary import vocabulary
from services.export import assertion_graph_name, export_quads, read_facts_from_store
from services.export.snapshot import store_counts
from services.sparql.formats import AnswerFormat
from services.sparql.parse import MalformedQuery, ParsedQuery, SparqlRequestError

log = logging.getLogger(__name__)

_ROOT = Path(__file__).resolve().parents[2]  # the folder that holds the ontology package
CANCEL_POLL_S = 0.2  # how often a waiting query asks whether its client is still there
WORKER_START_TIMEOUT_S = 600.0  # loading a million-claim dataset takes seconds, not minutes


class QueryTimedOut(SparqlRequestError):
    """The query ran past the time limit and was stopped."""


class EngineFailure(SparqlRequestError):
    """The query failed during evaluation for a reason other than its syntax."""


@dataclass(frozen=True)
class Answer:
    """A query's answer: the serialised body and its media type."""

    body: bytes
    media_type: str


def dataset_quads(facts: FactSet) -> Iterator[ox.Quad]:
    """The SPARQL dataset: the plain export in the default graph, each assertion in its graph."""
    yield from export_quads(facts, dataset=False)
    iris = {key: ox.NamedNode(str(rel.uri)) for key, rel in vocabulary().relations.items()}
    for claim in facts.claims.values():
        yield ox.Quad(
            ox.NamedNode(str(AGD[claim.subject])),
            iris[claim.relation],
            ox.NamedNode(str(AGD[claim.object])),
            ox.NamedNode(str(assertion_graph_name(claim.id))),
        )


def store_fingerprint(store: GraphStore) -> tuple[Any, ...]:
    """What tells the dataset it is stale: the store's load generation and its counts.

    The generation changes with every load, so a reload that keeps the counts is seen; the
    counts catch a write made outside a load (tests write that way).
    """
    counts = store_counts(store)
    return (counts.entities, counts.sources, counts.claims, store.generation())


class _Worker:
    """One worker process (``python -m services.sparql.worker``) and the pipes to it."""

    def __init__(self, dataset_path: Path, generation: int) -> None:
        self.generation = generation
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_ROOT), env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "services.sparql.worker", str(dataset_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        # Connections own their descriptors: give them copies and close Popen's file objects
        self.requests = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self.replies = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()
        if not self.replies.poll(WORKER_START_TIMEOUT_S):
            self.kill()
            raise EngineFailure("the SPARQL worker did not load the dataset in time")
        try:
            status, _ = self.replies.recv()
        except EOFError:
            self.kill()
            raise EngineFailure("the SPARQL worker died while loading the dataset") from None
        if status != "ready":
            self.kill()
            raise EngineFailure(f"the SPARQL worker did not start: {status}")

    def alive(self) -> bool:
        return self.process.poll() is None

    def ask(
        self,
        request: tuple[Any, ...],
        timeout_s: float,
        cancelled: Callable[[], bool] | None = None,
    ) -> tuple[str, Any]:
        """Send ``request`` and wait for the reply, at most ``timeout_s``; a worker that runs
        past it, or whose request is ``cancelled`` (its client left), is killed."""
        deadline = time.monotonic() + timeout_s
        try:
            self.requests.send(request)
            while not self.replies.poll(min(CANCEL_POLL_S, max(0.0, deadline - time.monotonic()))):
                if cancelled is not None and cancelled():
                    self.kill()
                    raise QueryCancelled("the client left before the answer was ready")
                if time.monotonic() >= deadline:
                    self.kill()
                    raise QueryTimedOut(
                        f"the query ran longer than the time limit of {timeout_s:g} s and was "
                        "stopped"
                    )
            reply: tuple[str, Any] = self.replies.recv()
        except (EOFError, OSError):
            self.kill()
            raise EngineFailure("the SPARQL worker died while evaluating the query") from None
        return reply

    def kill(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait(timeout=10)
        self.requests.close()
        self.replies.close()


class QueryCancelled(Exception):
    """The client went away: its query was stopped (nobody is left to answer)."""


class SparqlEngine:
    """Answers SPARQL queries over the export of ``store``, each within ``timeout_s``."""

    def __init__(
        self,
        store: GraphStore,
        timeout_s: float,
        max_workers: int = 2,
        max_answer_bytes: int = 16 * 2**20,
    ) -> None:
        self.store = store
        self.timeout_s = timeout_s
        self.max_answer_bytes = max_answer_bytes
        self._busy: set[_Worker] = set()
        self.max_workers = max_workers
        self._dir = Path(tempfile.mkdtemp(prefix="actorgraph-sparql-"))
        self._lock = threading.Lock()  # guards the dataset state and the pool
        self._slots = threading.Semaphore(max_workers)
        self._idle: list[_Worker] = []
        self._fingerprint: tuple[Any, ...] | None = None
        self._generation = 0
        self._dataset_path: Path | None = None
        self.quad_count = 0
        atexit.register(self.close)

    def refresh(self) -> int:
        """Rebuild the dataset if the store changed since it was built; the generation in use."""
        fingerprint = store_fingerprint(self.store)
        with self._lock:
            if fingerprint == self._fingerprint and self._dataset_path is not None:
                return self._generation
            facts = read_facts_from_store(self.store)
            path = self._dir / f"dataset-{self._generation + 1}.nq"
            ox.serialize(dataset_quads(facts), str(path), ox.RdfFormat.N_QUADS)
            self._generation += 1
            self._dataset_path, self._fingerprint = path, fingerprint
            stale, self._idle = self._idle, []
            log.info("SPARQL dataset %d built from the store: %s", self._generation, fingerprint)
        for worker in stale:
            worker.kill()
        return self._generation

    def _acquire(self, generation: int) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.generation == generation and worker.alive():
                    self._busy.add(worker)
                    return worker
                worker.kill()
            path = self._dataset_path
        assert path is not None
        worker = _Worker(path, generation)
        with self._lock:
            self._busy.add(worker)
        return worker

    def _release(self, worker: _Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
            if worker.generation == self._generation and worker.alive():
                self._idle.append(worker)
                return
        worker.kill()

    def run(
        self,
        query: ParsedQuery,
        answer_format: AnswerFormat,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        timeout_s: float | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Answer:
        """Evaluate ``query`` and serialise its answer in ``answer_format``.

        ``timeout_s``: what is left of the request's time (the engine's limit at most);
        ``cancelled``: asked while the query runs; true stops it (the client left).
        """
        limit = self.timeout_s if timeout_s is None else min(timeout_s, self.timeout_s)
        with self._slots:
            generation = self.refresh()
            worker = self._acquire(generation)
            try:
                request = (
                    query.text, answer_format.name, default_graphs, named_graphs,
                    self.max_answer_bytes,
                )  # fmt: skip
                status, payload = worker.ask(request, limit, cancelled)
            finally:
                self._release(worker)
        if status == "too_large":
            raise AnswerTooLarge(
                f"the answer is {payload / 2**20:.1f} MiB, more than the "
                f"{self.max_answer_bytes / 2**20:g} MiB an answer may be: add a LIMIT, or ask "
                "for fewer variables"
            )
        if status == "syntax":
            raise MalformedQuery(f"SPARQL syntax error: {payload}")
        if status != "ok":
            raise EngineFailure(f"the query failed: {payload}")
        return Answer(body=payload, media_type=answer_format.media_type)

    def close(self) -> None:
        """Stop the workers, the busy ones too, and remove the dataset files."""
        with self._lock:
            workers, self._idle = [*self._idle, *self._busy], []
            self._busy.clear()
        for worker in workers:
            worker.kill()
        shutil.rmtree(self._dir, ignore_errors=True)
