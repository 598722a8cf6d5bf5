"""One module per `actorgraph` subcommand: each has add_arguments(parser) and run(args)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_fact_folder_arguments(parser: argparse.ArgumentParser) -> None:
    """``--data DIR`` and ``--sources DIR``; both default to the settings when not given."""
    parser.add_argument(
        "--data", type=Path, default=None, metavar="DIR", help="folder of the fact files"
    )
    parser.add_argument(
        "--sources",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder of the source documents quotes are checked against",
    )
