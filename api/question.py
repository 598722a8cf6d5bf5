"""The time and status question every relation-answering route takes, as one dependency.

``true_at`` (what held then, by the claims' valid time), ``known_by`` (what had been stated by
then), ``undated`` (with ``true_at``: keep the relations only claims of unknown period support,
flagged ``time_basis: undated``) and ``status`` (repeatable). The answer is computed by
``services/relation_filter.py``, the one implementation the view and the exports share.

A route that can answer only part of the question (a research query that cannot be asked at a
date) takes ``question_dependency(unasked=...)``: the parts it cannot answer are left out of its
documentation but still read, so that asking them answers 422 naming them instead of being
ignored.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Collection
from typing import Annotated, Any, Literal

from fastapi import Depends, Query

from api.errors import ParameterInvalid
from api.params import IsoDate
from ontology.dates import date_problem
from services.relation_filter import STATUSES, Question

StatusName = Literal["asserted", "contested", "denied"]

TrueAtQuery = Annotated[
    IsoDate | None,
    Query(
        description=(
            "What held at this date, by the claims' valid time (a date names a period: "
            "`2021` is the whole year). Relations that only claims of unknown period "
            "support are kept and flagged `time_basis: undated` unless `undated=false`."
        ),
        examples=["2021-08-15"],
    ),
]
KnownByQuery = Annotated[
    IsoDate | None,
    Query(
        description=(
            "What had been stated by this date (a claim's stated_on, else its source's "
            "date): only those claims count, so status and counts are as they were then."
        ),
        examples=["2023-03-27"],
    ),
]
UndatedQuery = Annotated[
    bool,
    Query(description="With true_at: keep relations whose period is unknown.", examples=[True]),
]
StatusQuery = Annotated[
    list[StatusName] | None,
    Query(
        description="Keep relations of these statuses (repeatable; all when none).",
        examples=[["asserted", "contested"]],
    ),
]
QUESTION_PARAMETERS = ("true_at", "known_by", "undated", "status")


def get_question(
    true_at: TrueAtQuery = None,
    known_by: KnownByQuery = None,
    undated: UndatedQuery = True,
    status: StatusQuery = None,
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


def question_dependency(unasked: Collection[str] = ()) -> Callable[..., Question]:
    """``get_question`` for a route that cannot answer the ``unasked`` parameters (some of
    ``QUESTION_PARAMETERS``): they are read as ever, but left out of the OpenAPI schema."""
    if not unasked:
        return get_question

    def dependency(**given: Any) -> Question:
        return get_question(**given)

    parameters = []
    for parameter in inspect.signature(get_question, eval_str=True).parameters.values():
        annotation = parameter.annotation
        if parameter.name in unasked:
            annotation = Annotated[annotation, Query(include_in_schema=False)]
        parameters.append(
            parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=annotation)
        )
    dependency.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return dependency
