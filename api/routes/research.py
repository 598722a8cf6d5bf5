"""The catalog of named research queries: listed with their parameters, run by name.

Each query marked ``// research: yes`` in ``queries/cypher`` gets its own documented GET
endpoint whose query parameters are the query's declared parameters (so /docs shows a form per
question), plus ``POST /research/{name}`` with a JSON body. Some queries fetch edges that
``services/analysis.py`` turns into the answer (structural balance, centrality).
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response

from api import present
from api.deps import Queries, QueriesDep, suggest
from api.errors import NotFound, ParameterInvalid
from api.params import IdPath, Text
from api.question import QUESTION_PARAMETERS, get_question, question_dependency
from api.research_schemas import RESEARCH, ResearchAnswer, ResearchAnswerPublic, answer_model
from api.schemas import (
    NotFoundPublic,
    ResearchCatalogPublic,
    ResearchParameterPublic,
    ResearchQueryPublic,
    ResearchRunRequest,
)
from api.tags import Tag
from queries.catalog import NamedQuery, QueryParameter, QueryParameterError, load_catalog
from services.analysis import ANALYSES
from services.relation_filter import Question
from services.research_question import (
    RULES,
    UnsupportedQuestion,
    answer_rows,
    check_supported,
)

router = APIRouter(prefix="/research", tags=[Tag.RESEARCH])
MAX_INT = 1_000_000
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": NotFoundPublic, "description": "No research query of that name."}
}


def research_queries() -> dict[str, NamedQuery]:
    """The research queries of the catalog, by name."""
    return {name: q for name, q in load_catalog().items() if q.research}


@router.get(
    "",
    response_model=ResearchCatalogPublic,
    summary="Which research questions can be asked?",
    description="Every named research query with its description, its parameters and the URL "
    "it runs at (each has its own form below).",
)
def list_research() -> ResearchCatalogPublic:
    """The research catalog."""
    return ResearchCatalogPublic(
        queries=[
            ResearchQueryPublic(
                name=q.name,
                description=q.description,
                parameters=[
                    ResearchParameterPublic(
                        name=p.name,
                        type=p.type,
                        required=p.required,
                        default=p.default,
                        description=p.description,
                    )
                    for p in q.parameters
                ],
                url=f"/research/{q.name}",
            )
            for q in research_queries().values()
        ]
    )


def run_research(
    queries: Queries, name: str, params: Mapping[str, Any], question: Question | None = None
) -> ResearchAnswer[Any, Any]:
    """Run research query ``name``: bind its parameters (422 when wrong), then analyse; with a
    time ``question``, every row's relations are read again for it first."""
    question = question or Question()
    query = research_queries().get(name)
    if query is None:
        candidates = [{"id": n, "name": n} for n in research_queries()]
        raise NotFound("research query", name, suggest(name, candidates))
    bound = query.bind(params)
    for key, value in bound.items():
        _check_value(name, key, value)
    asks = question.asks
    if asks:
        try:
            check_supported(name, question)
        except UnsupportedQuestion as exc:
            raise ParameterInvalid("query", exc.parameter, str(exc).split(": ", 1)[1]) from exc
    skip, limit = int(bound.get("skip") or 0), int(bound.get("limit") or 0)
    # a question re-reads every row, so the page is cut here, after it
    fetched = {**bound, "skip": 0, "limit": MAX_INT} if asks and query.paged else bound
    rows = queries.rows(name, **fetched)
    analysis = ANALYSES.get(name)
    summary = None
    if analysis is not None:
        every, summary = analysis(answer_rows(name, rows, question) if asks else rows, bound)
        total, rows = len(every), every[skip : skip + limit]
    elif query.paged:
        page: dict[str, Any] = rows[0] if rows else {"total": 0, "items": []}
        if asks:
            every = answer_rows(name, list(page["items"]), question)
            total, rows = len(every), every[skip : skip + limit]
        else:
            total, rows = int(page["total"]), list(page["items"])
    else:
        total = len(rows)
    return answer_model(name).model_validate(
        {
            "name": name,
            "parameters": bound,
            "rows": present.jsonable(rows),
            "summary": summary,
            "total": total,
            "truncated": skip + len(rows) < total,
            "true_at": question.true_at,
            "known_by": question.known_by,
        }
    )


