"""A separate process that opens the embedded store and does one job, for the crash tests.

Run as ``python store_worker.py JOB DB_PATH [ARG]``, or with ``neo4j`` for ``DB_PATH`` to open
the Neo4j server of the ``ACTORGRAPH_NEO4J_*`` settings. It prints ``ready <server pid>`` once
the store is open (0 for Neo4j, whose server it does not own) and ``done ...`` when its job is
acknowledged, then (for the jobs meant to be killed) waits to be killed. The tests read those
lines from its stdout.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from graph.falkordb_store import FalkorDBStore
from graph.model import graph_rows
from graph.store import GraphStore, GraphWriter
from loaders.load import write_rows
from ontology.vocabulary import vocabulary


def say(line: str) -> None:
    print(line, flush=True)


def open_store(where: str) -> tuple[GraphStore, int]:
    """The store to work on and the pid of its server (0: not this process's)."""
    if where == "neo4j":
        from actorgraph.settings import Settings
        from graph.open import open_store as open_configured

        return open_configured(Settings(backend="neo4j")), 0
    falkordb = FalkorDBStore(Path(where))
    return falkordb, falkordb.server_pid


def main() -> None:
    job = sys.argv[1]
    store, server_pid = open_store(sys.argv[2])
    say(f"ready {server_pid}")
    if job == "write":  # acknowledge one write, then wait to be killed
        store.write("CREATE (:Entity {id: $id, name: 'acknowledged'})", {"id": sys.argv[3]})
        say("done write")
        time.sleep(120)
    elif job == "half-load":  # build part of a new graph, then wait to be killed mid-load
        from bench.generate import generate_facts

        rows, vocab = graph_rows(generate_facts(2000, seed=3)), vocabulary()

        class Pausing(GraphWriter):
            def __init__(self, inner: GraphWriter) -> None:
                self.inner, self.calls = inner, 0

            def write(self, cypher, params=None):  # type: ignore[no-untyped-def]
                self.calls += 1
                if self.calls == 15:
                    say("done half")
                    time.sleep(120)
                return self.inner.write(cypher, params)

        store.replace_graph(lambda w: write_rows(Pausing(w), store.backend, rows, vocab))
    elif job == "write-and-close":  # another process sharing the store, then leaving
        store.write("CREATE (:Entity {id: $id})", {"id": sys.argv[3]})
        store.close()
        say("done close")
        return
    store.close()


if __name__ == "__main__":
    main()
