"""What the network view selects: the graph read from the real store, filters, truncation."""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from ontology.facts import FactSet
from services.view import (
    GraphData,
    ViewFilter,
    ViewParameterError,
    graph_data_from_facts,
    make_filter,
    read_graph,
    select_view,
)
from services.view.model import period_end, period_start
from services.view.select import apply_filter, truncate

EVERY_KIND = {"events": True, "places": True}
"""The filters below are tried over every kind of entity (the page starts with actors only)."""


def test_the_page_starts_with_actors_and_shows_events_and_places_on_request(
    curated_facts: FactSet,
) -> None:
    data = graph_data_from_facts(curated_facts)
    actors = apply_filter(data, make_filter(denied=True))
    assert {n.kind for n in actors.nodes.values()} == {"Actor"}
    with_events = apply_filter(data, make_filter(denied=True, events=True))
    assert {n.kind for n in with_events.nodes.values()} == {"Actor", "Event"}
    assert len(_triples(apply_filter(data, make_filter(denied=True, **EVERY_KIND)))) == len(
        data.edges
    )
    event = next(n.id for n in data.nodes.values() if n.kind == "Event")
    focused = apply_filter(data, make_filter(focus=event, depth=1, denied=True))
    assert event in focused.nodes and focused.edges  # a focused event shows its own kind


def _triples(data: GraphData) -> set[tuple[str, str, str]]:
    return {(e.subject, e.relation, e.object) for e in data.edges}


def test_store_gives_the_same_graph_as_the_facts(
    loaded_store: GraphStore, curated_facts: FactSet
) -> None:
    from_store = read_graph(loaded_store)
    from_facts = graph_data_from_facts(curated_facts)
    assert set(from_store.nodes) == set(curated_facts.entities)
    assert _triples(from_store) == set(curated_facts.claims_by_edge())
    by_id = {e.id: e for e in from_facts.edges}
    for edge in from_store.edges:
        twin = by_id[edge.id]
        assert edge.contested == twin.contested
        assert edge.source_count == twin.source_count
        assert sorted(c.quote for c in edge.citations) == sorted(c.quote for c in twin.citations)
        assert edge.reading == twin.reading  # status, counts, periods, first stated


def test_default_view_draws_every_related_entity(curated_facts: FactSet) -> None:
    data = graph_data_from_facts(curated_facts)
    selection = select_view(data, ViewFilter(), node_limit=10_000)
    related = {s for s, _, _ in curated_facts.claims_by_edge()}
    related |= {o for _, _, o in curated_facts.claims_by_edge()}
    assert set(selection.data.nodes) == related
    assert len(selection.data.edges) == len(curated_facts.claims_by_edge())
    assert selection.isolated == len(curated_facts.entities) - len(related)
    assert not selection.truncated


def test_types_contested_and_focus_filters(curated_facts: FactSet) -> None:
    data = graph_data_from_facts(curated_facts)
    hostile = apply_filter(data, make_filter(**EVERY_KIND, types="HOSTILE_TO"))
    assert hostile.edges and {e.relation for e in hostile.edges} == {"hostile_to"}
    undisputed = apply_filter(data, make_filter(**EVERY_KIND, contested=False))
    assert not any(e.contested for e in undisputed.edges)
    assert len(undisputed.edges) == sum(not e.contested for e in data.edges)
    centre = next(iter(_triples(data)))[0]
    near = apply_filter(data, make_filter(**EVERY_KIND, focus=centre, depth=1))
    shown = {(e.subject, e.relation, e.object) for e in data.edges if e.status != "denied"}
    neighbours = {o for s, _, o in shown if s == centre}
    neighbours |= {s for s, _, o in shown if o == centre}
    assert set(near.nodes) == neighbours | {centre}
    assert _triples(near) == {t for t in shown if t[0] in near.nodes and t[2] in near.nodes}
    wider = apply_filter(data, make_filter(**EVERY_KIND, focus=centre, depth=2))
    assert set(near.nodes) <= set(wider.nodes)


