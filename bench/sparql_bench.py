"""SPARQL query time for the README's example queries, over HTTP at the API's ``/sparql``.

The queries name curated actors (the Taliban, the Tajik border service) that a synthetic graph
does not hold, so each entity IRI in them is pointed at the benchmark's actor: the query then
does the same joins over data that match, rather than stopping at an empty first lookup.

The first query the server gets is the first after the load (the server's SPARQL engine starts
on it): it opens the dataset the load wrote (``services.sparql.dataset``), or builds it from the
store when there is none. Its time is its own row, against the target, beside the next query's;
what the load spent writing the dataset is ``measure_dataset``'s row (``bench.store_bench``).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx

from bench.measure import summarise
from bench.report import Report, Row, below, fmt
from ontology.namespace import AGD

SPARQL_DIR = Path(__file__).resolve().parent.parent / "queries" / "sparql"
REPEATS = 20
FIRST_TARGET_MS = 1000.0  # the first query after a load answers within a second
_PREFIXED_ID = re.compile(r"\bagd:([a-z0-9][a-z0-9-]*)")
_FULL_ID = re.compile(re.escape(f"<{AGD}") + r"([a-z0-9][a-z0-9-]*)>")


def example_queries() -> list[Path]:
    """The README's example queries (``queries/sparql/*.rq``)."""
    return sorted(SPARQL_DIR.glob("*.rq"))


def aim_at(query: str, entity_id: str) -> str:
    """``query`` with every entity IRI in it replaced by that of ``entity_id``."""
    query = _PREFIXED_ID.sub(f"agd:{entity_id}", query)
    return _FULL_ID.sub(f"<{AGD}{entity_id}>", query)


def measure_sparql(
    report: Report, size: str, backend: str, base: str, entity_id: str, datasets: Path
) -> None:
    """The first answer after the load, the next one, and p50 of repeats per example query.

    ``datasets``: the folder of the store's datasets written at load (to say which way the first
    answer went: a folder there, or none and a build from the store).
    """
    queries = example_queries()
    if not queries:
        report.skipped(size, backend, "SPARQL", f"no example queries in {SPARQL_DIR}")
        return
    with httpx.Client(base_url=base, timeout=300.0) as client:
        for number, path in enumerate(queries):
            times = _timed_repeats(report, size, backend, client, path, entity_id)
            if times is None:
                continue
            if number == 0:  # the server's first SPARQL query: the first after the load
                report.add(_first_query_row(size, backend, path, times, datasets))


def _timed_repeats(
    report: Report, size: str, backend: str, client: httpx.Client, path: Path, entity_id: str
) -> list[float] | None:
    """Seconds of each of ``REPEATS + 1`` runs of one example query, its row recorded."""
    text = aim_at(path.read_text(encoding="utf-8"), entity_id)
    measure = f"SPARQL {path.stem}"
    headers = {"Accept": "application/sparql-results+json"}
    times: list[float] = []
    rows = 0
    for _ in range(REPEATS + 1):
        start = time.perf_counter()
        try:
            response = client.post("/sparql", data={"query": text}, headers=headers)
        except httpx.HTTPError as error:
            report.skipped(size, backend, measure, f"POST /sparql failed: {error}")
            return None
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            why = f"POST /sparql answered {response.status_code}: {response.text[:200]}"
            report.skipped(size, backend, measure, why)
            return None
        rows = len(response.json().get("results", {}).get("bindings", []))
    first, rest = times[0], summarise(times[1:])
    note = f"first {fmt(first * 1000)} ms, p99 {fmt(rest.p99)} ms, {rows} rows"
    report.add(Row(size, backend, measure + " p50", rest.p50, "ms", note=note))
    return times


def _first_query_row(
    size: str, backend: str, path: Path, times: list[float], datasets: Path
) -> Row:
    """The first query's time against its target, and the next one's beside it."""
    written = datasets.is_dir() and any(datasets.glob("g-*"))
    how = "opened the dataset the load wrote" if written else "no dataset from the load: built"
    note = f"{path.stem}, {how}; the next query {fmt(times[1] * 1000)} ms"
    measure, target = "SPARQL first query after a load", below(FIRST_TARGET_MS, "ms")
    return Row(size, backend, measure, times[0] * 1000, "ms", target, note)
