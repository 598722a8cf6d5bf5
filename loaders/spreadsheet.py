"""Claims from a spreadsheet, appended to the fact files: all of them, or none.

``actorgraph import FILE`` is how a curator with a spreadsheet adds claims without writing YAML.
Each row names its subject, object and claimant by id, name or alias, its relation by key,
graph type or label, and its source by id or file name (``loaders.spreadsheet_refs``); a row
without an id gets the next free ``<source prefix>-cNNN`` of its source.

Nothing is written unless the whole sheet is right. The new claims are appended to a copy of
the fact folder and the full validator runs on the copy, so a quote is checked against its
source, and a duplicate or a date refused, exactly as ``actorgraph validate`` would; its
errors on the new claims are told by the sheet's row. Only then is each claims file replaced
(a temporary file, then ``os.replace``), its existing text, comments included, kept byte for
byte: the claims are appended as YAML text, never by dumping the file again.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from loaders.spreadsheet_refs import References
from loaders.spreadsheet_rows import read_sheet
from loaders.spreadsheet_yaml import CannotAppend, append_records, claim_lines
from ontology.errors import FactError
from ontology.fact_files import claims_file, display_path, read_fact_files
from ontology.facts import Claim, FactSet
from ontology.validate import check_fact_folder, id_prefix
from ontology.vocabulary import vocabulary

TEMPLATE = Path(__file__).resolve().parent / "templates" / "claims.csv"
"""A sheet to start from: the header and two example rows, drawn from the real sources."""


Problem = tuple[int, str, str]
"""(row, column, message): an error in the sheet."""


class ImportConflict(Exception):
    """A claims file changed between checking the import and writing it: nothing written."""


@dataclass(frozen=True)
class Draft:
    """A row turned into a claim (its id may still be empty) and the file it goes to."""

    row: int
    claim: Claim
    path: Path


@dataclass(frozen=True)
class FileAddition:
    """The claims one claims file gains: the text appended, and the file's whole new text."""

    path: Path
    shown: str  # as errors name it: data/claims/<source>.yaml
    before: bytes  # the file the addition was checked against
    after: str
    block: str
    claim_ids: tuple[str, ...]


@dataclass(frozen=True)
class ImportPlan:
    """What importing a sheet adds, or why it adds nothing (then ``errors`` is not empty)."""

    sheet: str
    additions: tuple[FileAddition, ...]
    errors: tuple[FactError, ...]

    @property
    def claim_count(self) -> int:
        """How many claims the import adds."""
        return sum(len(a.claim_ids) for a in self.additions)

    def summary(self, verb: str = "imported") -> str:
        """``imported 10 claims into data/claims/s004-....yaml (s004-c124..s004-c133)``."""
        parts = [
            f"{_count(len(a.claim_ids))} into {a.shown} ({id_ranges(a.claim_ids)})"
            for a in self.additions
        ]
        if len(parts) == 1:
            return f"{verb} {parts[0]}"
        return f"{verb} {_count(self.claim_count)}: " + "; ".join(parts)


def _count(n: int) -> str:
    return f"{n} claim" if n == 1 else f"{n} claims"


def id_ranges(ids: tuple[str, ...], most: int = 6) -> str:
    """Ids in order, runs of consecutive numbers shortened: ``s004-c124..s004-c133, s004-c200``
    (past ``most`` runs, how many more: an exported sheet may hold every claim)."""
    runs: list[list[str]] = []
    for claim_id in sorted(ids, key=_id_order):
        if runs and _follows(runs[-1][-1], claim_id):
            runs[-1].append(claim_id)
        else:
            runs.append([claim_id])
    shown = [run[0] if len(run) == 1 else f"{run[0]}..{run[-1]}" for run in runs[:most]]
    more = sum(len(run) for run in runs[most:])
    return ", ".join(shown) + (f" and {more} more" if more else "")


def _id_order(claim_id: str) -> tuple[str, int, str]:
    numbered = _NUMBERED.fullmatch(claim_id)
    return (numbered[1], int(numbered[2]), "") if numbered else (claim_id, -1, claim_id)


_NUMBERED = re.compile(r"(.*-c)([0-9]+)")


def _follows(before: str, after: str) -> bool:
    a, b = _NUMBERED.fullmatch(before), _NUMBERED.fullmatch(after)
    return bool(a and b and a[1] == b[1] and int(b[2]) == int(a[2]) + 1)


