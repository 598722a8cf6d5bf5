"""The researcher's workbench in real Chromium: find, read the evidence, ask, filter, share.

Each test drives the page as a user would (typing, keys, clicks) on the real app over the
real store, and compares what the page shows with what the facts and the API say.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from cdp import Page
from expected import EVERY_KIND, focused, kind_of, shown

from ontology.facts import FactSet
from ontology.vocabulary import vocabulary

pytestmark = pytest.mark.browser

SETTLED = "window.__agView && window.__agView.settled"
COUNTS = "JSON.stringify([window.__agView.nodes, window.__agView.edges])"


def open_view(page: Page, url: str) -> None:
    page.navigate(url)
    page.wait_for(SETTLED, timeout_s=60)


def counts(page: Page) -> tuple[int, int]:
    nodes, edges = json.loads(page.evaluate(COUNTS))
    return nodes, edges


def type_into(page: Page, element_id: str, text: str) -> None:
    """Focus the field and type ``text`` key by key, as a user does."""
    page.evaluate(
        f"(() => {{ const i = document.getElementById('{element_id}'); i.focus();"
        " i.value = ''; })()"
    )
    page.send("Input.insertText", {"text": text})


def press(page: Page, key: str) -> None:
    codes = {"Enter": 13, "ArrowDown": 40, "ArrowUp": 38, "Escape": 27}
    for kind in ("keyDown", "keyUp"):
        page.send(
            "Input.dispatchKeyEvent",
            {"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": codes[key]},
        )


def details_text(page: Page) -> str:
    text: str = page.wait_for(
        "(() => { const d = document.getElementById('ag-details');"
        " return d.hidden ? '' : d.textContent; })()",
        timeout_s=15,
    )
    return text


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Daesh-Khorasan", "iskp"),
        ("Tajik Taliban", "ttt"),
        ("State Committee for National Security", "gknb"),
    ],
)
def test_search_by_alias_lands_on_the_right_actor(
    page: Page,
    live_url: str,
    curated_facts: FactSet,
    typed: str,
    expected: str,
    test_output: Path,
) -> None:
    open_view(page, live_url + "/")
    type_into(page, "ag-search", typed)
    first = page.wait_for(
        "(() => { const r = document.querySelector('#ag-search-results li[aria-selected=true]');"
        " return r ? r.dataset.id : ''; })()",
        timeout_s=5,
    )
    assert first == expected
    # the page's matching is the API's: the same first answer for the same text
    api = httpx.get(f"{live_url}/actors", params={"q": typed}, timeout=10).json()
    assert api["items"][0]["id"] == expected
    press(page, "Enter")
    page.wait_for(f"document.body.dataset.focus === {json.dumps(expected)}", timeout_s=5)
    nodes, edges = focused(curated_facts, expected, 2)
    assert counts(page) == (len(nodes), len(edges))
    text = details_text(page)
    assert curated_facts.entities[expected].name in text
    page.screenshot(test_output / f"workbench-search-{expected}.png")


def test_keyboard_moves_through_the_results(page: Page, live_url: str) -> None:
    open_view(page, live_url + "/")
    type_into(page, "ag-search", "taliban")
    ids = page.wait_for(
        "(() => { const r = Array.from(document.querySelectorAll('#ag-search-results li'));"
        " return r.length > 1 ? r.map(x => x.dataset.id) : null; })()",
        timeout_s=5,
    )
    press(page, "ArrowDown")
    press(page, "Enter")
    page.wait_for(f"document.body.dataset.focus === {json.dumps(ids[1])}", timeout_s=5)


def test_the_evidence_panel_lists_the_talibans_relations_by_family(
    page: Page, live_url: str, curated_facts: FactSet, test_output: Path
) -> None:
    open_view(page, live_url + "/")
    page.evaluate("window.__agView.evidenceFor('taliban')")
    details_text(page)
    listed = page.evaluate(
        "Array.from(document.querySelectorAll('#ag-details .ag-relation')).map(d => d.dataset.edge)"
    )
    mine = {"|".join(e) for e in curated_facts.claims_by_edge() if "taliban" in (e[0], e[2])}
    assert set(listed) == mine
    families = page.evaluate(
        "Array.from(document.querySelectorAll('#ag-details .ag-family')).map(s => s.dataset.family)"
    )
    vocab = vocabulary()
    assert set(families) == {vocab.relations[e.split("|")[1]].family for e in mine}
    # every citation names its claim, and the curator's notes are there
    text = details_text(page)
    taliban_claims = [
        c
        for e, claims in curated_facts.claims_by_edge().items()
        if "taliban" in (e[0], e[2])
        for c in claims
    ]
    assert all(c.id in text for c in taliban_claims)
    noted = [c for c in taliban_claims if c.note]
    assert noted and noted[0].note in text
    page.screenshot(test_output / "workbench-evidence-taliban.png")


def test_the_evidence_panel_says_who_voiced_relayed_and_hedged_each_claim(
    page: Page, live_url: str, curated_facts: FactSet, test_output: Path
) -> None:
    """Uzbekistan's denial of the Termez attack: voiced by Asadov; hedges and relays shown."""
    open_view(page, live_url + "/?events=true&places=true")
    page.evaluate("window.__agView.evidenceFor('rocket-attack-termez-2022-04-18')")
    text = details_text(page)
    termez = [
        c
        for e, claims in curated_facts.claims_by_edge().items()
        if "rocket-attack-termez-2022-04-18" in (e[0], e[2])
        for c in claims
    ]
    names = {e.id: e.name for e in curated_facts.entities.values()}
    voiced = [c for c in termez if c.voiced_by]
    relayed = [c for c in termez if c.via]
    hedged = [c for c in termez if c.hedge]
    assert voiced and relayed and hedged  # the curated facts have each
    for c in voiced:
        assert f"voiced by {names[c.voiced_by or '']}" in text
    for c in relayed:
        assert f"via {names[c.via or '']}" in text
    assert f"({hedged[0].hedge})" in text
    page.screenshot(test_output / "workbench-evidence-termez.png")


