"""Walking the relation graph breadth first: neighbourhoods and shortest paths.

One variable-length Cypher pattern (``(c)-[*1..3]-(m)``, ``algo.SPpaths``) costs time that grows
with the number of paths, or with the whole graph: at 100k claims, 0.5 to 0.7 s for a depth-2
neighbourhood or a 3-hop path. Here each hop is one named query over the entities reached last
(``neighbourhood_step``, ``path_step``), so a walk costs at most ``depth`` short queries, each in
proportion to the edges it reads; the bookkeeping (what was seen, at which distance, which
paths are shortest) is done in Python.

The functions take ``run(name, params) -> rows``, a named-query runner, so the API (through
``Queries.rows``) and the benchmark (straight through the store) make the same calls.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise, product
from typing import Any

from graph.store import Row

RunQuery = Callable[[str, dict[str, Any]], list[Row]]
EdgeAnswer = Callable[[Mapping[str, Any]], dict[str, Any] | None]
"""An edge map as a question sees it, or ``None`` when the question leaves it out (the
``Question.answer_edge`` of ``services/relation_filter.py``): a walk follows only kept edges."""
EdgeKey = tuple[str, str, str]  # (subject id, type, object id): one edge per triple


def edge_key(edge: Mapping[str, Any]) -> EdgeKey:
    """The identity of a relation edge map: its ends and type (the model has one per triple)."""
    return (str(edge["subject"]["id"]), str(edge["type"]), str(edge["object"]["id"]))


_END_FIELDS = ("id", "name", "class", "kind")
_EDGE_PROPERTIES = (
    "relation",
    "status",
    "contested",
    "asserted",
    "denied",
    "questioned",
    "hedged",
    "source_count",
    "document_count",
    "first_stated",
    "evidence",
)


def edge_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The edge map ``{type, subject, object, properties}`` of a flat edge row.

    ``neighbourhood_step`` and ``relation_edges`` return columns (``subject_id``, ...,
    ``evidence``) because thousands of nested maps cost twice as much to build and parse;
    missing properties are left out, as ``properties(r)`` leaves them out.
    """
    return {
        "type": row["type"],
        "subject": {f: row[f"subject_{f}"] for f in _END_FIELDS},
        "object": {f: row[f"object_{f}"] for f in _END_FIELDS},
        "properties": {p: row[p] for p in _EDGE_PROPERTIES if row[p] is not None},
    }


def _name_key(name: object) -> tuple[bool, str]:
    return (name is None, "" if name is None else str(name))  # nulls last, as Cypher sorts


def edge_order(edge: Mapping[str, Any]) -> tuple[Any, ...]:
    """Sort key of an edge map: type, subject name, object name (then ids, for ties)."""
    return (
        str(edge["type"]),
        _name_key(edge["subject"].get("name")),
        _name_key(edge["object"].get("name")),
        edge_key(edge),
    )