def plan_import(sheet_path: Path, data_dir: Path, sources_dir: Path) -> ImportPlan:
    """Read, resolve, number and check the claims of ``sheet_path`` against ``data_dir``.

    Writes nothing to ``data_dir``; ``write_import`` writes the plan when it has no errors.
    Rows that fail on their own (an unknown name, a blank cell) are left out of the check of
    the others, so that one run reports every error in the sheet.
    """
    data_dir = data_dir.resolve()  # its name is what errors show: data/claims/...
    sheet = read_sheet(sheet_path)
    errors = list(sheet.errors)
    if not data_dir.is_dir():
        errors.append(
            FactError(
                str(data_dir), 0, "<file>", "fact folder not found (--data, ACTORGRAPH_DATA_DIR)"
            )
        )
    if not sheet.rows or not data_dir.is_dir():
        return ImportPlan(sheet.shown, (), tuple(errors))
    facts, _ = read_fact_files(data_dir)  # what is wrong in them, the validator says below
    refs = References(facts, vocabulary())
    bad_rows = {e.line for e in errors}
    drafts: list[Draft] = []
    problems: list[Problem] = []
    for row in sheet.rows:
        claim, found = refs.claim(row)
        problems += [(row.number, column, message) for column, message in found]
        if claim is None or row.number in bad_rows:
            continue
        path = _claims_path(data_dir, claim.source)
        if path.is_file():
            drafts.append(Draft(row.number, claim, path))
        else:
            shown = display_path(path, data_dir)
            problems.append(
                (
                    row.number,
                    "source",
                    f"source '{claim.source}' has no claims file {shown}: create it with "
                    f"`source: {claim.source}` and `claims: []`",
                )
            )
    drafts, id_problems = _numbered(drafts, facts)
    additions, rows_at, append_problems = _additions(drafts, data_dir)
    problems += id_problems + append_problems
    errors += [FactError(sheet.shown, row, column, message) for row, column, message in problems]
    if additions:  # checked even when other rows failed: one run tells every error
        errors += _checked(drafts, additions, rows_at, data_dir, sources_dir, sheet.shown)
    # the sheet's errors first, by row; then any in the fact files themselves
    errors.sort(key=lambda e: (e.file != sheet.shown, e))
    return ImportPlan(sheet.shown, tuple(additions), tuple(dict.fromkeys(errors)))


def _claims_path(data_dir: Path, source_id: str) -> Path:
    """The file holding the claims of ``source_id``: ``claims/<id>.yaml`` (or ``.yml``)."""
    path = claims_file(data_dir, source_id)
    other = path.with_suffix(".yml")
    return other if not path.is_file() and other.is_file() else path


def _numbered(drafts: list[Draft], facts: FactSet) -> tuple[list[Draft], list[Problem]]:
    """The drafts with their ids: a given id when it is free and has its source's prefix, else
    the next number of that prefix (after every id in use, and every id the sheet gives, so a
    number is never used twice; gaps left by removed claims are not filled)."""
    taken: dict[str, str] = {}
    for records in (facts.sources, facts.entities, facts.claims):
        for record in records.values():
            taken[record.id] = f"{record.origin.file}:{record.origin.line_of('id')}"
    problems: list[Problem] = []
    kept: list[Draft] = []
    for draft in drafts:
        claim_id, prefix = draft.claim.id, id_prefix(draft.claim.source) + "-c"
        if not claim_id:
            kept.append(draft)
        elif claim_id in taken:
            problems.append((draft.row, "id", f"id '{claim_id}' is taken ({taken[claim_id]})"))
        elif not claim_id.startswith(prefix):
            problems.append(
                (
                    draft.row,
                    "id",
                    f"'{claim_id}' is not an id of source '{draft.claim.source}': number it "
                    f"'{prefix}NNN', or leave the cell blank for the next free one",
                )
            )
        else:
            taken[claim_id] = f"row {draft.row}"
            kept.append(draft)
    numbered: list[Draft] = []
    last: dict[str, int] = {}
    for draft in kept:
        if draft.claim.id:
            numbered.append(draft)
            continue
        prefix = id_prefix(draft.claim.source) + "-c"
        if prefix not in last:
            pattern = re.compile(re.escape(prefix) + "([0-9]+)")
            last[prefix] = max((int(m[1]) for m in map(pattern.fullmatch, taken) if m), default=0)
        last[prefix] += 1
        claim = replace(draft.claim, id=f"{prefix}{last[prefix]:03d}")
        numbered.append(replace(draft, claim=claim))
    return numbered, problems


