"""Validating curated facts: references, classes, relations, dates, quotes, duplicates, SHACL.

``validate_facts`` checks a ``FactSet`` in Python first, because those checks can say exactly
what is wrong in a curator's words ("unknown actor 'iskp-k'; did you mean 'iskp'?"). Only when
they pass does it run the SHACL shapes over the facts' RDF: the shapes state the same rules
for every consumer of the RDF, and here they guard against the mapping and the Python checks
drifting apart. Running them on facts with known errors would only repeat those errors in
vaguer words.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from pathlib import Path

from ontology.dates import date_problem as date_problem  # re-exported for callers
from ontology.dates import ends_before
from ontology.errors import FactError, InvalidFacts
from ontology.evidence_rules import (
    modality_problems,
    regime_problems,
    retired_problems,
    speaker_problems,
)
from ontology.fact_files import (
    RECORD_FILES,
    claim_file_errors,
    display_path,
    duplicate_id,
    expected_kind,
    read_fact_files,
    unreadable_files,
)
from ontology.facts import DATE_BASES, STANCES, Claim, Entity, FactSet, Origin, SourceDocument
from ontology.quotes import mismatch, normalise, source_text
from ontology.shacl import shacl_errors
from ontology.vocabulary import KINDS, Vocabulary, vocabulary

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
ANY_ENTITY = "Entity"  # what a claim's subject or object must be when its relation is unknown


def id_prefix(record_id: str) -> str:
    """An id up to its first '-': claim ``s000-c001`` and source ``s000-jamestown`` share it."""
    return record_id.split("-", 1)[0]


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


class _Checker:
    """One pass over a ``FactSet``, collecting every error found."""

    def __init__(
        self, facts: FactSet, sources_dir: Path, vocab: Vocabulary, *, references: bool = True
    ) -> None:
        self.facts = facts
        self.references = references  # False: a file of records is unreadable, refs would fail
        self.sources_dir = sources_dir
        self.vocab = vocab
        self.errors: list[FactError] = []
        self.texts: dict[str, str] = {}  # source id -> normalised text, for sources found
        self.by_alias: dict[str, set[str]] = {}  # slug of a name or alias -> entity ids
        self.by_prefix: dict[str, set[str]] = {}  # id prefix ("s000") -> source ids
        for source_id in facts.sources:
            self.by_prefix.setdefault(id_prefix(source_id), set()).add(source_id)
        for entity in facts.entities.values():
            for name in (entity.name, entity.id, *entity.aliases):
                self.by_alias.setdefault(_slug(name), set()).add(entity.id)

    def error(self, origin: Origin, field: str, message: str) -> None:
        self.errors.append(FactError(origin.file, origin.line_of(field), field, message))

    # ------------------------------------------------------------------ shared checks

    def check_id(self, record_id: str, origin: Origin) -> None:
        if not SLUG.match(record_id):
            self.error(origin, "id", f"'{record_id}' is not a slug: use a-z, 0-9 and '-'")

    def check_date(self, value: str | None, origin: Origin, field: str) -> None:
        if value is not None:
            problem = date_problem(value)
            if problem:
                self.error(origin, field, problem)

    def check_text(self, value: str, origin: Origin, field: str) -> bool:
        if value.strip():
            return True
        self.error(origin, field, f"'{field}' is empty")
        return False

    def suggestions(self, unknown: str, candidates: list[str]) -> str:
        """Close ids (by spelling, and by the names and aliases of entities)."""
        named = sorted(i for i in self.by_alias.get(_slug(unknown), set()) if i in candidates)
        close = difflib.get_close_matches(unknown, candidates, n=3, cutoff=0.6)
        found = list(dict.fromkeys(named + close))[:4]
        return "; did you mean " + " or ".join(f"'{c}'" for c in found) + "?" if found else ""

    def noun(self, label: str) -> str:
        """A graph label in curators' words: "Actor" -> "actor", "Person" -> "person"."""
        if label == ANY_ENTITY:
            return "actor, event or place"
        if label in KINDS:
            return label.lower()
        for cls in self.vocab.classes.values():
            if cls.graph_label == label:
                return cls.label
        return label

    def fits(self, entity: Entity, required: str) -> bool:
        return required == ANY_ENTITY or self.vocab.accepts(entity.class_key, required)

    def what_is(self, entity: Entity) -> str:
        cls = self.vocab.classes.get(entity.class_key)
        return f"{_a(cls.label)} ({cls.kind.lower()})" if cls else "of an unknown class"

    def entity(self, ref: str, origin: Origin, field: str, required: str) -> Entity | None:
        """The entity ``ref`` names, with an error when it is unknown or of the wrong class."""
        if not self.check_text(ref, origin, field):
            return None
        entity = self.facts.entities.get(ref)
        noun = self.noun(required)
        if entity is None:
            if not self.references:
                return None
            fitting = [e.id for e in self.facts.entities.values() if self.fits(e, required)]
            hint = self.suggestions(ref, fitting or list(self.facts.entities))
            self.error(origin, field, f"unknown {noun} '{ref}'{hint}")
            return None
        if entity.class_key in self.vocab.classes and not self.fits(entity, required):
            self.error(origin, field, f"'{ref}' is {self.what_is(entity)}, not {_a(noun)}")
        return entity

    # ------------------------------------------------------------------ records

    def check_sources(self) -> None:
        for source in self.facts.sources.values():
            origin = source.origin
            self.check_id(source.id, origin)
            for field in ("title", "publisher"):
                self.check_text(getattr(source, field), origin, field)
            self.entity(source.author, origin, "author", "Actor")
            if self.check_text(source.published, origin, "published"):
                self.check_date(source.published, origin, "published")
            if not self.check_text(source.file, origin, "file"):
                continue
            path = self.sources_dir / source.file
            if not path.is_file():
                self.error(
                    origin, "file", f"source file '{source.file}' not found in {self.sources_dir}"
                )
                continue
            self.texts[source.id] = source_text(path)

    def check_entities(self) -> None:
        for entity in self.facts.entities.values():
            origin = entity.origin
            self.check_id(entity.id, origin)
            self.check_text(entity.name, origin, "name")
            self.check_class(entity)
            self.check_date(entity.date, origin, "date")
            self.check_date(entity.end_date, origin, "end_date")
            if entity.date and entity.end_date and ends_before(entity.end_date, entity.date):
                self.error(
                    origin, "end_date", f"ends ({entity.end_date}) before it starts ({entity.date})"
                )
            for field in ("valid_from", "valid_until"):
                self.check_date(getattr(entity, field), origin, field)
            if entity.date_basis is not None and entity.date_basis not in DATE_BASES:
                self.error(origin, "date_basis", f"'{entity.date_basis}' is not 'external'")
        self.check_alias_collisions()

    def check_class(self, entity: Entity) -> None:
        if not self.check_text(entity.class_key, entity.origin, "class"):
            return
        kind = expected_kind(entity.origin)
        allowed = self.vocab.classes_of(kind) if kind else self.vocab.classes
        cls = self.vocab.classes.get(entity.class_key)
        where = f"{kind.lower()} classes" if kind else "classes"
        if cls is None or cls.key not in allowed:
            close = difflib.get_close_matches(entity.class_key, list(allowed), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            wrong = (
                f"unknown class '{entity.class_key}'"
                if cls is None
                else (f"'{entity.class_key}' is a {cls.kind.lower()} class")
            )
            self.error(entity.origin, "class", f"{wrong}; {hint}{where}: {', '.join(allowed)}")

    def check_alias_collisions(self) -> None:
        """One name or alias may not name two actors: look-ups by name would be ambiguous."""
        first: dict[str, tuple[str, str, Origin]] = {}  # normalised name -> (id, field, origin)
        for entity in self.facts.iter_entities(set(self.vocab.classes_of("Actor"))):
            names = [("name", entity.name)] + [("aliases", a) for a in entity.aliases]
            for field, name in names:
                key = normalise(name).casefold()
                if not key:
                    continue
                seen = first.setdefault(key, (entity.id, field, entity.origin))
                if seen[0] != entity.id:
                    where = f"{seen[2].file}:{seen[2].line_of(seen[1])}"
                    self.error(
                        entity.origin,
                        field,
                        f"'{name}' also names actor '{seen[0]}' ({where}); "
                        "a name or alias may name only one actor",
                    )

    def check_claims(self) -> None:
        seen: dict[tuple[str, ...], Claim] = {}
        for claim in self.facts.claims.values():
            self.check_claim(claim)
            key = (
                claim.subject,
                claim.relation,
                claim.object,
                claim.source,
                claim.claimant,
                claim.stance,
                normalise(claim.quote),
            )
            first = seen.setdefault(key, claim)
            if first is not claim:
                self.error(
                    claim.origin,
                    "id",
                    f"claim '{claim.id}' repeats claim '{first.id}' ({first.origin.file}:"
                    f"{first.origin.line}): same subject, relation, object, source, claimant, "
                    "stance and quote",
                )

    def check_claim(self, claim: Claim) -> None:
        origin = claim.origin
        self.check_id(claim.id, origin)
        self.check_claim_prefix(claim)
        relation = self.vocab.relations.get(claim.relation)
        if relation is None and self.check_text(claim.relation, origin, "relation"):
            close = difflib.get_close_matches(claim.relation, list(self.vocab.relations), n=2)
            hint = "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else ""
            self.error(origin, "relation", f"unknown relation '{claim.relation}'{hint}")
        subject = self.entity(
            claim.subject, origin, "subject", relation.domain if relation else ANY_ENTITY
        )
        obj = self.entity(
            claim.object, origin, "object", relation.range if relation else ANY_ENTITY
        )
        if subject is not None and subject is obj:
            self.error(origin, "object", f"subject and object are the same entity '{claim.object}'")
        self.entity(claim.claimant, origin, "claimant", "Actor")
        if claim.stance not in STANCES:
            allowed = ", ".join(f"'{s}'" for s in STANCES)
            self.error(origin, "stance", f"stance must be one of {allowed}, not '{claim.stance}'")
        problems = [
            *modality_problems(claim),
            *speaker_problems(claim, self.facts, self.vocab),
            *regime_problems(claim, self.facts),
        ]
        for field, message in problems:
            self.error(origin, field, message)
        for field in ("stated_on", "valid_from", "valid_until"):
            self.check_date(getattr(claim, field), origin, field)
        if (
            claim.valid_from
            and claim.valid_until
            and ends_before(claim.valid_until, claim.valid_from)
        ):
            self.error(
                origin,
                "valid_until",
                f"ends ({claim.valid_until}) before it starts ({claim.valid_from})",
            )
        self.check_clocks(claim, (subject, obj))
        self.check_quote(claim)

    def check_clocks(self, claim: Claim, ends: tuple[Entity | None, Entity | None]) -> None:
        """Combinations of dates that cannot all be true (README, "Time").

        A claim is not stated after the document that reports it was published; a claim
        about an event gives a period that contains the event.
        """
        dates = (claim.stated_on, claim.valid_from, claim.valid_until)
        if any(date_problem(d) for d in dates if d):
            return  # reported by check_date
        source = self.facts.sources.get(claim.source)
        if (
            source is not None
            and claim.stated_on
            and not date_problem(source.published)
            and ends_before(source.published, claim.stated_on)
        ):
            self.error(
                claim.origin,
                "stated_on",
                f"stated on {claim.stated_on}, after its source '{source.id}' was published "
                f"({source.published}): a document cannot report what was not yet said",
            )
        for end in ends:
            if end is None or not end.date or date_problem(end.date):
                continue
            last = end.end_date if end.end_date and not date_problem(end.end_date) else end.date
            if claim.valid_until and ends_before(claim.valid_until, end.date):
                self.error(
                    claim.origin,
                    "valid_until",
                    f"the period ends ({claim.valid_until}) before the event '{end.id}' "
                    f"happened ({end.date})",
                )
            if claim.valid_from and ends_before(last, claim.valid_from):
                self.error(
                    claim.origin,
                    "valid_from",
                    f"the period starts ({claim.valid_from}) after the event '{end.id}' "
                    f"was over ({last})",
                )

    def check_claim_prefix(self, claim: Claim) -> None:
        """A claim id whose prefix names a source names the source the claim cites.

        Ids are ``sNNN-cNNN``: a claim numbered under another source was copied or moved
        without its source, and its quote would be checked against the wrong text.
        """
        if "-" not in claim.id or claim.source not in self.facts.sources:
            return
        named = self.by_prefix.get(id_prefix(claim.id), set())
        if named and claim.source not in named:
            other = " or ".join(f"'{s}'" for s in sorted(named))
            self.error(
                claim.origin,
                "id",
                f"the prefix of '{claim.id}' names source {other}, but the claim cites "
                f"'{claim.source}': number it '{id_prefix(claim.source)}-cNNN', or move it to "
                "the claims of the source it names",
            )

    def check_quote(self, claim: Claim) -> None:
        origin = claim.origin
        if not self.check_text(claim.source, origin, "source"):
            pass
        elif claim.source not in self.facts.sources and self.references:
            hint = self.suggestions(claim.source, list(self.facts.sources))
            self.error(origin, "source", f"unknown source '{claim.source}'{hint}")
        if not self.check_text(claim.quote, origin, "quote"):
            return
        text = self.texts.get(claim.source)
        if text is None:
            return  # the source or its file is missing: reported above, nothing to compare
        problem = mismatch(normalise(claim.quote), text)
        if problem:
            file = self.facts.sources[claim.source].file
            self.error(
                origin,
                "quote",
                f"quote not found verbatim in source '{claim.source}' ({file}): {problem}",
            )

    def check_shared_ids(self) -> None:
        """Ids are unique across sources, entities and claims (in files, the reader checks)."""
        groups: tuple[Mapping[str, SourceDocument | Entity | Claim], ...] = (
            self.facts.sources,
            self.facts.entities,
            self.facts.claims,
        )
        for i, group in enumerate(groups):
            for later in groups[i + 1 :]:
                for record_id in group.keys() & later.keys():
                    first, again = group[record_id].origin, later[record_id].origin
                    self.error(
                        again,
                        "id",
                        duplicate_id(record_id, first),
                    )

    def check_retired(self) -> None:
        for retired_id, (field, message) in retired_problems(self.facts):
            self.error(self.facts.retired[retired_id].origin, field, message)

    def run(self) -> list[FactError]:
        self.check_shared_ids()
        self.check_sources()
        self.check_entities()
        self.check_claims()
        self.check_retired()
        return sorted(set(self.errors))


def validate_facts(
    facts: FactSet, sources_dir: Path, *, shacl: bool = True, references: bool = True
) -> list[FactError]:
    """Every error in ``facts``; quotes are looked up in the documents in ``sources_dir``.

    The SHACL shapes run (when ``shacl``) only when the Python checks find nothing. With
    ``references=False`` unknown ids are not reported (the records they name may sit in a file
    that could not be read).
    """
    errors = _Checker(facts, sources_dir, vocabulary(), references=references).run()
    if shacl and not errors:
        errors = shacl_errors(facts)
    return errors


def check_fact_folder(data_dir: Path, sources_dir: Path) -> tuple[FactSet, list[FactError]]:
    """The facts in ``data_dir`` and every error in them, from reading and from validating."""
    facts, read_errors = read_fact_files(data_dir)
    # When a file of sources, actors, places or events cannot be read, every reference to its
    # records would be reported as unknown: one YAML typo, hundreds of errors. Leave them out.
    unreadable = unreadable_files(read_errors)
    record_files = {display_path(data_dir / n, data_dir) for n in RECORD_FILES}
    references = not (unreadable & record_files)
    errors = validate_facts(facts, sources_dir, shacl=not read_errors, references=references)
    errors += claim_file_errors(facts, data_dir)
    # A field the reader already reported (say, missing) is not reported again as empty.
    reported = {(e.file, e.line, e.field) for e in read_errors}
    errors = [e for e in errors if (e.file, e.line, e.field) not in reported]
    return facts, sorted(set(read_errors + errors))


def load_and_validate(data_dir: Path, sources_dir: Path) -> FactSet:
    """The validated facts of ``data_dir``; raises ``InvalidFacts`` with every error found."""
    facts, errors = check_fact_folder(data_dir, sources_dir)
    if errors:
        raise InvalidFacts(errors)
    return facts
