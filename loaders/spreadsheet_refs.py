"""What a spreadsheet's cells name: entities, relations and sources, in a curator's words.

A curator types "Tajik Taliban", "hostile to" and the source's file name where the fact files
want ``ttt``, ``hostile_to`` and ``s004-caci-tajik-taliban``. Each look-up here either finds
exactly one thing or says why not (unknown, with close matches; or ambiguous, with the
candidates), so that a name is never guessed.

Names and aliases match case-insensitively with whitespace collapsed, like the API's name
search (``graph.model._search_names``). One name may name both an actor and a place
("Tajikistan": the state and the country); when the relation says which kind it takes, only
entities of that kind are candidates, so "Tajikistan hostile to ..." names the state.
"""

from __future__ import annotations

import difflib

from loaders.spreadsheet_rows import REQUIRED_COLUMNS, SheetRow
from ontology.facts import Claim, Entity, FactSet
from ontology.vocabulary import RelationType, Vocabulary

ANY = "Entity"  # an end whose relation is not known: any entity may stand there


def name_key(text: str) -> str:
    """A name as look-ups compare it: case-folded, whitespace collapsed."""
    return " ".join(text.split()).casefold()


Found = tuple[str | None, str]
"""What a cell names, and why it names nothing when that is ``None``."""


class References:
    """Look-ups of entities, relations and sources in one fact set."""

    def __init__(self, facts: FactSet, vocab: Vocabulary) -> None:
        self.facts = facts
        self.vocab = vocab
        self.by_name: dict[str, set[str]] = {}
        for entity in facts.entities.values():
            for text in (entity.id, entity.name, *entity.aliases):
                if name_key(text):
                    self.by_name.setdefault(name_key(text), set()).add(entity.id)
        self.relations: dict[str, RelationType] = {}
        for rel in vocab.relations.values():
            for text in (rel.key, rel.graph_type, rel.label):
                self.relations.setdefault(name_key(text), rel)
        self.sources: dict[str, str] = {}
        for source in facts.sources.values():
            for text in (source.id, source.file):
                if text:
                    self.sources.setdefault(name_key(text), source.id)

    def fits(self, entity: Entity, required: str) -> bool:
        """Whether ``entity`` may stand where the graph label ``required`` is expected."""
        return required == ANY or self.vocab.accepts(entity.class_key, required)

    def noun(self, required: str) -> str:
        """A graph label in curators' words: "Actor" -> "actor", "Person" -> "person"."""
        if required in (ANY, "Actor", "Event", "Place"):
            return required.lower()
        labels = {c.graph_label: c.label for c in self.vocab.classes.values()}
        return labels.get(required, required)

    def describe(self, entity_id: str) -> str:
        """``'ttt' (Tehrik-e-Taliban Tajikistan, armed group)``: an id a curator can check."""
        entity = self.facts.entities[entity_id]
        cls = self.vocab.classes.get(entity.class_key)
        return f"'{entity.id}' ({entity.name}, {cls.label if cls else entity.class_key})"

    def entity(self, text: str, required: str) -> Found:
        """The entity id ``text`` names where an entity of graph label ``required`` goes.

        An exact id is taken as it is (the validator then says if its class is wrong): ids are
        what exports write, and an export must import back unchanged.
        """
        if text in self.facts.entities:
            return text, ""
        named = sorted(self.by_name.get(name_key(text), ()))
        fitting = [i for i in named if self.fits(self.facts.entities[i], required)]
        candidates = fitting or named
        if len(candidates) == 1:
            return candidates[0], ""
        if candidates:
            listed = ", ".join(self.describe(i) for i in candidates)
            return None, f"'{text}' names {len(candidates)} entities: {listed}; write the id"
        return None, f"unknown {self.noun(required)} '{text}'{self._close(text, required)}"

    def _close(self, text: str, required: str) -> str:
        keys = [
            key
            for key, ids in self.by_name.items()
            if any(self.fits(self.facts.entities[i], required) for i in ids)
        ]
        close = difflib.get_close_matches(name_key(text), keys, n=4, cutoff=0.6)
        found = list(dict.fromkeys(i for key in close for i in sorted(self.by_name[key])))
        found = [i for i in found if self.fits(self.facts.entities[i], required)][:4]
        return (
            "; did you mean " + " or ".join(self.describe(i) for i in found) + "?" if found else ""
        )

    def relation(self, text: str) -> tuple[RelationType | None, str]:
        """The relation ``text`` names: its fact key, graph type or label (``hostile to``)."""
        rel = self.relations.get(name_key(text))
        if rel is not None:
            return rel, ""
        close = difflib.get_close_matches(name_key(text), list(self.relations), n=6, cutoff=0.6)
        keys = list(dict.fromkeys(self.relations[c].key for c in close))[:3]
        hint = "; did you mean " + " or ".join(f"'{k}'" for k in keys) + "?" if keys else ""
        return (
            None,
            f"unknown relation '{text}'{hint} (relations: {', '.join(self.vocab.relations)})",
        )

    def source(self, text: str) -> Found:
        """The source id ``text`` names: the source's id or the file name of its document."""
        found = self.sources.get(name_key(text))
        if found is not None:
            return found, ""
        close = difflib.get_close_matches(text, list(self.facts.sources), n=3, cutoff=0.5)
        hint = "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else ""
        return None, f"unknown source '{text}'{hint}"

    def claim(self, row: SheetRow) -> tuple[Claim | None, list[tuple[str, str]]]:
        """The claim ``row`` states (its id blank when the row gives none), or ``None`` and
        every (column, problem) that keeps it from stating one.

        The relation is read first: the kinds it takes narrow what the names of its subject
        and object may name.
        """
        problems = [(c, "blank: every claim needs one") for c in REQUIRED_COLUMNS if not row.get(c)]
        relation = None
        if text := row.get("relation"):
            relation, problem = self.relation(text)
            if relation is None:
                problems.append(("relation", problem))
        wanted = {
            "subject": relation.domain if relation else ANY,
            "object": relation.range if relation else ANY,
            "claimant": "Actor",
            "voiced_by": "Person",
            "via": "MediaOutlet",
        }
        ids: dict[str, str] = {}
        for column, required in wanted.items():
            if text := row.get(column):
                found, problem = self.entity(text, required)
                if found is None:
                    problems.append((column, problem))
                else:
                    ids[column] = found
        if text := row.get("source"):
            found, problem = self.source(text)
            if found is None:
                problems.append(("source", problem))
            else:
                ids["source"] = found
        if problems or relation is None:
            return None, problems
        claim = Claim(
            id=row.get("id") or "",
            subject=ids["subject"],
            relation=relation.key,
            object=ids["object"],
            source=ids["source"],
            quote=row.get("quote") or "",
            claimant=ids["claimant"],
            stance=(row.get("stance") or "").lower(),  # type: ignore[arg-type]  # validated later
            stated_on=row.get("stated_on"),
            valid_from=row.get("valid_from"),
            valid_until=row.get("valid_until"),
            note=row.get("note") or "",
            hedge=(row.get("hedge") or "").lower() or None,
            voiced_by=ids.get("voiced_by"),
            via=ids.get("via"),
            statement=row.get("statement"),
            date_basis=row.get("date_basis"),
        )
        return claim, []
