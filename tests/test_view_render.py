"""The network view's HTML: offline, escaped, legend, truncation banner."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from graph.citation import Citation
from ontology.facts import FactSet
from services.view import (
    GraphData,
    ViewEdge,
    ViewFilter,
    ViewNode,
    graph_data_from_facts,
    render_view,
)

EVIL = '</script><script>alert(1)</script><!-- <b>bold</b> & "quoted" \u2028'
EXTERNAL = re.compile(
    r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*[\"']?\s*(https?:)?//", re.I
)


def _payload(html: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="ag-data">(.*?)</script>', html, re.S)
    assert match is not None
    data: dict[str, object] = json.loads(match.group(1))
    return data


def _evil_graph() -> GraphData:
    data = GraphData()
    data.nodes["a"] = ViewNode("a", "A " + EVIL, "armed_group", "Actor", "armed group", (EVIL,))
    data.nodes["b"] = ViewNode("b", "B", "state", "Actor", "state")
    cite = Citation(
        claim_id="c1",
        source_id="s1",
        source_title=EVIL,
        publisher=EVIL,
        published="2020",
        claimant_id="a",
        claimant_name=EVIL,
        stance="asserts",
        quote=EVIL,
    )
    denial = replace(cite, claim_id="c2", stance="denies")
    data.edges.append(ViewEdge("a", "hostile_to", "b", True, 1, (cite, denial)))
    return data


def test_data_cannot_break_out_of_its_script_block() -> None:
    html = render_view(_evil_graph())
    assert "<script>alert(1)" not in html
    assert "<!-- <b>" not in html
    payload = _payload(html)  # the JSON block ends where it should and reads back intact
    edges = payload["edges"]
    assert isinstance(edges, list)
    assert edges[0]["citations"][0]["quote"] == EVIL
    assert edges[0]["dashes"] and edges[0]["arrows"] == ""  # contested; hostile_to is symmetric


def test_page_loads_nothing_from_the_network(curated_facts: FactSet) -> None:
    html = render_view(graph_data_from_facts(curated_facts))
    assert EXTERNAL.search(html) is None
    assert "vis.Network" in html and "vis-network" in html  # vis-network is inlined
    assert '<link rel="icon" href="data:,">' in html  # no favicon request either


def test_legend_and_styles_follow_classes_and_relations(curated_facts: FactSet) -> None:
    data = graph_data_from_facts(curated_facts)
    payload = _payload(render_view(data))
    legend = payload["legend"]
    assert isinstance(legend, dict)
    relations = {r["key"]: r["count"] for r in legend["relations"]}
    expected: dict[str, int] = {}
    for _, relation, _ in curated_facts.claims_by_edge():
        expected[relation] = expected.get(relation, 0) + 1
    assert relations == expected
    nodes = payload["nodes"]
    assert isinstance(nodes, list)
    colours = {n["group"]: n["color"] for n in nodes}
    assert {c["key"]: c["color"] for c in legend["classes"]} == colours
    sizes = {n["id"]: n["size"] for n in nodes}
    degree = data.degrees()
    hub = max(degree, key=lambda i: degree[i])
    leaf = min((i for i in sizes), key=lambda i: degree[i])
    assert sizes[hub] > sizes[leaf]


def test_small_views_settle_in_the_browser_and_have_no_banner(curated_facts: FactSet) -> None:
    html = render_view(graph_data_from_facts(curated_facts))
    assert 'id="ag-banner"' not in html
    payload = _payload(html)
    meta = payload["meta"]
    assert isinstance(meta, dict) and meta["physics"] is True and meta["truncated"] is False
    assert payload["options"]["physics"]["stabilization"]["iterations"] <= 300  # type: ignore[index]


def test_large_views_are_truncated_with_a_banner_and_laid_out_on_the_server() -> None:
    from bench.generate import generate_facts

    data = graph_data_from_facts(generate_facts(12_000))
    html = render_view(data, ViewFilter(), node_limit=600)
    assert 'id="ag-banner"' in html and "Truncated view" in html
    payload = _payload(html)
    nodes = payload["nodes"]
    assert isinstance(nodes, list) and len(nodes) == 600
    assert all("x" in n and "y" in n for n in nodes)
    assert payload["options"]["physics"]["enabled"] is False  # type: ignore[index]
