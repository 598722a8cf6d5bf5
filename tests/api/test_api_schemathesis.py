"""Property-based run over the OpenAPI schema: no server errors, no response that breaks it.

Schemathesis generates requests from /openapi.json and sends them to the real app on the loaded
store: valid and invalid parameters alike (its positive and negative modes, both on by default
since version 4), one operation at a time and then as sequences (its stateful phase, with the
links it infers between operations: an id one answer gives, the next request uses). Every
response must be below 500 and match the documented status codes, content type and schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from actorgraph.settings import Settings
from api.app import create_app
from graph.store import GraphStore

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# A SPARQL query POSTed as itself is text (the schema's example is one).
schemathesis.serializer.alias("application/sparql-query", "text/plain")

# The schema is read when the module is collected, before fixtures exist (so straight from
# the app object, without starting it); the app gets the session's loaded store just before
# the examples run (``attach_store``), and its requests then go through ASGI.
APP = create_app(Settings(row_cap=25, query_timeout_ms=5000))
schema = schemathesis.openapi.from_dict(APP.openapi())
schema.app = APP


@pytest.fixture(autouse=True)
def attach_store(loaded_store: GraphStore) -> Iterator[None]:
    """Serve the loaded store (the app does not own it, so never closes it)."""
    APP.state.store = loaded_store
    yield
    APP.state.store = None


@schema.parametrize()
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
)
def test_every_operation_conforms(case: schemathesis.Case) -> None:
    """Each generated request gets a documented, schema-conformant, non-5xx answer."""
    case.call_and_validate(checks=CHECKS)


class Workflow(schema.as_state_machine()):  # type: ignore[misc]
    """Chains of requests, each answer checked as the single requests are."""

    def validate_response(self, response: Any, case: schemathesis.Case, **kwargs: Any) -> None:
        case.validate_response(response, checks=CHECKS)


def test_sequences_of_operations_conform() -> None:
    """The stateful phase: chains of requests, each answer feeding the next one's parameters."""
    Workflow.run(
        settings=settings(
            max_examples=15,
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        )
    )
