"""The property graph's shape, declared once: the properties of every node and edge row.

Everything that writes or reads the graph's properties takes them from here: the rows
(``graph.model``), the bulk writer (``graph.falkordb_bulk``), the Cypher load statements and
the maps the named queries return (their ``{{ ... }}`` fragments, ``queries/fragments.py``),
and the tests that hold the API's answer shapes to it (``tests/test_shape.py``). The
provenance edges (``SUBJECT``, ``CITES``, ...) come from the ontology's ``ag:ProvenanceLink``
properties (``ontology.vocabulary``).

Adding a property is one ``Prop`` here plus where its value comes from (a field of the fact
record named by ``fact``, or the row builder for a derived one) and its place in an answer
model, if the API shows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from ontology.vocabulary import ProvenanceLink, vocabulary


@dataclass(frozen=True)
class Prop:
    """One property of a node or an edge."""

    name: str
    type: str  # "str", "str?" (may be null), "int", "bool" or "list[str]"
    about: str
    fact: str | None = None  # the fact record's field it copies; None: derived by graph.model
    # a field of the API's answer of that name (False: kept for queries and the export, or
    # answered in another form, as a claim's ends are answered as entity references)
    shown: bool = True


@dataclass(frozen=True)
class Shape:
    """The properties of one kind of row, in the order they are written."""

    name: str
    props: tuple[Prop, ...]

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Every property name, in order (kept: every citation an answer decodes asks)."""
        return tuple(p.name for p in self.props)

    @property
    def shown(self) -> tuple[str, ...]:
        """The properties the API shows."""
        return tuple(p.name for p in self.props if p.shown)

    def fact_fields(self, properties: Mapping[str, Any]) -> dict[str, Any]:
        """The fact record's fields held in a node's ``properties`` (inverse of the row).

        A property the store does not return (Neo4j keeps no nulls) is empty: ``""`` for a
        text, ``None`` for an optional text, ``()`` for a list.
        """
        fields: dict[str, Any] = {}
        for prop in self.props:
            if prop.fact is None:
                continue
            value = properties.get(prop.name)
            if prop.type == "list[str]":
                fields[prop.fact] = tuple(str(v) for v in value or ())
            elif prop.type == "str?":
                fields[prop.fact] = None if value is None or value == "" else str(value)
            else:
                fields[prop.fact] = "" if value is None else str(value)
        return fields

    def check(self, row: dict[str, object], extra: frozenset[str] = frozenset()) -> None:
        """Raise ``ValueError`` unless ``row`` has exactly these properties (plus ``extra``)."""
        keys = set(row) - extra
        if keys != set(self.names):
            missing, unknown = set(self.names) - keys, keys - set(self.names)
            raise ValueError(
                f"{self.name} row does not fit graph/shape.py: missing {sorted(missing)}, "
                f"undeclared {sorted(unknown)}"
            )


ENTITY = Shape(
    "entity",
    (
        Prop("id", "str", "the entity's id", fact="id"),
        Prop("name", "str", "its name", fact="name"),
        Prop("class", "str", "its class, a fact key of the ontology", fact="class_key"),
        Prop("kind", "str", "Actor, Event or Place"),
        Prop("class_label", "str", "the class's label"),
        Prop("aliases", "list[str]", "other names", fact="aliases"),
        Prop("search_names", "list[str]", "name and aliases, lower-cased", shown=False),
        Prop("description", "str", "what it is", fact="description"),
        Prop("date", "str?", "an event's date (start)", fact="date"),
        Prop("end_date", "str?", "an event's end", fact="end_date"),
        Prop("date_basis", "str?", "'external': the date is not in the text", fact="date_basis"),
        Prop("valid_from", "str?", "a regime's first day in power", fact="valid_from"),
        Prop("valid_until", "str?", "a regime's end", fact="valid_until"),
    ),
)

SOURCE = Shape(
    "source",
    (
        Prop("id", "str", "the source's id", fact="id"),
        Prop("file", "str", "its text file in the sources folder", fact="file"),
        Prop("title", "str", "its title", fact="title"),
        Prop("publisher", "str", "who published it", fact="publisher"),
        Prop("author_id", "str", "the id of the actor who wrote it", fact="author"),
        Prop("author_name", "str?", "that actor's name"),
        Prop("published", "str", "when it was published", fact="published"),
        Prop("url", "str?", "where it is online", fact="url"),
        Prop("date_basis", "str?", "'external': the date is not in the text", fact="date_basis"),
    ),
)