def _check_value(name: str, key: str, value: Any) -> None:
    """Values the store cannot take as parameters are the client's error (422), not a 502."""
    if isinstance(value, str) and "\x00" in value:
        raise QueryParameterError(name, key, "must not contain NUL characters")
    if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= MAX_INT:
        raise QueryParameterError(name, key, f"must be between 0 and {MAX_INT}")
    if isinstance(value, float) and not math.isfinite(value):
        raise QueryParameterError(name, key, "must be a finite number")
    if isinstance(value, list):
        for item in value:
            _check_value(name, key, item)


_TYPES: dict[str, Any] = {
    "int": Annotated[int, Query(ge=0, le=MAX_INT)],
    "float": Annotated[float, Query(allow_inf_nan=False)],
    "bool": bool,
    "list": list[str],
    "str": Text,
}


def _annotation(p: QueryParameter, example: Any) -> Any:
    """The FastAPI query-parameter type for a declared parameter (optional unless required)."""
    kind = _TYPES.get(p.type, Text)
    return Annotated[
        kind if p.required else kind | None,
        Query(
            description=p.description or p.name,
            examples=None if example is None else [example],
        ),
    ]


def _unasked(name: str) -> tuple[str, ...]:
    """The time parameters research query ``name`` cannot answer (``services/research_question``
    says which): left out of its form, still refused with a 422 when given."""
    rule = RULES.get(name)
    if rule is None:
        return QUESTION_PARAMETERS
    return () if rule.known_by else ("known_by",)


def _endpoint_for(query: NamedQuery) -> Callable[..., Response]:
    """A GET endpoint whose signature is the query's parameters, so FastAPI validates them."""

    def endpoint(queries: QueriesDep, question: Question, **params: Any) -> Response:
        given = {k: v for k, v in params.items() if v is not None}
        return present.json_response(run_research(queries, query.name, given, question))

    asked = Annotated[Question, Depends(question_dependency(_unasked(query.name)))]
    signature = [
        inspect.Parameter("queries", inspect.Parameter.KEYWORD_ONLY, annotation=QueriesDep),
        inspect.Parameter("question", inspect.Parameter.KEYWORD_ONLY, annotation=asked),
    ]
    shape = RESEARCH.get(query.name)
    examples = shape.examples if shape is not None else {}
    for p in query.parameters:
        annotation = _annotation(p, examples.get(p.name, p.default))
        signature.append(
            inspect.Parameter(
                p.name,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=annotation,
                default=inspect.Parameter.empty if p.required else p.default,
            )
        )
    endpoint.__signature__ = inspect.Signature(signature)  # type: ignore[attr-defined]
    endpoint.__name__ = f"research_{query.name}"
    return endpoint


for _query in research_queries().values():
    _shape = RESEARCH.get(_query.name)
    router.add_api_route(
        f"/{_query.name}",
        _endpoint_for(_query),
        methods=["GET"],
        response_model=answer_model(_query.name),
        summary=_shape.question if _shape else f"Research: {_query.name.replace('_', ' ')}",
        description=_query.description,
    )


@router.get(
    "/{name}",
    response_model=ResearchAnswerPublic,
    responses=_NOT_FOUND,
    summary="Which research question has this name?",
    description="Each research question runs at its own GET endpoint above, with typed "
    "parameters and rows; any other name answers 404 with the close names.",
)
def run_research_by_name(
    name: Annotated[IdPath, Path(examples=["contested_claims"])], queries: QueriesDep
) -> Response:
    """Only reached for names not in the catalog (404 with close names) or without params."""
    return present.json_response(run_research(queries, name, {}))


@router.post(
    "/{name}",
    response_model=ResearchAnswerPublic,
    responses=_NOT_FOUND,
    summary="Ask a research question with a JSON body",
    description=(
        'Body: `{"parameters": {"actor_id": "taliban"}}`, and optionally `true_at`, '
        "`known_by` and `undated` as in the GET forms. Parameters are checked against the "
        "query's declared names and types; a missing, unknown or mistyped one answers 422 "
        "naming it. The answer is the GET form's, typed by `name`."
    ),
)
def post_research(
    name: Annotated[IdPath, Path(examples=["sanctuary_for_enemies"])],
    body: ResearchRunRequest,
    queries: QueriesDep,
) -> Response:
    """Run research query ``name`` with the body's parameters."""
    question = get_question(body.true_at, body.known_by, body.undated, None)
    return present.json_response(run_research(queries, name, body.parameters, question))
