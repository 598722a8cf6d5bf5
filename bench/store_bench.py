"""Store figures at one size: load rate, peak memory, size on disk, reopen time, direct reads."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actorgraph.settings import Settings, get_settings
from bench.cases import Case
from bench.measure import PeakMemory, disk_usage, repeat_timed
from bench.pieces import Missing, piece
from bench.report import Report, Row, Target, at_least, at_most, fmt, size_text
from ontology.facts import FactSet

LOAD_TARGET_SIZE = 100_000  # the load target is stated for the 100k size
LOAD_TARGET = 30_000  # claims per second
MILLION = 1_000_000
MILLION_LOAD_TARGET = 40_000  # claims per second at 1M (issue 17)
MILLION_PEAK_TARGET_MIB = 1024.0  # the Python process's peak during a 1M load


@dataclass(frozen=True)
class Sizing:
    """What one run of the benchmark does at a size."""

    label: str
    claims: int
    requests: int  # per latency case (bounded)
    clients: tuple[int, ...] = (1, 16)


def store_settings(backend: str, folder: Path) -> Settings:
    """Settings for a fresh store: an embedded one in ``folder``, a server's from the environment.

    A server's graph is its configured database; the folder then holds only the bench's files.
    The SPARQL datasets go beside ``folder``, so the store's size on disk stays the store's.
    """
    base = get_settings()  # the ACTORGRAPH_* environment, then the benchmark's own store
    update = {
        "backend": backend,
        "db_path": folder / "actorgraph.db",
        "graph_name": "bench",
        "sparql_dir": folder.parent / "sparql",
    }
    return base.model_copy(update=update)


def open_fresh(settings: Settings) -> Any:
    """Open the store ``settings`` names, as the API and the command line do."""
    return piece("graph.open", "open_store")(settings)


class _GraphPeak:
    """A ``DerivedData`` passed through, noting the memory peak when its ``build`` begins.

    ``load_facts`` builds the derived data once the graph is written, so the peak then is the
    graph's part of the load (the rows and the bulk calls), apart from the SPARQL dataset's.
    """

    def __init__(self, inner: Any, memory: PeakMemory) -> None:
        self.inner, self.memory, self.peak = inner, memory, 0
        self.name = inner.name

    def __enter__(self) -> _GraphPeak:
        self.inner.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.inner.__exit__(*exc)

    def build(self, facts: FactSet) -> None:
        self.memory.sample()
        self.peak = self.memory.self_peak
        self.inner.build(facts)

    def publish(self, generation: str) -> bool:
        return bool(self.inner.publish(generation))

    def close(self) -> None:
        self.inner.close()


def measure_load(
    report: Report, sizing: Sizing, backend: str, settings: Settings, facts: FactSet
) -> Any:
    """Load ``facts`` into a fresh store, with its SPARQL dataset as ``actorgraph load`` writes
    it; record the graph's rate, the dataset's extra time and size, and peak memory; return the
    open store."""
    load_facts = piece("loaders.load", "load_facts")
    datasets = piece("services.sparql.dataset", "dataset_root")(settings)
    dataset = piece("services.sparql.dataset", "SparqlDatasets")(datasets)
    store = open_fresh(settings)
    server_pid = getattr(store, "server_pid", None)  # the embedded store's redis-server
    with PeakMemory(others=(server_pid,) if server_pid else ()) as memory:
        before = memory.self_peak  # the generated facts, held by the benchmark
        graph_part = _GraphPeak(dataset, memory)
        start = time.perf_counter()
        loaded = load_facts(store, facts, [graph_part])
        seconds = time.perf_counter() - start
    graph_s = seconds - loaded.derived_seconds
    rate = len(facts.claims) / graph_s
    note = f"{fmt(graph_s)} s for the graph; the whole load {fmt(seconds)} s"
    target = _rate_target(sizing)
    why = (
        "building rows in Python (relation rows with their citations' JSON 40%, GRAPH.BULK "
        "records 25%, claim rows 10%, the server 9%: cProfile at 100k); the store aggregating "
        "the evidence from the claim nodes would move it out of Python"
    )
    report.add(Row(sizing.label, backend, "load rate (graph)", rate, "claims/s", target, note, why))
    measure_dataset(report, sizing, backend, datasets, loaded.derived_seconds, seconds)
    peak_target = at_most(MILLION_PEAK_TARGET_MIB, "MiB") if sizing.claims == MILLION else None
    report.add(
        Row(
            sizing.label,
            backend,
            "peak memory during load: Python process",
            memory.self_peak / 2**20,
            "MiB",
            peak_target,
            note=f"of which {fmt(before / 2**20)} MiB before the load (the generated facts)",
            if_missed="most of it is the facts themselves (632 MiB of generated facts at 1M), "
            "then pyoxigraph's writer for the SPARQL dataset (135 MiB at 300k claims, in batches "
            "of 50k quads); smaller batches cost time (9% from 200k to 50k)",
        )
    )
    report.add(
        Row(
            sizing.label,
            backend,
            "peak memory during load: Python process, graph only",
            (graph_part.peak or memory.self_peak) / 2**20,
            "MiB",
            peak_target,
            note="up to the SPARQL dataset's build (as with --no-sparql-dataset)",
        )
    )
    if backend == "falkordb":
        report.add(
            Row(
                sizing.label,
                backend,
                "peak memory during load: redis-server",
                memory.children_peak / 2**20,
                "MiB",
            )
        )
    return store


def _rate_target(sizing: Sizing) -> Target | None:
    """The load rate's target at this size, if it has one."""
    if sizing.claims == LOAD_TARGET_SIZE:
        return at_least(LOAD_TARGET, "claims/s")
    if sizing.claims == MILLION:
        return at_least(MILLION_LOAD_TARGET, "claims/s")
    return None


