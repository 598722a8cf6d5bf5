"""``actorgraph release``: validate the fact files and write them as a citable release."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from actorgraph.settings import get_settings
from cli.commands import add_fact_folder_arguments

HELP = "Validate the facts and write them as a versioned release (version, date, content hash)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--version``, ``--date``, ``-o DIR`` (default ACTORGRAPH_RELEASES_DIR), ``--data``,
    ``--sources``."""
    parser.add_argument(
        "--version",
        default=None,
        metavar="V",
        help="the release's version (default: the next semantic version after the latest "
        "release, by what changed since; 1.0.0 for the first)",
    )
    parser.add_argument(
        "--date", default=None, metavar="YYYY-MM-DD", help="the release date (default: today)"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder of the releases (default: ACTORGRAPH_RELEASES_DIR); "
        "the release goes to DIR/<version>/",
    )
    add_fact_folder_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Exit 0 after writing ``DIR/<version>/``; 1 when the facts are invalid or the version
    exists (nothing is written then)."""
    from ontology.errors import InvalidFacts
    from ontology.validate import load_and_validate
    from services.release import (
        ReleaseError,
        check_release_date,
        list_releases,
        next_version,
        write_release,
    )

    settings = get_settings()
    data_dir: Path = args.data or settings.data_dir
    releases_dir: Path = args.output or settings.releases_dir
    try:
        day = check_release_date(args.date or date.today().isoformat())
        facts = load_and_validate(data_dir, args.sources or settings.sources_dir)
    except ReleaseError as exc:
        print(f"actorgraph release: {exc}", file=sys.stderr)
        return 1
    except InvalidFacts as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"{len(exc.errors)} error(s) in {data_dir}: no release written", file=sys.stderr)
        return 1
    try:
        version = args.version or next_version(releases_dir, facts, day)
        release = write_release(facts, releases_dir, version=version, day=day)
        same = [
            r.version
            for r in list_releases(releases_dir)
            if r.content_hash == release.content_hash and r.version != release.version
        ]
    except ReleaseError as exc:
        print(f"actorgraph release: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"actorgraph release: cannot write to {releases_dir}: {exc}", file=sys.stderr)
        return 1
    counts = release.counts
    print(
        f"released {release.version} of {release.date} to {release.path}: "
        f"{counts['sources']} sources, {counts['entities']} entities, {counts['claims']} claims, "
        f"{counts['relations']} relations; {release.content_hash}"
    )
    if same:  # allowed (a new tool version, say), but rarely meant
        print(f"note: the same facts as release {', '.join(same)}", file=sys.stderr)
    return 0
