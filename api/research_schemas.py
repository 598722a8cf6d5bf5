"""What each research query answers over HTTP: its question, the shape of its rows, examples.

The catalog (``queries/cypher/*.cypher`` marked ``// research: yes``) declares each query's
parameters and what it returns; ``RESEARCH`` gives each the question it answers (its summary in
/docs), a model of its rows (and of its summary, for the two analyses of
``services/analysis.py``), and an example for each parameter without a default. The per-query
endpoints answer with these models, so the OpenAPI schema says what a row holds, and a row that
drifts from its model (a column added or gone) fails loudly instead of being cut silently.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import reduce
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

from api.schemas import EntityRefPublic, Model, RelationPublic


class Exact(Model):
    """A row (or summary) of a research answer: exactly the columns its query returns."""

    model_config = ConfigDict(extra="forbid")


class EnemyOfEnemyPublic(Exact):
    """An actor hostile to one of the actor's enemies, with both hostile relations."""

    enemy_of_enemy: EntityRefPublic = Field(description="The actor hostile to the enemy.")
    enemy: EntityRefPublic = Field(description="The enemy of the actor asked about.")
    also_enemy: bool = Field(description="Whether it is hostile to the actor asked about too.")
    hostility_to_enemy: RelationPublic = Field(
        description="The hostility between the actor asked about and the enemy."
    )
    enemy_hostility: RelationPublic = Field(
        description="The hostility between the enemy and the enemy of the enemy."
    )


class SanctuaryForEnemyPublic(Exact):
    """An actor that gives sanctuary to an enemy of the actor, with both relations."""

    host: EntityRefPublic = Field(description="The actor that gives sanctuary.")
    enemy: EntityRefPublic = Field(description="The enemy of the actor asked about.")
    sanctuary: RelationPublic = Field(
        description="host GIVES_SANCTUARY_TO enemy: its status says whether it is asserted, "
        "denied or contested."
    )
    hostility: RelationPublic = Field(
        description="The hostility between the actor asked about and the enemy."
    )


class ContestedRelationPublic(Exact):
    """A relation that some claim denies, with every claim for and against it."""

    relation: RelationPublic
    asserted: int = Field(description="How many claims assert it.")
    denied: int = Field(description="How many claims deny it.")


class SingleSourceRelationPublic(Exact):
    """A relation that rests on one independent origin (one claimant, however many documents
    relay it)."""

    relation: RelationPublic
    source_id: str = Field(
        description="The first document that carries it (document_count says how many do)."
    )


class ActorNamePublic(Exact):
    """An actor of a triad: its id and name."""

    id: str
    name: str | None


class TriadPublic(Exact):
    """Three actors each pair of which is tied, and whether their ties are balanced."""

    actors: list[ActorNamePublic] = Field(description="The three actors, by id.")
    signs: str = Field(
        pattern=r"^[+-]{3}$",
        description="The signs of the pairs (first-second, second-third, first-third): "
        "`-` hostility, `+` affiliation, alliance, support, sanctuary or protection.",
    )
    negative_ties: int = Field(description="How many of the three pairs are hostile.")
    balanced: bool = Field(description="An even number of negative ties.")
    relations: list[RelationPublic] = Field(description="Every relation between the pairs.")


class CentralActorPublic(Exact):
    """An actor ranked by betweenness, then degree, in the undirected actor network."""

    rank: int = Field(description="From 1.")
    id: str
    name: str | None
    degree: int = Field(description="How many actors it is tied to.")
    betweenness: float = Field(description="Normalised betweenness centrality (networkx).")


class BalanceSummaryPublic(Exact):
    """How balanced the signed actor network is, over every triad."""

    triads: int
    balanced: int
    unbalanced: int
    balance_ratio: float | None = Field(description="balanced / triads (null: no triad).")
    signed_pairs: int = Field(description="Pairs of actors with ties of one sign.")
    ambiguous_pairs: list[list[str]] = Field(
        description="Pairs with ties of both signs: reported, left out of the triads."
    )