def test_relations_only_denied_are_hidden_unless_asked_for(curated_facts: FactSet) -> None:
    data = graph_data_from_facts(curated_facts)
    edges = curated_facts.claims_by_edge()
    # a claim that questions a relation disputes it as a denial does
    denied = {e for e, claims in edges.items() if all(c.stance != "asserts" for c in claims)}
    contested = {
        e
        for e, claims in edges.items()
        if "asserts" in {c.stance for c in claims} and len({c.stance for c in claims}) > 1
    }
    assert denied and contested
    assert {(e.subject, e.relation, e.object) for e in data.edges if e.status == "denied"} == denied
    default = _triples(apply_filter(data, make_filter(**EVERY_KIND)))
    assert not default & denied and len(default) == len(edges) - len(denied)
    assert _triples(apply_filter(data, make_filter(**EVERY_KIND, denied=True))) == set(edges)
    assert _triples(apply_filter(data, make_filter(**EVERY_KIND, disputes=True))) == contested
    assert (
        _triples(apply_filter(data, make_filter(**EVERY_KIND, disputes=True, denied=True)))
        == contested | denied
    )
    # the page gets them all, to show on request; it starts from the filter's state
    assert _triples(select_view(data, make_filter(**EVERY_KIND), node_limit=10_000).data) == set(
        edges
    )


def test_true_at_and_known_by_ask_the_shared_question(curated_facts: FactSet) -> None:
    data = graph_data_from_facts(curated_facts)
    control = ("taliban", "controls", "place-afghanistan")
    for true_at, held in (("1998", True), ("2010", False), ("2023", True)):
        chosen = _triples(
            apply_filter(data, make_filter(**EVERY_KIND, true_at=true_at, denied=True))
        )
        assert (control in chosen) is held, true_at
    everything = _triples(apply_filter(data, make_filter(**EVERY_KIND, denied=True)))
    undated = _triples(
        apply_filter(data, make_filter(**EVERY_KIND, true_at="2021-08-15", denied=True))
    )
    dated_only = _triples(
        apply_filter(
            data, make_filter(**EVERY_KIND, true_at="2021-08-15", denied=True, undated=False)
        )
    )
    assert dated_only < undated < everything
    early = _triples(apply_filter(data, make_filter(**EVERY_KIND, known_by="2019-12", denied=True)))
    assert early and early < everything
    # the page gets every relation of the focus; it asks the question itself
    page = select_view(data, make_filter(**EVERY_KIND, true_at="2010"), node_limit=10_000).data
    assert _triples(page) == set(_triples(data))
    assert period_start("2021") == "2021-01-01" and period_end("2021-08") == "2021-08-31"


def test_truncation_keeps_the_best_connected(curated_facts: FactSet) -> None:
    data = graph_data_from_facts(curated_facts)
    selection = select_view(data, ViewFilter(), node_limit=20)
    assert selection.truncated and len(selection.data.nodes) == 20
    page = ViewFilter(denied=True, events=True, places=True)
    degree = apply_filter(data, page).degrees()  # what the page receives
    kept = min(degree[i] for i in selection.data.nodes)
    dropped = max(degree[i] for i in degree if i not in selection.data.nodes)
    assert kept >= dropped
    assert all(
        e.subject in selection.data.nodes and e.object in selection.data.nodes
        for e in selection.data.edges
    )
    assert truncate(data, 10_000).nodes.keys() == data.nodes.keys()


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"types": "hostile_to,NOT_A_RELATION"}, "types"),
        ({"true_at": "15/08/2021"}, "true_at"),
        ({"known_by": "2021-02-30"}, "known_by"),
        ({"depth": -1}, "depth"),
    ],
)
def test_bad_parameters_name_themselves(kwargs: dict[str, object], parameter: str) -> None:
    with pytest.raises(ViewParameterError) as caught:
        make_filter(**kwargs)  # type: ignore[arg-type]
    assert caught.value.parameter == parameter


def test_unknown_focus_is_an_error(curated_facts: FactSet) -> None:
    with pytest.raises(ViewParameterError, match="focus"):
        apply_filter(graph_data_from_facts(curated_facts), make_filter(focus="no-such-id"))
