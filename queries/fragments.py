"""The ``{{ ... }}`` fragments of the named queries: pieces of Cypher made from the graph's shape.

Cypher has no way to name a map shape once, so a query file writes ``{{ entity_ref s }}`` where
it returns an entity reference, and the catalog expands it when it reads the file. Each
fragment is built from ``graph/shape.py``, so a property added there reaches every query that
returns that shape. Arguments are variable names (or ``startNode(r)`` / ``endNode(r)``);
anything else is an error when the catalog is read.

- ``{{ fields SHAPE VAR }}``: ``name: VAR.name, ...`` for every property of ``SHAPE`` (entity,
  source, claim, relation), for the body of a map, as the load statements write rows.
- ``{{ entity_ref VAR }}``: ``{id: VAR.id, name: ..., class: ..., kind: ...}``.
- ``{{ edge S R O }}``: a relation edge map ``{type, subject, object, properties}`` with every
  property of ``R``.
- ``{{ shown_edge S R O }}``: the same with only the properties the API shows (no per-claim id
  lists, which repeat what ``evidence`` holds and cost a third of a read to send back).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.shape import ENTITY_REF, RELATION, SHAPES

_FRAGMENT = re.compile(r"\{\{\s*(\w+)((?:\s+[\w()]+)*)\s*\}\}")
_NAME = re.compile(r"^[A-Za-z_]\w*$|^(startNode|endNode)\([A-Za-z_]\w*\)$")


class FragmentError(ValueError):
    """A ``{{ ... }}`` in a query file that names no fragment, or gives it wrong arguments."""


def _fields(shape: str, var: str) -> str:
    if shape not in SHAPES:
        raise FragmentError(f"fields: no shape {shape!r} (one of {', '.join(SHAPES)})")
    return ", ".join(f"{name}: {var}.{name}" for name in SHAPES[shape].names)


def _entity_ref(var: str) -> str:
    return "{" + ", ".join(f"{name}: {var}.{name}" for name in ENTITY_REF) + "}"


def _edge(subject: str, rel: str, obj: str) -> str:
    return (
        f"{{type: type({rel}), subject: {_entity_ref(subject)}, object: {_entity_ref(obj)}, "
        f"properties: properties({rel})}}"
    )


def _shown_edge(subject: str, rel: str, obj: str) -> str:
    shown = ", ".join(f"{name}: {rel}.{name}" for name in RELATION.shown)
    return (
        f"{{type: type({rel}), subject: {_entity_ref(subject)}, object: {_entity_ref(obj)}, "
        f"properties: {{{shown}}}}}"
    )


FRAGMENTS: dict[str, Callable[..., str]] = {
    "fields": _fields,
    "entity_ref": _entity_ref,
    "edge": _edge,
    "shown_edge": _shown_edge,
}
_ARITY = {"fields": 2, "entity_ref": 1, "edge": 3, "shown_edge": 3}


def expand(cypher: str, where: str) -> str:
    """``cypher`` with each ``{{ fragment args }}`` replaced (``FragmentError`` names ``where``)."""

    def replace(match: re.Match[str]) -> str:
        name, args = match.group(1), match.group(2).split()
        if name not in FRAGMENTS:
            raise FragmentError(f"{where}: no fragment {name!r} (one of {', '.join(FRAGMENTS)})")
        if len(args) != _ARITY[name] or not all(_NAME.match(a) for a in args):
            raise FragmentError(f"{where}: {{{{ {name} }}}} takes {_ARITY[name]} variable names")
        try:
            return FRAGMENTS[name](*args)
        except FragmentError as exc:
            raise FragmentError(f"{where}: {exc}") from None

    expanded = _FRAGMENT.sub(replace, cypher)
    if "{{" in expanded:
        raise FragmentError(f"{where}: a '{{{{' that is not a fragment")
    return expanded