class CentralitySummaryPublic(Exact):
    """The size of the actor network the ranking is computed over."""

    actors: int
    ties: int


class ResearchAnswer[RowT, SummaryT](Model):
    """The rows of a research query, a page at a time. Relations inside rows carry citations."""

    name: str
    parameters: dict[str, Any]
    rows: list[RowT]
    total: int = Field(description="How many rows the question has, over all pages.")
    truncated: bool = Field(
        description="Whether rows after these exist: ask again with a larger `skip`."
    )
    summary: SummaryT | None = None
    true_at: str | None = Field(None, description="The valid-time date asked, if any.")
    known_by: str | None = Field(None, description="The statement-time date asked, if any.")


class ResearchResultPublic(ResearchAnswer[dict[str, Any], dict[str, Any]]):
    """The answer of a research query that has no row model here: rows as the query gives them."""


class EnemiesOfEnemiesPublic(ResearchAnswer[EnemyOfEnemyPublic, None]):
    """The enemies of an actor's enemies."""

    name: Literal["enemies_of_enemies"]


class SanctuaryForEnemiesPublic(ResearchAnswer[SanctuaryForEnemyPublic, None]):
    """Who gives sanctuary to an actor's enemies."""

    name: Literal["sanctuary_for_enemies"]


class ContestedClaimsPublic(ResearchAnswer[ContestedRelationPublic, None]):
    """The relations some claim denies."""

    name: Literal["contested_claims"]


class SingleSourceRelationsPublic(ResearchAnswer[SingleSourceRelationPublic, None]):
    """The relations that rest on a single independent origin."""

    name: Literal["single_source_relations"]


class StructuralBalancePublic(ResearchAnswer[TriadPublic, BalanceSummaryPublic]):
    """The triads of the signed actor network, unbalanced first."""

    name: Literal["structural_balance"]


class CentralityPublic(ResearchAnswer[CentralActorPublic, CentralitySummaryPublic]):
    """The actors ranked by betweenness and degree."""

    name: Literal["centrality"]


@dataclass(frozen=True)
class ResearchShape:
    """A research query as /docs presents it."""

    question: str
    """The question it answers: the summary of its endpoint."""
    answer: type[ResearchAnswer[Any, Any]]
    """Its answer, rows typed."""
    examples: Mapping[str, Any] = field(default_factory=dict)
    """An example for each parameter without a default (the others show their default)."""


RESEARCH: dict[str, ResearchShape] = {
    "enemies_of_enemies": ResearchShape(
        "Who are the enemies of an actor's enemies?",
        EnemiesOfEnemiesPublic,
        {"actor_id": "taliban"},
    ),
    "sanctuary_for_enemies": ResearchShape(
        "Who gives sanctuary to an actor's enemies, and who says so?",
        SanctuaryForEnemiesPublic,
        {"actor_id": "taliban"},
    ),
    "contested_claims": ResearchShape(
        "Which relations does some claim deny?", ContestedClaimsPublic
    ),
    "single_source_relations": ResearchShape(
        "Which relations rest on a single origin?", SingleSourceRelationsPublic
    ),
    "structural_balance": ResearchShape(
        "Which triads of actors are balanced, and which are not?", StructuralBalancePublic
    ),
    "centrality": ResearchShape("Which actors are most central?", CentralityPublic),
}

ResearchAnswerPublic: Any = Annotated[
    reduce(operator.or_, (shape.answer for shape in RESEARCH.values())),
    Field(discriminator="name"),
]
"""Any typed research answer, told apart by ``name`` (the endpoints that take a name)."""


def answer_model(name: str) -> type[ResearchAnswer[Any, Any]]:
    """The answer model of research query ``name`` (free-form rows if it has none here)."""
    shape = RESEARCH.get(name)
    return shape.answer if shape is not None else ResearchResultPublic
