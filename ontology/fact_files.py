"""Reading the curated fact files (``data/``) into a ``FactSet``, keeping where values came from.

The files are YAML written by hand, so every error must point at a file, a line and a field.
PyYAML's node tree (``yaml.compose``) keeps a mark for every key and value; this module walks
that tree itself instead of letting PyYAML build Python objects, which also keeps each scalar's
text exactly as written (``published: 2022-05-09`` stays the string ``"2022-05-09"``, not a
``datetime.date``).

This module checks the *shape* of the files (top-level keys, record mappings, required fields,
types, unknown fields, ids used twice); what the values mean (references, classes, dates,
quotes) is checked by ``ontology.validate``.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from ontology.errors import FactError
from ontology.facts import Claim, Entity, FactSet, Origin, SourceDocument
from ontology.vocabulary import Kind

FieldKind = Literal["required", "optional", "list"]

SOURCE_FIELDS: dict[str, FieldKind] = {
    "id": "required",
    "file": "required",
    "title": "required",
    "publisher": "required",
    "author": "required",
    "published": "required",
    "url": "optional",
}
_ENTITY_FIELDS: dict[str, FieldKind] = {
    "id": "required",
    "name": "required",
    "class": "required",
    "aliases": "list",
    "description": "optional",
}
EVENT_FIELDS: dict[str, FieldKind] = {**_ENTITY_FIELDS, "date": "required", "end_date": "optional"}
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
}


@dataclass(frozen=True)
class EntityFile:
    """One of the files of entities: its top-level key, the kind it holds, its fields."""

    name: str  # file name inside the data folder
    key: str  # top-level key, e.g. "actors"
    kind: Kind
    fields: dict[str, FieldKind]


ENTITY_FILES: tuple[EntityFile, ...] = (
    EntityFile("actors.yaml", "actors", "Actor", _ENTITY_FIELDS),
    EntityFile("places.yaml", "places", "Place", _ENTITY_FIELDS),
    EntityFile("events.yaml", "events", "Event", EVENT_FIELDS),
)
SOURCES_FILE = "sources.yaml"
RECORD_FILES = (SOURCES_FILE, *(f.name for f in ENTITY_FILES))
"""The files of records that claims refer to."""
CLAIMS_DIR = "claims"

_NULL_TAG = "tag:yaml.org,2002:null"
MISSING_KEY = "missing top-level key"


def expected_kind(origin: Origin) -> Kind | None:
    """The kind of entity a record's file holds (``actors.yaml`` holds actors), if known."""
    name = origin.file.replace("\\", "/").rsplit("/", 1)[-1]
    for entity_file in ENTITY_FILES:
        if entity_file.name == name:
            return entity_file.kind
    return None


