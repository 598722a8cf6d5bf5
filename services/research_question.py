"""The research catalog asked at a date: each query's rows re-read for a time question.

A research query returns rows that hold relation edge maps (``{type, subject, object,
properties}``). For a ``Question`` (``services/relation_filter.py``) every edge in a row is
read again from its own claims; a row goes when one of its edges does not answer the question,
or when the edge no longer meets what the query asked of it (the hostility behind "enemies of
enemies" must not be only denied; a contested relation must still be disputed by then). Rules
for each query live here, beside the query's own Cypher condition they repeat.

``known_by`` can change a relation's counts, so a query that selects on a count cannot be
re-read from its rows: single-source relations by ``known_by`` would miss the relations that
had one source then and two now. Those queries refuse the question (``UnsupportedQuestion``)
rather than answer it wrong; so does ``centrality``, whose rows carry no citations.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from services.relation_filter import Question

Row = dict[str, Any]


class UnsupportedQuestion(ValueError):
    """A research query that cannot answer this time question (the parameter is named)."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter


@dataclass(frozen=True)
class RowRule:
    """Which columns of a query's rows are edges, and what the query asks of them."""

    edges: tuple[str, ...]
    keeps: Callable[[Row], bool]
    known_by: bool = True  # False: counts decide the row, so known_by cannot be re-read


def _status(row: Row, column: str) -> str:
    return str(row[column]["properties"]["status"])


def _not_denied(*columns: str) -> Callable[[Row], bool]:
    return lambda row: all(_status(row, c) != "denied" for c in columns)


RULES: dict[str, RowRule] = {
    # MATCH ... WHERE h1.status <> 'denied' AND h2.status <> 'denied'
    "enemies_of_enemies": RowRule(
        ("hostility_to_enemy", "enemy_hostility"),
        _not_denied("hostility_to_enemy", "enemy_hostility"),
    ),
    # WHERE h.status <> 'denied' (the sanctuary edge may have any status)
    "sanctuary_for_enemies": RowRule(("sanctuary", "hostility"), _not_denied("hostility")),
    # WHERE r.contested = true
    "contested_claims": RowRule(
        ("relation",), lambda row: _status(row, "relation") in ("contested", "denied")
    ),
    # WHERE r.status <> 'denied'
    "structural_balance": RowRule(("edge",), _not_denied("edge")),
    # WHERE r.source_count = 1: a count, so only true_at (which changes no count) re-reads
    "single_source_relations": RowRule(("relation",), lambda row: True, known_by=False),
}


def check_supported(name: str, question: Question) -> None:
    """Refuse a time question that research query ``name`` cannot answer right."""
    rule = RULES.get(name)
    if rule is None:
        parameter = "true_at" if question.true_at else "known_by" if question.known_by else "status"
        raise UnsupportedQuestion(
            parameter, f"the research query {name!r} cannot be asked at a date or by status"
        )
    if question.known_by and not rule.known_by:
        raise UnsupportedQuestion(
            "known_by",
            f"{name!r} selects relations by a count their later claims change; ask true_at, "
            "or /relations?known_by=... for the relations themselves",
        )


def answer_rows(name: str, rows: list[Row], question: Question) -> list[Row]:
    """The rows of research query ``name`` that answer ``question``, their edges re-read."""
    check_supported(name, question)
    rule = RULES[name]
    kept: list[Row] = []
    for row in rows:
        answered = dict(row)
        for column in rule.edges:
            edge = question.answer_edge(row[column])
            if edge is None:
                break
            answered[column] = edge
        else:
            if rule.keeps(answered):
                kept.append(_recount(answered, rule))
    return kept


def _recount(row: Row, rule: RowRule) -> Row:
    """Counts a row repeats from its one edge (contested_claims' asserted, denied) re-read."""
    if len(rule.edges) == 1:
        properties: Mapping[str, Any] = row[rule.edges[0]]["properties"]
        for count in ("asserted", "denied"):
            if count in row:
                row[count] = properties[count]
    return row
