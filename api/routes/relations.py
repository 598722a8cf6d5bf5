"""Relations: filter the relation edges by type, actor, source, claimant, stance and date."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api import present
from api.deps import PageDep, QueriesDep
from api.errors import ParameterInvalid
from api.params import IsoDate, RelationTypeName, Text, graph_types
from api.schemas import RelationsPublic
from ontology.dates import date_problem, ends_before

router = APIRouter(prefix="/relations", tags=["relations"])


@router.get(
    "",
    response_model=RelationsPublic,
    summary="Filter relations, each with its citations",
    description=(
        "Relation edges filtered by `type` (repeatable; graph type such as `HOSTILE_TO` or "
        "fact key such as `hostile_to`; an unknown type answers 422 listing the valid ones), "
        "`actor` at either end, `source` cited, `claimant`, `stance` of at least one claim, "
        "`contested`, and a date window: `since`/`until` keep edges valid or stated within "
        "it (an edge spans its valid_from, or first statement, to its valid_until; dates of "
        "different precision compare on their common part). Paginated."
    ),
)
def list_relations(
    queries: QueriesDep,
    page: PageDep,
    type_: Annotated[
        list[RelationTypeName] | None, Query(alias="type", description="Relation type(s).")
    ] = None,
    actor: Annotated[Text | None, Query(description="Id of an entity at either end.")] = None,
    source: Annotated[Text | None, Query(description="Id of a cited source.")] = None,
    claimant: Annotated[Text | None, Query(description="Id of a claimant.")] = None,
    stance: Annotated[
        Literal["asserts", "denies"] | None, Query(description="Stance of some claim.")
    ] = None,
    contested: Annotated[bool | None, Query(description="Only (un)contested edges.")] = None,
    since: Annotated[IsoDate | None, Query(description="Valid or stated on/after.")] = None,
    until: Annotated[IsoDate | None, Query(description="Valid or stated on/before.")] = None,
) -> RelationsPublic:
    """One page of matching relations."""
    for name, value in (("since", since), ("until", until)):
        problem = date_problem(value) if value else None
        if problem:  # the pattern takes 2021-02-30; only the calendar knows
            raise ParameterInvalid("query", name, problem, value)
    if since and until and ends_before(until, since):
        raise ParameterInvalid(
            "query", "until", f"until ({until}) is before since ({since})", until
        )
    row = queries.one(
        "relations_search",
        types=graph_types(type_),
        actor=actor,
        source=source,
        claimant=claimant,
        stance=stance,
        contested=contested,
        since=since,
        until=until,
        skip=page.skip,
        limit=page.page_size,
    )
    items = row["items"] if row else []
    return RelationsPublic(
        items=[present.relation(edge) for edge in items],
        total=row["total"] if row else 0,
        page=page.page,
        page_size=page.page_size,
    )
