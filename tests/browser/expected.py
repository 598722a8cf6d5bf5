"""What the view should show, computed from the facts themselves (never hard-coded counts)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from ontology.facts import Claim, FactSet
from ontology.vocabulary import vocabulary

Edge = tuple[str, str, str]
ACTORS = frozenset({"Actor"})
EVERY_KIND = frozenset({"Actor", "Event", "Place"})


def kind_of(facts: FactSet, entity: str) -> str:
    return vocabulary().classes[facts.entities[entity].class_key].kind


def asserted(edge: Edge, claims: list[Claim]) -> bool:
    """Whether some claim asserts the edge: the view hides relations that are only denied."""
    return any(c.stance == "asserts" for c in claims)


def shown(
    facts: FactSet,
    keep: Callable[[Edge, list[Claim]], bool] = asserted,
    kinds: frozenset[str] = ACTORS,
) -> tuple[set[str], set[Edge]]:
    """The entities and edges drawn when the edges ``keep`` accepts are shown between entities
    of ``kinds`` (by default, as the page starts: every relation some source asserts, between
    actors)."""
    edges = {
        edge
        for edge, claims in facts.claims_by_edge().items()
        if keep(edge, claims) and {kind_of(facts, edge[0]), kind_of(facts, edge[2])} <= kinds
    }
    nodes = {e[0] for e in edges} | {e[2] for e in edges}
    return nodes, edges


def focused(
    facts: FactSet, focus: str, depth: int, kinds: frozenset[str] = ACTORS
) -> tuple[set[str], set[Edge]]:
    """The entities and edges within ``depth`` relations of ``focus``, either direction (the
    focus's own kind is shown too)."""
    _, edges = shown(facts, kinds=kinds | {kind_of(facts, focus)})
    neighbours: dict[str, set[str]] = {}
    for s, _, o in edges:
        neighbours.setdefault(s, set()).add(o)
        neighbours.setdefault(o, set()).add(s)
    reached = {focus: 0}
    queue = deque([focus])
    while queue:
        node = queue.popleft()
        if reached[node] < depth:
            for other in neighbours.get(node, ()):
                if other not in reached:
                    reached[other] = reached[node] + 1
                    queue.append(other)
    kept = {e for e in edges if e[0] in reached and e[2] in reached}
    return {e[0] for e in kept} | {e[2] for e in kept} | {focus}, kept


def hub(facts: FactSet) -> str:
    """The actor with the most relations to actors (ties by id): a good focus."""
    degree: dict[str, int] = {}
    _, edges = shown(facts)
    for s, _, o in edges:
        degree[s] = degree.get(s, 0) + 1
        degree[o] = degree.get(o, 0) + 1
    return min(degree, key=lambda i: (-degree[i], i))
