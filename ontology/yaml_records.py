"""Records from a YAML file's node tree, with the line of every record and field.

PyYAML's ``yaml.compose`` keeps a mark (line, column) on every node; walking the node tree
ourselves, instead of letting PyYAML build Python objects, keeps those lines for error
messages and keeps each scalar's text exactly as written (``published: 2022-05-09`` stays the
string ``"2022-05-09"``, not a ``datetime.date``). ``ontology.fact_files`` says which records
and fields the fact files have; this module knows only YAML.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import yaml

from ontology.errors import FactError
from ontology.facts import Origin

FieldKind = Literal["required", "optional", "list"]
"""A field is a required text, an optional text, or a list of texts."""

MISSING_KEY = "missing top-level key"
_NULL_TAG = "tag:yaml.org,2002:null"


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


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


class FileReader:
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
        self,
        root: yaml.MappingNode,
        allowed: dict[str, str],
        optional: dict[str, str] | None = None,
    ) -> dict[str, tuple[int, yaml.Node]]:
        """The top-level keys (``allowed`` maps each required key to what it should hold, and
        ``optional`` each key that may be left out), by name."""
        found: dict[str, tuple[int, yaml.Node]] = {}
        known = {**allowed, **(optional or {})}
        for key_node, value_node in root.value:
            key = str(key_node.value)
            if key not in known:
                self.error(_line(key_node), key, f"unknown top-level key{_suggest(key, known)}")
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
