"""The network view in a real headless Chromium, served by the real app over the real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cdp import Page
from expected import asserted, focused, hub, shown
from live import serve

from graph.store import GraphStore
from loaders.load import load_facts
from ontology.facts import Claim, Entity, FactSet, SourceDocument
from services.view import graph_data_from_facts, make_filter
from services.view.select import apply_filter

pytestmark = pytest.mark.browser

SETTLED = "window.__agView && window.__agView.settled"
COUNTS = "JSON.stringify([window.__agView.nodes, window.__agView.edges])"
# What vis-network itself draws: its visible node and edge indices skip hidden items.
DRAWN = (
    "JSON.stringify([window.__agView.network.body.nodeIndices.length,"
    " window.__agView.network.body.edgeIndices.length])"
)


def counts(page: Page, expression: str = COUNTS) -> tuple[int, int]:
    nodes, edges = json.loads(page.evaluate(expression))
    return nodes, edges


def open_view(page: Page, url: str) -> None:
    page.navigate(url)
    page.wait_for(SETTLED, timeout_s=60)


def assert_local_only(page: Page, base: str) -> None:
    """Every request the page made went to ``base`` (or was inline): nothing from a CDN."""
    outside = [u for u in page.log.requests if not u.startswith((base, "data:", "about:"))]
    assert outside == []


def test_curated_view_loads_clean_with_every_relation(
    page: Page, live_url: str, curated_facts: FactSet, test_output: Path
) -> None:
    open_view(page, live_url + "/")
    nodes, edges = shown(curated_facts)
    assert counts(page) == (len(nodes), len(edges))
    assert counts(page, DRAWN) == (len(nodes), len(edges))
    page.screenshot(test_output / "view-curated.png")
    page.drain()
    assert page.log.errors == []
    assert_local_only(page, live_url)
    # The legend names the classes, and the sidebar the relation families and their types.
    legend = page.evaluate("document.getElementById('ag-legend').textContent")
    assert "armed group" in legend
    sidebar = page.evaluate("document.getElementById('ag-types').textContent")
    assert "hostility" in sidebar and "hostile to" in sidebar


def test_relation_filter_and_contested_change_what_is_shown(
    page: Page, live_url: str, curated_facts: FactSet
) -> None:
    open_view(page, live_url + "/view")
    relation = "hostile_to"
    page.evaluate(f"document.querySelector('input[data-relation=\"{relation}\"]').click()")
    nodes, edges = shown(curated_facts, lambda e, c: e[1] != relation and asserted(e, c))
    assert counts(page) == (len(nodes), len(edges))
    assert counts(page, DRAWN) == (len(nodes), len(edges))

    page.evaluate("document.getElementById('ag-reset').click()")
    page.evaluate("document.getElementById('ag-contested').click()")
    nodes, edges = shown(curated_facts, lambda e, c: all(x.stance == "asserts" for x in c))
    assert counts(page) == (len(nodes), len(edges))


def _type_date(page: Page, input_id: str, value: str) -> None:
    page.evaluate(
        f"(() => {{ const i = document.getElementById('{input_id}');"
        f" i.value = '{value}'; i.dispatchEvent(new Event('change')); }})()"
    )


@pytest.mark.parametrize(
    ("true_at", "known_by"),
    [("2021-08-15", None), ("2010", None), (None, "2020"), ("2017", "2023")],
)
def test_the_dates_in_the_page_agree_with_the_server(
    page: Page, live_url: str, curated_facts: FactSet, true_at: str | None, known_by: str | None
) -> None:
    """Typed in the page or given in the URL, a date shows what the server's filter keeps."""
    data = graph_data_from_facts(curated_facts)
    expected = apply_filter(data, make_filter(true_at=true_at, known_by=known_by))
    question = make_filter(true_at=true_at, known_by=known_by).question
    faint = 0
    for e in expected.edges:
        reading = question.answer(e.citations)
        faint += bool(true_at and reading and reading.basis_at(true_at) == "undated")
    open_view(page, live_url + "/view")
    _type_date(page, "ag-true-at", true_at or "")
    _type_date(page, "ag-known-by", known_by or "")
    assert counts(page) == (len(expected.nodes), len(expected.edges))
    assert counts(page, DRAWN) == (len(expected.nodes), len(expected.edges))
    assert int(page.evaluate("window.__agView.undated")) == faint
    params = "&".join(f"{k}={v}" for k, v in (("true_at", true_at), ("known_by", known_by)) if v)
    open_view(page, live_url + "/view?" + params)
    assert counts(page) == (len(expected.nodes), len(expected.edges))
    if true_at:
        page.evaluate("document.getElementById('ag-undated').click()")
        assert counts(page)[1] == len(expected.edges) - faint


def test_relations_only_denied_are_hidden_until_asked_for(
    page: Page, live_url: str, curated_facts: FactSet
) -> None:
    """No source asserts them: drawn only on request, grey and dotted, never like a fact."""
    open_view(page, live_url + "/view?events=true&places=true")
    every = curated_facts.claims_by_edge()
    denied = {"|".join(e) for e, c in every.items() if not asserted(e, c)}
    assert denied  # the curated facts have relations that are only denied
    assert counts(page)[1] == len(every) - len(denied)
    page.evaluate("document.getElementById('ag-denied').click()")
    assert counts(page)[1] == len(every)
    assert counts(page, DRAWN)[1] == len(every)  # vis-network draws them too
    drawn = json.loads(
        page.evaluate(
            "JSON.stringify(Object.fromEntries(window.__agView.data.edges.map("
            "e => [e.id, {status: e.status, dashes: e.dashes}])))"
        )
    )
    for edge_id in denied:
        assert drawn[edge_id]["status"] == "denied" and drawn[edge_id]["dashes"] == [2, 6]
    page.evaluate("document.getElementById('ag-disputes').click()")
    disputed = {e for e, c in every.items() if any(x.stance != "asserts" for x in c)}
    assert counts(page)[1] == len(disputed)
    page.evaluate("document.getElementById('ag-reset').click()")  # back to actors only
    assert counts(page)[1] == len(shown(curated_facts)[1])


