"""The contradictions of the curation review (2026-12-01, section 3) as the data records them.

One case per disagreement C1..C23. Each case asserts that the opposed claims are present on
the edge they share (subject, relation, object; symmetric relations through ``edge_key``), with
the claimant and stance of each side. Where the review says a disagreement is correctly *not*
joined (C10, C17, C18), the case asserts that faithful coding; where it is not relational (C15,
C16) or the ontology cannot hold it (C14), the case asserts the descriptions or notes that carry it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ontology.fact_files import read_fact_files
from ontology.facts import Claim, FactSet, edge_key

ATTACK_TJ = "rocket-attack-tajikistan-2022-05-07"
GUNFIGHT = "taliban-iskp-gunfight-2022-05-07"
TERMEZ = "rocket-attack-termez-2022-04-18"
ISHKOBOD = "ishkobod-attack-2019-11-06"


@pytest.fixture(scope="module")
def facts(data_dir: Path) -> FactSet:
    read, errors = read_fact_files(data_dir)
    assert not errors, errors
    return read


def on_edge(facts: FactSet, subject: str, relation: str, obj: str) -> list[Claim]:
    key = edge_key(subject, relation, obj)
    return [c for c in facts.claims.values() if edge_key(c.subject, c.relation, c.object) == key]


def side(
    facts: FactSet,
    edge: tuple[str, str, str],
    claimant: str,
    stance: str,
    *,
    source: str | None = None,
    **fields: str | None,
) -> list[Claim]:
    """The claims on ``edge`` by ``claimant`` with ``stance`` and ``fields``; at least one."""
    found = [
        c
        for c in on_edge(facts, *edge)
        if c.claimant == claimant
        and c.stance == stance
        and (source is None or c.source == source)
        and all(getattr(c, name, None) == value for name, value in fields.items())
    ]
    assert found, (
        f"no claim {edge} by {claimant} ({stance}, {source or 'any source'}, {fields}); "
        f"the edge has: {[(c.id, c.claimant, c.stance) for c in on_edge(facts, *edge)]}"
    )
    return found


def text_of(facts: FactSet, *ids: str) -> str:
    """The descriptions of the entities and the notes of the claims named by ``ids``."""
    parts = []
    for record_id in ids:
        if record_id in facts.entities:
            parts.append(facts.entities[record_id].description)
        else:
            parts.append(facts.claims[record_id].note)
    return " ".join(parts)


S000, S001, S002, S003, S004 = (
    "s000-jamestown-iskp-rocket-attack",
    "s001-scns-bullets-not-rockets",
    "s002-cabar-ishkobod-attack",
    "s003-bne-termez-attack",
    "s004-caci-tajik-taliban",
)


def c1(facts: FactSet) -> None:
    """Did rockets from ISKP land in Tajikistan on 7 May 2022?"""
    landed = (ATTACK_TJ, "occurred_in", "place-tajikistan")
    side(facts, landed, "nurbek-bekmurzaev", "asserts", source=S000)
    side(facts, landed, "islamic-state", "asserts", source=S001)
    side(facts, landed, "sudha-ramachandran", "asserts", source=S004)
    side(facts, landed, "gknb", "denies", source=S000)
    side(facts, landed, "tajik-border-service", "denies", source=S001)
    # "accidentally" / "incidentally": Tajikistan was not the target
    target = ("tajikistan", "targeted_by", ATTACK_TJ)
    side(facts, target, "nurbek-bekmurzaev", "asserts", source=S000)
    side(facts, target, "islamic-state", "asserts", source=S001)
    side(facts, target, "gknb", "denies", source=S000, via="khovar")
    side(facts, target, "tajik-border-service", "denies", source=S001, via="khovar")
    # the gunfight's fire reached Tajikistan (where its effects landed)
    spill = (GUNFIGHT, "occurred_in", "place-tajikistan")
    side(facts, spill, "gknb", "asserts", source=S000)
    side(facts, spill, "tajik-border-service", "asserts", source=S001)
    # ISKP's claim, one statement across three sources
    claim = ("iskp", "claims_responsibility_for", ATTACK_TJ)
    for source in (S000, S001, S004):
        side(
            facts,
            claim,
            "iskp",
            "asserts",
            source=source,
            statement="iskp-claim-tajikistan-2022-05-07",
        )
    # the 8 May statement: the GKNB (s000) and its border directorate (s001) are one statement
    key = "tajik-border-statement-2022-05-08"
    assert {c.claimant for c in on_edge(facts, *landed) if c.statement == key} == {
        "gknb",
        "tajik-border-service",
    }


def c2(facts: FactSet) -> None:
    """The Taliban's 'rocket attack from Afghanistan into Tajikistan' against the GKNB's bullets."""
    landed = (ATTACK_TJ, "occurred_in", "place-tajikistan")
    for source in (S000, S001):
        side(
            facts,
            landed,
            "taliban",
            "asserts",
            source=source,
            via="pajhwok-afghan-news",
            statement="taliban-statement-2022-05-09",
            stated_on="2022-05-09",
        )
        side(
            facts,
            (ATTACK_TJ, "launched_from", "place-afghanistan"),
            "taliban",
            "asserts",
            source=source,
            statement="taliban-statement-2022-05-09",
        )
    side(facts, landed, "gknb", "denies", source=S000)
    side(facts, landed, "tajik-border-service", "denies", source=S001)


def c3(facts: FactSet) -> None:
    """The border directorate's 'only bullets' against its 'some projectiles' (s001)."""
    bullets = facts.claims["s001-c002"]
    assert (bullets.claimant, bullets.stance) == ("tajik-border-service", "denies")
    assert "only bullets" in bullets.quote
    assert "projectiles" in bullets.note
    projectiles = side(
        facts,
        ("tajikistan", "targeted_by", ATTACK_TJ),
        "tajik-border-service",
        "denies",
        source=S001,
    )
    assert any("projectiles" in c.quote for c in projectiles)


