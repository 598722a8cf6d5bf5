"""Response models of the HTTP API: what each endpoint returns, typed and documented.

Names follow the house style: ``ThingPublic`` for one thing, ``ThingsPublic`` for a page of
them. Every relation carries its citations, so one response answers "who says so".
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    computed_field,
)

from ontology.dates import API_PATTERN


class Model(BaseModel):
    """Base of every response model: ``class`` is spelled ``class`` in JSON."""

    model_config = ConfigDict(populate_by_name=True, extra="ignore")


class PagePublic(Model):
    """Pagination of a list: which page, its size, and how many items match in all."""

    total: int = Field(description="How many items match, over all pages.")
    page: int = Field(description="This page's number, from 1.")
    page_size: int = Field(description="Most items on a page.")

    @computed_field(description="Whether items follow this page: no list is cut silently.")
    def truncated(self) -> bool:
        """Whether more items match than this page and the ones before it hold."""
        return self.page * self.page_size < self.total


class EntityRefPublic(Model):
    """A short reference to an actor, event or place."""

    id: str
    name: str | None = None
    class_: str | None = Field(None, alias="class", description="Fact key of the entity's class.")
    kind: str | None = Field(None, description="Actor, Event or Place.")


class EntityPublic(Model):
    """An actor, event or place with its names and description."""

    id: str
    name: str
    class_: str = Field(alias="class", description="Fact key of the class, e.g. armed_group.")
    class_label: str | None = Field(None, description="Human label of the class.")
    kind: str = Field(description="Actor, Event or Place.")
    aliases: list[str] = Field(default_factory=list)
    description: str | None = None
    date: str | None = Field(
        None, description="Events: when it happened (ISO, as precise as known)."
    )
    end_date: str | None = None
    date_basis: str | None = Field(
        None, description="`external` when the date is not in the texts (the public record)."
    )
    valid_from: str | None = Field(
        None, description="A regime (a state under one government): its first day in power."
    )
    valid_until: str | None = Field(None, description="A regime: its end.")


class ActorSummaryPublic(EntityPublic):
    """An actor as listed by a search."""


class ActorsPublic(PagePublic):
    """A page of actors."""

    items: list[ActorSummaryPublic]


class CitationPublic(Model):
    """One claim backing (or denying) a relation: the source, who claimed it, and the quote."""

    claim_id: str
    source_id: str | None = None
    source_title: str | None = None
    publisher: str | None = None
    published: str | None = None
    claimant_id: str | None = None
    claimant_name: str | None = None
    stance: str | None = Field(None, description="asserts, denies or questions.")
    quote: str | None = Field(None, description="Verbatim from the source.")
    hedge: str | None = Field(
        None,
        description=(
            "How the text qualifies it (reported, alleged, likely, possible); null: stated plainly."
        ),
    )
    voiced_by_id: str | None = Field(
        None, description="The spokesperson who voiced the claimant's statement."
    )
    voiced_by_name: str | None = None
    via_id: str | None = Field(None, description="The media outlet that relayed it.")
    via_name: str | None = None
    statement: str | None = Field(
        None, description="The statement it reports; claims sharing it are one origin."
    )
    stated_on: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    note: str | None = Field(None, description="The curator's note on the claim.")


class PeriodPublic(Model):
    """When a relation holds by some of its claims; an open end is null."""

    valid_from: str | None = Field(None, description="From (null: no start given).")
    valid_until: str | None = Field(None, description="Until (null: still, or no end given).")
    claim_ids: list[str] = Field(description="The claims that give this period.")


class RelationPublic(Model):
    """A relation edge between two entities, with the claims that back or deny it."""

    type: str = Field(description="Relationship type, e.g. HOSTILE_TO.")
    relation: str | None = Field(None, description="Fact key, e.g. hostile_to.")
    label: str | None = Field(None, description="Human label of the relation.")
    symmetric: bool = Field(False, description="Whether the relation holds both ways.")
    subject: EntityRefPublic
    object: EntityRefPublic
    status: str | None = Field(
        None,
        description=(
            "asserted, contested (asserted, and denied or questioned) or denied (no claim "
            "asserts it)."
        ),
    )
    contested: bool = False
    asserted: int = Field(0, description="How many claims assert it.")
    denied: int = Field(0, description="How many claims deny it.")
    questioned: int = Field(0, description="How many claims question it without denying.")
    hedged: bool = Field(
        False, description="Whether every claim that asserts it is hedged (reported, alleged...)."
    )
    source_count: int = Field(
        0,
        description=(
            "Independent origins: claimants, counting as one those that report one statement "
            "(two outlets relaying one spokesperson are one origin)."
        ),
    )
    document_count: int = Field(0, description="How many source documents cite it.")
    first_stated: str | None = Field(
        None, description="When it was first stated (a claim's date, else its source's)."
    )
    periods: list[PeriodPublic] = Field(
        default_factory=list,
        description=(
            "When it holds, claim by claim (of the asserting claims; of the denials when "
            "nothing asserts it): one entry per distinct period, never merged into one span."
        ),
    )
    undated_claims: list[str] = Field(
        default_factory=list,
        description="The claims (of those periods are read from) that give no period.",
    )
    time_basis: Literal["period", "undated"] | None = Field(
        None,
        description=(
            "Asked true_at: `period` when a claim's period contains the date, `undated` when "
            "no period does but claims that give none support it (period unknown)."
        ),
    )
    citations: list[CitationPublic] = Field(default_factory=list)


class RelationsPublic(PagePublic):
    """A page of relations."""

    items: list[RelationPublic]
    true_at: str | None = Field(None, description="The valid-time date asked, if any.")
    known_by: str | None = Field(None, description="The statement-time date asked, if any.")
    undated: int | None = Field(
        None,
        description=(
            "With true_at: how many of the relations found rest, for that date, only on "
            "claims of unknown period (kept, time_basis: undated, unless undated=false)."
        ),
    )


class ActorRelationPublic(RelationPublic):
    """A relation seen from one actor: ``direction`` says which end the actor is."""

    direction: Literal["outgoing", "incoming"]


class ActorPublic(EntityPublic):
    """One actor with every relation it has, in both directions, each with its citations."""

    relations: list[ActorRelationPublic]


class SuggestionPublic(Model):
    """A close match for an unknown id."""

    id: str
    name: str | None = None


class NotFoundPublic(Model):
    """Nothing has this id; ``suggestions`` lists close ids and names."""

    detail: str
    suggestions: list[SuggestionPublic] = Field(default_factory=list)


class ErrorPublic(Model):
    """A plain error message (store unreachable, timed out, write refused, ...)."""

    detail: str


class NeighbourPublic(EntityRefPublic):
    """An entity in a neighbourhood, with its distance in hops from the centre."""

    distance: int


class NeighbourhoodPublic(Model):
    """The entities and relations within ``depth`` hops of an entity."""

    center: EntityRefPublic
    depth: int
    types: list[str] = Field(description="Relationship types followed.")
    nodes: list[NeighbourPublic]
    edges: list[RelationPublic]


class PathPublic(Model):
    """One path: its entities in order and the relation of each hop, with citations."""

    length: int
    nodes: list[EntityRefPublic]
    hops: list[RelationPublic]


class PathsPublic(Model):
    """The shortest path(s) between two entities; empty when none is within ``max_hops``."""

    from_: EntityRefPublic = Field(alias="from")
    to: EntityRefPublic
    max_hops: int
    paths: list[PathPublic]


class ClaimPublic(Model):
    """One claim: who claimed what about whom, in which source, asserting or denying it."""

    id: str
    relation: str
    relation_type: str | None = None
    subject: EntityRefPublic
    object: EntityRefPublic
    stance: str
    hedge: str | None = None
    quote: str | None = None
    voiced_by_id: str | None = Field(None, description="The spokesperson who voiced it.")
    via_id: str | None = Field(None, description="The media outlet that relayed it.")
    statement: str | None = None
    stated_on: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    date_basis: str | None = None
    note: str | None = None
    source: SourceRefPublic
    claimant: EntityRefPublic


class SourceRefPublic(Model):
    """A short reference to a source document."""

    id: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None


class EventSummaryPublic(EntityPublic):
    """An event as listed, with how many claims assert and deny something about it."""

    asserting: int
    denying: int


class EventsPublic(PagePublic):
    """A page of events."""

    items: list[EventSummaryPublic]


class EventPublic(EntityPublic):
    """One event with the claims for it (asserting) and against it (denying)."""

    claims_for: list[ClaimPublic]
    claims_against: list[ClaimPublic]


class SourcePublic(Model):
    """A source document as its metadata states it."""

    id: str
    file: str | None = None
    title: str | None = None
    publisher: str | None = None
    author_id: str | None = None
    author_name: str | None = None
    published: str | None = None
    url: str | None = None
    date_basis: str | None = None
    claims: int = Field(0, description="How many claims cite it.")


class SourcesPublic(PagePublic):
    """A page of sources."""

    items: list[SourcePublic]


class SourceDetailPublic(SourcePublic):
    """One source with a page of the claims citing it."""

    cited_by: list[ClaimPublic]
    page: int
    page_size: int


class ClaimantSummaryPublic(EntityPublic):
    """An actor who made claims, with how many it asserted and denied."""

    asserting: int
    denying: int


class ClaimantsPublic(PagePublic):
    """A page of claimants."""

    items: list[ClaimantSummaryPublic]


class ClaimantPublic(ClaimantSummaryPublic):
    """One claimant with a page of what it asserted and denied."""

    claims: list[ClaimPublic]
    page: int
    page_size: int


class ResearchParameterPublic(Model):
    """A parameter of a research query."""

    name: str
    type: str
    required: bool
    default: Any = None
    description: str


class ResearchQueryPublic(Model):
    """A named research query from the catalog."""

    name: str
    description: str
    parameters: list[ResearchParameterPublic]
    url: str = Field(description="Where to run it (GET with query parameters, or POST).")


class ResearchCatalogPublic(Model):
    """Every research query."""

    queries: list[ResearchQueryPublic]


ParameterName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]
"""A parameter's name, and a key of a map inside a value: plain, as Cypher takes names."""
ParameterText = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$")]
ParameterInt = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
ParameterFloat = Annotated[float, Field(allow_inf_nan=False)]
type ParameterValue = (
    bool
    | ParameterInt
    | ParameterFloat
    | ParameterText
    | list[ParameterValue]
    | dict[ParameterName, ParameterValue]
    | None
)
"""A value a store takes as a parameter (what ``api/body.py`` lets through, as a schema)."""

