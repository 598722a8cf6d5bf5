"""Request parameter types shared by the route modules, built from the ontology.

Relation types, families and actor classes are enums read from ``ontology/vocabulary.py``:
FastAPI then rejects an unknown value with a 422 that names the parameter and lists the valid
values, and the OpenAPI schema lists them too. Relation types are listed once each, by fact key
(``hostile_to``); the graph type (``HOSTILE_TO``) is still accepted, as the same member.

Each parameter type here carries an example from the curated facts; /docs shows it and fills it
in (``api/routes/docs.py``), and ``tests/api/test_api_docs_examples.py`` checks that every
operation answers its examples.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

from fastapi import Path, Query

from api.deps import TEXT_PATTERN
from ontology.dates import API_PATTERN
from ontology.vocabulary import vocabulary

_VOCABULARY = vocabulary()


class _FactKeys(StrEnum):
    """Relation types by fact key; a graph type (``HOSTILE_TO``) finds its fact key's member."""

    @classmethod
    def _missing_(cls, value: object) -> _FactKeys | None:
        if isinstance(value, str) and value in _VOCABULARY.relation_types:
            return cls(_VOCABULARY.relation_by_type(value).key)
        return None


if TYPE_CHECKING:  # the members are read from the ontology at run time

    class RelationTypeName(_FactKeys):
        """A relation type: fact key (the graph type is accepted as its member)."""

    class ActorClass(StrEnum):
        """An actor class: fact key."""

    class RelationFamilyName(StrEnum):
        """A relation family (the ontology's super-properties): fact key."""

else:
    RelationTypeName = _FactKeys(
        "RelationTypeName", [(k, k) for k in sorted(_VOCABULARY.relations)]
    )
    ActorClass = StrEnum("ActorClass", [(k, k) for k in sorted(_VOCABULARY.classes_of("Actor"))])
    RelationFamilyName = StrEnum("RelationFamilyName", [(k, k) for k in _VOCABULARY.families])

IdPath = Annotated[
    str, Path(min_length=1, max_length=200, pattern=TEXT_PATTERN, description="The id.")
]
ActorIdPath = Annotated[
    IdPath,
    Path(description="Id of an actor (find one with /actors?q=).", examples=["taliban"]),
]
Text = Annotated[str, Query(min_length=1, max_length=200, pattern=TEXT_PATTERN)]
IsoDate = Annotated[
    str,
    Query(
        pattern=API_PATTERN,
        description="ISO date, as precise as wanted: YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
]

_TYPES = (
    "Relation type(s), repeatable: fact keys such as `hostile_to` (the graph type, "
    "`HOSTILE_TO`, is accepted too); every type when neither this nor `family` is given."
)
TypeQuery = Annotated[
    list[RelationTypeName] | None,
    Query(alias="type", description=_TYPES, examples=[["hostile_to"]]),
]
"""The ``type`` parameter (``/relations``, ``/export``)."""
TypesQuery = Annotated[
    list[RelationTypeName] | None,
    Query(description=f"{_TYPES} Only these are followed.", examples=[["hostile_to"]]),
]
"""The ``types`` parameter (neighbourhoods and paths: the types to follow)."""
FamilyQuery = Annotated[
    list[RelationFamilyName] | None,
    Query(
        description="Relation family(ies), from the ontology's property hierarchy (repeatable): "
        "every type of each family, with the types given.",
        examples=[["sanctuary_protection"]],
    ),
]
"""The ``family`` parameter: every relation type of these families."""


def graph_types(
    names: list[RelationTypeName] | None, families: list[RelationFamilyName] | None = None
) -> list[str]:
    """The relationship types for ``names`` and for the members of ``families`` (the
    ontology's property hierarchy); every type if neither is given."""
    if not names and not families:
        return sorted(_VOCABULARY.relation_types)
    keys = {str(name.value) for name in names or ()}
    for family in families or ():
        keys.update(_VOCABULARY.families[str(family.value)].members)
    return sorted(_VOCABULARY.relations[key].graph_type for key in keys)
