"""The time and status question (``services/relation_filter.py``) and its twin in the page.

On the curated facts: the review's examples answer right (the Taliban control Afghanistan in
1998 and 2023, not in 2010; Arsalan's fighters fight the ANDSF in 2017; ISKP-Taliban hostility
on 2021-08-15 is undated, neither absent nor invented), every relation can appear on some date,
and the page's script (``answers`` in view.js, run in node) answers every relation as Python
does, for every date and both clocks.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from graph.citation import Citation, citation_of
from ontology.facts import FactSet
from services.relation_filter import STATUSES, Period, Question, read
from services.view.render import claim_times

VIEW_JS = Path(__file__).resolve().parents[1] / "services" / "view" / "assets" / "view.js"
Triple = tuple[str, str, str]


def cite(
    claim_id: str,
    stance: str = "asserts",
    *,
    published: str | None = "2022",
    stated_on: str | None = None,
    valid_from: str | None = None,
    valid_until: str | None = None,
    source: str = "s1",
) -> Citation:
    return Citation(
        claim_id=claim_id,
        source_id=source,
        source_title=None,
        publisher=None,
        published=published,
        claimant_id="c",
        claimant_name=None,
        stance=stance,
        quote="q",
        stated_on=stated_on,
        valid_from=valid_from,
        valid_until=valid_until,
    )


def edges_of(facts: FactSet) -> dict[Triple, list[Citation]]:
    return {
        triple: [citation_of(c, facts) for c in sorted(claims, key=lambda c: c.id)]
        for triple, claims in facts.claims_by_edge().items()
    }


# ---------------------------------------------------------------------- the rules


def test_each_claim_keeps_its_own_period_and_gaps_stay_gaps() -> None:
    claims = [
        cite("a", valid_from="1996", valid_until="2001"),
        cite("b", valid_from="2021-08"),
        cite("c", valid_from="2021-08"),
    ]
    reading = read(claims)
    assert reading is not None
    assert reading.periods == (Period("1996", "2001", ("a",)), Period("2021-08", None, ("b", "c")))
    assert reading.holds_at("1998") and reading.holds_at("2023-05-01")
    assert reading.holds_at("2010") is False
    assert reading.holds_at("2021") and not reading.holds_at("2021-07")  # 2021 meets 2021-08
    # a claim with no period says it held at some time: outside the periods, perhaps then
    with_undated = read([*claims, cite("d")])
    assert with_undated is not None and with_undated.undated_claims == ("d",)
    assert with_undated.periods == reading.periods
    assert with_undated.holds_at("2010") is None and with_undated.basis_at("2010") == "undated"
    assert with_undated.basis_at("1998") == "period"


def test_a_relation_no_claim_dates_is_undated_not_absent() -> None:
    reading = read([cite("a"), cite("b", stated_on="2023-01-02")])
    assert reading is not None and not reading.dated and reading.holds_at("2021-08-15") is None
    assert Question(true_at="2021-08-15").answer(reading.citations) == reading
    assert Question(true_at="2021-08-15", undated=False).answer(reading.citations) is None


def test_an_end_alone_is_until_then_and_a_start_alone_is_since() -> None:
    until = read([cite("a", valid_until="2016-07")])
    since = read([cite("a", valid_from="2015")])
    assert until is not None and since is not None
    # the end is sure, what came before it is unsaid (period unknown), what came after is not
    assert until.holds_at("2016-07-31") and until.holds_at("2016") and not until.holds_at("2016-08")
    assert until.holds_at("1990") is None and until.basis_at("1990") == "undated"
    assert Question(true_at="1990", undated=False).answer(until.citations) is None
    assert not since.holds_at("2014-12") and since.holds_at("2099")


def test_known_by_counts_only_the_claims_stated_by_then() -> None:
    claims = [
        cite("a", published="2020-05"),
        cite("b", "denies", published="2022", stated_on="2021-03-04"),
        cite("c", published="2023", source="s2"),
    ]
    before = Question(known_by="2020").answer(claims)
    assert before is not None and before.status == "asserted" and before.source_count == 1
    assert before.first_stated == "2020-05"
    then = Question(known_by="2021-03").answer(claims)
    assert then is not None and then.status == "contested" and then.denied == 1
    now = Question().answer(claims)
    assert now is not None and now.document_count == 2 and len(now.citations) == 3
    assert now.source_count == 1  # one claimant in both documents: one origin
    assert Question(known_by="2019").answer(claims) is None
    # a claim with no date at all was never known by any date
    assert Question(known_by="2030").answer([cite("x", published=None)]) is None


def test_status_means_what_it_says_and_the_question_keeps_statuses() -> None:
    denied_only = [cite("a", "denies")]
    reading = read(denied_only)
    assert reading is not None and reading.status == "denied"
    assert Question(statuses=frozenset({"asserted", "contested"})).answer(denied_only) is None
    mixed = read([cite("a"), cite("b", "denies")])
    assert mixed is not None and mixed.status == "contested"
    # a relation only denied has the period the denials name
    dated_denial = read([cite("a", "denies", valid_from="2022")])
    assert dated_denial is not None and dated_denial.holds_at("2023")


def test_both_clocks_together_date_what_was_known_then() -> None:
    claims = [
        cite("old", published="2019", valid_from="1996", valid_until="2001"),
        cite("new", published="2023", valid_from="2021-08"),
    ]
    assert Question(true_at="2022", known_by="2020").answer(claims) is None
    assert Question(true_at="1998", known_by="2020").answer(claims) is not None
    assert Question(true_at="2022", known_by="2023").answer(claims) is not None


# ---------------------------------------------------------------------- the curated facts


def test_the_taliban_control_afghanistan_in_1998_and_2023_but_not_2010(
    curated_facts: FactSet,
) -> None:
    claims = edges_of(curated_facts)[("taliban", "controls", "place-afghanistan")]
    reading = read(claims)
    assert reading is not None
    assert reading.holds_at("1998") and reading.holds_at("2023")
    assert reading.holds_at("2010") is False


def test_arsalans_fighters_fight_the_andsf_in_2017(curated_facts: FactSet) -> None:
    edges = edges_of(curated_facts)
    hostile = [
        read(claims)
        for (subject, relation, obj), claims in edges.items()
        if relation == "hostile_to"
        and {subject, obj} == {"arsalan-tajik-islamist-fighters", "andsf"}
    ]
    assert hostile, "no hostility between Arsalan's fighters and the ANDSF"
    assert any(r is not None and r.holds_at("2017") for r in hostile)


def test_iskp_taliban_hostility_on_15_august_2021_is_undated(curated_facts: FactSet) -> None:
    edges = edges_of(curated_facts)
    found = [
        claims
        for (subject, relation, obj), claims in edges.items()
        if relation == "hostile_to" and {subject, obj} == {"iskp", "taliban"}
    ]
    assert found
    for claims in found:
        reading = Question(true_at="2021-08-15").answer(claims)
        assert reading is not None and not reading.dated  # reported, flagged: period unknown
        assert Question(true_at="2021-08-15", undated=False).answer(claims) is None


def test_every_relation_can_appear_on_some_date_by_either_clock(curated_facts: FactSet) -> None:
    never = []
    for triple, claims in edges_of(curated_facts).items():
        reading = read(claims)
        assert reading is not None, triple
        assert reading.first_stated, f"{triple}: no claim has a date it was stated"
        assert Question(known_by=reading.first_stated).answer(claims) is not None
        if reading.dated:
            probe = reading.periods[0].sure_from
            held = Question(true_at=probe).answer(claims)
            if held is None or held.basis_at(probe) != "period":
                never.append(triple)
    assert not never


def test_relations_only_denied_are_never_kept_as_asserted(curated_facts: FactSet) -> None:
    shown = Question(statuses=frozenset({"asserted", "contested"}))
    for triple, claims in edges_of(curated_facts).items():
        if all(c.stance == "denies" for c in claims):
            assert shown.answer(claims) is None, triple
            answered = Question().answer(claims)
            assert answered is not None and answered.status == "denied"


# ---------------------------------------------------------------------- the page's twin


def _answers_js() -> str:
    text = VIEW_JS.read_text(encoding="utf-8")
    found = re.search(r"^ *// ---- dates: begin.*?^ *// ---- dates: end$", text, re.S | re.M)
    assert found, "view.js lost its '// ---- dates: begin' ... '// ---- dates: end' block"
    return found.group(0)


PROBES = [
    None,
    "1990",
    "1996-06",
    "1998",
    "2001-12-31",
    "2010",
    "2015",
    "2016-07",
    "2017",
    "2019-11",
    "2021",
    "2021-07",
    "2021-08-15",
    "2022",
    "2022-05-07",
    "2023",
    "2030",
]
QUESTIONS = [
    Question(true_at=t, known_by=k, undated=u, statuses=frozenset(s))
    for t in PROBES
    for k in (None, "2019", "2022-05", "2023")
    for u in ((True, False) if t else (True,))
    for s in ((STATUSES,) if t or k else (STATUSES, ("asserted",), ("contested", "denied")))
]


def _question_js(q: Question) -> dict[str, Any]:
    return {
        "trueAt": q.true_at or "",
        "knownBy": q.known_by or "",
        "undated": q.undated,
        "statuses": {s: s in q.statuses for s in STATUSES},
    }


def test_the_pages_script_answers_every_relation_as_python_does(curated_facts: FactSet) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the view's script cannot be run")
    edges = list(edges_of(curated_facts).values())
    cases = {
        "edges": [[claim_times(c) for c in claims] for claims in edges],
        "questions": [_question_js(q) for q in QUESTIONS],
    }
    script = (
        _answers_js()
        + """
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.questions.map(function (q) {
  return cases.edges.map(function (times) { return answers(times, q); });
})));
"""
    )
    done = subprocess.run(
        [node, "-e", script], input=json.dumps(cases), capture_output=True, text=True, check=True
    )
    js = json.loads(done.stdout)
    disagree = []
    for q, js_row in zip(QUESTIONS, js, strict=True):
        for claims, js_answer in zip(edges, js_row, strict=True):
            reading = q.answer(claims)
            faint = q.true_at is not None and reading is not None
            faint = faint and reading.holds_at(q.true_at or "") is None  # type: ignore[union-attr]
            python = None
            if reading is not None:
                python = {"status": reading.status, "faint": faint, "hedged": reading.hedged}
            if python != js_answer:
                disagree.append((q, claims[0].claim_id, python, js_answer))
    assert not disagree[:5]
    assert any(row.count(None) not in (0, len(row)) for row in js)  # the questions do select
