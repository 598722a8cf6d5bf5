"""Reading the curated fact files (``data/``) into a ``FactSet``, keeping where values came from.

The files are YAML written by hand, so every error must point at a file, a line and a field:
``ontology.yaml_records`` reads records from YAML's node tree with the line of every field.

This module checks the *shape* of the files (top-level keys, record mappings, required fields,
types, unknown fields, ids used twice) and their layout (one ``claims/<source-id>.yaml`` per
source); what the values mean (references, classes, dates, quotes) is checked by
``ontology.validate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ontology.errors import FactError
from ontology.facts import Claim, Entity, FactSet, Origin, RetiredClaim, SourceDocument
from ontology.vocabulary import Kind
from ontology.yaml_records import MISSING_KEY, FieldKind, FileReader

SOURCE_FIELDS: dict[str, FieldKind] = {
    "id": "required",
    "file": "required",
    "title": "required",
    "publisher": "required",
    "author": "required",
    "published": "required",
    "url": "optional",
    "date_basis": "optional",
}
_ENTITY_FIELDS: dict[str, FieldKind] = {
    "id": "required",
    "name": "required",
    "class": "required",
    "aliases": "list",
    "description": "optional",
}
EVENT_FIELDS: dict[str, FieldKind] = {
    **_ENTITY_FIELDS,
    "date": "required",
    "end_date": "optional",
    "date_basis": "optional",
}
ACTOR_FIELDS: dict[str, FieldKind] = {
    **_ENTITY_FIELDS,
    "valid_from": "optional",
    "valid_until": "optional",
}
CLAIM_FIELDS: dict[str, FieldKind] = {
    "id": "required",
    "subject": "required",
    "relation": "required",
    "object": "required",
    "quote": "required",
    "claimant": "required",
    "stance": "required",
    "stated_on": "optional",
    "valid_from": "optional",
    "valid_until": "optional",
    "note": "optional",
    "hedge": "optional",
    "voiced_by": "optional",
    "via": "optional",
    "statement": "optional",
    "date_basis": "optional",
}
RETIRED_FIELDS: dict[str, FieldKind] = {
    "id": "required",
    "reason": "required",
    "replaced_by": "optional",
}


@dataclass(frozen=True)
class EntityFile:
    """One of the files of entities: its top-level key, the kind it holds, its fields."""

    name: str  # file name inside the data folder
    key: str  # top-level key, e.g. "actors"
    kind: Kind
    fields: dict[str, FieldKind]


ENTITY_FILES: tuple[EntityFile, ...] = (
    EntityFile("actors.yaml", "actors", "Actor", ACTOR_FIELDS),
    EntityFile("places.yaml", "places", "Place", _ENTITY_FIELDS),
    EntityFile("events.yaml", "events", "Event", EVENT_FIELDS),
)
SOURCES_FILE = "sources.yaml"
RECORD_FILES = (SOURCES_FILE, *(f.name for f in ENTITY_FILES))
"""The files of records that claims refer to."""
CLAIMS_DIR = "claims"


def expected_kind(origin: Origin) -> Kind | None:
    """The kind of entity a record's file holds (``actors.yaml`` holds actors), if known."""
    name = origin.file.replace("\\", "/").rsplit("/", 1)[-1]
    for entity_file in ENTITY_FILES:
        if entity_file.name == name:
            return entity_file.kind
    return None


def unreadable_files(errors: list[FactError]) -> set[str]:
    """The files that errors show could not be read at all, or lack their top-level key."""
    return {
        e.file
        for e in errors
        if e.field in ("<yaml>", "<file>") or e.message.startswith(MISSING_KEY)
    }


def _text(values: dict[str, str | tuple[str, ...]], name: str) -> str:
    value = values.get(name, "")
    return value if isinstance(value, str) else ""


def _optional(values: dict[str, str | tuple[str, ...]], name: str) -> str | None:
    value = values.get(name)
    return value if isinstance(value, str) else None