def c4(facts: FactSet) -> None:
    """Who was behind 7 May: the Tajik experts blame the Taliban, the author ISKP (s000)."""
    taliban = ("taliban", "perpetrator_of", ATTACK_TJ)
    side(facts, taliban, "tajik-experts", "asserts", source=S000)
    assert len(side(facts, taliban, "nurbek-bekmurzaev", "denies", source=S000)) >= 2
    side(facts, ("iskp", "perpetrator_of", ATTACK_TJ), "nurbek-bekmurzaev", "asserts", source=S000)


def c5(facts: FactSet) -> None:
    """Did the Tajik authorities blame the Taliban? The source says both (s000)."""
    (blame,) = side(
        facts, ("taliban", "perpetrator_of", ATTACK_TJ), "tajikistan", "asserts", source=S000
    )
    assert "analysts and authorities" in blame.quote
    assert "did not explicitly blame" in blame.note


def c6(facts: FactSet) -> None:
    """Did the Taliban enable ISKP? 'blessing' against 'would never ... allow' on one edge."""
    enable = ("taliban", "supports", "iskp")
    (blessing,) = side(facts, enable, "tajik-experts", "asserts", source=S000)
    assert "blessing" in blessing.quote
    (never,) = side(facts, enable, "nurbek-bekmurzaev", "denies", source=S000)
    assert "allowing ISKP" in never.quote
    assert "s000-c019" in facts.retired  # the perpetrator_of reading it replaces
    assert facts.retired["s000-c019"].replaced_by == blessing.id


def c7(facts: FactSet) -> None:
    """Is Hekmatyar a Taliban voice? No post (denied member_of) but 'talking head' (likely)."""
    side(
        facts,
        ("gulbuddin-hekmatyar", "member_of", "taliban"),
        "nurbek-bekmurzaev",
        "denies",
        source=S000,
    )
    side(
        facts,
        ("gulbuddin-hekmatyar", "speaks_for", "taliban"),
        "nurbek-bekmurzaev",
        "asserts",
        source=S000,
        hedge="likely",
    )