def test_focus_with_depth_shows_the_neighbourhood(
    page: Page, live_url: str, curated_facts: FactSet, test_output: Path
) -> None:
    centre = hub(curated_facts)
    open_view(page, f"{live_url}/view?focus={centre}&depth=1")
    nodes, edges = focused(curated_facts, centre, 1)
    assert counts(page) == (len(nodes), len(edges))
    # Widen in the page itself: the page holds the whole graph, so depth 2 reaches further.
    page.evaluate(
        "(() => { const i = document.getElementById('ag-depth');"
        " i.value = '2'; i.dispatchEvent(new Event('change')); })()"
    )
    nodes2, edges2 = focused(curated_facts, centre, 2)
    assert counts(page) == (len(nodes2), len(edges2))
    assert len(edges2) > len(edges)
    # ...and the same focus chosen in the page of the whole graph shows the same.
    open_view(page, live_url + "/view")
    page.evaluate(f"window.__agView.apply({{focus: {json.dumps(centre)}}})")
    assert counts(page) == (len(nodes2), len(edges2))
    page.screenshot(test_output / "view-focus.png")
    assert page.log.errors == []


def _hover_first_edge_card(page: Page) -> str:
    """Move the real mouse over edges until one shows its citations; the tooltip's text."""
    points = page.evaluate(
        "(() => { const n = window.__agView.network; const box ="
        " document.getElementById('ag-network').getBoundingClientRect();"
        " return n.body.edgeIndices.slice(0, 40).map(id => {"
        "  const p = n.body.edges[id].edgeType.getPoint(0.5); const d = n.canvasToDOM(p);"
        "  return [id, d.x + box.left, d.y + box.top]; }); })()"
    )
    for _edge_id, x, y in points:
        for _ in range(2):  # vis-network needs a move onto the edge after a move elsewhere
            page.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": 5, "y": 5})
            page.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        try:
            text: str = page.wait_for(
                "(() => { const t = document.getElementById('ag-tooltip');"
                " return !t.hidden && t.querySelector('.ag-cite') ? t.textContent : ''; })()",
                timeout_s=1.5,
            )
            return text
        except Exception:
            continue
    raise AssertionError("no edge showed a tooltip with citations")


def test_hovering_an_edge_shows_who_says_so(
    page: Page, live_url: str, curated_facts: FactSet, test_output: Path
) -> None:
    open_view(page, live_url + "/")
    text = _hover_first_edge_card(page)
    page.screenshot(test_output / "view-hover-edge.png")
    assert "asserts" in text or "denies" in text
    titles = {s.title for s in curated_facts.sources.values()}
    assert any(title in text for title in titles)


MARKUP_QUOTE = 'They said <b>bold</b> & <script>window.__pwned = true</script> "quoted" </script>'


def _markup_facts() -> FactSet:
    facts = FactSet()
    facts.sources["src-x"] = SourceDocument(
        id="src-x",
        file="x.txt",
        title="A <i>title</i> with markup",
        publisher="Pub <img src=x onerror=window.__pwned=true>",
        author="outlet-x",
        published="2022-05-01",
    )
    for ident, name, cls in (
        ("group-a", "Group <u>A</u>", "armed_group"),
        ("state-b", "State B", "state"),
        ("outlet-x", "Outlet X", "media_outlet"),
    ):
        facts.entities[ident] = Entity(id=ident, name=name, class_key=cls)
    facts.claims["c-1"] = Claim(
        id="c-1",
        subject="group-a",
        relation="hostile_to",
        object="state-b",
        source="src-x",
        quote=MARKUP_QUOTE,
        claimant="outlet-x",
        stance="asserts",
    )
    return facts


def test_quote_with_markup_stays_text(page: Page, store: GraphStore, test_output: Path) -> None:
    load_facts(store, _markup_facts())
    with serve(store) as url:
        open_view(page, url + "/")
        assert counts(page) == (2, 1)
        # Click the edge (its middle) to open the details panel with the citation.
        x, y = page.evaluate(
            "(() => { const n = window.__agView.network; const id = n.body.edgeIndices[0];"
            " const d = n.canvasToDOM(n.body.edges[id].edgeType.getPoint(0.5)); const box ="
            " document.getElementById('ag-network').getBoundingClientRect();"
            " return [d.x + box.left, d.y + box.top]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            page.send(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
            )
        text = page.wait_for(
            "(() => { const d = document.getElementById('ag-details');"
            " return d.hidden ? '' : d.textContent; })()",
            timeout_s=10,
        )
        page.screenshot(test_output / "view-markup-quote.png")
        assert MARKUP_QUOTE in text
        assert "A <i>title</i> with markup" in text
        assert page.evaluate("window.__pwned === undefined")
        markup = "#ag-details b, #ag-details i, #ag-details script, #ag-details img, #ag-details u"
        assert page.evaluate(f"document.querySelectorAll('{markup}').length") == 0
        assert page.log.errors == []
