"""Request parameter types shared by the route modules, built from the ontology.

Relation types and actor classes are enums read from ``ontology/vocabulary.py``: FastAPI then
rejects an unknown value with a 422 that names the parameter and lists the valid values, and
the OpenAPI schema lists them too.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

from fastapi import Path, Query

from api.deps import TEXT_PATTERN
from ontology.dates import API_PATTERN
from ontology.vocabulary import vocabulary

_VOCABULARY = vocabulary()

if TYPE_CHECKING:  # the members are read from the ontology at run time

    class RelationTypeName(StrEnum):
        """A relation type: graph type or fact key."""

    class ActorClass(StrEnum):
        """An actor class: fact key."""

    class RelationFamilyName(StrEnum):
        """A relation family (the ontology's super-properties): fact key."""

else:
    # Both spellings are accepted: the graph type (HOSTILE_TO) and the fact key (hostile_to).
    RelationTypeName = StrEnum(
        "RelationTypeName",
        [(t, t) for t in sorted(_VOCABULARY.relation_types)]
        + [(k, k) for k in sorted(_VOCABULARY.relations)],
    )
    ActorClass = StrEnum("ActorClass", [(k, k) for k in sorted(_VOCABULARY.classes_of("Actor"))])
    RelationFamilyName = StrEnum("RelationFamilyName", [(k, k) for k in _VOCABULARY.families])

IdPath = Annotated[
    str, Path(min_length=1, max_length=200, pattern=TEXT_PATTERN, description="The id.")
]
Text = Annotated[str, Query(min_length=1, max_length=200, pattern=TEXT_PATTERN)]
IsoDate = Annotated[
    str,
    Query(
        pattern=API_PATTERN,
        description="ISO date, as precise as wanted: YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
]


def graph_types(
    names: list[RelationTypeName] | None, families: list[RelationFamilyName] | None = None
) -> list[str]:
    """The relationship types for ``names`` (graph types or fact keys) and for the members of
    ``families`` (the ontology's property hierarchy); every type if neither is given."""
    if not names and not families:
        return sorted(_VOCABULARY.relation_types)
    out: set[str] = set()
    for name in names or ():
        value = str(name.value)
        rel = _VOCABULARY.relations.get(value)
        out.add(rel.graph_type if rel is not None else value)
    for family in families or ():
        for key in _VOCABULARY.families[str(family.value)].members:
            out.add(_VOCABULARY.relations[key].graph_type)
    return sorted(out)


FamilyQuery = Annotated[
    list[RelationFamilyName] | None,
    Query(
        description="Relation family(ies), from the ontology's property hierarchy (repeatable).",
        examples=[["sanctuary_protection"]],
    ),
]
"""The ``family`` parameter: every relation type of these families."""
