"""Relations: filter the relation edges by type, ends, sources, claims, status and time."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from api import present
from api.deps import PageDep, QueriesDep
from api.params import FamilyQuery, Text, TypeQuery, graph_types
from api.question import QuestionDep
from api.schemas import RelationsPublic
from api.tags import Tag
from services.relation_filter import STATUSES

ALL_ROWS = 2**31 - 1  # a limit no graph reaches: the store takes no "no limit" parameter
router = APIRouter(prefix="/relations", tags=[Tag.RELATED])


@router.get(
    "",
    response_model=RelationsPublic,
    summary="Which relations match, and who says so?",
    description=(
        "Relation edges filtered by `type` (repeatable; fact key such as `hostile_to`, or the "
        "graph type `HOSTILE_TO`; an unknown type answers 422 listing the valid ones) or "
        "`family` (every type of it), `actor` at either end, `source` cited, `claimant`, "
        "`stance` of at least one claim, `contested`, `status`, and the two clocks: `true_at` "
        "(what held then, by the claims' valid periods) and `known_by` (what had been stated "
        "by then). With `true_at`, relations that only claims of unknown period support are "
        "kept and flagged `time_basis: undated` (`undated` counts them) unless "
        "`undated=false`. Paginated."
    ),
)
def list_relations(
    queries: QueriesDep,
    page: PageDep,
    question: QuestionDep,
    type_: TypeQuery = None,
    family: FamilyQuery = None,
    actor: Annotated[
        Text | None, Query(description="Id of an entity at either end.", examples=["taliban"])
    ] = None,
    source: Annotated[
        Text | None,
        Query(description="Id of a cited source.", examples=["s004-caci-tajik-taliban"]),
    ] = None,
    claimant: Annotated[
        Text | None, Query(description="Id of a claimant.", examples=["sudha-ramachandran"])
    ] = None,
    stance: Annotated[
        Literal["asserts", "denies", "questions"] | None,
        Query(description="Stance of some claim.", examples=["asserts"]),
    ] = None,
    contested: Annotated[
        bool | None,
        Query(
            description="Only disputed (true: contested or denied) or undisputed edges.",
            examples=[False],
        ),
    ] = None,
) -> RelationsPublic:
    """One page of matching relations."""
    if contested is not None:
        disputed = {"contested", "denied"}
        kept = disputed if contested else set(STATUSES) - disputed
        question = replace(question, statuses=question.statuses & kept)
    params = {
        "types": graph_types(type_, family),
        "actor": actor,
        "source": source,
        "claimant": claimant,
        "stance": stance,
        # by known_by a relation may not be disputed yet: the question decides, not the graph
        "contested": None if question.known_by else contested,
    }
    if not question.asks:
        row = queries.one("relations_search", **params, skip=page.skip, limit=page.page_size)
        items = row["items"] if row else []
        total = row["total"] if row else 0
        undated = None
    else:
        # every match, read again for the question: the page is cut after it
        row = queries.one("relations_search", **params, skip=0, limit=ALL_ROWS)
        answered = [question.answer_edge(edge) for edge in (row["items"] if row else [])]
        found = [
            edge
            for edge in answered
            if edge is not None and _still_matches(edge, source, claimant, stance)
        ]
        total = len(found)
        items = found[page.skip : page.skip + page.page_size]
        undated = (
            sum(1 for edge in found if edge["properties"]["time_basis"] == "undated")
            if question.true_at
            else None
        )
    return RelationsPublic(
        items=[present.relation(edge) for edge in items],
        total=total,
        page=page.page,
        page_size=page.page_size,
        true_at=question.true_at,
        known_by=question.known_by,
        undated=undated,
    )


def _still_matches(
    edge: dict[str, Any], source: str | None, claimant: str | None, stance: str | None
) -> bool:
    """Whether the claims that count for the question still match the claim filters."""
    evidence = edge["properties"]["evidence"]
    return all(
        wanted is None or any(c[key] == wanted for c in evidence)
        for key, wanted in (("source_id", source), ("claimant_id", claimant), ("stance", stance))
    )
