"""The catalog of named Cypher queries: one ``.cypher`` file per query, with its own metadata.

A file starts with a header of ``// key: value`` lines::

    // description: Actors hostile to the enemies of an actor.
    // mode: read
    // param: actor_id str  the actor whose enemies' enemies are wanted
    // param: limit int=100  most rows

The body may use ``{{ ... }}`` fragments built from the graph's shape (``queries/fragments.py``).

A file ``NAME.BACKEND.cypher`` (``NAME.neo4j.cypher``; backends as ``actorgraph/backends.py``
names them) beside ``NAME.cypher`` overrides it for that backend, where the dialects really
differ. An override for a backend the registry does not know is an error, not ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from actorgraph.backends import BACKENDS
from queries.fragments import expand

QUERY_DIR = Path(__file__).resolve().parent / "cypher"
_HEADER = re.compile(r"^//\s*(\w+):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s+(str|int|float|bool|list)(?:=(\S+))?\s*(.*)$")

ParamType = Literal["str", "int", "float", "bool", "list"]
_CASTS: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool, "list": list}


class QueryParameterError(ValueError):
    """A named query was called with a missing, unknown or mistyped parameter."""

    def __init__(self, query: str, parameter: str, message: str) -> None:
        super().__init__(f"query {query!r}, parameter {parameter!r}: {message}")
        self.query = query
        self.parameter = parameter


@dataclass(frozen=True)
class QueryParameter:
    """One declared parameter of a named query."""

    name: str
    type: ParamType
    default: Any
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A query from the catalog: its metadata and its Cypher for each backend."""

    name: str
    description: str
    mode: Literal["read", "write"]
    parameters: tuple[QueryParameter, ...]
    cypher: str
    overrides: Mapping[str, str]
    research: bool  # listed in the API's catalog of research queries
    paged: bool = False  # answers one row {total, items}, or rows the API pages (`// page: yes`)

    def cypher_for(self, backend: str) -> str:
        """The Cypher to send to ``backend``."""
        return self.overrides.get(backend, self.cypher)

    def bind(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Check ``params`` against the declared parameters; fill defaults; reject unknowns."""
        declared = {p.name: p for p in self.parameters}
        for name in params:
            if name not in declared:
                raise QueryParameterError(self.name, name, "not a parameter of this query")
        bound: dict[str, Any] = {}
        for p in self.parameters:
            if p.name not in params or params[p.name] is None:
                if p.required:
                    raise QueryParameterError(self.name, p.name, "is required")
                bound[p.name] = p.default
                continue
            value = params[p.name]
            expected = _CASTS[p.type]
            ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                value, ok = float(value), True
            if not ok:
                raise QueryParameterError(self.name, p.name, f"must be of type {p.type}")
            bound[p.name] = value
        return bound


def _parse_default(type_: str, text: str | None) -> tuple[Any, bool]:
    if text is None:
        return None, True
    if text == "null":
        return None, False
    if type_ == "int":
        return int(text), False
    if type_ == "float":
        return float(text), False
    if type_ == "bool":
        return text == "true", False
    if type_ == "list":
        return [] if text == "[]" else text.split(","), False
    return text, False


def parse_query_file(path: Path) -> tuple[dict[str, str], list[QueryParameter], str]:
    """Split a ``.cypher`` file into header fields, parameters and the Cypher body."""
    fields: dict[str, str] = {}
    params: list[QueryParameter] = []
    body: list[str] = []
    in_header = True
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line.strip()) if in_header else None
        if match is None:
            if line.strip():
                in_header = False
            body.append(line)
            continue
        key, value = match.groups()
        if key == "param":
            pm = _PARAM.match(value)
            if pm is None:
                raise ValueError(f"{path}: bad parameter line {value!r}")
            name, type_, default_text, description = pm.groups()
            default, required = _parse_default(type_, default_text)
            params.append(QueryParameter(name, type_, default, required, description))  # type: ignore[arg-type]
        else:
            fields[key] = value.strip()
    return fields, params, expand("\n".join(body).strip(), path.name)


@lru_cache(maxsize=1)
def load_catalog(directory: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    """Every named query in ``directory``, by name."""
    queries: dict[str, NamedQuery] = {}
    for path in sorted(directory.glob("*.cypher")):
        parts = path.name.split(".")
        if len(parts) == 3 and parts[1] in BACKENDS:
            if not (directory / f"{parts[0]}.cypher").exists():
                raise ValueError(f"{path}: overrides {parts[0]}.cypher, which does not exist")
            continue  # backend overrides are read with their base query
        if len(parts) != 2:
            raise ValueError(
                f"{path}: expected NAME.cypher or NAME.BACKEND.cypher, BACKEND in "
                + ", ".join(BACKENDS)
            )
        name = parts[0]
        fields, params, cypher = parse_query_file(path)
        overrides = {}
        for backend in BACKENDS:
            override = directory / f"{name}.{backend}.cypher"
            if override.exists():
                overrides[backend] = parse_query_file(override)[2]
        mode = fields.get("mode", "read")
        if mode not in ("read", "write"):
            raise ValueError(f"{path}: mode must be read or write, not {mode!r}")
        if "description" not in fields:
            raise ValueError(f"{path}: the header has no description")
        queries[name] = NamedQuery(
            name=name,
            description=fields["description"],
            mode=mode,  # type: ignore[arg-type]
            parameters=tuple(params),
            cypher=cypher,
            overrides=overrides,
            research=fields.get("research", "no") == "yes",
            paged=fields.get("page", "no") == "yes",
        )
    return queries


def get_query(name: str) -> NamedQuery:
    """The named query ``name`` (``KeyError`` when there is none)."""
    return load_catalog()[name]
