"""The SPARQL worker: a child process that holds the dataset in pyoxigraph and answers queries.

Queries run in a process of their own because pyoxigraph cannot cancel a query: when one runs
past the time limit, the parent kills this process (and starts another), which stops the
evaluation for real instead of leaving it to burn a core in a thread. This module imports only
pyoxigraph and the standard library, so a worker starts in a fraction of a second plus the time
to open the dataset.

It runs as ``python -m services.sparql.worker DATASET`` (a plain subprocess, so nothing depends on
how the parent's main module was started). ``DATASET`` is an N-Quads file, loaded into memory (the
dataset the engine built from the store), or a dataset folder written at load time
(``services.sparql.dataset``), whose ``store/`` is opened read-only: nothing to load. While a
query runs on a folder, the worker holds a shared lock on the folder's ``dataset.json``; a load
deletes an old folder only under an exclusive lock, after moving it away, so a query either runs
on its whole dataset or, finding its folder moved, answers ``("stale", message)`` and the engine
asks the new dataset instead.

Protocol, as pickled messages over its stdin and stdout: the worker sends ``("ready", quads)``
once the dataset is open (the quad count of a loaded file; ``None`` for a folder, where counting
would read it all), or ``("stale", message)`` if its folder is already gone; then it answers
each request ``(query, format_name, default_graphs, named_graphs, max_bytes)`` with ``("ok",
body)``, ``("too_large", size)``, ``("syntax", message)``, ``("error", message)`` or
``("stale", message)``.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

MANIFEST = "dataset.json"  # in a dataset folder: what it holds, and the lock of its readers
STORE = "store"  # in a dataset folder: the pyoxigraph store

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}

Request = tuple[str, str, list[str] | None, list[str] | None, int]  # ..., most answer bytes


def _graphs(iris: list[str] | None) -> list[ox.NamedNode] | None:
    return None if iris is None else [ox.NamedNode(iri) for iri in iris]


def answer(store: ox.Store, request: Request) -> bytes:
    """Evaluate one query and serialise its result in the requested format."""
    query, format_name, default_graphs, named_graphs, _max_bytes = request
    kwargs: dict[str, Any] = {}
    if default_graphs is not None:
        kwargs["default_graph"] = _graphs(default_graphs)
    if named_graphs is not None:
        kwargs["named_graphs"] = _graphs(named_graphs)
    result = store.query(query, **kwargs)
    if isinstance(result, ox.QueryTriples):
        body = result.serialize(format=GRAPH_FORMATS[format_name])
    else:
        body = result.serialize(format=RESULT_FORMATS[format_name])
    return body or b""


class Stale(Exception):
    """The dataset folder was moved away by a newer load (to be deleted)."""


class Dataset:
    """The dataset a worker answers from: an N-Quads file loaded in memory, or a folder."""

    def __init__(self, path: Path) -> None:
        self._manifest: Path | None = None
        self._handle: int | None = None
        self.quads: int | None = None
        if not path.is_dir():
            self.store = ox.Store()
            self.store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
            self.quads = len(self.store)
            return
        self._manifest = path / MANIFEST
        try:
            self._handle = os.open(self._manifest, os.O_RDONLY)
        except FileNotFoundError:
            raise Stale(f"{path} is gone") from None
        with self.reading() as here:  # a load must not delete it while it opens
            if not here:
                raise Stale(f"{path} was moved away")
            self.store = ox.Store.read_only(str(path / STORE))

    @contextmanager
    def reading(self) -> Iterator[bool]:
        """Hold the folder's shared lock while the block runs; whether the folder is still here.

        False when a newer load moved the folder away (to delete it): the query must not run.
        """
        if self._handle is None or self._manifest is None:
            yield True
            return
        fcntl.flock(self._handle, fcntl.LOCK_SH)
        try:
            try:
                here = os.stat(self._manifest).st_ino == os.fstat(self._handle).st_ino
            except OSError:
                here = False
            yield here
        finally:
            fcntl.flock(self._handle, fcntl.LOCK_UN)


def serve(requests: Connection, replies: Connection, dataset_path: str) -> None:
    """Open the dataset ``dataset_path``; answer ``requests`` until the parent hangs up."""
    try:
        dataset = Dataset(Path(dataset_path))
    except Stale as stale:
        replies.send(("stale", str(stale)))
        return
    replies.send(("ready", dataset.quads))
    while True:
        try:
            request: Request = requests.recv()
        except (EOFError, OSError):
            return
        with dataset.reading() as here:
            if not here:
                replies.send(("stale", "a newer load replaced this SPARQL dataset"))
                continue
            _reply(replies, dataset.store, request)


def _reply(replies: Connection, store: ox.Store, request: Request) -> None:
    """Answer one request; any evaluation failure is reported, and the worker lives on."""
    try:
        body = answer(store, request)
    except SyntaxError as error:
        replies.send(("syntax", str(error)))
        return
    except Exception as error:
        replies.send(("error", f"{type(error).__name__}: {error}"))
        return
    if len(body) > request[4]:  # not sent: the parent would have to hold it all
        replies.send(("too_large", len(body)))
        return
    replies.send(("ok", body))


def main() -> None:
    """``python -m services.sparql.worker DATASET``: requests on stdin, replies on stdout."""
    requests = Connection(os.dup(sys.stdin.fileno()), writable=False)
    replies = Connection(os.dup(sys.stdout.fileno()), readable=False)
    sys.stdout = sys.stderr  # a stray print must not corrupt the reply stream
    serve(requests, replies, sys.argv[1])


if __name__ == "__main__":
    main()