_NAME_PATTERN = {"pattern": "^[A-Za-z_][A-Za-z0-9_]*$"}
_SCALAR = {
    "anyOf": [
        {"type": "boolean"},
        {"type": "integer", "minimum": -(2**63), "maximum": 2**63 - 1},
        {"type": "number"},
        {"type": "string", "pattern": "^[^\\x00]*$"},
        {"type": "null"},
    ]
}
_VALUE = {
    "anyOf": [
        _SCALAR,
        {"type": "array", "items": _SCALAR},
        {"type": "object", "propertyNames": _NAME_PATTERN, "additionalProperties": _SCALAR},
    ]
}
# Written out (two levels deep) rather than generated: pydantic says "patternProperties", which
# still allows any other key, and the keys are the point (FalkorDB's parameters travel as
# Cypher text, so a key that is not a plain name would be Cypher of the client's choosing).
Parameters = Annotated[
    dict[ParameterName, ParameterValue],
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": _NAME_PATTERN,
            "additionalProperties": _VALUE,
            "description": "Values of the query's `$names`. Names, and the keys of maps inside "
            "values, are plain names; text holds no NUL; integers fit 64 bits.",
        }
    ),
]


class ResearchRunRequest(Model):
    """Parameters for running a research query by POST."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"parameters": {"actor_id": "taliban"}, "true_at": "2021-08-15"}]
        }
    )

    parameters: Parameters = Field(default_factory=dict)
    true_at: str | None = Field(
        None, pattern=API_PATTERN, description="Ask at this date, by valid time (as /relations)."
    )
    known_by: str | None = Field(
        None, pattern=API_PATTERN, description="Count only what had been stated by this date."
    )
    undated: bool = Field(True, description="With true_at: keep relations of unknown period.")


class CypherRequest(Model):
    """A read-only Cypher query and its parameters (values only reach it as parameters)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "query": "MATCH (a:Actor {id: $id})-[:HOSTILE_TO]-(enemy:Actor) "
                    "RETURN enemy.id AS id, enemy.name AS name ORDER BY name",
                    "parameters": {"id": "taliban"},
                }
            ]
        }
    )

    query: str = Field(min_length=1, max_length=20000, examples=["MATCH (a:Actor) RETURN a.id"])
    parameters: Parameters = Field(default_factory=dict)


class CypherResultPublic(Model):
    """Rows of a raw query, cut at the row cap."""

    columns: list[str]
    rows: list[dict[str, Any]]
    row_count: int = Field(description="Rows returned here.")
    truncated: bool = Field(description="Whether rows were cut at the row cap.")
    row_cap: int


class HealthPublic(Model):
    """The store answers; what it holds."""

    status: Literal["ok"]
    backend: str
    counts: dict[str, int]


ClaimPublic.model_rebuild()


class VersionPublic(Model):
    """Which facts the store serves: the content hash a release would have, and the release
    that has it, if any, so a citation of an answer can name a version."""

    actorgraph_version: str = Field(description="The version of the actorgraph software.")
    content_hash: str = Field(
        description="sha256 of the canonical JSON of every source, entity and claim in the "
        "store: the hash `actorgraph release` writes for the same facts."
    )
    counts: dict[str, Any] = Field(
        description="sources, entities, entities_by_kind (Actor, Event, Place), claims, and "
        "relations (distinct subject-relation-object edges)."
    )
    version: str = Field(
        description="The version of the release whose content hash matches, else `unreleased`."
    )
    release_date: str | None = Field(None, description="That release's date (YYYY-MM-DD).")
