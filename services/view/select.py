"""Choosing what the network view shows: read the graph from a store, filter it, cap its size.

The filters here are the server-side twin of the page's own controls (``assets/view.js``):
focus on an entity with a depth, keep some relation types, and ask the time and status question
of ``services/relation_filter.py`` (true at a date, known by a date, which statuses). Both
follow the same rules, so a page rendered with ``?focus=...`` shows what the full page shows
after choosing that focus in its controls.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from graph.citation import decode
from graph.store import GraphStore, Row
from ontology.vocabulary import vocabulary
from queries.run import run_query
from services.export.selection import SelectionError, relation_keys
from services.relation_filter import Question, statuses_shown
from services.traverse import reach

from .model import GraphData, ViewEdge, ViewNode, check_date


class ViewParameterError(ValueError):
    """A view parameter (focus, depth, types, true_at, known_by) has a value the view cannot
    use."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter


@dataclass(frozen=True)
class ViewFilter:
    """Which part of the graph to show; the defaults show all of it."""

    focus: str | None = None
    depth: int = 2
    types: frozenset[str] | None = None  # relation fact keys; None keeps every type
    contested: bool = True  # False hides contested edges
    denied: bool = False  # True shows relations that no source asserts (only denials)
    disputes: bool = False  # True keeps only disputed relations (contested, and denied if shown)
    events: bool = False  # draw events (actors are always drawn; a focused event shows them)
    places: bool = False  # draw places
    true_at: str | None = None  # what held then, by the claims' valid time
    known_by: str | None = None  # what had been stated by then
    undated: bool = True  # with true_at: show (faded) the relations of unknown period

    @property
    def question(self) -> Question:
        """The time and status question this filter asks of every relation."""
        return Question(
            true_at=self.true_at,
            known_by=self.known_by,
            undated=self.undated,
            statuses=statuses_shown(
                asserted=not self.disputes, contested=self.contested, denied=self.denied
            ),
        )

    @property
    def active(self) -> bool:
        """Whether the filter narrows anything."""
        return bool(
            self.focus
            or self.types is not None
            or not self.contested
            or self.denied
            or self.disputes
            or self.events
            or self.places
            or self.true_at
            or self.known_by
        )


@dataclass
class Selection:
    """The graph to draw, and what was left out to keep it drawable."""

    data: GraphData
    total_nodes: int  # entities with a relation that the filter keeps, before the cap
    total_edges: int
    truncated: bool = False
    node_limit: int = 0
    isolated: int = 0  # entities without any relation at all, never drawn
    filter: ViewFilter = field(default_factory=ViewFilter)


def parse_types(text: str | None) -> frozenset[str] | None:
    """Relation types from a comma list of fact keys or graph types (``hostile_to,SUPPORTS``)."""
    if text is None or not text.strip():
        return None
    names = [name.strip() for name in text.split(",") if name.strip()]
    try:
        return relation_keys(names, None) or frozenset()
    except SelectionError as err:
        raise ViewParameterError("types", str(err).split(": ", 1)[1]) from err


def make_filter(
    *,
    focus: str | None = None,
    depth: int = 2,
    types: str | None = None,
    contested: bool = True,
    denied: bool = False,
    disputes: bool = False,
    events: bool = False,
    places: bool = False,
    true_at: str | None = None,
    known_by: str | None = None,
    undated: bool = True,
) -> ViewFilter:
    """A checked ``ViewFilter`` from raw parameter values (``ViewParameterError`` when bad)."""
    if depth < 0 or depth > 10:
        raise ViewParameterError("depth", f"{depth} is outside 0..10")
    for name, value in (("true_at", true_at), ("known_by", known_by)):
        if value:
            try:
                check_date(value, name)
            except ValueError as err:
                raise ViewParameterError(name, str(err).split(": ", 1)[1]) from err
    return ViewFilter(
        focus=focus or None,
        depth=depth,
        types=parse_types(types),
        contested=contested,
        denied=denied,
        disputes=disputes,
        events=events,
        places=places,
        true_at=true_at or None,
        known_by=known_by or None,
        undated=undated,
    )


def _node(row: Row) -> ViewNode:
    vocab = vocabulary()
    cls = vocab.classes.get(str(row.get("class") or ""))
    return ViewNode(
        id=str(row["id"]),
        name=str(row.get("name") or row["id"]),
        class_key=str(row.get("class") or ""),
        kind=str(row.get("kind") or (cls.kind if cls else "Actor")),
        class_label=str(row.get("class_label") or (cls.label if cls else "")),
        aliases=tuple(str(a) for a in row.get("aliases") or ()),
        date=row.get("date"),
    )