def c8(facts: FactSet) -> None:
    """Did the 18 April 2022 Termez attack happen? ISKP against Uzbekistan (s001, s003)."""
    uz = "uzbekistan-termez-denial-2022-04"
    side(facts, (TERMEZ, "occurred_in", "place-uzbekistan"), "iskp", "asserts", source=S001)
    side(
        facts,
        (TERMEZ, "occurred_in", "place-uzbekistan"),
        "uzbekistan",
        "denies",
        source=S001,
        statement=uz,
    )
    side(
        facts,
        (TERMEZ, "occurred_in", "place-uzbekistan"),
        "uzbekistan",
        "denies",
        source=S003,
        statement=uz,
    )
    # every place and perpetrator claimed for it meets Asadov's "absolutely fake"
    for edge, asserted_by in (
        ((TERMEZ, "occurred_in", "place-termez"), "iskp"),
        ((TERMEZ, "occurred_in", "place-termez-military-base"), "iskp"),
        ((TERMEZ, "launched_from", "place-hairatan"), "iskp"),
        ((TERMEZ, "launched_from", "place-afghanistan"), "taliban"),
        (("uzbekistan", "targeted_by", TERMEZ), "iskp"),
        (("iskp", "perpetrator_of", TERMEZ), "taliban"),
    ):
        side(facts, edge, asserted_by, "asserts", source=S003)
        side(
            facts,
            edge,
            "uzbekistan",
            "denies",
            source=S003,
            voiced_by="sherzod-asadov",
            statement=uz,
        )
    side(facts, ("iskp", "perpetrator_of", TERMEZ), "nurbek-bekmurzaev", "asserts", source=S000)
    # Asadov speaks for Uzbekistan: no claim keeps him as the claimant
    assert not [c for c in facts.claims.values() if c.claimant == "sherzod-asadov"]


def c9(facts: FactSet) -> None:
    """Termez: launched but fell short (Taliban), hit Termez (ISKP), no attack (Uzbekistan)."""
    tal = "taliban-termez-statement-2022-04"
    in_uz = (TERMEZ, "occurred_in", "place-uzbekistan")
    assert len(side(facts, in_uz, "taliban", "denies", source=S003, statement=tal)) >= 2
    side(facts, in_uz, "iskp", "asserts", source=S001)
    side(facts, (TERMEZ, "occurred_in", "place-termez"), "iskp", "asserts", source=S003)
    fell_short = (TERMEZ, "occurred_in", "place-afghanistan")
    side(
        facts,
        fell_short,
        "taliban",
        "asserts",
        source=S003,
        voiced_by="enamulla-samangani",
        via="akipress",
        statement=tal,
    )
    side(facts, fell_short, "uzbekistan", "denies", source=S003)
    side(
        facts,
        (TERMEZ, "launched_from", "place-afghanistan"),
        "taliban",
        "asserts",
        source=S003,
        hedge="reported",
    )
    # Samangani speaks for the Taliban: no claim keeps him as the claimant
    assert not [c for c in facts.claims.values() if c.claimant == "enamulla-samangani"]


def c10(facts: FactSet) -> None:
    """s001's Uzbek denial (landing) and Taliban confirmation (launch) are correctly not joined."""
    (denial,) = [
        c
        for c in on_edge(facts, TERMEZ, "occurred_in", "place-uzbekistan")
        if c.source == S001 and c.claimant == "uzbekistan"
    ]
    assert denial.stance == "denies"
    (confirm,) = [
        c
        for c in on_edge(facts, TERMEZ, "launched_from", "place-afghanistan")
        if c.source == S001 and c.claimant == "taliban"
    ]
    assert confirm.stance == "asserts"
    termez_s001 = [
        c for c in facts.claims.values() if c.source == S001 and TERMEZ in (c.subject, c.object)
    ]
    s001_edges_of = {
        claimant: {(c.subject, c.relation, c.object) for c in termez_s001 if c.claimant == claimant}
        for claimant in ("uzbekistan", "taliban")
    }
    assert not s001_edges_of["uzbekistan"] & s001_edges_of["taliban"]


def c11(facts: FactSet) -> None:
    """Ishkobod: the attackers came from Afghanistan (border service) or not (Afghan MoD)."""
    mod = "afghan-mod-ishkobod-2019-11-07"
    for place in ("place-afghanistan", "place-qalai-zoli"):
        edge = (ISHKOBOD, "launched_from", place)
        side(facts, edge, "tajik-border-service", "asserts", source=S002, date_basis="external")
        (denial,) = side(
            facts,
            edge,
            "afghan-mod",
            "denies",
            source=S002,
            via="radio-liberty",
            statement=mod,
            date_basis="external",
        )
        assert "no evidence" in denial.quote