def reach(pairs: Iterable[tuple[str, str]], centre: str, depth: int) -> dict[str, int]:
    """Every entity at most ``depth`` links from ``centre`` over ``pairs`` (read either way),
    with its distance: the walk the view and the exports make over edges already in hand."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    reached = {centre: 0}
    frontier = [centre]
    for distance in range(1, depth + 1):
        frontier = sorted({n for f in frontier for n in neighbours[f] if n not in reached})
        for node in frontier:
            reached[node] = distance
    return reached


def neighbourhood_edges(
    run: RunQuery, centre: str, depth: int, types: list[str], answer: EdgeAnswer | None = None
) -> list[dict[str, Any]]:
    """Every relation edge on a path of up to ``depth`` hops from ``centre``, sorted.

    Those are exactly the edges (of ``types``, and kept by ``answer`` when given) with an end
    at fewer than ``depth`` hops from the centre, so ``depth`` steps of breadth-first search
    read them all.
    """
    edges: dict[EdgeKey, dict[str, Any]] = {}
    seen = {centre}
    frontier = [centre]
    for _ in range(depth):
        if not frontier:
            break
        reached: set[str] = set()
        for row in run("neighbourhood_step", {"frontier": frontier, "types": types}):
            found = edge_from_row(row)
            edge = found if answer is None else answer(found)
            if edge is None:
                continue
            edges.setdefault(edge_key(edge), edge)
            for end in (edge["subject"]["id"], edge["object"]["id"]):
                if end not in seen:
                    reached.add(end)
        seen |= reached
        frontier = sorted(reached)
    return sorted(edges.values(), key=edge_order)


@dataclass
class _Search:
    """Breadth-first search from one end of a path: distances and the hops that reach each node."""

    start: str
    distance: dict[str, int]
    parents: dict[str, set[tuple[str, EdgeKey]]]  # node -> (node one hop nearer, edge)
    frontier: list[str]
    radius: int = 0

    @classmethod
    def at(cls, start: str) -> _Search:
        return cls(start, {start: 0}, defaultdict(set), [start])

    def step(self, run: RunQuery, types: list[str], answer: EdgeAnswer | None) -> None:
        """Reach every node one hop beyond the frontier, recording each hop that reaches it."""
        here = set(self.frontier)
        reached: set[str] = set()
        for key in _step_keys(run, self.frontier, types, answer):
            for near, far in ((key[0], key[2]), (key[2], key[0])):
                if near not in here or self.distance.get(far, self.radius + 1) <= self.radius:
                    continue
                self.distance[far] = self.radius + 1
                self.parents[far].add((near, key))
                reached.add(far)
        self.radius += 1
        self.frontier = sorted(reached)


def _step_keys(
    run: RunQuery, frontier: list[str], types: list[str], answer: EdgeAnswer | None
) -> Iterator[EdgeKey]:
    """The edges of one step: ids only, or with their evidence when a question must judge them."""
    params = {"frontier": frontier, "types": types}
    if answer is None:
        for row in run("path_step", params):
            yield (str(row["subject"]), str(row["type"]), str(row["object"]))
        return
    for row in run("neighbourhood_step", params):
        edge = edge_from_row(row)
        if answer(edge) is not None:
            yield edge_key(edge)


def shortest_hops(
    run: RunQuery,
    source: str,
    target: str,
    max_hops: int,
    types: list[str],
    limit: int,
    answer: EdgeAnswer | None = None,
) -> list[list[EdgeKey]]:
    """The first ``limit`` shortest paths from ``source`` to ``target`` within ``max_hops``.

    Each path is its list of edges, edges read in either direction; paths come in the order of
    their node ids (then edge types), so the first is the same on every call. Bidirectional
    breadth-first search: the end with the smaller frontier takes the next step, until the two
    searches meet.
    """
    ends = (_Search.at(source), _Search.at(target))
    while ends[0].radius + ends[1].radius < max_hops and ends[0].frontier and ends[1].frontier:
        side = 0 if len(ends[0].frontier) <= len(ends[1].frontier) else 1
        grown, other = ends[side], ends[1 - side]
        grown.step(run, types, answer)
        # Until the searches meet, no node is reached by both; the first nodes that are lie
        # exactly on the shortest paths, at the other search's current radius.
        meeting = [n for n in grown.frontier if other.distance.get(n) == other.radius]
        if meeting:
            return list(_enumerate(ends, meeting, limit))
    return []


def _enumerate(
    ends: tuple[_Search, _Search], meeting: list[str], limit: int
) -> Iterator[list[EdgeKey]]:
    """Up to ``limit`` shortest paths through the ``meeting`` nodes, in node-id order.

    Paths with the same nodes (two edges of different types join the same two entities) come
    together, in the order of the types of their edges.
    """
    # node -> next node on a shortest path -> the edges that lead there
    forward: dict[str, dict[str, set[EdgeKey]]] = defaultdict(lambda: defaultdict(set))
    for side, search in enumerate(ends):
        todo, done = list(meeting), set(meeting)
        while todo:
            node = todo.pop()
            for near, key in search.parents.get(node, ()):
                # Towards the source the hop leads from ``near`` to ``node``; towards the
                # target, from ``node`` on to ``near``.
                if side == 0:
                    forward[near][node].add(key)
                else:
                    forward[node][near].add(key)
                if near not in done:
                    done.add(near)
                    todo.append(near)
    target = ends[1].start
    found = 0
    stack: list[list[str]] = [[ends[0].start]]
    while stack and found < limit:
        nodes = stack.pop()
        if nodes[-1] != target:
            # Pushed in reverse order, so the smallest next node id is taken first.
            stack.extend([*nodes, n] for n in sorted(forward[nodes[-1]], reverse=True))
            continue
        choices = [sorted(forward[a][b], key=lambda k: k[1]) for a, b in pairwise(nodes)]
        for hops in product(*choices):
            if found == limit:
                return
            found += 1
            yield list(hops)


def path_rows(
    run: RunQuery,
    source: str,
    target: str,
    max_hops: int,
    types: list[str],
    limit: int,
    answer: EdgeAnswer | None = None,
) -> list[dict[str, Any]]:
    """Shortest paths as ``{nodes, edges}`` rows (entity refs and edge maps, hop by hop),
    following only the edges ``answer`` keeps when given (each as it sees them)."""
    paths = shortest_hops(run, source, target, max_hops, types, limit, answer)
    wanted = sorted({key for hops in paths for key in hops})
    if not wanted:
        return []
    subject_ids, types_, object_ids = (list(column) for column in zip(*wanted, strict=True))
    found = run(
        "relation_edges", {"subject_ids": subject_ids, "types": types_, "object_ids": object_ids}
    )
    edges = {edge_key(edge): edge for edge in map(edge_from_row, found)}
    if answer is not None:
        answered = {key: answer(edge) for key, edge in edges.items()}
        edges = {key: edge for key, edge in answered.items() if edge is not None}
    rows = []
    for hops in paths:
        nodes = [source]
        for subject, _type, object_ in hops:
            nodes.append(object_ if subject == nodes[-1] else subject)
        if not all(key in edges for key in hops):
            continue  # the graph was replaced between the queries: an edge is gone
        path_edges = [edges[key] for key in hops]
        refs = {e[end]["id"]: e[end] for e in path_edges for end in ("subject", "object")}
        rows.append({"nodes": [refs[n] for n in nodes], "edges": path_edges})
    return rows
