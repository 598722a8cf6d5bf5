"""The time and status question every relation-answering route takes, as one dependency.

``true_at`` (what held then, by the claims' valid time), ``known_by`` (what had been stated by
then), ``undated`` (with ``true_at``: keep the relations only claims of unknown period support,
flagged ``time_basis: undated``) and ``status`` (repeatable). The answer is computed by
``services/relation_filter.py``, the one implementation the view and the exports share.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query

from api.errors import ParameterInvalid
from api.params import IsoDate
from ontology.dates import date_problem
from services.relation_filter import STATUSES, Question

StatusName = Literal["asserted", "contested", "denied"]


def get_question(
    true_at: Annotated[
        IsoDate | None,
        Query(
            description=(
                "What held at this date, by the claims' valid time (a date names a period: "
                "`2021` is the whole year). Relations that only claims of unknown period "
                "support are kept and flagged `time_basis: undated` unless `undated=false`."
            ),
            examples=["2021-08-15"],
        ),
    ] = None,
    known_by: Annotated[
        IsoDate | None,
        Query(
            description=(
                "What had been stated by this date (a claim's stated_on, else its source's "
                "date): only those claims count, so status and counts are as they were then."
            ),
            examples=["2022-06"],
        ),
    ] = None,
    undated: Annotated[
        bool, Query(description="With true_at: keep relations whose period is unknown.")
    ] = True,
    status: Annotated[
        list[StatusName] | None,
        Query(description="Keep relations of these statuses (repeatable; all when none)."),
    ] = None,
) -> Question:
    """The question from the request's parameters (a date the calendar lacks answers 422)."""
    for name, value in (("true_at", true_at), ("known_by", known_by)):
        problem = date_problem(value) if value else None
        if problem:  # the pattern takes 2021-02-30; only the calendar knows
            raise ParameterInvalid("query", name, problem, value)
    return Question(
        true_at=true_at,
        known_by=known_by,
        undated=undated,
        statuses=frozenset(status) if status else frozenset(STATUSES),
    )


QuestionDep = Annotated[Question, Depends(get_question)]
