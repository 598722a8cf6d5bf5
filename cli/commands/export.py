"""``actorgraph export``: write the graph in the store as RDF (Turtle, N-Triples, JSON-LD, TriG)."""

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
    from services.relation_filter import Question

HELP = "Export the graph in the store as RDF: Turtle, N-Triples, JSON-LD or TriG."

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--format`` and ``-o``."""
    parser.add_argument(
        "--format",
        "-f",
        choices=("ttl", "nt", "jsonld", "trig"),
        default=None,
        help="RDF format (default: from the output file's extension, else ttl)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, default=None, help="file to write (default: stdout)"
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
    from ontology.dates import check_date
    from services.relation_filter import Question

    for flag, value in (("--true-at", args.true_at), ("--known-by", args.known_by)):
        if value:
            check_date(value, flag)
    return Question(true_at=args.true_at, known_by=args.known_by, undated=not args.hide_undated)


def _format_name(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.output is not None:
        from services.export import FORMATS

        suffix = args.output.suffix.lstrip(".").lower()
        for fmt in FORMATS.values():
            if suffix == fmt.extension:
                return fmt.name
    return "ttl"


def run(args: argparse.Namespace) -> int:
    """Read the store named by the settings and write its export."""
    from graph.open import open_store
    from services.export import facts_for, get_format, read_facts_from_store, serialize_export

    settings = get_settings()
    fmt = get_format(_format_name(args))
    try:
        question = question_of(args)
    except ValueError as exc:
        print(f"actorgraph export: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    store = open_store(settings)  # a StoreError is reported by cli.main, in one line
    try:
        facts = read_facts_from_store(store)
    finally:
        store.close()
    if facts.claims:
        facts = facts_for(facts, question)
    if not (facts.entities or facts.sources or facts.claims):
        print(
            f"actorgraph export: the store at {store_location(settings)} holds no graph yet: "
            "run `actorgraph load` first",
            file=sys.stderr,
        )
        return 1
    if args.output is None:
        serialize_export(facts, fmt, sys.stdout.buffer, include_ontology=not args.no_ontology)
        sys.stdout.buffer.flush()
    else:
        try:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            serialize_export(facts, fmt, args.output, include_ontology=not args.no_ontology)
        except OSError as exc:
            print(f"actorgraph export: cannot write {args.output}: {exc}", file=sys.stderr)
            return 1
    where = args.output or "stdout"
    print(
        f"exported {len(facts.entities)} entities, {len(facts.sources)} sources, "
        f"{len(facts.claims)} claims as {fmt.name} to {where} "
        f"in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0
