"""The three read cases, each as an HTTP request to the API and as the store calls behind it.

The direct form makes the same store calls the API route makes, straight through the store in
this process, so the difference between the two is the API's own cost (HTTP, validation,
serialisation). Keep ``direct`` in step with the routes in ``api/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from bench.workload import NEIGHBOURHOOD_DEPTH, Workload
from ontology.vocabulary import vocabulary
from services.traverse import neighbourhood_edges, path_rows

RunQuery = Callable[[str, dict[str, Any]], list[dict[str, Any]]]


@dataclass(frozen=True)
class Case:
    """One read the benchmark times, over HTTP and directly."""

    label: str
    http_path: str
    direct: Callable[[RunQuery], object]  # the store calls the route makes, given a runner


def cases(work: Workload) -> list[Case]:
    """The cases for one workload."""
    types = sorted(vocabulary().relation_types)  # the API follows every relation type

    def one_actor(run: RunQuery) -> object:
        run("entity_get", {"id": work.actor_id, "kind": "Actor"})
        return run("entity_relations", {"id": work.actor_id})

    def neighbourhood(run: RunQuery) -> object:
        run("entity_get", {"id": work.actor_id, "kind": "Actor"})
        return neighbourhood_edges(run, work.actor_id, NEIGHBOURHOOD_DEPTH, types)

    def shortest_path(run: RunQuery) -> object:
        run("entity_get", {"id": work.path_from, "kind": None})
        run("entity_get", {"id": work.path_to, "kind": None})
        return path_rows(run, work.path_from, work.path_to, 4, types, 1)  # as /paths does

    path_query = urlencode({"from": work.path_from, "to": work.path_to})
    return [
        Case(
            f"one actor ({work.actor_relations} relations)",
            f"/actors/{work.actor_id}",
            one_actor,
        ),
        Case(
            f"depth-{NEIGHBOURHOOD_DEPTH} neighbourhood",
            f"/actors/{work.actor_id}/neighbourhood?depth={NEIGHBOURHOOD_DEPTH}",
            neighbourhood,
        ),
        Case(f"shortest path ({work.path_hops} hops)", f"/paths?{path_query}", shortest_path),
    ]
