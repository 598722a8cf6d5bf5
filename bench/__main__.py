"""``python -m bench``: measure actorgraph at growing sizes and print one table with targets.

For each size: a synthetic fact set (``bench.generate``) is loaded into a fresh embedded store
in a temporary folder (never the user's database), and into Neo4j too when
``ACTORGRAPH_NEO4J_URI`` is set; then load rate, peak memory, size on disk, reopen time, direct
store reads, export rate, SPARQL and API latency over HTTP are measured. The network view is
timed in headless Chromium at 100, 1,000 and 5,000 nodes. The table goes to stdout and to
``--out``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from actorgraph.backends import BACKENDS
from bench.api_bench import ServerFailed, measure_api, serve
from bench.cases import cases
from bench.export_bench import measure_export
from bench.generate import generate_facts, parse_size
from bench.pieces import Missing, piece
from bench.report import Report, fmt
from bench.setup_bench import measure_setup
from bench.sparql_bench import measure_sparql
from bench.store_bench import (
    MILLION,
    Sizing,
    measure_direct,
    measure_load,
    measure_reopen,
    store_settings,
)
from bench.view_bench import VIEW_SIZES, measure_views
from bench.workload import choose_workload

DEFAULT_SIZES = "1k,10k,100k"
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "latest.md"
SEED = 7
log = logging.getLogger("bench")


def requests_for(claims: int) -> int:
    """Requests per latency case: enough for a stable p99, fewer where queries get slow."""
    return 300 if claims <= 100_000 else 200


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--sizes", default=DEFAULT_SIZES, help=f"claims per run, comma separated ({DEFAULT_SIZES})"
    )
    parser.add_argument("--include-1m", action="store_true", help="also run 1M claims (slow)")
    parser.add_argument("--skip-browser", action="store_true", help="do not time the view")
    parser.add_argument("--skip-api", action="store_true", help="do not time the API over HTTP")
    parser.add_argument(
        "--setup",
        action="store_true",
        help="also time a fresh clone's setup, without pip's cache (slow: about 2.5 min)",
    )
    parser.add_argument("--seed", type=int, default=SEED, help="generator seed")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the table goes")
    return parser.parse_args(argv)


def backends() -> list[str]:
    """Every backend of the registry: embedded ones always, a server one when it is configured."""
    return [
        name
        for name, backend in BACKENDS.items()
        if not backend.server_setting
        or os.environ.get(f"ACTORGRAPH_{backend.server_setting.upper()}")
    ]


def run_size(report: Report, sizing: Sizing, backend: str, seed: int, skip_api: bool) -> None:
    """Every store, export, SPARQL and API figure at one size on one backend."""
    start = time.perf_counter()
    facts = generate_facts(sizing.claims, seed)
    work = choose_workload(facts)
    read_cases = cases(work)
    log.info("%s: generated %d claims in %.1f s", sizing.label, len(facts.claims),
             time.perf_counter() - start)  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="actorgraph-bench-") as tmp:
        folder = Path(tmp)
        settings = store_settings(backend, folder / "db")
        settings.db_path.parent.mkdir()
        try:
            store = measure_load(report, sizing, backend, settings, facts)
        except Missing as error:
            report.skipped(sizing.label, backend, "load and everything after it", str(error))
            return
        del facts  # the figures below are the store's, not the generator's
        log.info("%s: loaded; timing direct reads", sizing.label)
        direct_p50 = measure_direct(report, sizing, backend, store, read_cases)
        log.info("%s: export", sizing.label)
        try:
            measure_export(report, sizing.label, backend, store, folder, sizing.claims)
        except Missing as error:
            report.skipped(sizing.label, backend, "export", str(error))
        measure_reopen(report, sizing, backend, settings, store, read_cases[0])
        if skip_api:
            return
        log.info("%s: API over HTTP", sizing.label)
        try:
            with serve(settings, read_cases[0].http_path, folder / "api.log") as base:
                measure_api(
                    report, sizing.label, backend, base, read_cases, direct_p50, sizing.requests
                )
                log.info("%s: SPARQL over HTTP", sizing.label)
                datasets = piece("services.sparql.dataset", "dataset_root")(settings)
                measure_sparql(report, sizing.label, backend, base, work.actor_id, datasets)
        except ServerFailed as error:
            report.skipped(sizing.label, backend, "API latency", str(error))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, format="bench %(asctime)s: %(message)s", stream=sys.stderr
    )
    log.setLevel(logging.INFO)  # our progress; not every HTTP request of the clients
    labels = [s.strip() for s in args.sizes.split(",") if s.strip()]
    if args.include_1m and "1m" not in [s.lower() for s in labels]:
        labels.append("1m")
    report = Report()
    started = time.perf_counter()
    for label in labels:
        claims = parse_size(label)
        sizing = Sizing(label, claims, requests_for(claims))
        for backend in backends():
            log.info("size %s on %s", label, backend)
            run_size(report, sizing, backend, args.seed, args.skip_api)
    for name, entry in BACKENDS.items():
        if name not in backends() and entry.server_setting:
            variable = f"ACTORGRAPH_{entry.server_setting.upper()}"
            report.notes.append(f"{name} not measured: {variable} is not set.")
    if args.skip_browser:
        for nodes in VIEW_SIZES:
            report.skipped(f"{nodes:,} nodes", "chromium", "view settles", "--skip-browser")
    else:
        log.info("network view in headless Chromium")
        measure_views(report)
    if not any(parse_size(label) >= MILLION for label in labels):
        report.skipped("1m", "all", "load, peak memory and export at 1M claims",
                       "--include-1m not given")  # fmt: skip
    if args.setup:
        log.info("fresh-machine setup on a new clone")
        measure_setup(report)
    else:
        report.skipped(
            "fresh clone", "setup", "make test before the first test", "--setup not given"
        )
    report.notes.append(
        f"seed {args.seed}; {os.cpu_count()} CPUs; run took {fmt(time.perf_counter() - started)} s"
    )
    table = report.markdown()
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    log.info("table written to %s", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
