"""``actorgraph validate``: check the fact files against the ontology, sources and shapes."""

from __future__ import annotations

import argparse
from pathlib import Path

from actorgraph.settings import get_settings
from cli.commands import add_fact_folder_arguments
from ontology.facts import FactSet
from ontology.validate import check_fact_folder
from ontology.vocabulary import vocabulary

HELP = "Check the fact files: references, classes, dates, quotes against the sources, SHACL."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options; both default to the settings (ACTORGRAPH_DATA_DIR, ACTORGRAPH_SOURCES_DIR)."""
    add_fact_folder_arguments(parser)


def summary(facts: FactSet) -> str:
    """The counts of what the facts hold, e.g. "5 sources, 120 actors, ..."."""
    classes = vocabulary().classes
    kinds = {"Actor": 0, "Event": 0, "Place": 0}
    for entity in facts.entities.values():
        cls = classes.get(entity.class_key)
        if cls is not None:
            kinds[cls.kind] += 1
    return (
        f"{len(facts.sources)} sources, {kinds['Actor']} actors, {kinds['Event']} events, "
        f"{kinds['Place']} places, {len(facts.claims)} claims"
    )


def run(args: argparse.Namespace) -> int:
    """Print every error as ``file:line: field: message``; exit 1 when there is any."""
    settings = get_settings()
    data_dir: Path = args.data or settings.data_dir
    sources_dir: Path = args.sources or settings.sources_dir
    facts, errors = check_fact_folder(data_dir, sources_dir)
    for error in errors:
        print(error)
    if errors:
        print(f"FAILED: {len(errors)} error(s) in the fact files in {data_dir}")
        return 1
    print(f"OK: {summary(facts)}")
    return 0
