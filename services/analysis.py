"""Network analyses the research catalog runs in Python over edges fetched by a named query.

Why Python: triad enumeration and betweenness centrality are short, well-tested code in
networkx, while their Cypher versions differ between FalkorDB and Neo4j (or need plugins).
The named query (``structural_balance``, ``centrality``) fetches the edges; this module does
the arithmetic. Each analysis takes the query's rows and bound parameters and returns
``(rows, summary)``: all its rows, in order, which the caller pages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import combinations
from typing import Any

import networkx as nx

Analysis = Callable[[list[dict[str, Any]], Mapping[str, Any]], tuple[list[Any], dict[str, Any]]]


def structural_balance(
    rows: list[dict[str, Any]], params: Mapping[str, Any]
) -> tuple[list[Any], dict[str, Any]]:
    """Triads of actors all three pairs of which are tied, classified balanced or not.

    A pair's sign is + (affiliation, alliance, support, sanctuary, protection) or - (hostility);
    a pair with ties of both signs is ambiguous: listed in the summary, left out of triads. A
    triad is balanced when it has an even number of negative ties (+++ friends, +-- a pair of
    friends with a common enemy), unbalanced otherwise (++- or ---).
    """
    signs: dict[frozenset[str], set[int]] = {}
    edges: dict[frozenset[str], list[dict[str, Any]]] = {}
    names: dict[str, str | None] = {}
    for row in rows:
        edge = row["edge"]
        a, b = edge["subject"]["id"], edge["object"]["id"]
        names[a], names[b] = edge["subject"].get("name"), edge["object"].get("name")
        pair = frozenset((a, b))
        signs.setdefault(pair, set()).add(int(row["sign"]))
        edges.setdefault(pair, []).append(edge)
    sign = {pair: next(iter(s)) for pair, s in signs.items() if len(s) == 1}
    ambiguous = sorted(sorted(pair) for pair, s in signs.items() if len(s) > 1)
    neighbours: dict[str, set[str]] = {}
    for pair in sign:
        a, b = sorted(pair)
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    triads: list[dict[str, Any]] = []
    for a in sorted(neighbours):
        for b, c in combinations(sorted(n for n in neighbours[a] if n > a), 2):
            if c not in neighbours[b]:
                continue
            pairs = [frozenset((a, b)), frozenset((b, c)), frozenset((a, c))]
            negatives = sum(1 for p in pairs if sign[p] < 0)
            triads.append(
                {
                    "actors": [{"id": x, "name": names[x]} for x in (a, b, c)],
                    "signs": "".join("-" if sign[p] < 0 else "+" for p in pairs),
                    "negative_ties": negatives,
                    "balanced": negatives % 2 == 0,
                    "relations": [e for p in pairs for e in edges[p]],  # edge maps, as fetched
                }
            )
    triads.sort(key=lambda t: (t["balanced"], [x["id"] for x in t["actors"]]))
    balanced = sum(1 for t in triads if t["balanced"])
    summary = {
        "triads": len(triads),
        "balanced": balanced,
        "unbalanced": len(triads) - balanced,
        "balance_ratio": round(balanced / len(triads), 4) if triads else None,
        "signed_pairs": len(sign),
        "ambiguous_pairs": ambiguous,
    }
    return triads, summary  # every triad: the caller pages them


def centrality(
    rows: list[dict[str, Any]], params: Mapping[str, Any]
) -> tuple[list[Any], dict[str, Any]]:
    """Actors ranked by betweenness, then degree, over the undirected actor network."""
    graph: nx.Graph[str] = nx.Graph()
    for row in rows:
        graph.add_node(row["subject_id"], name=row["subject_name"])
        graph.add_node(row["object_id"], name=row["object_name"])
        graph.add_edge(row["subject_id"], row["object_id"])
    betweenness: dict[str, float] = nx.betweenness_centrality(graph, normalized=True)
    ranked = sorted(graph.nodes, key=lambda n: (-betweenness[n], -graph.degree[n], n))
    out = [
        {
            "rank": i + 1,
            "id": node,
            "name": graph.nodes[node].get("name"),
            "degree": graph.degree[node],
            "betweenness": round(betweenness[node], 6),
        }
        for i, node in enumerate(ranked)
    ]
    summary = {"actors": graph.number_of_nodes(), "ties": graph.number_of_edges()}
    return out, summary  # every actor: the caller pages them


ANALYSES: dict[str, Analysis] = {
    "structural_balance": structural_balance,
    "centrality": centrality,
}