def measure_dataset(
    report: Report, sizing: Sizing, backend: str, datasets: Path, extra_s: float, load_s: float
) -> None:
    """What writing the SPARQL dataset at load costs: its seconds and its size on disk."""
    report.add(
        Row(
            sizing.label,
            backend,
            "load: SPARQL dataset written beside the graph",
            extra_s,
            "s",
            note=f"{fmt(100 * extra_s / (load_s - extra_s))}% on top of the graph's load",
        )
    )
    folders = [f for f in datasets.glob("g-*") if f.is_dir()] if datasets.is_dir() else []
    if len(folders) != 1:
        report.skipped(sizing.label, backend, "SPARQL dataset on disk", f"found {folders}")
        return
    on_disk = float(size_text(disk_usage(folders[0])))
    report.add(Row(sizing.label, backend, "SPARQL dataset on disk", on_disk, "MiB"))


def measure_direct(
    report: Report, sizing: Sizing, backend: str, store: Any, read_cases: list[Case]
) -> dict[str, float]:
    """Latency of each case's named queries straight through the store; p50 (ms) by case."""
    run_query = piece("queries.run", "run_query")
    p50: dict[str, float] = {}
    for case in read_cases:

        def call(case: Case = case) -> None:
            case.direct(lambda name, params: run_query(store, name, params))

        for clients in sizing.clients:
            measure = f"store direct: {case.label}, {clients} client{'s' * (clients > 1)}"
            try:
                latency = repeat_timed(call, requests=sizing.requests, clients=clients)
            except (KeyError, Missing) as error:
                report.skipped(sizing.label, backend, measure, f"query missing ({error})")
                break
            if clients == 1:
                p50[case.label] = latency.p50
            report.add(
                Row(
                    sizing.label,
                    backend,
                    measure,
                    latency.p50,
                    "ms p50",
                    note=f"p99 {fmt(latency.p99)} ms, n={latency.count}",
                )
            )
    return p50


def measure_reopen(
    report: Report, sizing: Sizing, backend: str, settings: Settings, store: Any, first: Case
) -> None:
    """Close the store, report its size on disk, then time opening it to a first answer."""
    run_query = piece("queries.run", "run_query")
    store.close()
    if backend == "falkordb":
        folder = settings.db_path.parent
        report.add(
            Row(sizing.label, backend, "on-disk size", float(size_text(disk_usage(folder))), "MiB")
        )

    start = time.perf_counter()
    again = open_fresh(settings)
    try:
        first.direct(lambda name, params: run_query(again, name, params))
        seconds = time.perf_counter() - start
    except KeyError as error:
        report.skipped(sizing.label, backend, "reopen to first answer", f"query missing ({error})")
        return
    finally:
        again.close()
    report.add(Row(sizing.label, backend, "reopen to first answer", seconds * 1000, "ms"))
