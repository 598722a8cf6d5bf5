"""Errors found in curated facts, each pointing at a file, a line and a field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class FactError:
    """One problem in the fact files: where it is and what is wrong."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class InvalidFacts(Exception):
    """Raised when facts fail validation; carries every error found, not just the first."""

    def __init__(self, errors: list[FactError]) -> None:
        self.errors = sorted(errors)
        lines = "\n".join(str(e) for e in self.errors[:50])
        more = f"\n... and {len(self.errors) - 50} more" if len(self.errors) > 50 else ""
        super().__init__(f"{len(self.errors)} error(s) in the fact files:\n{lines}{more}")
