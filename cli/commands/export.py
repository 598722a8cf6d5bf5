"""``actorgraph export``: the graph in the store as RDF or as a network for other tools.

RDF (Turtle, N-Triples, JSON-LD, TriG), GEXF (Gephi), GraphML, the CSV tables (a folder, or a
zip when the output ends in ``.zip``) or Cytoscape.js JSON, with the API's filters: relation
types or families, the time and status question, a focus and depth.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from actorgraph.settings import get_settings
from cli.commands import store_location

if TYPE_CHECKING:
    from ontology.facts import FactSet
    from services.export import AnyFormat, ExportSelection
    from services.relation_filter import Question

HELP = (
    "Export the graph in the store: RDF (ttl, nt, jsonld, trig), GEXF for Gephi, GraphML, "
    "CSV tables or Cytoscape JSON, filtered like the API."
)
FORMAT_NAMES = ("ttl", "nt", "jsonld", "trig", "gexf", "graphml", "csv", "cytoscape")
EXTENSIONS = {"cyjs": "cytoscape", "zip": "csv", "csv": "csv"}

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--format``, ``-o`` and the filters."""
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMAT_NAMES,
        default=None,
        help="format (default: from the output's extension, else ttl); csv writes a folder "
        "of tables, or a zip when the output ends in .zip",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        help="file (or folder, for csv) to write (default: stdout)",
    )
    parser.add_argument(
        "--type",
        dest="types",
        action="append",
        default=None,
        help="only this relation type (fact key or graph type; repeat for more)",
    )
    parser.add_argument(
        "--family",
        dest="families",
        action="append",
        default=None,
        help="only this relation family, e.g. hostility or sanctuary_protection (repeatable)",
    )
    parser.add_argument(
        "--status",
        dest="statuses",
        action="append",
        choices=("asserted", "contested", "denied"),
        default=None,
        help="only relations of this status (repeatable)",
    )
    parser.add_argument("--focus", default=None, help="only relations near this entity id")
    parser.add_argument(
        "--depth", type=int, default=2, help="with --focus: relations away from it (default 2)"
    )
    parser.add_argument(
        "--no-ontology", action="store_true", help="leave the ontology's own triples out"
    )
    parser.add_argument(
        "--true-at",
        default=None,
        help="only the relations that held at this ISO date, by the claims' valid time",
    )
    parser.add_argument(
        "--known-by",
        default=None,
        help="only the claims stated by this ISO date (the graph a reader had then)",
    )
    parser.add_argument(
        "--hide-undated",
        action="store_true",
        help="with --true-at, leave out relations that only claims of unknown period support",
    )


def question_of(args: argparse.Namespace) -> Question:
    """The time question of ``--true-at`` / ``--known-by`` (ValueError naming the flag)."""
    from dataclasses import replace

    from ontology.dates import check_date
    from services.relation_filter import Question

    for flag, value in (("--true-at", args.true_at), ("--known-by", args.known_by)):
        if value:
            check_date(value, flag)
    question = Question(true_at=args.true_at, known_by=args.known_by, undated=not args.hide_undated)
    statuses = getattr(args, "statuses", None)
    return replace(question, statuses=frozenset(statuses)) if statuses else question


def _format_name(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.output is not None:
        suffix = str(args.output.suffix).lstrip(".").lower()
        if suffix in FORMAT_NAMES:
            return suffix
        if suffix in EXTENSIONS:
            return EXTENSIONS[suffix]
    return "ttl"


def run(args: argparse.Namespace) -> int:
    """Read the store named by the settings and write its export."""
    from graph.open import open_store
    from services.export import (
        ExportSelection,
        SelectionError,
        facts_for,
        find_format,
        read_facts_from_store,
        relation_keys,
    )

    settings = get_settings()
    fmt = find_format(_format_name(args))
    try:
        selection = ExportSelection(
            question=question_of(args),
            types=relation_keys(args.types, args.families),
            focus=args.focus,
            depth=args.depth,
        )
    except SelectionError as exc:
        message = str(exc).split(": ", 1)[1]
        print(f"actorgraph export: --{exc.parameter}: {message}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"actorgraph export: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    store = open_store(settings)  # a StoreError is reported by cli.main, in one line
    try:
        facts = read_facts_from_store(store)
    finally:
        store.close()
    if not (facts.entities or facts.sources or facts.claims):
        print(
            f"actorgraph export: the store at {store_location(settings)} holds no graph yet: "
            "run `actorgraph load` first",
            file=sys.stderr,
        )
        return 1
    try:
        facts = facts_for(facts, selection)
    except SelectionError as exc:
        message = str(exc).split(": ", 1)[1]
        print(f"actorgraph export: --{exc.parameter}: {message}", file=sys.stderr)
        return 2
    try:
        where = _write(args, fmt, facts, selection)
    except OSError as exc:
        print(f"actorgraph export: cannot write {args.output}: {exc}", file=sys.stderr)
        return 1
    print(
        f"exported {len(facts.entities)} entities, {len(facts.sources)} sources, "
        f"{len(facts.claims)} claims as {fmt.name} to {where} "
        f"in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


def _write(
    args: argparse.Namespace, fmt: AnyFormat, facts: FactSet, selection: ExportSelection
) -> str:
    """Write the export where ``-o`` says (stdout without it); where it went."""
    from services.export import ExportFormat, build_network, serialize_export
    from services.export.tables import write_tables_folder
    from services.release import dataset_version

    output: Path | None = args.output
    if isinstance(fmt, ExportFormat):
        version = dataset_version(facts, get_settings().releases_dir)
        target = sys.stdout.buffer if output is None else output
        if output is not None:
            output.parent.mkdir(parents=True, exist_ok=True)
        serialize_export(facts, fmt, target, include_ontology=not args.no_ontology, version=version)
        if output is None:
            sys.stdout.buffer.flush()
            return "stdout"
        return str(output)
    network = build_network(facts)
    if fmt.name == "csv" and output is not None and output.suffix.lower() != ".zip":
        write_tables_folder(network, output)
        return f"{output}/ ({', '.join(p.name for p in sorted(output.glob('*.csv')))})"
    chunks = fmt.write(network, selection.describe())
    if output is None:
        for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
        return "stdout"
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as out:
        for chunk in chunks:
            out.write(chunk)
    return str(output)
