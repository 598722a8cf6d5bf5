"""Breadth-first neighbourhoods and shortest paths on the store agree with the facts themselves.

The expected answers are computed in Python from the curated claims (networkx for the paths),
the actual ones by ``services.traverse`` through the named queries on the loaded store.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

import networkx as nx
import pytest

from graph.store import GraphStore
from ontology.facts import FactSet
from ontology.vocabulary import vocabulary
from queries.run import run_query
from services.traverse import EdgeKey, RunQuery, neighbourhood_edges, path_rows, shortest_hops

HOSTILITY = ["ALLIED_WITH", "HOSTILE_TO"]


def _edges(facts: FactSet, types: list[str]) -> set[EdgeKey]:
    vocab = vocabulary()
    out = set()
    for subject, relation, obj in facts.claims_by_edge():
        graph_type = vocab.relations[relation].graph_type
        if graph_type in types:
            out.add((subject, graph_type, obj))
    return out


def _expected_neighbourhood(edges: set[EdgeKey], centre: str, depth: int) -> set[EdgeKey]:
    """Edges with an end at fewer than ``depth`` hops from ``centre``."""
    incident: dict[str, set[EdgeKey]] = defaultdict(set)
    for edge in edges:
        incident[edge[0]].add(edge)
        incident[edge[2]].add(edge)
    distance = {centre: 0}
    frontier = [centre]
    for hop in range(1, depth):
        reached = []
        for node in frontier:
            for edge in incident[node]:
                for other in (edge[0], edge[2]):
                    if other not in distance:
                        distance[other] = hop
                        reached.append(other)
        frontier = reached
    return {edge for node in distance for edge in incident[node]}


def _run(store: GraphStore) -> RunQuery:
    return lambda name, params: run_query(store, name, params)


@pytest.mark.parametrize("types", [sorted(vocabulary().relation_types), HOSTILITY])
@pytest.mark.parametrize("depth", [1, 2, 3])
def test_neighbourhood_is_every_edge_near_the_centre(
    loaded_store: GraphStore, curated_facts: FactSet, depth: int, types: list[str]
) -> None:
    edges = _edges(curated_facts, types)
    for centre in ("ttt", "taliban", "iskp", "jamaat-ansarullah"):
        found = neighbourhood_edges(_run(loaded_store), centre, depth, types)
        keys = [(e["subject"]["id"], e["type"], e["object"]["id"]) for e in found]
        assert len(keys) == len(set(keys)), "an edge came twice"
        assert set(keys) == _expected_neighbourhood(edges, centre, depth)
        order = [(e["type"], e["subject"]["name"], e["object"]["name"]) for e in found]
        assert order == sorted(order)


@pytest.mark.parametrize("types", [sorted(vocabulary().relation_types), HOSTILITY])
def test_shortest_paths_are_all_the_shortest_paths(
    loaded_store: GraphStore, curated_facts: FactSet, types: list[str]
) -> None:
    graph = nx.MultiGraph()
    for subject, graph_type, obj in _edges(curated_facts, types):
        graph.add_edge(subject, obj, key=graph_type)
    pairs = [("ttt", "al-qaida"), ("nrf", "iskp"), ("taliban", "tajikistan"), ("ttt", "irp")]
    for source, target in pairs:
        for max_hops in (1, 2, 4):
            hops = shortest_hops(_run(loaded_store), source, target, max_hops, types, 10_000)
            try:
                expected = {tuple(p) for p in nx.all_shortest_paths(graph, source, target)}
                length = len(next(iter(expected))) - 1
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                expected, length = set(), max_hops + 1
            if length > max_hops:
                assert hops == []
                continue
            nodes = [_nodes(source, path) for path in hops]
            assert set(nodes) == expected
            assert nodes == sorted(nodes), "paths come in node-id order"
            for path in hops:  # one path per choice of parallel edge
                for subject, graph_type, obj in path:
                    assert graph.has_edge(subject, obj, key=graph_type)
            assert len(hops) == sum(_parallel(graph, p) for p in expected)


def test_path_rows_carry_the_edges_and_their_ends(loaded_store: GraphStore) -> None:
    types = sorted(vocabulary().relation_types)
    rows = path_rows(_run(loaded_store), "ttt", "al-qaida", 4, types, 25)
    assert rows
    for row in rows:
        assert [n["id"] for n in row["nodes"]][:: len(row["nodes"]) - 1] == ["ttt", "al-qaida"]
        assert len(row["edges"]) == len(row["nodes"]) - 1
        for (node, following), edge in zip(pairwise(row["nodes"]), row["edges"], strict=True):
            assert {node["id"], following["id"]} == {edge["subject"]["id"], edge["object"]["id"]}
            assert edge["properties"]["evidence"]


def _nodes(source: str, path: list[EdgeKey]) -> tuple[str, ...]:
    nodes = [source]
    for subject, _type, obj in path:
        nodes.append(obj if subject == nodes[-1] else subject)
    return tuple(nodes)


def _parallel(graph: nx.MultiGraph, path: tuple[str, ...]) -> int:
    count = 1
    for a, b in pairwise(path):
        count *= graph.number_of_edges(a, b)
    return count