def c12(facts: FactSet) -> None:
    """Ishkobod: experts and CABAR question the official IS attribution (s002)."""
    is_did_it = ("islamic-state", "perpetrator_of", ISHKOBOD)
    side(facts, is_did_it, "tajikistan", "asserts", source=S002)
    side(facts, is_did_it, "tajik-border-service", "asserts", source=S002)
    (experts,) = side(facts, is_did_it, "unnamed-experts-s002", "questions", source=S002)
    assert "question the official position" in experts.quote
    side(facts, is_did_it, "cabar-asia", "questions", source=S002)
    # Olimov's doubts are about the attackers' skill, not IS: recorded in a note, not coded
    assert not [c for c in facts.claims.values() if c.claimant == "muzaffar-olimov"]
    assert "not professionals" in facts.claims["s002-c049"].note


def c13(facts: FactSet) -> None:
    """Ishkobod: IS never claimed the attack (on the event, not a claim)."""
    description = facts.entities[ISHKOBOD].description
    assert "There was no response to this from the terrorist group in the media" in description
    assert "still did not state it was involved" in description
    assert not on_edge(facts, "islamic-state", "claims_responsibility_for", ISHKOBOD)


def c14(facts: FactSet) -> None:
    """Ishkobod: Tajik citizens? national_of takes a person, so only notes carry it."""
    phrase = "There is a possibility that the attackers were Tajik citizens"
    assert phrase in facts.entities[ISHKOBOD].description
    assert phrase in facts.claims["s002-c030"].note
    assert phrase in facts.entities["ishkobod-attackers"].description
    assert not [
        c
        for c in facts.claims.values()
        if c.relation == "national_of" and c.subject == "ishkobod-attackers"
    ]


def c15(facts: FactSet) -> None:
    """Ishkobod: four detained (Interior Ministry) against five (Border Service)."""
    for event in (ISHKOBOD, "esanboy-detentions-2019-11"):
        description = facts.entities[event].description
        assert "four" in description.lower() and "five attackers were detained" in description


def c16(facts: FactSet) -> None:
    """Ishkobod: 'about 200 kilometers' (CABAR) against 'dozens of kilometers' (Olimov)."""
    for text in (text_of(facts, "s002-c036"), text_of(facts, ISHKOBOD)):
        assert "200 kilometers" in text and "dozens of kilometers" in text


def c17(facts: FactSet) -> None:
    """The experts' guess that the IRP would be blamed 'did not happen': no blame is coded."""
    assert not on_edge(facts, "irp", "perpetrator_of", ISHKOBOD)
    assert "did not happen" in facts.claims["s002-c039"].note
    side(facts, ("islamic-state", "perpetrator_of", ISHKOBOD), "tajikistan", "asserts", source=S002)


def c18(facts: FactSet) -> None:
    """'An unknown group' (CABAR) and IS (the authorities): both recorded, different subjects."""
    side(
        facts,
        ("ishkobod-attackers", "perpetrator_of", ISHKOBOD),
        "cabar-asia",
        "asserts",
        source=S002,
    )
    side(facts, ("islamic-state", "perpetrator_of", ISHKOBOD), "tajikistan", "asserts", source=S002)
    assert not [
        c
        for c in on_edge(facts, "ishkobod-attackers", "perpetrator_of", ISHKOBOD)
        if c.stance != "asserts"
    ]


def c19(facts: FactSet) -> None:
    """Does the TTT exist, Taliban-backed? Every Taliban-TTT tie meets the Taliban's denial."""
    for relation, edge in (
        ("affiliated_with", ("ttt", "affiliated_with", "taliban")),
        ("delegates_security_to", ("taliban", "delegates_security_to", "ttt")),
        ("protects", ("taliban", "protects", "ttt")),
        ("supports", ("taliban", "supports", "ttt")),
    ):
        side(facts, edge, "sudha-ramachandran", "asserts", source=S004)
        (denial,) = side(
            facts, edge, "taliban", "denies", source=S004, statement="taliban-denial-ttt-existence"
        )
        assert denial.quote == "the Taliban regime has denied the existence of the TTT", relation


