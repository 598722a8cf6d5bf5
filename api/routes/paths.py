"""Paths: what connects two entities, hop by hop, each hop with its citations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api import present
from api.deps import QueriesDep
from api.errors import ParameterInvalid
from api.params import FamilyQuery, Text, TypesQuery, graph_types
from api.question import QuestionDep
from api.schemas import EntityRefPublic, NotFoundPublic, PathPublic, PathsPublic
from api.tags import Tag
from services.traverse import path_rows

router = APIRouter(tags=[Tag.CONNECTS])
MAX_HOPS = 6


@router.get(
    "/paths",
    response_model=PathsPublic,
    responses={404: {"model": NotFoundPublic, "description": "An end is unknown; close matches."}},
    summary="What connects two actors, hop by hop, and who says so?",
    description=(
        "What connects `from` to `to` (ids of actors, events or places): the shortest path, "
        "or with `all=true` every shortest path (at most `limit`), within `max_hops` hops "
        "(1 to 6). Edges are read in either direction, so a path may follow an edge against "
        "its arrow (A SPLINTER_OF B is also a link from B to A); each hop shows the edge as "
        "the claims state it, with its citations. Optionally follow only some relation "
        "`types`, and only relations that answer a time or status question (`true_at`, "
        "`known_by`, `status`, as `/relations` does). No path within the limit gives an "
        "empty list."
    ),
)
def get_paths(
    queries: QueriesDep,
    question: QuestionDep,
    from_: Annotated[
        Text, Query(alias="from", description="Id where the path starts.", examples=["ttt"])
    ],
    to: Annotated[Text, Query(description="Id where the path ends.", examples=["al-qaida"])],
    max_hops: Annotated[int, Query(ge=1, le=MAX_HOPS, description="Most hops.", examples=[4])] = 4,
    all_: Annotated[
        bool, Query(alias="all", description="Every shortest path.", examples=[True])
    ] = False,
    limit: Annotated[
        int, Query(ge=1, le=100, description="Most paths with all=true.", examples=[25])
    ] = 25,
    types: TypesQuery = None,
    family: Annotated[FamilyQuery, Query(examples=[["affiliation_origin"]])] = None,
) -> Response:
    """The shortest path(s) from ``from_`` to ``to``."""
    if from_ == to:
        raise ParameterInvalid("query", "to", "to must differ from from", to)
    ends = []
    for name, id_ in (("from", from_), ("to", to)):
        row = queries.one("entity_get", id=id_, kind=None)
        if row is None:
            raise queries.not_found(f"entity ('{name}')", id_, "entity_names", kind=None)
        ends.append(EntityRefPublic.model_validate(row["entity"]))
    rows = path_rows(
        lambda name, params: queries.rows(name, **params),
        from_,
        to,
        max_hops,
        graph_types(types, family),
        limit if all_ else 1,  # in node-id order, so the one returned is the same every time
        question.answer_edge if question.asks else None,
    )
    paths = [
        PathPublic(
            length=len(row["edges"]),
            nodes=[EntityRefPublic.model_validate(n) for n in row["nodes"]],
            hops=[present.relation(edge) for edge in row["edges"]],
        )
        for row in rows
    ]
    return present.json_response(
        PathsPublic.model_validate(
            {"from": ends[0], "to": ends[1], "max_hops": max_hops, "paths": paths}
        )
    )
