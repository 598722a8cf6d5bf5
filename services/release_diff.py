"""What changed between two sets of facts: records added, removed and changed, and relations.

Two releases, two fact folders or one of each (``services.release.open_snapshot`` reads them)
are compared as ``FactSet`` s, so the answer does not depend on where the facts were read from:

- sources, entities and claims, by id: added, removed, and changed (same id, some content field
  different; each change names the field and its old and new value). Where a record was read
  from (its file and line) is not content and is never a change;
- relations, the edges the graph draws (subject, relation, object; a symmetric pair once):
  added, removed, and those whose status changed (asserted, contested or denied, as
  ``graph.model.status_of`` decides it from the claims behind the edge).

Two sets of facts with the same content hash have an empty diff, and an empty diff means the
same hash: both are taken over the same content fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.model import status_of
from ontology.facts import Claim, Entity, FactSet, SourceDocument
from ontology.fingerprint import Record, record_values

Edge = tuple[str, str, str]
TEXT_WIDTH = 100  # longest value the text diff shows whole; the JSON diff shows every value


@dataclass(frozen=True)
class FieldChange:
    """One field of a record that differs: its name, old value and new value."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RecordChange:
    """A record present on both sides whose content differs."""

    id: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class RecordsDiff[R: Record]:
    """Records of one kind (sources, entities or claims) added, removed and changed."""

    added: tuple[R, ...]
    removed: tuple[R, ...]
    changed: tuple[RecordChange, ...]

    @property
    def empty(self) -> bool:
        """Whether nothing was added, removed or changed."""
        return not (self.added or self.removed or self.changed)

    def to_json(self) -> dict[str, Any]:
        """Added and removed records whole; changes as ``{field: {"old", "new"}}``."""
        return {
            "added": [record_values(r) for r in self.added],
            "removed": [record_values(r) for r in self.removed],
            "changed": [
                {"id": c.id, "fields": {f.field: {"old": f.old, "new": f.new} for f in c.changes}}
                for c in self.changed
            ],
        }


@dataclass(frozen=True)
class RelationState:
    """A relation edge and its status on the side it is found."""

    subject: str
    relation: str
    object: str
    status: str


@dataclass(frozen=True)
class StatusChange:
    """A relation edge on both sides whose status differs."""

    subject: str
    relation: str
    object: str
    old: str
    new: str


@dataclass(frozen=True)
class FactsDiff:
    """Everything that differs between two sets of facts, old to new."""

    sources: RecordsDiff[SourceDocument]
    entities: RecordsDiff[Entity]
    claims: RecordsDiff[Claim]
    relations_added: tuple[RelationState, ...]
    relations_removed: tuple[RelationState, ...]
    relations_status_changed: tuple[StatusChange, ...]

    @property
    def empty(self) -> bool:
        """Whether both sides hold the same facts."""
        return self.sources.empty and self.entities.empty and self.claims.empty

    @property
    def removes(self) -> bool:
        """Whether a record of the old side is gone (a citation of it no longer resolves)."""
        return bool(self.sources.removed or self.entities.removed or self.claims.removed)

    @property
    def adds(self) -> bool:
        """Whether the new side holds a record the old one did not."""
        return bool(self.sources.added or self.entities.added or self.claims.added)

    def to_json(self) -> dict[str, Any]:
        """The diff as JSON: ``identical``, then claims, relations, entities and sources."""
        return {
            "identical": self.empty,
            "claims": self.claims.to_json(),
            "relations": {
                "added": [vars(r) for r in self.relations_added],
                "removed": [vars(r) for r in self.relations_removed],
                "status_changed": [vars(c) for c in self.relations_status_changed],
            },
            "entities": self.entities.to_json(),
            "sources": self.sources.to_json(),
        }


def diff_records[R: Record](old: Mapping[str, R], new: Mapping[str, R]) -> RecordsDiff[R]:
    """Records added, removed and changed, each list in id order."""
    changed: list[RecordChange] = []
    for record_id in sorted(old.keys() & new.keys()):
        before, after = record_values(old[record_id]), record_values(new[record_id])
        fields = tuple(
            FieldChange(name, before[name], after[name])
            for name in before
            if before[name] != after[name]
        )
        if fields:
            changed.append(RecordChange(record_id, fields))
    return RecordsDiff(
        added=tuple(new[i] for i in sorted(new.keys() - old.keys())),
        removed=tuple(old[i] for i in sorted(old.keys() - new.keys())),
        changed=tuple(changed),
    )