def test_a_relation_asserted_only_with_a_hedge_is_drawn_apart(
    page: Page, live_url: str, curated_facts: FactSet
) -> None:
    open_view(page, live_url + "/?events=true&places=true")
    drawn = json.loads(
        page.evaluate(
            "JSON.stringify(Object.fromEntries(window.__agView.data.edges.map("
            "e => [e.id, {status: e.status, hedged: e.hedged, dashes: e.dashes}])))"
        )
    )
    hedged = {
        "|".join(e)
        for e, claims in curated_facts.claims_by_edge().items()
        if all(c.stance == "asserts" for c in claims) and all(c.hedge for c in claims)
    }
    assert hedged  # "the group is reportedly led by ... Mahdi Arsalan", and more
    assert {i for i, d in drawn.items() if d["hedged"] and d["status"] == "asserted"} == hedged
    plain = next(i for i, d in drawn.items() if d["status"] == "asserted" and not d["hedged"])
    for edge_id in hedged:
        assert drawn[edge_id]["dashes"] not in (False, drawn[plain]["dashes"])


def test_the_path_finder_shows_ttt_to_al_qaida_with_a_citation_on_every_hop(
    page: Page, live_url: str, test_output: Path
) -> None:
    open_view(page, live_url + "/")
    type_into(page, "ag-path-from", "Tajik Taliban")
    type_into(page, "ag-path-to", "al-Qaida")
    page.evaluate("document.getElementById('ag-path-go').click()")
    page.wait_for("window.__agView.highlighted.length > 0", timeout_s=15)
    api = httpx.get(
        f"{live_url}/paths", params={"from": "ttt", "to": "al-qaida", "all": "true"}, timeout=10
    ).json()
    hops = {
        f"{h['subject']['id']}|{h['relation']}|{h['object']['id']}"
        for p in api["paths"]
        for h in p["hops"]
    }
    assert hops and set(page.evaluate("window.__agView.highlighted")) == hops
    rows = page.evaluate(
        "Array.from(document.querySelectorAll('#ag-details .ag-relation')).map(d =>"
        " [d.dataset.edge, d.querySelectorAll('.ag-cite').length])"
    )
    assert {edge for edge, _ in rows} == hops
    assert all(n >= 1 for _, n in rows)
    selected = page.evaluate("window.__agView.network.getSelectedEdges()")
    assert set(selected) == hops
    page.screenshot(test_output / "workbench-path-ttt-al-qaida.png")