def _aliases(values: dict[str, str | tuple[str, ...]]) -> tuple[str, ...]:
    value = values.get("aliases", ())
    # Sorted, without repeats: RDF keeps aliases as a set, so this is the one order a round
    # trip through RDF can reproduce.
    return tuple(sorted(set(value))) if isinstance(value, tuple) else ()


class _Collector:
    """Builds the ``FactSet`` and catches ids used twice across all files."""

    def __init__(self) -> None:
        self.facts = FactSet()
        self.errors: list[FactError] = []
        self.seen: dict[str, Origin] = {}

    def claim_id(self, record_id: str, origin: Origin) -> bool:
        """Whether ``record_id`` is new; an error naming the first place when it is not."""
        first = self.seen.get(record_id)
        if first is None:
            self.seen[record_id] = origin
            return True
        self.errors.append(
            FactError(
                origin.file,
                origin.line_of("id"),
                "id",
                duplicate_id(record_id, first),
            )
        )
        return False


def duplicate_id(record_id: str, first: Origin) -> str:
    """The message for an id defined a second time, naming the first place."""
    return f"duplicate id '{record_id}': already defined at {first.file}:{first.line_of('id')}"


def display_path(path: Path, data_dir: Path) -> str:
    """A path as errors show it: relative to the data folder's parent (``data/actors.yaml``)."""
    try:
        return path.relative_to(data_dir.parent).as_posix()
    except ValueError:
        return path.as_posix()


def _read_sources(data_dir: Path, out: _Collector) -> list[FactError]:
    path = data_dir / SOURCES_FILE
    reader = FileReader(path, display_path(path, data_dir))
    root = reader.compose()
    if root is not None:
        found = reader.top_level(root, {"sources": "the list of source documents"})
        for node in reader.records(found, "sources"):
            read = reader.record(node, SOURCE_FIELDS)
            if read is None or not out.claim_id(_text(read[0], "id"), read[1]):
                continue
            values, origin = read
            source = SourceDocument(
                id=_text(values, "id"),
                file=_text(values, "file"),
                title=_text(values, "title"),
                publisher=_text(values, "publisher"),
                author=_text(values, "author"),
                published=_text(values, "published"),
                url=_optional(values, "url"),
                date_basis=_optional(values, "date_basis"),
                origin=origin,
            )
            out.facts.sources[source.id] = source
    return reader.errors


def _read_entities(data_dir: Path, spec: EntityFile, out: _Collector) -> list[FactError]:
    path = data_dir / spec.name
    reader = FileReader(path, display_path(path, data_dir))
    root = reader.compose()
    if root is not None:
        found = reader.top_level(root, {spec.key: f"the list of {spec.key}"})
        for node in reader.records(found, spec.key):
            read = reader.record(node, spec.fields)
            if read is None or not out.claim_id(_text(read[0], "id"), read[1]):
                continue
            values, origin = read
            entity = Entity(
                id=_text(values, "id"),
                name=_text(values, "name"),
                class_key=_text(values, "class"),
                aliases=_aliases(values),
                description=_text(values, "description"),
                date=_optional(values, "date"),
                end_date=_optional(values, "end_date"),
                date_basis=_optional(values, "date_basis"),
                valid_from=_optional(values, "valid_from"),
                valid_until=_optional(values, "valid_until"),
                origin=origin,
            )
            out.facts.entities[entity.id] = entity
    return reader.errors


