"""SPARQL query time for the README's example queries, over HTTP at the API's ``/sparql``.

The queries name curated actors (the Taliban, the Tajik border service) that a synthetic graph
does not hold, so each entity IRI in them is pointed at the benchmark's actor: the query then
does the same joins over data that match, rather than stopping at an empty first lookup.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx

from bench.measure import summarise
from bench.report import Report, Row, fmt
from ontology.namespace import AGD

SPARQL_DIR = Path(__file__).resolve().parent.parent / "queries" / "sparql"
REPEATS = 20
_PREFIXED_ID = re.compile(r"\bagd:([a-z0-9][a-z0-9-]*)")
_FULL_ID = re.compile(re.escape(f"<{AGD}") + r"([a-z0-9][a-z0-9-]*)>")


def example_queries() -> list[Path]:
    """The README's example queries (``queries/sparql/*.rq``)."""
    return sorted(SPARQL_DIR.glob("*.rq"))


def aim_at(query: str, entity_id: str) -> str:
    """``query`` with every entity IRI in it replaced by that of ``entity_id``."""
    query = _PREFIXED_ID.sub(f"agd:{entity_id}", query)
    return _FULL_ID.sub(f"<{AGD}{entity_id}>", query)


def measure_sparql(report: Report, size: str, backend: str, base: str, entity_id: str) -> None:
    """First answer (the SPARQL dataset is built then) and p50 of repeats, per example query."""
    queries = example_queries()
    if not queries:
        report.skipped(size, backend, "SPARQL", f"no example queries in {SPARQL_DIR}")
        return
    headers = {"Accept": "application/sparql-results+json"}
    with httpx.Client(base_url=base, timeout=300.0) as client:
        for path in queries:
            text = aim_at(path.read_text(encoding="utf-8"), entity_id)
            measure = f"SPARQL {path.stem}"
            times: list[float] = []
            rows = 0
            for _ in range(REPEATS + 1):
                start = time.perf_counter()
                try:
                    response = client.post("/sparql", data={"query": text}, headers=headers)
                except httpx.HTTPError as error:
                    report.skipped(size, backend, measure, f"POST /sparql failed: {error}")
                    break
                times.append(time.perf_counter() - start)
                if response.status_code != 200:
                    why = f"POST /sparql answered {response.status_code}: {response.text[:200]}"
                    report.skipped(size, backend, measure, why)
                    break
                rows = len(response.json().get("results", {}).get("bindings", []))
            else:
                first, rest = times[0], summarise(times[1:])
                note = f"first {fmt(first * 1000)} ms, p99 {fmt(rest.p99)} ms, {rows} rows"
                report.add(Row(size, backend, measure + " p50", rest.p50, "ms", note=note))
