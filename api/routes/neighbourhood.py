"""The neighbourhood of an entity: what lies within one to three hops of it."""

from __future__ import annotations

from collections import deque
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api import present
from api.deps import QueriesDep
from api.params import ActorIdPath, FamilyQuery, TypesQuery, graph_types
from api.question import QuestionDep
from api.schemas import (
    EntityRefPublic,
    NeighbourhoodPublic,
    NeighbourPublic,
    NotFoundPublic,
    RelationPublic,
)
from api.tags import Tag
from services.traverse import neighbourhood_edges

router = APIRouter(tags=[Tag.RELATED])


@router.get(
    "/actors/{actor_id}/neighbourhood",
    response_model=NeighbourhoodPublic,
    responses={404: {"model": NotFoundPublic, "description": "No such actor; close matches."}},
    summary="What lies within a few hops of an actor?",
    description=(
        "Every relation on a path of up to `depth` hops (1 to 3) from the actor, edges read in "
        "either direction, following only the relation `types` given (all when none) and, "
        "with `true_at` / `known_by` / `status`, only the relations that answer that question "
        "(as `/relations` does); each with its citations; and every entity reached, with its "
        "distance in hops."
    ),
)
def get_neighbourhood(
    actor_id: ActorIdPath,
    queries: QueriesDep,
    question: QuestionDep,
    depth: Annotated[int, Query(ge=1, le=3, description="Most hops.", examples=[2])] = 1,
    types: TypesQuery = None,
    family: FamilyQuery = None,
) -> Response:
    """The neighbourhood of ``actor_id``."""
    row = queries.one("entity_get", id=actor_id, kind="Actor")
    if row is None:
        raise queries.not_found("actor", actor_id, "entity_names", kind="Actor")
    followed = graph_types(types, family)
    found = neighbourhood_edges(
        lambda name, params: queries.rows(name, **params),
        actor_id,
        depth,
        followed,
        question.answer_edge if question.asks else None,
    )
    edges = [present.relation(edge) for edge in found]
    center = EntityRefPublic.model_validate(row["entity"])
    return present.json_response(
        NeighbourhoodPublic(
            center=center, depth=depth, types=followed, nodes=_distances(center, edges), edges=edges
        )
    )


def _distances(center: EntityRefPublic, edges: list[RelationPublic]) -> list[NeighbourPublic]:
    """Every entity on ``edges`` with its hop distance from ``center`` (breadth first)."""
    refs = {center.id: center}
    adjacent: dict[str, set[str]] = {}
    for edge in edges:
        refs.setdefault(edge.subject.id, edge.subject)
        refs.setdefault(edge.object.id, edge.object)
        adjacent.setdefault(edge.subject.id, set()).add(edge.object.id)
        adjacent.setdefault(edge.object.id, set()).add(edge.subject.id)
    distance = {center.id: 0}
    queue = deque([center.id])
    while queue:
        node = queue.popleft()
        for other in sorted(adjacent.get(node, ())):
            if other not in distance:
                distance[other] = distance[node] + 1
                queue.append(other)
    return [
        NeighbourPublic(**refs[node].model_dump(by_alias=True), distance=hops)
        for node, hops in sorted(distance.items(), key=lambda item: (item[1], item[0]))
    ]