def test_a_research_question_runs_in_the_page_and_highlights_its_answer(
    page: Page, live_url: str
) -> None:
    open_view(page, live_url + "/")
    page.wait_for("document.querySelectorAll('#ag-research-name option').length > 0", timeout_s=10)
    page.evaluate(
        "(() => { const s = document.getElementById('ag-research-name');"
        " s.value = 'sanctuary_for_enemies'; })()"
    )
    type_into(page, "ag-research-actor", "Taliban")
    page.evaluate("document.getElementById('ag-research-go').click()")
    page.wait_for("window.__agView.highlighted.length > 0", timeout_s=15)
    body = httpx.get(
        f"{live_url}/research/sanctuary_for_enemies",
        params={"actor_id": "taliban", "limit": 500},
        timeout=10,
    ).json()
    expected = set()
    for row in body["rows"]:
        for key in ("sanctuary", "hostility"):
            rel = row[key]
            expected.add(f"{rel['subject']['id']}|{rel['relation']}|{rel['object']['id']}")
    assert set(page.evaluate("window.__agView.highlighted")) == expected


def test_kinds_and_families_change_the_counts_as_the_facts_say(
    page: Page, live_url: str, curated_facts: FactSet, test_output: Path
) -> None:
    open_view(page, live_url + "/")
    nodes, edges = shown(curated_facts)
    assert counts(page) == (len(nodes), len(edges))
    assert {kind_of(curated_facts, n) for n in nodes} == {"Actor"}
    page.evaluate("document.getElementById('ag-events').click()")
    page.evaluate("document.getElementById('ag-places').click()")
    nodes, edges = shown(curated_facts, kinds=EVERY_KIND)
    assert counts(page) == (len(nodes), len(edges))
    page.evaluate("document.getElementById('ag-reset').click()")
    # keep only hostility and sanctuary: switch every other family off
    page.evaluate(
        "document.querySelectorAll('input[data-family]').forEach(b => {"
        " if (!['hostility', 'sanctuary_protection'].includes(b.dataset.family)) b.click(); })"
    )
    wanted = set(vocabulary().families["hostility"].members)
    wanted |= set(vocabulary().families["sanctuary_protection"].members)
    nodes, edges = shown(
        curated_facts, lambda e, c: e[1] in wanted and any(x.stance == "asserts" for x in c)
    )
    assert counts(page) == (len(nodes), len(edges))
    page.screenshot(test_output / "workbench-hostility-sanctuary.png")


def _picture(page: Page) -> dict[str, Any]:
    """What is shown and where: the shown entities with their positions, and the edges."""
    return json.loads(
        page.evaluate(
            "(() => { const v = window.__agView; const ids = v.data.nodes.map(n => n.id)"
            ".filter(id => !v.network.body.nodes[id].options.hidden);"
            " const pos = v.network.getPositions(ids);"
            " return JSON.stringify({nodes: ids.sort(), edges: v.shownEdges.slice().sort(),"
            " positions: Object.fromEntries(ids.map(i => [i, [Math.round(pos[i].x),"
            " Math.round(pos[i].y)]]))}); })()"
        )
    )


def test_the_url_follows_the_controls_and_restores_the_same_picture(
    page: Page, live_url: str, test_output: Path
) -> None:
    open_view(page, live_url + "/")
    type_into(page, "ag-search", "Tajik Taliban")
    page.wait_for("document.querySelector('#ag-search-results li') !== null", timeout_s=5)
    press(page, "Enter")
    page.evaluate(
        "document.querySelectorAll('input[data-family]').forEach(b => {"
        " if (!['hostility', 'sanctuary_protection'].includes(b.dataset.family)) b.click(); })"
    )
    page.evaluate(
        "(() => { const i = document.getElementById('ag-true-at'); i.value = '2022';"
        " i.dispatchEvent(new Event('change')); })()"
    )
    url = page.evaluate("location.href")
    assert "focus=ttt" in url and "true_at=2022" in url and "types=" in url
    before = _picture(page)
    page.screenshot(test_output / "workbench-url-before.png")
    open_view(page, url)  # a new tab with the copied address
    after = _picture(page)
    page.screenshot(test_output / "workbench-url-after.png")
    assert after["nodes"] == before["nodes"] and after["edges"] == before["edges"]
    assert after["positions"] == before["positions"]
    # and the back button walks the history of the controls
    page.evaluate("history.back()")
    page.wait_for("!location.search.includes('true_at')", timeout_s=5)