CLAIM = Shape(
    "claim",
    (
        Prop("id", "str", "the claim's id", fact="id"),
        Prop("relation", "str", "the relation's fact key", fact="relation"),
        Prop("relation_type", "str", "the relation's graph type"),
        Prop("subject_id", "str", "the subject's id", fact="subject", shown=False),
        Prop("object_id", "str", "the object's id", fact="object", shown=False),
        Prop("source_id", "str", "its source's id", fact="source", shown=False),
        Prop("claimant_id", "str", "its claimant's id", fact="claimant", shown=False),
        Prop("stance", "str", "asserts, denies or questions", fact="stance"),
        Prop("hedge", "str?", "how the text qualifies it (reported, alleged...)", fact="hedge"),
        Prop("quote", "str", "the source's words, verbatim", fact="quote"),
        Prop("voiced_by_id", "str?", "the spokesperson who voiced it", fact="voiced_by"),
        Prop("via_id", "str?", "the media outlet that relayed it", fact="via"),
        Prop("statement", "str?", "the statement it reports (shared)", fact="statement"),
        Prop("stated_on", "str?", "when the claimant said it", fact="stated_on"),
        Prop("valid_from", "str?", "from when the relation holds", fact="valid_from"),
        Prop("valid_until", "str?", "until when it held", fact="valid_until"),
        Prop("date_basis", "str?", "'external': its dates are not in the text", fact="date_basis"),
        Prop("note", "str", "the curator's note", fact="note"),
    ),
)

CITATION = Shape(
    "citation",
    (
        Prop("claim_id", "str", "the claim's id"),
        Prop("source_id", "str", "the source's id"),
        Prop("source_title", "str?", "its title"),
        Prop("publisher", "str?", "its publisher"),
        Prop("published", "str?", "when it was published"),
        Prop("claimant_id", "str", "who makes the claim"),
        Prop("claimant_name", "str?", "their name"),
        Prop("stance", "str", "asserts, denies or questions"),
        Prop("quote", "str", "the source's words"),
        Prop("hedge", "str?", "how the text qualifies it: reported, alleged, likely, possible"),
        Prop("voiced_by_id", "str?", "the spokesperson who voiced the claimant's statement"),
        Prop("voiced_by_name", "str?", "their name"),
        Prop("via_id", "str?", "the media outlet that relayed it to the source"),
        Prop("via_name", "str?", "its name"),
        Prop("statement", "str?", "the statement it reports, shared across sources"),
        Prop("stated_on", "str?", "when it was said"),
        Prop("valid_from", "str?", "from when the relation holds"),
        Prop("valid_until", "str?", "until when it held"),
        Prop("note", "str?", "the curator's note on the claim"),
    ),
)
"""One entry of a relation edge's ``evidence``: a claim with its source and claimant."""

RELATION = Shape(
    "relation",
    (
        Prop("relation", "str", "the relation's fact key"),
        Prop("claim_ids", "list[str]", "the claims behind the edge", shown=False),
        Prop("source_ids", "list[str]", "their sources, claim by claim", shown=False),
        Prop("claimant_ids", "list[str]", "their claimants, claim by claim", shown=False),
        Prop("stances", "list[str]", "their stances, claim by claim", shown=False),
        Prop("asserted", "int", "claims that assert it"),
        Prop("denied", "int", "claims that deny it"),
        Prop("questioned", "int", "claims that question it"),
        Prop("contested", "bool", "whether some claim denies or questions it"),
        Prop("status", "str", "asserted, denied (no claim asserts it) or contested"),
        Prop("hedged", "bool", "whether every claim that asserts it is hedged"),
        Prop("source_count", "int", "independent origins behind it (graph.origins)"),
        Prop("document_count", "int", "distinct source documents behind it"),
        Prop("first_stated", "str?", "when it was first stated"),
        Prop("evidence", "str", "the citations, JSON (graph.citation)"),
    ),
)
"""The properties of a relation edge between two entities."""

EDGE_ENDS = frozenset({"subject_id", "object_id"})
"""The keys of a relation edge row that name its ends rather than being properties."""

ENTITY_REF = ("id", "name", "class", "kind")
"""The entity properties an answer names an entity by (a relation's ends, a claimant)."""

SHAPES = {shape.name: shape for shape in (ENTITY, SOURCE, CLAIM, RELATION, CITATION)}


@cache
def provenance_links() -> tuple[ProvenanceLink, ...]:
    """The provenance edges, from the ontology: claims' links to what they name, sources'
    links to their authors."""
    return tuple(vocabulary().provenance.values())


def link_column(link: ProvenanceLink) -> str:
    """The row property that holds the id a provenance edge points at (``source_id``)."""
    return f"{link.key}_id"


def claim_links() -> tuple[ProvenanceLink, ...]:
    """The provenance edges from a claim."""
    return tuple(link for link in provenance_links() if link.domain == "Claim")


def source_links() -> tuple[ProvenanceLink, ...]:
    """The provenance edges from a source."""
    return tuple(link for link in provenance_links() if link.domain == "Source")
