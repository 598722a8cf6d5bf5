"""What the benchmark asks of a loaded graph: which actor, which neighbourhood, which path.

Chosen from the generated facts, so every run at a size asks the same questions: the actor
with the most relations up to ``ACTOR_RELATIONS`` (the API target is for an actor "with up to
100 relations"), its depth-2 neighbourhood, and a shortest path from it to an entity
``PATH_HOPS`` relations away.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ontology.facts import FactSet
from ontology.vocabulary import vocabulary

ACTOR_RELATIONS = 100
PATH_HOPS = 3
NEIGHBOURHOOD_DEPTH = 2


@dataclass(frozen=True)
class Workload:
    """The questions asked at one size."""

    actor_id: str
    actor_relations: int
    path_from: str
    path_to: str
    path_hops: int


def _adjacency(facts: FactSet) -> dict[str, set[str]]:
    neighbours: dict[str, set[str]] = defaultdict(set)
    for subject, _relation, obj in facts.claims_by_edge():
        neighbours[subject].add(obj)
        neighbours[obj].add(subject)
    return neighbours


def relation_counts(facts: FactSet) -> dict[str, int]:
    """Relations (edges, not claims) each entity takes part in, either end."""
    counts: dict[str, int] = defaultdict(int)
    for subject, _relation, obj in facts.claims_by_edge():
        counts[subject] += 1
        counts[obj] += 1
    return counts


def _distances(adjacency: dict[str, set[str]], start: str, limit: int) -> dict[str, int]:
    """Hops from ``start`` to every entity within ``limit`` hops (breadth first, bounded)."""
    seen = {start: 0}
    frontier = [start]
    for hop in range(1, limit + 1):
        following: list[str] = []
        for node in frontier:
            for other in sorted(adjacency[node]):
                if other not in seen:
                    seen[other] = hop
                    following.append(other)
        frontier = following
    return seen


def choose_workload(facts: FactSet) -> Workload:
    """The actor, neighbourhood and path the benchmark queries at this size."""
    vocab = vocabulary()
    counts = relation_counts(facts)
    actors = [
        (n, entity_id)
        for entity_id, n in counts.items()
        if vocab.classes[facts.entities[entity_id].class_key].kind == "Actor"
        and n <= ACTOR_RELATIONS
    ]
    if not actors:
        raise ValueError("the facts have no actor with relations to query")
    actor_relations, actor_id = max(actors)
    distances = _distances(_adjacency(facts), actor_id, PATH_HOPS)
    farthest = max(distances.values())
    path_to = min(e for e, d in distances.items() if d == farthest)  # the same one every run
    return Workload(actor_id, actor_relations, actor_id, path_to, farthest)
