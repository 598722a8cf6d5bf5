"""Actors: search by name or alias, and one actor with its relations and their citations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api import present
from api.deps import PageDep, QueriesDep
from api.params import ActorClass, ActorIdPath, Text
from api.question import QuestionDep
from api.schemas import ActorPublic, ActorsPublic, ActorSummaryPublic, NotFoundPublic
from api.tags import Tag
from services.traverse import edge_order

router = APIRouter(prefix="/actors", tags=[Tag.FIND_ACTOR])


@router.get(
    "",
    response_model=ActorsPublic,
    summary="Which actors go by this name or alias?",
    description=(
        "Actors whose name or one of its aliases contains `q`, case-insensitive, hyphens read "
        "as spaces (`ISKP`, `isis-k` and `Daesh-Khorasan` find the same group); exact matches "
        "come first. Filter by `class` (e.g. `armed_group`, `state`). Paginated."
    ),
)
def search_actors(
    queries: QueriesDep,
    page: PageDep,
    q: Annotated[
        Text | None, Query(description="Text in a name or alias.", examples=["Daesh-Khorasan"])
    ] = None,
    class_: Annotated[
        ActorClass | None,
        Query(alias="class", description="Actor class (fact key).", examples=["armed_group"]),
    ] = None,
) -> ActorsPublic:
    """One page of matching actors."""
    row = queries.one(
        "actors_search",
        q=q.lower().strip() if q else None,
        class_key=class_.value if class_ else None,
        skip=page.skip,
        limit=page.page_size,
    )
    items = row["items"] if row else []
    return ActorsPublic(
        items=[ActorSummaryPublic.model_validate(a) for a in items],
        total=row["total"] if row else 0,
        page=page.page,
        page_size=page.page_size,
    )


@router.get(
    "/{actor_id}",
    response_model=ActorPublic,
    responses={404: {"model": NotFoundPublic, "description": "No such actor; close matches."}},
    summary="What is known about an actor, and who says so?",
    description=(
        "The actor and every relation it has, outgoing and incoming, each with the claims "
        "behind it: source, publisher, date, claimant, stance (asserts, denies or questions) "
        "and the verbatim quote; with `true_at` / `known_by` / `status`, only the relations that "
        "answer that question, as `/relations` does. An unknown id answers 404 with close "
        "ids and names."
    ),
)
def get_actor(actor_id: ActorIdPath, queries: QueriesDep, question: QuestionDep) -> Response:
    """The actor ``actor_id`` and its relations."""
    row = queries.one("entity_get", id=actor_id, kind="Actor")
    if row is None:
        raise queries.not_found("actor", actor_id, "entity_names", kind="Actor")
    relations = []
    edges = sorted(
        (r["edge"] for r in queries.rows("entity_relations", id=actor_id)), key=edge_order
    )
    for found in edges:
        edge = question.answer_edge(found) if question.asks else found
        if edge is None:
            continue
        fields = present.relation_fields(edge)
        fields["direction"] = "outgoing" if edge["subject"]["id"] == actor_id else "incoming"
        relations.append(fields)
    return present.json_response(
        ActorPublic.model_validate({**row["entity"], "relations": relations})
    )
