"""The rules of evidence a claim must keep: modality, who spoke and who relayed, regimes, ids.

``ontology.validate`` runs these over every claim and actor; each rule returns the problems it
finds as ``(field, message)`` pairs, so the validator can point at the file and line. The rules
themselves are written once, in the ontology's definitions (``ag:hedge``, ``ag:voicedBy``,
``ag:via``, ``ag:statement``, ``ag:questions``, the regime period of ``ag:validFrom``); here
they are enforced.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ontology.dates import date_problem, period_end, period_start
from ontology.facts import DATE_BASES, HEDGES, Claim, Entity, FactSet
from ontology.quotes import normalise
from ontology.vocabulary import Vocabulary

Problem = tuple[str, str]  # (field, message)

HEDGE_WORDS: tuple[str, ...] = (
    "reportedly",
    "allegedly",
    "is said to",
    "are said to",
    "was said to",
    "were said to",
    "likely",
    "possibly",
    "possibility",
    "claiming to",
)
"""Words that, in a quote, say the text reports the claim rather than makes it. A quote with
one of them needs a ``hedge``; when the word qualifies something else, quote less."""

_HEDGE_PATTERN = re.compile(r"\b(" + "|".join(re.escape(w) for w in HEDGE_WORDS) + r")\b")
STATEMENT_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def hedge_word(quote: str) -> str | None:
    """The first hedge word in ``quote``, if any (case and spacing ignored)."""
    found = _HEDGE_PATTERN.search(normalise(quote).lower())
    return found.group(1) if found else None


def _one_of(value: str | None, allowed: tuple[str, ...], field: str) -> Iterator[Problem]:
    if value is not None and value not in allowed:
        yield field, f"'{value}' is not one of: {', '.join(allowed)}"


def modality_problems(claim: Claim) -> Iterator[Problem]:
    """A known hedge; a hedge word in the quote is not dropped."""
    yield from _one_of(claim.hedge, HEDGES, "hedge")
    yield from _one_of(claim.date_basis, DATE_BASES, "date_basis")
    word = hedge_word(claim.quote)
    if word and claim.hedge is None:
        yield (
            "hedge",
            f"the quote says '{word}' but the claim has no hedge: set hedge "
            f"({', '.join(HEDGES)}), or quote only the words that make the claim",
        )
    if claim.statement is not None and not STATEMENT_KEY.match(claim.statement):
        yield "statement", f"'{claim.statement}' is not a key: use a-z, 0-9 and '-'"


def _class_problem(
    facts: FactSet, vocab: Vocabulary, ref: str | None, field: str, label: str, what: str
) -> Iterator[Problem]:
    """``what`` is the noun with its article ("a person"), as the message needs it."""
    if ref is None:
        return
    entity = facts.entities.get(ref)
    if entity is None:
        yield field, f"'{ref}' names no actor: {field} must be {what}"
    elif not vocab.accepts(entity.class_key, label):
        yield field, f"'{ref}' is not {what}"


def speaker_problems(claim: Claim, facts: FactSet, vocab: Vocabulary) -> Iterator[Problem]:
    """``voiced_by`` names a person, ``via`` a media outlet, neither the claimant itself."""
    yield from _class_problem(
        facts, vocab, claim.voiced_by, "voiced_by", "Person", "a person (a spokesperson)"
    )
    yield from _class_problem(facts, vocab, claim.via, "via", "MediaOutlet", "a media outlet")
    for field in ("voiced_by", "via"):
        if getattr(claim, field) is not None and getattr(claim, field) == claim.claimant:
            yield field, f"'{claim.claimant}' is the claimant: {field} names someone else"


def regime_period(actor: Entity) -> tuple[str, str] | None:
    """The first and last day an actor with a period (a regime) stands for."""
    if not (actor.valid_from or actor.valid_until):
        return None
    if any(date_problem(d) for d in (actor.valid_from, actor.valid_until) if d):
        return None  # reported as a bad date
    first = period_start(actor.valid_from) if actor.valid_from else "0000-01-01"
    last = period_end(actor.valid_until) if actor.valid_until else "9999-12-31"
    return first, last


def _claim_period(claim: Claim, facts: FactSet) -> tuple[str, str, str] | None:
    """When the claim says the relation holds: (first day, last day, in words), if it says."""
    dates = [d for d in (claim.valid_from, claim.valid_until) if d and not date_problem(d)]
    if dates:
        first = period_start(claim.valid_from) if claim.valid_from else "0000-01-01"
        last = period_end(claim.valid_until) if claim.valid_until else "9999-12-31"
        return first, last, f"its period ({' to '.join(dates)})"
    for ref in (claim.subject, claim.object):
        event = facts.entities.get(ref)
        if event is not None and event.date and not date_problem(event.date):
            end = event.end_date if event.end_date and not date_problem(event.end_date) else None
            last = period_end(end or event.date)
            return period_start(event.date), last, f"the event '{event.id}' ({event.date})"
    return None


def regime_problems(claim: Claim, facts: FactSet) -> Iterator[Problem]:
    """A regime actor is named only inside the period it stands for."""
    period = _claim_period(claim, facts)
    for field in ("subject", "object"):
        actor = facts.entities.get(getattr(claim, field))
        regime = regime_period(actor) if actor is not None else None
        if regime is None or period is None or actor is None:
            continue
        first, last, said = period
        if last < regime[0] or first > regime[1]:
            span = f"{actor.valid_from or '…'} to {actor.valid_until or '…'}"
            yield (
                field,
                f"'{actor.id}' stands for {actor.name} from {span}, but {said} lies outside "
                "it: name the regime of that time",
            )


def retired_problems(facts: FactSet) -> Iterator[tuple[str, Problem]]:
    """Retired ids stay retired, and a replacement exists: ``(retired id, problem)``."""
    for retired in facts.retired.values():
        if not retired.reason.strip():
            yield retired.id, ("reason", "a retired claim needs the reason it was retired")
        if retired.replaced_by is not None and retired.replaced_by not in facts.claims:
            yield retired.id, ("replaced_by", f"no claim '{retired.replaced_by}' replaces it")