def test_the_page_exports_a_png_and_the_selection(page: Page, live_url: str) -> None:
    open_view(page, live_url + "/?focus=ttt&depth=1")
    png = page.evaluate(
        "document.querySelector('#ag-network canvas').toDataURL('image/png').slice(0, 22)"
    )
    assert png == "data:image/png;base64,"
    selection = page.evaluate("JSON.stringify(window.__agView.selectionJson())")
    chosen = json.loads(selection)
    assert "ttt" in {e["id"] for e in chosen["entities"]}
    assert chosen["relations"] and all(r["citations"] for r in chosen["relations"])
    assert len(chosen["relations"]) == counts(page)[1]


def test_state_and_territory_are_named_apart(page: Page, live_url: str) -> None:
    open_view(page, live_url + "/?places=true")
    labels = page.evaluate(
        "window.__agView.data.nodes.filter(n => n.names[0] === 'Tajikistan').map(n => n.label)"
    )
    assert len(labels) == 2 and len(set(labels)) == 2


def test_docs_render_their_operations_with_the_network_blocked(
    page: Page, live_url: str, test_output: Path
) -> None:
    page.send("Network.enable")
    # every other host is blocked (the CDNs FastAPI's own pages use among them), and the test
    # checks below that the page asked for nothing outside this server
    page.send("Network.setBlockedURLs", {"urls": ["*cdn*", "*unpkg*", "*googleapis*"]})
    try:
        page.navigate(live_url + "/docs")
        count = page.wait_for(
            "(() => { const n = document.querySelectorAll('.opblock').length;"
            " return n > 10 ? n : 0; })()",
            timeout_s=30,
        )
        assert count > 10
        page.screenshot(test_output / "docs-offline.png")
        outside = [u for u in page.log.requests if not u.startswith((live_url, "data:", "about:"))]
        assert outside == []
    finally:
        page.send("Network.setBlockedURLs", {"urls": []})


LABEL_OVERLAPS = """(() => { const v = window.__agView, n = v.network; const boxes = [];
 v.data.nodes.forEach(d => { const b = n.body.nodes[d.id];
   if (b.options.hidden || (KINDS && !KINDS.includes(d.kind))) return;
   const l = b.labelModule.size; if (!l || !l.width) return;
   const tl = n.canvasToDOM({x: l.left, y: l.top});
   const br = n.canvasToDOM({x: l.left + l.width, y: l.top + l.height});
   boxes.push({id: d.id, x1: tl.x, y1: tl.y, x2: br.x, y2: br.y}); });
 const overlaps = [];
 for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
   const a = boxes[i], b = boxes[j];
   if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps.push([a.id, b.id]); }
 return JSON.stringify({labels: boxes.length, overlaps: overlaps}); })()"""


@pytest.mark.parametrize(
    ("query", "kinds"), [("", '["Actor"]'), ("?events=true&places=true", "null")]
)
def test_no_labels_collide_at_the_default_zoom(
    page: Page, live_url: str, query: str, kinds: str, test_output: Path
) -> None:
    """Measured in the browser: the drawn label boxes, in screen pixels, after the layout."""
    open_view(page, live_url + "/" + query)
    page.evaluate("window.__agView.network.redraw()")
    found = json.loads(page.evaluate(LABEL_OVERLAPS.replace("KINDS", kinds)))
    assert found["labels"] > 40
    assert found["overlaps"] == []
    page.screenshot(test_output / f"workbench-labels{'-all' if query else ''}.png")