def _read_claims_file(path: Path, data_dir: Path, out: _Collector) -> list[FactError]:
    reader = FileReader(path, display_path(path, data_dir))
    root = reader.compose()
    if root is None:
        return reader.errors
    found = reader.top_level(
        root,
        {"source": "the id of the source these claims cite", "claims": "the list of claims"},
        {"retired": "the claim ids taken out of use, each with its reason"},
    )
    source_id, source_line = "", 1
    if "source" in found:
        source_line, node = found["source"]
        source_id = reader.scalar(node, source_line, "source") or ""
        if not source_id:
            reader.error(source_line, "source", "empty source id")
    for node in reader.records(found, "claims"):
        read = reader.record(node, CLAIM_FIELDS)
        if read is None or not out.claim_id(_text(read[0], "id"), read[1]):
            continue
        values, origin = read
        # The claim's source is the file header: errors about it point at the header line.
        origin = Origin(origin.file, origin.line, {**origin.field_lines, "source": source_line})
        stance = _text(values, "stance")
        claim = Claim(
            id=_text(values, "id"),
            subject=_text(values, "subject"),
            relation=_text(values, "relation"),
            object=_text(values, "object"),
            source=source_id,
            quote=_text(values, "quote"),
            claimant=_text(values, "claimant"),
            stance=stance,  # type: ignore[arg-type]  # checked by ontology.validate
            stated_on=_optional(values, "stated_on"),
            valid_from=_optional(values, "valid_from"),
            valid_until=_optional(values, "valid_until"),
            note=_text(values, "note"),
            hedge=_optional(values, "hedge"),
            voiced_by=_optional(values, "voiced_by"),
            via=_optional(values, "via"),
            statement=_optional(values, "statement"),
            date_basis=_optional(values, "date_basis"),
            origin=origin,
        )
        out.facts.claims[claim.id] = claim
    for node in reader.records(found, "retired"):
        read = reader.record(node, RETIRED_FIELDS)
        if read is None or not out.claim_id(_text(read[0], "id"), read[1]):
            continue
        values, origin = read
        retired = RetiredClaim(
            id=_text(values, "id"),
            source=source_id,
            reason=_text(values, "reason"),
            replaced_by=_optional(values, "replaced_by"),
            origin=origin,
        )
        out.facts.retired[retired.id] = retired
    return reader.errors


def claims_file(data_dir: Path, source_id: str) -> Path:
    """Where the claims of source ``source_id`` live: ``claims/<source-id>.yaml``."""
    return data_dir / CLAIMS_DIR / f"{source_id}.yaml"


def claim_file_errors(facts: FactSet, data_dir: Path) -> list[FactError]:
    """Each source has its claims file, and each claims file cites the source it is named for.

    Without this, deleting a claims file (or giving it another source's header) drops a
    source's claims from the graph and nothing says so: every check passes on the claims left.
    """
    claims_dir = data_dir / CLAIMS_DIR
    if not claims_dir.is_dir():
        return []  # the reader already says the folder is missing
    errors: list[FactError] = []
    for source in facts.sources.values():
        path = claims_file(data_dir, source.id)
        if source.id and not (path.is_file() or path.with_suffix(".yml").is_file()):
            shown = display_path(path, data_dir)
            errors.append(
                FactError(
                    source.origin.file,
                    source.origin.line_of("id"),
                    "id",
                    f"source '{source.id}' has no claims file: expected {shown} (restore it, "
                    f"or create it with `source: {source.id}` and `claims: []`)",
                )
            )
    headers = {c.origin.file: c for c in facts.claims.values() if c.source in facts.sources}
    for file, claim in sorted(headers.items()):
        path = claims_file(data_dir, claim.source)
        if file not in (display_path(p, data_dir) for p in (path, path.with_suffix(".yml"))):
            errors.append(
                FactError(
                    file,
                    claim.origin.line_of("source"),
                    "source",
                    f"claims of source '{claim.source}' belong in {display_path(path, data_dir)}: "
                    "move them there, or fix this header if they cite another source",
                )
            )
    return errors


def read_fact_files(data_dir: Path) -> tuple[FactSet, list[FactError]]:
    """Every record of the fact files in ``data_dir``, and every error in their structure.

    Records with errors are kept where they still have an id (with the bad field left empty),
    so that one typo does not turn every reference to the record into an error as well.
    """
    out = _Collector()
    errors = _read_sources(data_dir, out)
    for spec in ENTITY_FILES:
        errors += _read_entities(data_dir, spec, out)
    claims_dir = data_dir / CLAIMS_DIR
    if claims_dir.is_dir():
        for path in sorted(claims_dir.iterdir()):
            if path.suffix in (".yaml", ".yml") and path.is_file():
                errors += _read_claims_file(path, data_dir, out)
    else:
        shown = display_path(claims_dir, data_dir)
        errors.append(FactError(shown, 0, "<file>", "folder of claim files not found"))
    return out.facts, sorted(errors + out.errors)
