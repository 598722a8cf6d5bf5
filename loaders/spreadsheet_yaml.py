"""Claims as YAML text, appended to a claims file without touching a byte of what is there.

The claims files are written by hand, with comments, blank lines and section headings that a
YAML round trip (load, append, dump) would throw away. So new claims are rendered as text in
the files' own style (``  - id: s004-c125``, two-space indent, dates and quotes in double
quotes) and inserted at the end of the file's ``claims:`` list, found through the positions
PyYAML's composer keeps on every node.
"""

from __future__ import annotations

import re
import sys

import yaml

from ontology.fact_files import CLAIM_FIELDS
from ontology.facts import Claim

_QUOTED = frozenset({"quote", "note", "stated_on", "valid_from", "valid_until"})
"""Fields the files always quote: free text, and dates (unquoted, YAML would read a date)."""
_PLAIN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")  # ids and relation keys


class CannotAppend(ValueError):
    """The claims file's ``claims:`` is not a list new records can be appended to as text."""


def claim_lines(claim: Claim) -> list[str]:
    """The record of ``claim`` as lines, without indent: ``- id: ...``, ``  subject: ...``.

    One line per field, so that an error on line N of the file names one field.
    """
    lines: list[str] = []
    for name in CLAIM_FIELDS:
        value = getattr(claim, name)
        if not value:
            continue  # blank optional fields are left out, as curators write them
        lead = "- " if not lines else "  "
        lines.append(f"{lead}{name}: {_scalar(name, value)}")
    return lines


def _scalar(name: str, value: str) -> str:
    """``value`` as a YAML scalar: plain for ids and keys, double-quoted where the files quote.

    A plain scalar is used only when YAML reads it back as the same string: an id such as
    ``null``, ``yes`` or ``2022`` would otherwise come back as null, true or a number.
    """
    if name not in _QUOTED and _PLAIN.match(value) and yaml.safe_load(value) == value:
        return value
    dumped = yaml.dump(value, default_style='"', allow_unicode=True, width=sys.maxsize)
    return str(dumped).rstrip("\n")


def append_records(text: str, records: list[list[str]]) -> tuple[str, str, int]:
    """``text`` with ``records`` appended to its ``claims:`` list, the text appended, and the
    number of its first line.

    The list's own indent is kept (``  - id`` in the curated files). An empty list
    (``claims: []`` or ``claims:``) becomes a block list; a non-empty flow list
    (``claims: [{...}]``) is refused rather than rewritten.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise CannotAppend(f"malformed YAML: {exc}") from exc
    if not isinstance(root, yaml.MappingNode):
        raise CannotAppend("expected a mapping with the key 'claims'")
    keys = [str(k.value) for k, _ in root.value]
    if "claims" not in keys:
        raise CannotAppend("no top-level key 'claims'")
    position = keys.index("claims")
    key, value = root.value[position]
    last_key = position == len(keys) - 1
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        first = value.value[0].start_mark
        indent = first.column - 2
        if indent < 0 or text[first.index - 2] != "-":
            raise CannotAppend("the claims list is not written as '  - id: ...' records")
        end = len(text) if last_key else _line_end(text, _last_scalar_end(value))
    elif _empty(value):
        indent = key.start_mark.column + 2
        start, stop = value.start_mark.index, value.end_mark.index
        text = text[:start].rstrip(" \t") + text[stop:]  # "claims: []" -> "claims:"
        end = len(text) if last_key else _line_end(text, key.end_mark.index)
    else:
        raise CannotAppend(
            "the claims list is written inline ('claims: [...]'): write it as a block list"
        )
    head, tail = text[:end], text[end:]
    if head and not head.endswith("\n"):
        head += newline
    block = "".join(f"{' ' * indent}{line}{newline}" for record in records for line in record)
    return head + block + tail, block, head.count("\n") + 1


def _empty(node: yaml.Node) -> bool:
    if isinstance(node, yaml.SequenceNode):
        return not node.value
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _last_scalar_end(node: yaml.Node) -> int:
    """Where the last scalar under ``node`` ends (a block's own end mark lies past comments)."""
    while isinstance(node, yaml.SequenceNode | yaml.MappingNode) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return int(node.end_mark.index)


def _line_end(text: str, index: int) -> int:
    """The index just past the end of the line holding ``index``."""
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1
