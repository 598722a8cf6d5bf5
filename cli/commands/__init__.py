"""One module per `actorgraph` subcommand: each has add_arguments(parser) and run(args)."""

from __future__ import annotations

import argparse
from pathlib import Path

from actorgraph.backends import get_backend
from actorgraph.settings import Settings


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


def store_location(settings: Settings) -> str:
    """Where the settings' graph store is, and the setting that says so, for error messages.

    ``/work/main/var/actorgraph.db (ACTORGRAPH_DB_PATH)``, or the server's URI for a backend
    with a server: the operator sees which store failed and which variable to change.
    """
    field = get_backend(settings.backend).server_setting or "db_path"  # embedded: its file
    variable = f"{Settings.model_config.get('env_prefix', '')}{field.upper()}"
    return f"{getattr(settings, field)} ({variable})"
