"""The three read cases, each as an HTTP request to the API and as the store calls behind it.

The direct form runs the same named queries the API route runs, straight through the store in
this process, so the difference between the two is the API's own cost (HTTP, validation,
serialisation). Keep ``direct`` in step with the routes in ``api/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from bench.workload import NEIGHBOURHOOD_DEPTH, Workload
from ontology.vocabulary import vocabulary


@dataclass(frozen=True)
class Case:
    """One read the benchmark times, over HTTP and directly."""

    label: str
    http_path: str
    direct: tuple[tuple[str, dict[str, Any]], ...]  # (named query, parameters), run in order


def cases(work: Workload) -> list[Case]:
    """The cases for one workload."""
    types = sorted(vocabulary().relation_types)  # the API follows every relation type
    path_query = urlencode({"from": work.path_from, "to": work.path_to})
    return [
        Case(
            f"one actor ({work.actor_relations} relations)",
            f"/actors/{work.actor_id}",
            (
                ("entity_get", {"id": work.actor_id, "kind": "Actor"}),
                ("entity_relations", {"id": work.actor_id}),
            ),
        ),
        Case(
            f"depth-{NEIGHBOURHOOD_DEPTH} neighbourhood",
            f"/actors/{work.actor_id}/neighbourhood?depth={NEIGHBOURHOOD_DEPTH}",
            (
                ("entity_get", {"id": work.actor_id, "kind": "Actor"}),
                (
                    "neighbourhood",
                    {"id": work.actor_id, "depth": NEIGHBOURHOOD_DEPTH, "types": types},
                ),
            ),
        ),
        Case(
            f"shortest path ({work.path_hops} hops)",
            f"/paths?{path_query}",
            (
                ("entity_get", {"id": work.path_from, "kind": None}),
                ("entity_get", {"id": work.path_to, "kind": None}),
                (
                    "paths",
                    {
                        "from_id": work.path_from,
                        "to_id": work.path_to,
                        "max_hops": 4,
                        "types": types,
                        "limit": 100,  # what /paths asks for, to pick one path stably
                    },
                ),
            ),
        ),
    ]