def _edge(row: Row) -> ViewEdge:
    return ViewEdge(
        subject=str(row["subject"]),
        relation=str(row["relation"]),
        object=str(row["object"]),
        contested=bool(row.get("contested")),
        source_count=int(row.get("source_count") or 0),
        citations=tuple(decode(row.get("evidence"))),
        first_stated=row.get("first_stated"),
    )


def read_graph(store: GraphStore, *, timeout_ms: int | None = None) -> GraphData:
    """Every entity and relation edge in ``store``, through the ``view_*`` named queries."""
    data = GraphData()
    for row in run_query(store, "view_entities", timeout_ms=timeout_ms):
        node = _node(row)
        data.nodes[node.id] = node
    data.edges = [
        _edge(row)
        for row in run_query(store, "view_relations", timeout_ms=timeout_ms)
        if row["subject"] in data.nodes and row["object"] in data.nodes
    ]
    return data


def _answers(edge: ViewEdge, question: Question) -> bool:
    """Whether the question keeps ``edge`` (one without citations has only its status)."""
    if not edge.citations:
        return edge.status in question.statuses and not (question.true_at or question.known_by)
    return question.answer(edge.citations) is not None


def shown_kinds(data: GraphData, view: ViewFilter) -> frozenset[str]:
    """The kinds of entity drawn: actors always, events and places when asked for or focused
    (twin: ``shownKinds`` in assets/view.js)."""
    kinds = {"Actor"}
    if view.events:
        kinds.add("Event")
    if view.places:
        kinds.add("Place")
    if view.focus is not None and view.focus in data.nodes:
        kinds.add(data.nodes[view.focus].kind)
    return frozenset(kinds)


def apply_filter(data: GraphData, view: ViewFilter) -> GraphData:
    """The part of ``data`` the filter keeps: its edges and the entities they join."""
    if view.focus is not None and view.focus not in data.nodes:
        raise ViewParameterError("focus", f"no entity with id {view.focus!r}")
    question = view.question
    kinds = shown_kinds(data, view)
    edges = [
        e
        for e in data.edges
        if (view.types is None or e.relation in view.types)
        and data.nodes[e.subject].kind in kinds
        and data.nodes[e.object].kind in kinds
        and _answers(e, question)
    ]
    if view.focus is not None:
        keep = reach(((e.subject, e.object) for e in edges), view.focus, view.depth)
        edges = [e for e in edges if e.subject in keep and e.object in keep]
    ids = {e.subject for e in edges} | {e.object for e in edges}
    if view.focus is not None:
        ids.add(view.focus)
    return GraphData(nodes={i: data.nodes[i] for i in sorted(ids)}, edges=edges)


def truncate(data: GraphData, node_limit: int) -> GraphData:
    """The ``node_limit`` best-connected entities (ties by id) and the edges among them."""
    degree = data.degrees()
    ranked = sorted(data.nodes, key=lambda i: (-degree[i], i))[:node_limit]
    keep = set(ranked)
    return GraphData(
        nodes={i: data.nodes[i] for i in sorted(keep)},
        edges=[e for e in data.edges if e.subject in keep and e.object in keep],
    )


def select_view(data: GraphData, view: ViewFilter, node_limit: int) -> Selection:
    """Filter ``data`` and cap it at ``node_limit`` entities, saying what was left out."""
    # The page asks the time and status questions itself (its initial state is the filter's,
    # and its script is the twin of services/relation_filter.py): the selection keeps every
    # relation of the focus and types, and the page decides which to show.
    # Focus, depth and types are the page's too, so a URL and the controls give the same
    # layout; the server narrows to the focus only when the whole graph is more than the page
    # can draw.
    everything = replace(
        view,
        types=None,
        contested=True,
        denied=True,
        disputes=False,
        events=True,
        places=True,
        true_at=None,
        known_by=None,
    )
    if view.focus is not None and view.focus not in data.nodes:
        raise ViewParameterError("focus", f"no entity with id {view.focus!r}")
    whole = apply_filter(data, replace(everything, focus=None))
    too_big = view.focus is not None and len(whole.nodes) > node_limit
    chosen = apply_filter(data, everything) if too_big else whole
    total_nodes, total_edges = len(chosen.nodes), len(chosen.edges)
    truncated = total_nodes > node_limit
    if truncated:
        chosen = truncate(chosen, node_limit)
    return Selection(
        data=chosen,
        total_nodes=total_nodes,
        total_edges=total_edges,
        truncated=truncated,
        node_limit=node_limit,
        isolated=sum(1 for d in data.degrees().values() if d == 0),
        filter=view,
    )
