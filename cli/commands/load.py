"""``actorgraph load``: validate the curated facts (or an RDF file) and load them into the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from actorgraph.settings import get_settings
from cli.commands import add_fact_folder_arguments, store_location
from graph.open import open_store
from graph.store import StoreError
from loaders.load import DerivedData, load_facts
from loaders.rdf_input import validated_rdf_facts
from ontology.errors import InvalidFacts
from ontology.facts import FactSet
from ontology.validate import load_and_validate
from services.sparql.dataset import SparqlDatasets, dataset_root

HELP = "Validate the facts and load them into the graph store, replacing its graph atomically."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--data DIR`` (default ACTORGRAPH_DATA_DIR), ``--rdf FILE``, ``--sources DIR``,
    ``--no-sparql-dataset``."""
    add_fact_folder_arguments(parser)
    parser.add_argument(
        "--rdf",
        type=Path,
        default=None,
        metavar="FILE",
        help="load this RDF file (Turtle, JSON-LD, N-Triples, RDF/XML) instead of the fact files",
    )
    parser.add_argument(
        "--no-sparql-dataset",
        action="store_true",
        help="do not write the SPARQL dataset beside the graph (ACTORGRAPH_SPARQL_DIR); "
        "/sparql then builds it from the store on its first query",
    )


def _facts(args: argparse.Namespace) -> FactSet:
    settings = get_settings()
    sources_dir: Path = args.sources or settings.sources_dir
    if args.rdf is not None:
        return validated_rdf_facts(args.rdf, sources_dir)
    return load_and_validate(args.data or settings.data_dir, sources_dir)


def run(args: argparse.Namespace) -> int:
    """Exit 0 after a load; 1 when the facts are invalid (nothing loaded) or the store fails."""
    try:
        facts = _facts(args)
    except InvalidFacts as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"{len(exc.errors)} error(s): nothing loaded", file=sys.stderr)
        return 1
    settings = get_settings()
    try:
        store = open_store(settings)
    except StoreError as exc:
        print(
            f"actorgraph load: cannot open the graph store at {store_location(settings)}: {exc}",
            file=sys.stderr,
        )
        return 1
    derived: list[DerivedData] = []
    if not args.no_sparql_dataset:
        derived.append(SparqlDatasets(dataset_root(settings)))
    try:
        report = load_facts(store, facts, derived)
    except StoreError as exc:
        print(
            f"actorgraph load: load failed, the previous graph at {store_location(settings)} "
            f"is unchanged: {exc}",
            file=sys.stderr,
        )
        return 1
    finally:
        store.close()
    print(f"{report.summary()} ({report.claims_per_second:,.0f} claims/s)")
    return 0
