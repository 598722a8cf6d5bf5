"""``actorgraph diff OLD NEW``: the claims and relations added, removed and changed between two
releases, two fact folders or one of each."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from actorgraph.settings import get_settings

HELP = (
    "List the claims and relations added, removed and changed between two releases or fact folders."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``OLD``, ``NEW`` and ``--json``."""
    for name, side in (("old", "the earlier"), ("new", "the later")):
        parser.add_argument(
            name,
            type=Path,
            metavar=name.upper(),
            help=f"{side} facts: a release folder or its release.json, a fact folder (data/), "
            "or a version in ACTORGRAPH_RELEASES_DIR",
        )
    parser.add_argument(
        "--json", action="store_true", help="print the diff as JSON instead of text"
    )


def run(args: argparse.Namespace) -> int:
    """Print the diff; exit 0 whether or not the facts differ, 1 when a side cannot be read."""
    from services.release import ReleaseError
    from services.release_diff import diff_facts, diff_text
    from services.release_snapshots import open_snapshot

    releases_dir = get_settings().releases_dir
    try:
        old = open_snapshot(args.old, releases_dir)
        new = open_snapshot(args.new, releases_dir)
    except ReleaseError as exc:
        print(f"actorgraph diff: {exc}", file=sys.stderr)
        return 1
    diff = diff_facts(old.facts, new.facts)
    if args.json:
        answer = {"old": old.to_json(), "new": new.to_json(), **diff.to_json()}
        print(json.dumps(answer, indent=2, ensure_ascii=False))
        return 0
    print(f"old: {old.label} ({old.content_hash})")
    print(f"new: {new.label} ({new.content_hash})")
    print(diff_text(diff))
    return 0