RowsAt = dict[tuple[str, int], int]
"""(claims file as errors show it, line) -> the sheet's row whose claim is on that line."""


def _additions(
    drafts: list[Draft], data_dir: Path
) -> tuple[list[FileAddition], RowsAt, list[Problem]]:
    """Each claims file's new text, and the sheet row of every line the new claims fill."""
    by_path: dict[Path, list[Draft]] = {}
    for draft in drafts:
        by_path.setdefault(draft.path, []).append(draft)
    additions: list[FileAddition] = []
    rows_at: RowsAt = {}
    problems: list[Problem] = []
    for path, group in sorted(by_path.items()):
        shown = display_path(path, data_dir)
        before = path.read_bytes()
        records = [claim_lines(d.claim) for d in group]
        try:
            after, block, line = append_records(before.decode("utf-8"), records)
        except (CannotAppend, UnicodeDecodeError) as exc:
            problems += [(d.row, "source", f"cannot append to {shown}: {exc}") for d in group]
            continue
        for draft, record in zip(group, records, strict=True):
            for offset in range(len(record)):
                rows_at[(shown, line + offset)] = draft.row
            line += len(record)
        ids = tuple(d.claim.id for d in group)
        additions.append(FileAddition(path, shown, before, after, block, ids))
    return additions, rows_at, problems


def _checked(
    drafts: list[Draft],
    additions: list[FileAddition],
    rows_at: RowsAt,
    data_dir: Path,
    sources_dir: Path,
    sheet: str,
) -> list[FactError]:
    """Every error of the fact folder as it would be after the import, the new claims' by row.

    The copy keeps the folder's name, so errors name files as ``actorgraph validate`` does.
    """
    with tempfile.TemporaryDirectory(prefix="actorgraph-import-") as scratch:
        copy = Path(scratch) / (data_dir.name or "data")
        shutil.copytree(data_dir, copy)
        for addition in additions:
            (copy / addition.path.relative_to(data_dir)).write_bytes(addition.after.encode())
        after, errors = check_fact_folder(copy, sources_dir)
    found: list[FactError] = []
    rows_with_errors: set[int] = set()
    for error in errors:
        row = rows_at.get((error.file, error.line))
        if row is None:
            found.append(error)
        else:
            rows_with_errors.add(row)
            found.append(FactError(sheet, row, error.field, error.message))
    written = {i for addition in additions for i in addition.claim_ids}
    for draft in drafts:  # the text written must read back as the claim meant: a last guard
        read = after.claims.get(draft.claim.id)
        if draft.claim.id in written and draft.row not in rows_with_errors and read != draft.claim:
            found.append(
                FactError(
                    sheet, draft.row, "id", f"the claim written reads back as {read}: not imported"
                )
            )
    return found


def write_import(plan: ImportPlan) -> None:
    """Write the claims of a plan without errors: every file replaced whole, or none.

    Each file's new text goes to a temporary file beside it, then ``os.replace`` swaps it in,
    so a reader never sees half a file. A file that changed since the plan was checked stops
    the import before anything is replaced (``ImportConflict``).
    """
    if plan.errors:
        raise ValueError("a plan with errors is not written")
    for addition in plan.additions:
        if addition.path.read_bytes() != addition.before:
            raise ImportConflict(
                f"{addition.shown} changed while the import was checked: nothing written; "
                "run the import again"
            )
    staged: list[tuple[str, Path]] = []
    try:
        for addition in plan.additions:
            staged.append((_staged_copy(addition.path, addition.after), addition.path))
        for temporary, path in staged:
            os.replace(temporary, path)
    finally:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)


def _staged_copy(path: Path, text: str) -> str:
    """A temporary file beside ``path`` holding ``text``, flushed to disk, with path's mode."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode())
            out.flush()
            os.fsync(out.fileno())
        os.chmod(name, stat.S_IMODE(path.stat().st_mode))
    except BaseException:
        os.unlink(name)
        raise
    return name