def _yaml_problem(exc: yaml.MarkedYAMLError) -> tuple[int, str, str]:
    """Line, field and message of a YAML syntax error: where the parser gave up, and what it
    was reading and from where (an unclosed quote is found only at the end of the file)."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    column = f" at column {mark.column + 1}" if mark else ""
    context = ""
    if exc.context:
        start = exc.context_mark
        since = f" that starts on line {start.line + 1}" if start and start.line + 1 != line else ""
        context = f" ({exc.context}{since})"
    return line, "<yaml>", f"malformed YAML: {exc.problem}{column}{context}"


def unreadable_files(errors: list[FactError]) -> set[str]:
    """The files that errors show could not be read at all, or lack their top-level key."""
    return {
        e.file
        for e in errors
        if e.field in ("<yaml>", "<file>") or e.message.startswith(MISSING_KEY)
    }


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


class _FileReader:
    """Reads one YAML file's node tree, collecting errors against that file."""

    def __init__(self, path: Path, shown: str) -> None:
        self.path = path
        self.shown = shown  # the path as errors show it, e.g. "data/actors.yaml"
        self.errors: list[FactError] = []

    def error(self, line: int, field: str, message: str) -> None:
        self.errors.append(FactError(self.shown, line, field, message))

    def compose(self) -> yaml.MappingNode | None:
        """The file's top-level mapping, or ``None`` (with an error) when there is none."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.error(0, "<file>", "file not found")
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.error(0, "<file>", f"cannot read the file: {exc}")
            return None
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            self.error(*_yaml_problem(exc))
            return None
        except yaml.YAMLError as exc:
            self.error(0, "<yaml>", f"malformed YAML: {exc}")
            return None
        if root is None:
            self.error(1, "<file>", "the file is empty")
            return None
        if not isinstance(root, yaml.MappingNode):
            self.error(_line(root), "<file>", "expected a mapping of top-level keys")
            return None
        return root

    def top_level(
        self, root: yaml.MappingNode, allowed: dict[str, str]
    ) -> dict[str, tuple[int, yaml.Node]]:
        """The top-level keys (``allowed`` maps each to what it should hold), by name."""
        found: dict[str, tuple[int, yaml.Node]] = {}
        for key_node, value_node in root.value:
            key = str(key_node.value)
            if key not in allowed:
                self.error(_line(key_node), key, f"unknown top-level key{_suggest(key, allowed)}")
            elif key in found:
                self.error(_line(key_node), key, f"key given twice (also on line {found[key][0]})")
            else:
                found[key] = (_line(key_node), value_node)
        for key, what in allowed.items():
            if key not in found:
                self.error(1, key, f"{MISSING_KEY} '{key}' ({what})")
        return found

    def records(self, found: dict[str, tuple[int, yaml.Node]], key: str) -> list[yaml.MappingNode]:
        """The mappings of the list under top-level ``key``."""
        if key not in found:
            return []
        line, node = found[key]
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
            return []  # "claims:" with nothing under it: an empty list
        if not isinstance(node, yaml.SequenceNode):
            self.error(line, key, f"expected a list of records under '{key}'")
            return []
        mappings: list[yaml.MappingNode] = []
        for item in node.value:
            if isinstance(item, yaml.MappingNode):
                mappings.append(item)
            else:
                self.error(_line(item), key, "expected a record (a mapping of fields), not a value")
        return mappings

    def scalar(self, node: yaml.Node, line: int, field: str) -> str | None:
        """The text of a scalar value (``None`` for null), with an error for anything else."""
        if isinstance(node, yaml.ScalarNode):
            return None if node.tag == _NULL_TAG else str(node.value)
        self.error(line, field, "expected a single value, not a list or mapping")
        return None

    def record(
        self, node: yaml.MappingNode, fields: dict[str, FieldKind]
    ) -> tuple[dict[str, str | tuple[str, ...]], Origin] | None:
        """A record's field values and origin; ``None`` (with an error) when it has no id."""
        values: dict[str, str | tuple[str, ...]] = {}
        lines: dict[str, int] = {}
        wrong_type: set[str] = set()
        for key_node, value_node in node.value:
            name = str(key_node.value)
            line = _line(key_node)
            if name not in fields:
                self.error(line, name, f"unknown field{_suggest(name, fields)}")
                continue
            if name in lines:
                self.error(line, name, f"field given twice (also on line {lines[name]})")
                continue
            lines[name] = line
            if fields[name] == "list":
                values[name] = self.string_list(value_node, line, name)
                continue
            text = self.scalar(value_node, line, name)
            if text is not None:
                values[name] = text
            elif not isinstance(value_node, yaml.ScalarNode):
                values[name] = ""  # reported as the wrong type: not again as missing
                wrong_type.add(name)
        origin = Origin(self.shown, _line(node), lines)
        for name, kind in fields.items():
            if kind != "required" or values.get(name):
                continue
            if name not in lines:
                self.error(origin.line, name, f"missing required field '{name}'")
            elif name not in values or (name == "id" and name not in wrong_type):
                # (other fields given as empty text: ontology.validate says they are empty)
                self.error(lines[name], name, f"required field '{name}' has no value")
        if not values.get("id"):
            return None  # without an id the record cannot be stored or referred to
        return values, origin

    def string_list(self, node: yaml.Node, line: int, field: str) -> tuple[str, ...]:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.error(line, field, "expected a list of names, e.g. [ISKP, IS-K]")
            return ()
        items: list[str] = []
        for item in node.value:
            text = self.scalar(item, _line(item), field)
            if text is not None:
                items.append(text)
        return tuple(items)


def _suggest(name: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    allowed = ", ".join(known)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f" '{name}'{hint} (allowed: {allowed})"


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
    reader = _FileReader(path, display_path(path, data_dir))
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
                origin=origin,
            )
            out.facts.sources[source.id] = source
    return reader.errors


def _read_entities(data_dir: Path, spec: EntityFile, out: _Collector) -> list[FactError]:
    path = data_dir / spec.name
    reader = _FileReader(path, display_path(path, data_dir))
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
                origin=origin,
            )
            out.facts.entities[entity.id] = entity
    return reader.errors


def _read_claims_file(path: Path, data_dir: Path, out: _Collector) -> list[FactError]:
    reader = _FileReader(path, display_path(path, data_dir))
    root = reader.compose()
    if root is None:
        return reader.errors
    found = reader.top_level(
        root, {"source": "the id of the source these claims cite", "claims": "the list of claims"}
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
            origin=origin,
        )
        out.facts.claims[claim.id] = claim
    return reader.errors


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
