"""The engine behind ``/sparql``: the store's RDF export, queried by pyoxigraph with a time limit.

The dataset is the RDF export of the store (``services.export``): its default graph is the plain
export (the same triples as the Turtle download), and each claim's assertion also sits in a named
graph named by the claim's IRI, as in the TriG download (``dataset_quads``). ``actorgraph load``
writes it beside the graph, as an on-disk pyoxigraph store per graph generation
(``services.sparql.dataset``): when the store's fingerprint (its counts and load generation) is
that of a dataset folder there, the workers open the folder read-only and the first query costs
no more than the next. Otherwise (a store loaded by other means, or written outside a load) the
dataset is built from the store on first use, as an N-Quads file each worker loads into memory,
and rebuilt when the fingerprint changes. ``opened_from_load`` and ``built_from_store`` count
which way each dataset came.

Evaluation runs in worker subprocesses (``services.sparql.worker``). A query that runs past
``timeout_s`` has its worker killed: that is the one way to stop a pyoxigraph query, which has no
cancellation.
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
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.store import AnswerTooLarge, GraphStore
from services.export import read_facts_from_store
from services.sparql.dataset import (
    Fingerprint,
    dataset_quads,
    find_dataset,
    store_fingerprint,
    wait_for_load,
)
from services.sparql.formats import AnswerFormat
from services.sparql.parse import MalformedQuery, ParsedQuery, SparqlRequestError

__all__ = [
    "CANCEL_POLL_S",
    "Answer",
    "EngineFailure",
    "QueryCancelled",
    "QueryTimedOut",
    "SparqlEngine",
    "dataset_quads",  # from services.sparql.dataset, named here as before
    "store_fingerprint",
]

log = logging.getLogger(__name__)

_ROOT = Path(__file__).resolve().parents[2]  # the folder that holds the ontology package
CANCEL_POLL_S = 0.2  # how often a waiting query asks whether its client is still there
WORKER_START_TIMEOUT_S = 600.0  # loading a million-claim dataset takes seconds, not minutes
LOAD_WAIT_S = 30.0  # how long a query waits for a running load to publish its dataset


class QueryTimedOut(SparqlRequestError):
    """The query ran past the time limit and was stopped."""


class EngineFailure(SparqlRequestError):
    """The query failed during evaluation for a reason other than its syntax."""


@dataclass(frozen=True)
class Answer:
    """A query's answer: the serialised body and its media type."""

    body: bytes
    media_type: str


class _Stale(Exception):
    """The worker's dataset folder was replaced by a newer load: ask the new dataset."""


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
        if status == "stale":
            self.kill()
            raise _Stale
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
    """Answers SPARQL queries over the export of ``store``, each within ``timeout_s``.

    ``datasets``: the folder of this store's datasets written at load
    (``services.sparql.dataset.dataset_root`` of the app's settings); ``None``: none, every
    dataset is built from the store.
    """

    def __init__(
        self,
        store: GraphStore,
        timeout_s: float,
        max_workers: int = 2,
        max_answer_bytes: int = 16 * 2**20,
        datasets: Path | None = None,
    ) -> None:
        self.store = store
        self.timeout_s = timeout_s
        self.max_answer_bytes = max_answer_bytes
        self.datasets = datasets
        self._busy: set[_Worker] = set()
        self.max_workers = max_workers
        self._dir = Path(tempfile.mkdtemp(prefix="actorgraph-sparql-"))
        self._lock = threading.Lock()  # guards the dataset state and the pool
        self._slots = threading.Semaphore(max_workers)
        self._idle: list[_Worker] = []
        self._fingerprint: Fingerprint | None = None
        self._generation = 0
        self._dataset_path: Path | None = None
        self.opened_from_load = 0  # datasets opened from a folder the load wrote
        self.built_from_store = 0  # datasets built by reading the store back
        atexit.register(self.close)

    def refresh(self) -> int:
        """Switch to the store's current dataset if the store changed; the generation in use.

        The generation here is the engine's own count of datasets, which tells its workers apart.
        """
        fingerprint = store_fingerprint(self.store)
        with self._lock:
            if fingerprint == self._fingerprint and self._dataset_path is not None:
                return self._generation
            path, fingerprint = self._dataset_for(fingerprint)
            self._generation += 1
            self._dataset_path, self._fingerprint = path, fingerprint
            stale, self._idle = self._idle, []
        for worker in stale:
            worker.kill()
        return self._generation

    def _dataset_for(self, fingerprint: Fingerprint) -> tuple[Path, Fingerprint]:
        """The folder written at load for ``fingerprint``, else an N-Quads file built now.

        A store at a generation with no folder yet may be in the instant between a load's flip
        and its dataset's rename: when a load is running, wait for it and look again.
        """
        found = None
        if self.datasets is not None:
            found = find_dataset(self.datasets, fingerprint)
            if found is None and wait_for_load(self.datasets, LOAD_WAIT_S):
                fingerprint = store_fingerprint(self.store)
                found = find_dataset(self.datasets, fingerprint)
        if found is not None:
            self.opened_from_load += 1
            log.info("SPARQL dataset %s opened from the load's folder %s", fingerprint, found)
            return found, fingerprint
        facts = read_facts_from_store(self.store)
        path = self._dir / f"dataset-{self._generation + 1}.nq"
        ox.serialize(dataset_quads(facts), str(path), ox.RdfFormat.N_QUADS)
        self.built_from_store += 1
        log.info("SPARQL dataset %s built from the store", fingerprint)
        return path, fingerprint

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

    def _release(self, worker: _Worker, reuse: bool = True) -> None:
        with self._lock:
            self._busy.discard(worker)
            if reuse and worker.generation == self._generation and worker.alive():
                self._idle.append(worker)
                return
        worker.kill()

    def _ask(
        self, request: tuple[Any, ...], limit: float, cancelled: Callable[[], bool] | None
    ) -> tuple[str, Any]:
        """Send ``request`` to a worker on the current dataset, within ``limit`` seconds.

        A worker whose folder a newer load replaced answers ``stale`` (or does not start): the
        request then goes once more, to a worker on the new dataset. The limit counts the time
        the query runs, not the time the dataset takes to open or build.
        """
        left = limit
        for _ in range(2):
            generation = self.refresh()
            try:
                worker = self._acquire(generation)
            except _Stale:
                continue
            reuse = True
            asked = time.monotonic()
            try:
                reply = worker.ask(request, left, cancelled)
                reuse = reply[0] != "stale"
            finally:
                self._release(worker, reuse)
            if reuse:
                return reply
            left = max(0.0, left - (time.monotonic() - asked))
        raise EngineFailure("the SPARQL dataset was replaced twice during the query: ask again")

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
        request = (
            query.text, answer_format.name, default_graphs, named_graphs, self.max_answer_bytes,
        )  # fmt: skip
        with self._slots:
            status, payload = self._ask(request, limit, cancelled)
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
