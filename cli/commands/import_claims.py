"""``actorgraph import FILE``: claims from a spreadsheet (CSV or .xlsx), appended to the fact files.

(The module is ``import_claims`` because ``import`` is a Python keyword.)
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from actorgraph.settings import get_settings
from cli.commands import add_fact_folder_arguments
from loaders.spreadsheet import TEMPLATE, ImportConflict, plan_import, write_import
from loaders.spreadsheet_rows import EXPORT_COLUMNS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS

HELP = (
    "Append the claims of a spreadsheet (CSV or .xlsx) to the fact files: every row checked "
    "as `actorgraph validate` checks, and nothing written unless all rows are right."
)
BAD_INPUT = 2

EPILOG = f"""\
columns (the header row; any order, any case, "Valid From" for valid_from):
  required: {", ".join(REQUIRED_COLUMNS)}
  optional: {", ".join(OPTIONAL_COLUMNS)}  (a blank cell means absent)
  ignored:  {", ".join(EXPORT_COLUMNS)}  (what the CSV export adds)

subject, object and claimant: an entity id, or a name or alias that names one entity;
relation: its key (hostile_to), graph type (HOSTILE_TO) or label (hostile to);
source: its id or its document's file name; stance: asserts, denies or questions;
dates: YYYY, YYYY-MM or YYYY-MM-DD. A blank id takes the source's next free number.

errors print as FILE:ROW: COLUMN: message (the header is row 1); exit code 2, nothing written.

template, with two example rows from the sources (`actorgraph import --template`):
  {TEMPLATE}
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``FILE``, ``--dry-run``, ``--template``, and ``--data`` / ``--sources`` (the settings)."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter  # keeps the epilog's layout
    parser.description = textwrap.fill(HELP, width=88)  # ... so the description is wrapped here
    parser.epilog = EPILOG
    parser.add_argument(
        "file", type=Path, nargs="?", metavar="FILE", help="the sheet: .csv (UTF-8) or .xlsx"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="check and print what would be added; write nothing"
    )
    parser.add_argument("--template", action="store_true", help="print the template CSV and exit")
    add_fact_folder_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Exit 0 after importing (or a clean dry run), 2 when the sheet is refused, 1 when a
    claims file changed while the import was checked."""
    if args.template:
        sys.stdout.write(TEMPLATE.read_text(encoding="utf-8"))
        return 0
    if args.file is None:
        print("actorgraph import: give the sheet to import (FILE), or --template", file=sys.stderr)
        return BAD_INPUT
    settings = get_settings()
    data_dir: Path = args.data or settings.data_dir
    sources_dir: Path = args.sources or settings.sources_dir
    plan = plan_import(args.file, data_dir, sources_dir)
    if plan.errors:
        for error in plan.errors:
            print(error, file=sys.stderr)
        print(f"{len(plan.errors)} error(s): nothing imported from {plan.sheet}", file=sys.stderr)
        return BAD_INPUT
    if args.dry_run:
        for addition in plan.additions:
            print(f"# would append to {addition.shown}:")
            print(addition.block, end="")
        print(f"dry run: {plan.summary('would import')}; nothing written")
        return 0
    try:
        write_import(plan)
    except ImportConflict as exc:
        print(f"actorgraph import: {exc}", file=sys.stderr)
        return 1
    print(plan.summary())
    return 0