def relation_statuses(facts: FactSet) -> dict[Edge, str]:
    """Each relation edge of ``facts`` and its status from the claims behind it."""
    statuses: dict[Edge, str] = {}
    for edge, claims in facts.claims_by_edge().items():
        asserted = sum(1 for c in claims if c.stance == "asserts")
        statuses[edge] = status_of(asserted, len(claims) - asserted)
    return statuses


def diff_facts(old: FactSet, new: FactSet) -> FactsDiff:
    """What changed from ``old`` to ``new``."""
    before, after = relation_statuses(old), relation_statuses(new)
    return FactsDiff(
        sources=diff_records(old.sources, new.sources),
        entities=diff_records(old.entities, new.entities),
        claims=diff_records(old.claims, new.claims),
        relations_added=tuple(RelationState(*e, after[e]) for e in sorted(after.keys() - before)),
        relations_removed=tuple(
            RelationState(*e, before[e]) for e in sorted(before.keys() - after)
        ),
        relations_status_changed=tuple(
            StatusChange(*e, before[e], after[e])
            for e in sorted(before.keys() & after.keys())
            if before[e] != after[e]
        ),
    )


# ------------------------------------------------------------------------------ as text


def _shown(value: Any) -> str:
    text = repr(list(value) if isinstance(value, tuple) else value)
    return text if len(text) <= TEXT_WIDTH else text[: TEXT_WIDTH - 1] + "…"


def _claim_line(claim: Claim) -> str:
    return (
        f"{claim.id}: {claim.subject} {claim.relation} {claim.object} "
        f"({claim.claimant} {claim.stance}, in {claim.source})"
    )


def _entity_line(entity: Entity) -> str:
    return f"{entity.id}: {entity.name} ({entity.class_key})"


def _source_line(source: SourceDocument) -> str:
    return f"{source.id}: {source.title} ({source.publisher}, {source.published})"


def _records_text[R: Record](
    noun: str, nouns: str, diff: RecordsDiff[R], line: Callable[[R], str]
) -> list[str]:
    lines = [
        f"{nouns}: {len(diff.added)} added, {len(diff.removed)} removed, "
        f"{len(diff.changed)} changed"
    ]
    lines += [f"  + {noun} {line(r)}" for r in diff.added]
    lines += [f"  - {noun} {line(r)}" for r in diff.removed]
    for change in diff.changed:
        lines.append(f"  ~ {noun} {change.id}:")
        lines += [f"      {f.field}: {_shown(f.old)} -> {_shown(f.new)}" for f in change.changes]
    return lines


def _relations_text(diff: FactsDiff) -> list[str]:
    lines = [
        f"relations: {len(diff.relations_added)} added, {len(diff.relations_removed)} removed, "
        f"{len(diff.relations_status_changed)} changed status"
    ]
    lines += [f"  + {r.subject} {r.relation} {r.object} ({r.status})" for r in diff.relations_added]
    lines += [
        f"  - {r.subject} {r.relation} {r.object} (was {r.status})" for r in diff.relations_removed
    ]
    lines += [
        f"  ~ {c.subject} {c.relation} {c.object}: {c.old} -> {c.new}"
        for c in diff.relations_status_changed
    ]
    return lines


def diff_text(diff: FactsDiff) -> str:
    """The diff for a reader: a count line per part, then one line per record or relation
    (``+`` added, ``-`` removed, ``~`` changed, with each changed field old -> new)."""
    if diff.empty:
        return "no differences: both hold the same facts"
    lines = _records_text("claim", "claims", diff.claims, _claim_line)
    lines += _relations_text(diff)
    if not diff.entities.empty:
        lines += _records_text("entity", "entities", diff.entities, _entity_line)
    if not diff.sources.empty:
        lines += _records_text("source", "sources", diff.sources, _source_line)
    return "\n".join(lines)
