"""The ``actorgraph`` command: one subcommand per everyday job.

Each subcommand lives in ``cli/commands/<name>.py`` with ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``; they are imported only when used so that
``actorgraph validate`` does not pay for starting a web server.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from actorgraph.settings import get_settings

COMMANDS = ("validate", "load", "serve", "view", "export")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="actorgraph",
        description="A knowledge graph of armed actors, with a citation on every edge.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"cli.commands.{name}")
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=get_settings().log_level.upper(), format="%(levelname)s %(name)s: %(message)s"
    )
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
