"""The ``actorgraph`` command: one subcommand per everyday job.

Each subcommand lives in ``cli/commands/<name>.py`` with ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``; they are imported only when used so that
``actorgraph validate`` does not pay for starting a web server.

Operator errors end a command with one line on stderr and exit code 1, never a traceback: a bad
``ACTORGRAPH_*`` setting names the variable, and a graph store that fails names where the store
is (and the setting that says so).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from actorgraph.settings import Settings, get_settings
from cli.commands import store_location
from graph.store import StoreError

COMMANDS = ("validate", "load", "serve", "view", "export", "release", "diff", "import")
MODULES = {"import": "import_claims"}  # a command whose module is not its name (a keyword)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="actorgraph",
        description="A knowledge graph of armed actors, with a citation on every edge.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"cli.commands.{MODULES.get(name, name)}")
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def settings_problems(exc: ValidationError) -> list[str]:
    """One line per bad setting, named by its variable: ``ACTORGRAPH_PORT: ... (got 'abc')``."""
    prefix = Settings.model_config.get("env_prefix", "")
    lines = []
    for error in exc.errors(include_url=False):
        variable = prefix + "_".join(str(part) for part in error["loc"]).upper()
        cause = error.get("ctx", {}).get("error")
        if isinstance(cause, ValueError):  # our validators: their message says what to do
            lines.append(f"{variable}: {cause}")
        else:
            lines.append(f"{variable}: {error['msg']} (got {error['input']!r})")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    try:
        settings = get_settings()
    except ValidationError as exc:
        for line in settings_problems(exc):
            print(f"actorgraph: {line}", file=sys.stderr)
        return 1
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        code: int = args.run(args)
    except StoreError as exc:
        print(
            f"actorgraph {args.command}: graph store at {store_location(settings)}: {exc}",
            file=sys.stderr,
        )
        return 1
    except BrokenPipeError:  # `actorgraph validate | head`: the reader left, nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
