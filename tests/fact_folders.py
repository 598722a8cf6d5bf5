"""Fact folders for the validation tests: the minimal valid one, and broken variants of it.

``tests/fixtures/valid`` is a small, valid fact folder whose quotes come from the real source
documents. Each ``tests/fixtures/broken/<case>`` holds only the files that differ from it;
``fact_folder`` lays the case over a copy of the valid folder at ``<tmp>/data``, so errors
name files as ``data/actors.yaml``, as they do for the real folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"


def fact_folder(tmp_path: Path, case: str | None = None) -> Path:
    """A copy of the valid fact folder with the files of broken ``case`` laid over it."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    if case is not None:
        shutil.copytree(BROKEN / case, data, dirs_exist_ok=True)
    return data


def line_of(path: Path, text: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line of ``path`` containing ``text``."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{text!r} not found {occurrence} time(s) in {path}")
