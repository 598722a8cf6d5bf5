"""The benchmark's results: one row per figure, with its target and PASS/MISS, as markdown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Target:
    """A figure's target: a text for the table and a test of the measured value."""

    text: str
    met: Callable[[float], bool]


def at_least(bound: float, unit: str) -> Target:
    """Target met when the value is ``bound`` or more."""
    return Target(f">= {fmt(bound)} {unit}", lambda v: v >= bound)


def at_most(bound: float, unit: str) -> Target:
    """Target met when the value is ``bound`` or less."""
    return Target(f"<= {fmt(bound)} {unit}", lambda v: v <= bound)


def below(bound: float, unit: str) -> Target:
    """Target met when the value is under ``bound``."""
    return Target(f"< {fmt(bound)} {unit}", lambda v: v < bound)


def fmt(value: float) -> str:
    """A figure with as many digits as are worth reading."""
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def size_text(n_bytes: float) -> str:
    """Bytes as MiB."""
    return f"{n_bytes / 2**20:.1f}"


@dataclass(frozen=True)
class Row:
    """One figure: what was measured, at which size, on which backend, and against what."""

    size: str
    backend: str
    measure: str
    value: float | None
    unit: str
    target: Target | None = None
    note: str = ""
    if_missed: str = ""  # why it misses, measured, and what would close it (printed on a MISS)

    @property
    def verdict(self) -> str:
        """PASS or MISS against the target; empty when there is none or nothing was measured."""
        if self.target is None or self.value is None:
            return ""
        return "PASS" if self.target.met(self.value) else "MISS"

    @property
    def figure(self) -> str:
        if self.value is None:
            return f"not measured: {self.note}"
        return f"{fmt(self.value)} {self.unit}"


@dataclass
class Report:
    """Rows collected as the benchmark runs, plus notes printed under the table."""

    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def skipped(self, size: str, backend: str, measure: str, why: str) -> Row:
        """Record a figure that could not be measured, and why."""
        return self.add(Row(size, backend, measure, None, "", note=why))

    def markdown(self) -> str:
        """The table (and notes) as markdown."""
        lines = [
            "| size | backend | measure | figure | target | result |",
            "|---|---|---|---|---|---|",
        ]
        for row in self.rows:
            target = row.target.text if row.target else ""
            figure = row.figure
            if row.value is not None and row.note:
                figure += f" ({row.note})"
            lines.append(
                f"| {row.size} | {row.backend} | {row.measure} | {figure} | {target} "
                f"| {row.verdict} |"
            )
        missed = [r for r in self.rows if r.verdict == "MISS" and r.if_missed]
        if missed:
            lines.append("")
            lines.extend(f"- MISS, {r.size} {r.measure}: {r.if_missed}" for r in missed)
        if self.notes:
            lines.append("")
            lines.extend(f"- {note}" for note in self.notes)
        return "\n".join(lines) + "\n"