def c20(facts: FactSet) -> None:
    """Is the TTT 'new'? Only the author's 'renaming/rebranding' is coded (s004)."""
    side(
        facts,
        ("ttt", "rebrand_of", "arsalan-tajik-islamist-fighters"),
        "sudha-ramachandran",
        "asserts",
        source=S004,
    )
    side(
        facts,
        ("ttt", "participant_in", "ttt-emergence-2022-07"),
        "sudha-ramachandran",
        "asserts",
        source=S004,
    )
    assert not [
        c
        for c in on_edge(facts, "ttt", "rebrand_of", "arsalan-tajik-islamist-fighters")
        if c.stance != "asserts"
    ]
    # the 2021 acts the text gives to "the TTT" sit on the fighters, before the renaming
    side(
        facts,
        (
            "arsalan-tajik-islamist-fighters",
            "perpetrator_of",
            "taliban-elimination-of-fleeing-andsf-2021",
        ),
        "sudha-ramachandran",
        "asserts",
    )
    assert not on_edge(facts, "ttt", "perpetrator_of", "taliban-elimination-of-fleeing-andsf-2021")


def c21(facts: FactSet) -> None:
    """Where is the NRF based? Northern Afghanistan (s000) and Tajikistan (s004), both asserted."""
    side(
        facts,
        ("nrf", "based_in", "place-northern-afghanistan"),
        "nurbek-bekmurzaev",
        "asserts",
        source=S000,
    )
    side(facts, ("nrf", "based_in", "place-farkhor"), "nurbek-bekmurzaev", "asserts", source=S000)
    side(
        facts, ("nrf", "based_in", "place-tajikistan"), "sudha-ramachandran", "asserts", source=S004
    )


def c22(facts: FactSet) -> None:
    """Tajikistan's sanctuary for the NRF: asserted (s000) and only reported (s004)."""
    sanctuary = ("tajikistan", "gives_sanctuary_to", "nrf")
    side(facts, sanctuary, "nurbek-bekmurzaev", "asserts", source=S000, hedge=None)
    side(facts, sanctuary, "gulbuddin-hekmatyar", "asserts", source=S000)
    side(facts, sanctuary, "tajik-experts", "asserts", source=S000)
    (said,) = [
        c
        for c in side(facts, sanctuary, "sudha-ramachandran", "asserts", source=S004)
        if "is said to be" in c.quote
    ]
    assert said.hedge == "reported"
    assert not [c for c in on_edge(facts, *sanctuary) if c.stance != "asserts"]


def c23(facts: FactSet) -> None:
    """IS or ISKP? Kept apart as each text writes it; Asadov's denial names only ISKP."""
    (is_did_it,) = side(
        facts,
        ("islamic-state", "perpetrator_of", TERMEZ),
        "author-unknown-s001",
        "asserts",
        source=S001,
        hedge="reported",
    )
    assert "loosely" in is_did_it.note
    side(facts, ("iskp", "claims_responsibility_for", TERMEZ), "iskp", "asserts", source=S001)
    side(facts, ("iskp", "perpetrator_of", TERMEZ), "uzbekistan", "denies", source=S003)
    assert not [
        c
        for c in on_edge(facts, "islamic-state", "perpetrator_of", TERMEZ)
        if c.stance != "asserts"
    ]
    side(facts, ("islamic-state", "perpetrator_of", ISHKOBOD), "tajikistan", "asserts", source=S002)


CASES: dict[str, Callable[[FactSet], None]] = {
    f"C{n}": case
    for n, case in enumerate(
        (
            c1,
            c2,
            c3,
            c4,
            c5,
            c6,
            c7,
            c8,
            c9,
            c10,
            c11,
            c12,
            c13,
            c14,
            c15,
            c16,
            c17,
            c18,
            c19,
            c20,
            c21,
            c22,
            c23,
        ),
        start=1,
    )
}


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_review_contradiction(facts: FactSet, case: Callable[[FactSet], None]) -> None:
    case(facts)
