"""Every read query of the catalog runs on every backend, on the loaded curated facts.

These are the queries the API serves; a query that one backend's dialect rejects fails here.
Required parameters get values from the facts (a real actor, source, claimant, relation types);
optional ones keep their defaults.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.store import GraphStore
from ontology.facts import FactSet
from ontology.vocabulary import vocabulary
from queries.catalog import NamedQuery, load_catalog
from queries.run import run_query

READ_QUERIES = sorted(name for name, q in load_catalog().items() if q.mode == "read")


def _value(query: NamedQuery, name: str, type_: str, facts: FactSet) -> Any:
    """A real value for a required parameter, chosen by its name and type."""
    busiest = max(
        facts.entities,
        key=lambda e: sum(e in (c.subject, c.object) for c in facts.claims.values()),
    )
    claim = next(iter(facts.claims.values()))
    if type_ == "list":
        return sorted(vocabulary().relation_types)
    if type_ == "int":
        return 1
    if type_ == "bool":
        return True
    if name == "after":
        return ""
    if name == "claimant":
        return claim.claimant
    if name == "to_id":
        return claim.object
    if name == "from_id":
        return claim.subject
    if name == "id" and "source" in query.description.lower().split("'")[0]:
        return claim.source
    return busiest


@pytest.mark.parametrize("name", READ_QUERIES)
def test_each_read_query_runs_and_returns_plain_values(
    loaded_store: GraphStore, curated_facts: FactSet, name: str
) -> None:
    query = load_catalog()[name]
    params = {
        p.name: _value(query, p.name, p.type, curated_facts) for p in query.parameters if p.required
    }
    rows = run_query(loaded_store, name, params, timeout_ms=20_000)
    assert isinstance(rows, list)
    for row in rows[:50]:
        _assert_plain(row)


def _assert_plain(value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str)
            _assert_plain(item)
    elif isinstance(value, list):
        for item in value:
            _assert_plain(item)
    else:
        assert value is None or isinstance(value, str | int | float | bool), repr(value)
