"""Turning query rows into response models: edges with their citations, claims, entities.

Queries return edges as maps ``{type, subject, object, properties}`` (see ``queries/cypher``);
the edge's ``evidence`` property is a JSON list with one citation per claim, parsed here.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from fastapi import Response
from pydantic import BaseModel, ValidationError

from api.schemas import (
    CitationPublic,
    ClaimPublic,
    EntityRefPublic,
    RelationPublic,
    SourceRefPublic,
)
from ontology.vocabulary import vocabulary

log = logging.getLogger(__name__)
EDGE_KEYS = frozenset({"type", "subject", "object", "properties"})


def citations(evidence: object) -> list[CitationPublic]:
    """The citations in an edge's ``evidence`` (a JSON string, or already a list)."""
    if evidence is None:
        return []
    items: object = evidence
    if isinstance(evidence, str):
        try:
            items = json.loads(evidence)
        except ValueError:
            # A malformed property is a loader bug; say so in the log, answer without it.
            log.warning("edge evidence is not JSON: %.80r", evidence)
            return []
    if not isinstance(items, list):
        return []
    return [
        CitationPublic.model_validate(item)
        for item in items
        if isinstance(item, Mapping) and item.get("claim_id")
    ]


def relation(edge: Mapping[str, Any]) -> RelationPublic:
    """A relation edge map (``{type, subject, object, properties}``) as a response model."""
    return RelationPublic.model_validate(relation_fields(edge))


def relation_fields(edge: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of ``RelationPublic`` for an edge map: properties, ends and citations."""
    props = dict(edge.get("properties") or {})
    graph_type = str(edge["type"])
    try:
        rel = vocabulary().relation_by_type(graph_type)
        label, symmetric = rel.label, rel.symmetric
    except KeyError:
        label, symmetric = None, False
    fields = {k: v for k, v in props.items() if k not in ("evidence", "type")}
    fields.update(
        type=graph_type,
        label=label,
        symmetric=symmetric,
        subject=edge["subject"],
        object=edge["object"],
        citations=citations(props.get("evidence")),
    )
    return fields


def claim(row: Mapping[str, Any]) -> ClaimPublic:
    """A row of ``claims_search`` as a response model."""
    props = dict(row["claim"])
    return ClaimPublic(
        id=props["id"],
        relation=props.get("relation", ""),
        relation_type=props.get("relation_type"),
        subject=EntityRefPublic.model_validate(row["subject"]),
        object=EntityRefPublic.model_validate(row["object"]),
        stance=props.get("stance", ""),
        quote=props.get("quote"),
        stated_on=props.get("stated_on"),
        valid_from=props.get("valid_from"),
        valid_until=props.get("valid_until"),
        note=props.get("note"),
        source=SourceRefPublic.model_validate(row["source"]),
        claimant=EntityRefPublic.model_validate(row["claimant"]),
    )


def jsonable(value: Any) -> Any:
    """A query value as plain JSON: edge maps get parsed citations; driver objects become maps.

    Named queries return plain values, but raw Cypher may return nodes, edges or paths; those
    are read by duck typing (``properties``/``labels``/``nodes``) since nothing above
    ``graph/`` imports a driver.
    """
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping):
        if value.keys() >= EDGE_KEYS and isinstance(value.get("properties"), Mapping):
            try:
                return relation(value).model_dump(mode="json", by_alias=True)
            except (ValidationError, KeyError):
                pass  # a map that only looks like an edge (raw Cypher): returned as it is
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if hasattr(value, "nodes") and callable(value.nodes):  # a path
        edges = value.edges() if hasattr(value, "edges") else []
        return {"nodes": jsonable(list(value.nodes())), "edges": jsonable(list(edges))}
    props = getattr(value, "properties", None)
    if isinstance(props, Mapping):
        out: dict[str, Any] = {"properties": jsonable(props)}
        labels = getattr(value, "labels", None)
        if labels is not None:
            out["labels"] = jsonable(list(labels))
        relation_type = getattr(value, "relation", None) or getattr(value, "type", None)
        if isinstance(relation_type, str):
            out["type"] = relation_type
        return out
    return str(value)


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
