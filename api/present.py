"""Turning query rows into response models: edges with their citations, claims, entities.

Queries return edges as maps ``{type, subject, object, properties}`` (see ``queries/cypher``);
the edge's ``evidence`` property is a JSON list with one citation per claim, parsed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import Response
from pydantic import BaseModel, ValidationError

from api.schemas import (
    CitationPublic,
    ClaimPublic,
    RelationPublic,
)
from graph.citation import MalformedEvidence, decode
from ontology.vocabulary import vocabulary
from services.relation_filter import period_fields

EDGE_KEYS = frozenset({"type", "subject", "object", "properties"})


def citations(evidence: object) -> list[CitationPublic]:
    """The citations in an edge's ``evidence`` (``graph.citation``; malformed: an error)."""
    return [CitationPublic.model_validate(c, from_attributes=True) for c in decode(evidence)]


def relation(edge: Mapping[str, Any]) -> RelationPublic:
    """A relation edge map (``{type, subject, object, properties}``) as a response model."""
    return RelationPublic.model_validate(relation_fields(edge))


def relation_fields(edge: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of ``RelationPublic`` for an edge map: properties, periods, ends, citations.

    An edge a time question has read (``services/relation_filter.py``) has its periods
    already; any other gets them from its claims here, from the one decode of its evidence.
    """
    props = dict(edge.get("properties") or {})
    graph_type = str(edge["type"])
    try:
        rel = vocabulary().relation_by_type(graph_type)
        label, symmetric = rel.label, rel.symmetric
    except KeyError:
        label, symmetric = None, False
    cited = decode(props.get("evidence"))
    fields = {k: v for k, v in props.items() if k not in ("evidence", "type")}
    if "periods" not in fields:
        fields.update(period_fields(cited))
    fields.update(
        type=graph_type,
        label=label,
        symmetric=symmetric,
        subject=edge["subject"],
        object=edge["object"],
        # from each citation's field dict: validating from attributes took twice as long
        citations=[CitationPublic.model_validate(vars(c)) for c in cited],
    )
    return fields


def claim(row: Mapping[str, Any]) -> ClaimPublic:
    """A row of ``claims_search`` (a claim's properties and its ends) as a response model."""
    return ClaimPublic.model_validate(
        {
            **row["claim"],
            "subject": row["subject"],
            "object": row["object"],
            "source": row["source"],
            "claimant": row["claimant"],
        }
    )


def jsonable(value: Any) -> Any:
    """A query value as plain JSON, with every relation edge map in it given as a relation.

    The store returns plain values (``graph/store.py``); a map with the keys of an edge
    (``{type, subject, object, properties}``) is answered as ``RelationPublic``, with its
    citations decoded, unless it only looks like one (raw Cypher may build such maps).
    """
    if isinstance(value, Mapping):
        if value.keys() >= EDGE_KEYS and isinstance(value.get("properties"), Mapping):
            try:
                return relation(value).model_dump(mode="json", by_alias=True)
            except (ValidationError, KeyError, MalformedEvidence):
                pass  # returned as it is
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def json_response(model: BaseModel) -> Response:
    """``model`` as a JSON response, serialised once.

    FastAPI validates a returned model against the route's ``response_model`` again before
    serialising it; on the busiest routes (one actor, neighbourhood, paths) that second pass
    was most of the API's own cost, and the model is already of that type.
    """
    return Response(model.model_dump_json(by_alias=True), media_type="application/json")


def counted_entities(row: Mapping[str, Any] | None) -> tuple[list[dict[str, Any]], int]:
    """The items of a ``*_search`` page (each an entity with ``asserting`` and ``denying``
    counts) as flat dicts for a summary model, and the total."""
    if row is None:
        return [], 0
    items = [
        {**item["entity"], "asserting": item["asserting"], "denying": item["denying"]}
        for item in row["items"]
    ]
    return items, int(row["total"])
