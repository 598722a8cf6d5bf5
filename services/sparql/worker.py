"""The SPARQL worker: a child process that holds the dataset in pyoxigraph and answers queries.

Queries run in a process of their own because pyoxigraph cannot cancel a query: when one runs
past the time limit, the parent kills this process (and starts another), which stops the
evaluation for real instead of leaving it to burn a core in a thread. This module imports only
pyoxigraph, so a worker starts in a fraction of a second plus the time to load the dataset.

It runs as ``python -m services.sparql.worker DATASET.nq`` (a plain subprocess, so nothing
depends on how the parent's main module was started). Protocol, as pickled messages over its
stdin and stdout: the worker sends ``("ready", quad_count)`` once the dataset is loaded,
then answers each request ``(query, format_name, default_graphs, named_graphs)`` with
``("ok", body)``, ``("syntax", message)`` or ``("error", message)``.
"""

from __future__ import annotations

import os
import sys
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

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


def serve(requests: Connection, replies: Connection, dataset_path: str) -> None:
    """Load the N-Quads file ``dataset_path``; answer ``requests`` until the parent hangs up."""
    store = ox.Store()
    store.bulk_load(path=dataset_path, format=ox.RdfFormat.N_QUADS)
    replies.send(("ready", len(store)))
    while True:
        try:
            request: Request = requests.recv()
        except (EOFError, OSError):
            return
        try:
            body = answer(store, request)
            if len(body) > request[4]:  # not sent: the parent would have to hold it all
                replies.send(("too_large", len(body)))
                continue
            replies.send(("ok", body))
        except SyntaxError as error:
            replies.send(("syntax", str(error)))
        except Exception as error:  # any evaluation failure is reported, the worker lives on
            replies.send(("error", f"{type(error).__name__}: {error}"))


def main() -> None:
    """``python -m services.sparql.worker DATASET.nq``: requests on stdin, replies on stdout."""
    requests = Connection(os.dup(sys.stdin.fileno()), writable=False)
    replies = Connection(os.dup(sys.stdout.fileno()), readable=False)
    sys.stdout = sys.stderr  # a stray print must not corrupt the reply stream
    serve(requests, replies, sys.argv[1])


if __name__ == "__main__":
    main()
