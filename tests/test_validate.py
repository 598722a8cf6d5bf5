"""Validation of fact folders: each broken folder fails with the exact errors a curator needs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from fact_folders import fact_folder, line_of

from cli.main import main
from ontology.errors import FactError, InvalidFacts
from ontology.fact_files import read_fact_files
from ontology.validate import check_fact_folder, date_problem, load_and_validate, validate_facts


def errors_of(tmp_path: Path, sources_dir: Path, case: str) -> tuple[Path, list[FactError]]:
    data = fact_folder(tmp_path, case)
    _, errors = check_fact_folder(data, sources_dir)
    return data, errors


def test_the_minimal_folder_is_valid(tmp_path: Path, sources_dir: Path) -> None:
    facts = load_and_validate(fact_folder(tmp_path), sources_dir)
    assert len(facts.claims) == 9


def test_an_unknown_actor_is_named_with_suggestions(tmp_path: Path, sources_dir: Path) -> None:
    data, errors = errors_of(tmp_path, sources_dir, "unknown-actor")
    claims = data / "claims" / "bne-termez.yaml"
    assert errors == [
        FactError(
            "data/claims/bne-termez.yaml",
            line_of(claims, "subject: iskp-k"),
            "subject",
            "unknown actor 'iskp-k'; did you mean 'iskp'?",
        ),
        # Written as an alias of the actor: the suggestion finds it through the alias.
        FactError(
            "data/claims/bne-termez.yaml",
            line_of(claims, "claimant: gknb"),
            "claimant",
            "unknown actor 'gknb'; did you mean 'scns'?",
        ),
    ]


def test_a_missing_citation_fails(tmp_path: Path, sources_dir: Path) -> None:
    data, errors = errors_of(tmp_path, sources_dir, "missing-citation")
    claims = data / "claims" / "bne-termez.yaml"
    assert errors == [
        FactError(
            "data/claims/bne-termez.yaml",
            line_of(claims, "id: b-001"),
            "quote",
            "missing required field 'quote'",
        ),
        FactError(
            "data/claims/bne-termez.yaml",
            line_of(claims, "id: b-002"),
            "claimant",
            "missing required field 'claimant'",
        ),
        FactError(
            "data/claims/bne-termez.yaml",
            line_of(claims, 'quote: "  "'),
            "quote",
            "'quote' is empty",
        ),
        FactError(
            "data/claims/no-source.yaml",
            1,
            "source",
            "missing top-level key 'source' (the id of the source these claims cite)",
        ),
    ]


def test_an_unknown_source_is_reported_at_the_header(tmp_path: Path, sources_dir: Path) -> None:
    data = fact_folder(tmp_path)
    claims = data / "claims" / "bne-termez.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("source: bne-termez", "source: bne-termz"),
        encoding="utf-8",
    )
    _, errors = check_fact_folder(data, sources_dir)
    # Five claims cite it; the error is given once, at the header line.
    assert errors == [
        FactError(
            "data/claims/bne-termez.yaml",
            line_of(claims, "source: bne-termz"),
            "source",
            "unknown source 'bne-termz'; did you mean 'bne-termez'?",
        )
    ]


def test_a_quote_not_in_the_source_shows_where_it_departs(
    tmp_path: Path, sources_dir: Path
) -> None:
    data, errors = errors_of(tmp_path, sources_dir, "quote-not-in-source")
    claims = data / "claims" / "jamestown-iskp-rockets.yaml"
    where = "quote not found verbatim in source 'jamestown-iskp-rockets' (000_880a6d0b8428c3dc.txt)"
    assert errors == [
        FactError(
            "data/claims/jamestown-iskp-rockets.yaml",
            line_of(claims, "on the next day"),
            "quote",
            f"{where}: the source matches up to '...) released a statement on the ' and then "
            "reads 'same day to claim responsibili...', where the quote has "
            "'next day to claim responsibili...'",
        ),
        FactError(
            "data/claims/jamestown-iskp-rockets.yaml",
            line_of(claims, "Nothing of the kind"),
            "quote",
            f"{where}: no part of the quote's start ('Nothing of the kind appears in...') "
            "occurs in the source",
        ),
    ]


def test_a_missing_source_file_is_reported_once(tmp_path: Path, sources_dir: Path) -> None:
    data = fact_folder(tmp_path)
    sources = data / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("003_2faadf30c8d3bcd7", "003_missing"),
        encoding="utf-8",
    )
    _, errors = check_fact_folder(data, sources_dir)
    assert errors == [
        FactError(
            "data/sources.yaml",
            line_of(sources, "003_missing"),
            "file",
            f"source file '003_missing.txt' not found in {sources_dir}",
        )
    ]


def test_a_source_without_its_claims_file_fails(tmp_path: Path, sources_dir: Path) -> None:
    data, errors = errors_of(tmp_path, sources_dir, "missing-claims-file")
    assert errors == [
        FactError(
            "data/sources.yaml",
            line_of(data / "sources.yaml", "id: scns-bullets"),
            "id",
            "source 'scns-bullets' has no claims file: expected data/claims/scns-bullets.yaml "
            "(restore it, or create it with `source: scns-bullets` and `claims: []`)",
        )
    ]


def test_a_deleted_claims_file_fails_validation(
    tmp_path: Path, sources_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Deleting a claims file used to load fine, with that source's claims quietly gone.
    data = fact_folder(tmp_path)
    (data / "claims" / "bne-termez.yaml").unlink()
    assert main(["validate", "--data", str(data), "--sources", str(sources_dir)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"data/sources.yaml:{line_of(data / 'sources.yaml', 'id: bne-termez')}: id: "
        "source 'bne-termez' has no claims file: expected data/claims/bne-termez.yaml "
        "(restore it, or create it with `source: bne-termez` and `claims: []`)",
        f"FAILED: 1 error(s) in the fact files in {data}",
    ]


def test_a_source_with_an_empty_claims_file_is_valid(tmp_path: Path, sources_dir: Path) -> None:
    data = fact_folder(tmp_path)
    (data / "claims" / "bne-termez.yaml").write_text(
        "source: bne-termez\nclaims: []\n", encoding="utf-8"
    )
    facts, errors = check_fact_folder(data, sources_dir)
    assert errors == []
    assert len(facts.sources) == 2


def test_a_claim_id_with_another_sources_prefix_fails(tmp_path: Path, sources_dir: Path) -> None:
    data, errors = errors_of(tmp_path, sources_dir, "claim-id-prefix")
    assert errors == [
        FactError(
            "data/claims/bne-termez.yaml",
            line_of(data / "claims" / "bne-termez.yaml", "id: jamestown-005"),
            "id",
            "the prefix of 'jamestown-005' names source 'jamestown-iskp-rockets', but the claim "
            "cites 'bne-termez': number it 'bne-cNNN', or move it to the claims of the source "
            "it names",
        )
    ]


def test_claims_in_a_file_not_named_for_their_source_fail(
    tmp_path: Path, sources_dir: Path
) -> None:
    data, errors = errors_of(tmp_path, sources_dir, "misfiled-claims")
    assert errors == [
        FactError(
            "data/claims/termez-extra.yaml",
            line_of(data / "claims" / "termez-extra.yaml", "source: bne-termez"),
            "source",
            "claims of source 'bne-termez' belong in data/claims/bne-termez.yaml: move them "
            "there, or fix this header if they cite another source",
        )
    ]


def test_bad_dates_fail(tmp_path: Path, sources_dir: Path) -> None:
    data, errors = errors_of(tmp_path, sources_dir, "bad-date")
    claims, events = data / "claims" / "bne-termez.yaml", data / "events.yaml"
    assert errors == [
        FactError(
            "data/claims/bne-termez.yaml",
            line_of(claims, "April 18, 2022"),
            "stated_on",
            "'April 18, 2022' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, "
            "as precise as the source",
        ),
        FactError(
            "data/claims/bne-termez.yaml",
            line_of(claims, '"2022-13"'),
            "valid_from",
            "'2022-13' is not a calendar date",
        ),
        FactError(
            "data/events.yaml",
            line_of(events, "2022-02-30"),
            "date",
            "'2022-02-30' is not a calendar date",
        ),
        FactError(
            "data/events.yaml",
            line_of(events, "end_date"),
            "end_date",
            "ends (2022-04-17) before it starts (2022-04-18)",
        ),
    ]


def test_dates_that_cannot_all_be_true_fail(tmp_path: Path, sources_dir: Path) -> None:
    data, errors = errors_of(tmp_path, sources_dir, "impossible-dates")
    claims = data / "claims" / "bne-termez.yaml"
    file = "data/claims/bne-termez.yaml"
    assert errors == [
        FactError(
            file,
            line_of(claims, 'stated_on: "2022-05-01"'),
            "stated_on",
            "stated on 2022-05-01, after its source 'bne-termez' was published (2022-04-21): "
            "a document cannot report what was not yet said",
        ),
        FactError(
            file,
            line_of(claims, 'valid_until: "2021"'),
            "valid_until",
            "the period ends (2021) before the event 'rocket-attack-termez-2022-04-18' "
            "happened (2022-04-18)",
        ),
        FactError(
            file,
            line_of(claims, 'valid_until: "2022-03"'),
            "valid_until",
            "ends (2022-03) before it starts (2022-04)",
        ),
        FactError(
            file,
            line_of(claims, 'valid_from: "2022-05"'),
            "valid_from",
            "the period starts (2022-05) after the event 'rocket-attack-termez-2022-04-18' "
            "was over (2022-04-18)",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("2022", True),
        ("2022-05", True),
        ("2022-05-07", True),
        ("2024-02-29", True),
        ("2022-02-29", False),
        ("2022-00", False),
        ("22-05-07", False),
        ("2022/05/07", False),
        ("2022-5-7", False),
    ],
)
def test_date_forms(text: str, ok: bool) -> None:
    assert (date_problem(text) is None) is ok


def test_a_duplicate_id_names_both_places(tmp_path: Path, sources_dir: Path) -> None:
    data, errors = errors_of(tmp_path, sources_dir, "duplicate-id")
    bne = data / "claims" / "bne-termez.yaml"
    assert errors == [
        FactError(
            "data/claims/jamestown-iskp-rockets.yaml",
            line_of(data / "claims" / "jamestown-iskp-rockets.yaml", "id: j-004"),
            "id",
            f"duplicate id 'j-004': already defined at data/claims/bne-termez.yaml:"
            f"{line_of(bne, 'id: j-004')}",
        ),
        FactError(
            "data/places.yaml",
            line_of(data / "places.yaml", "id: taliban"),
            "id",
            "duplicate id 'taliban': already defined at data/actors.yaml:"
            f"{line_of(data / 'actors.yaml', 'id: taliban')}",
        ),
    ]


def test_malformed_yaml_is_the_only_error(tmp_path: Path, sources_dir: Path) -> None:
    # actors.yaml cannot be read: the claims' references to actors are not reported as well.
    _, errors = errors_of(tmp_path, sources_dir, "malformed-yaml")
    assert len(errors) == 1
    assert (errors[0].file, errors[0].field) == ("data/actors.yaml", "<yaml>")
    assert errors[0].message.startswith("malformed YAML: found unexpected end of stream")


def test_domain_and_range_violations(tmp_path: Path, sources_dir: Path) -> None:
    data, errors = errors_of(tmp_path, sources_dir, "domain-range")
    claims = data / "claims" / "bne-termez.yaml"
    assert errors == [
        FactError(
            "data/claims/bne-termez.yaml",
            line_of(claims, "subject: iskp"),
            "subject",
            "'iskp' is an armed group (actor), not a person",
        ),
        FactError(
            "data/claims/bne-termez.yaml",
            line_of(claims, "object: place-termez"),
            "object",
            "'place-termez' is a settlement (place), not an event",
        ),
        FactError(
            "data/claims/bne-termez.yaml",
            line_of(claims, "claimant: place-termez"),
            "claimant",
            "'place-termez' is a settlement (place), not an actor",
        ),
    ]


def test_duplicate_claims_and_alias_collisions(tmp_path: Path, sources_dir: Path) -> None:
    data, errors = errors_of(tmp_path, sources_dir, "duplicate-claim")
    claims, actors = data / "claims" / "bne-termez.yaml", data / "actors.yaml"
    assert errors == [
        FactError(
            "data/actors.yaml",
            line_of(actors, '"GKNB", "taliban"'),
            "aliases",
            f"'taliban' also names actor 'taliban' (data/actors.yaml:"
            f"{line_of(actors, 'name: "Taliban"')}); a name or alias may name only one actor",
        ),
        FactError(
            "data/claims/bne-termez.yaml",
            line_of(claims, "id: b-003-again"),
            "id",
            f"claim 'b-003-again' repeats claim 'b-003' (data/claims/bne-termez.yaml:"
            f"{line_of(claims, 'id: b-003')}): same subject, relation, object, source, "
            "claimant, stance and quote",
        ),
    ]


def test_wrong_classes_relations_and_stances(tmp_path: Path, sources_dir: Path) -> None:
    data = fact_folder(tmp_path)
    facts, _ = read_fact_files(data)
    facts.entities["place-termez"] = replace(facts.entities["place-termez"], class_key="town")
    facts.entities["iskp"] = replace(facts.entities["iskp"], class_key="district")
    facts.claims["b-004"] = replace(facts.claims["b-004"], relation="speaks-for")
    facts.claims["b-005"] = replace(facts.claims["b-005"], stance="claims")  # type: ignore[arg-type]
    messages = {(e.field, e.message) for e in validate_facts(facts, sources_dir)}
    assert (
        "class",
        "unknown class 'town'; place classes: country, district, facility, region, settlement",
    ) in messages
    assert (
        "class",
        "'district' is a place class; actor classes: "
        "armed_group, collective, international_organisation, media_outlet, movement, "
        "person, state, state_agency",
    ) in messages
    assert ("relation", "unknown relation 'speaks-for'; did you mean 'speaks_for'?") in messages
    expected = "stance must be one of 'asserts', 'denies', 'questions', not 'claims'"
    assert ("stance", expected) in messages


def test_load_and_validate_raises_with_every_error(tmp_path: Path, sources_dir: Path) -> None:
    with pytest.raises(InvalidFacts) as raised:
        load_and_validate(fact_folder(tmp_path, "bad-date"), sources_dir)
    assert len(raised.value.errors) == 4
    assert "4 error(s) in the fact files" in str(raised.value)


def test_the_real_data_validates(data_dir: Path, sources_dir: Path) -> None:
    if not list((data_dir / "claims").glob("*.yaml")):
        pytest.skip("data/claims has no claim files yet (the curated facts are being written)")
    facts, errors = check_fact_folder(data_dir, sources_dir)
    assert [str(e) for e in errors] == []
    assert len(facts.sources) == 5


def test_the_cli_exits_0_on_valid_facts(
    tmp_path: Path, sources_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = fact_folder(tmp_path)
    assert main(["validate", "--data", str(data), "--sources", str(sources_dir)]) == 0
    assert capsys.readouterr().out == "OK: 2 sources, 7 actors, 2 events, 3 places, 9 claims\n"


def test_the_cli_exits_1_and_prints_each_error(
    tmp_path: Path, sources_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = fact_folder(tmp_path, "unknown-actor")
    assert main(["validate", "--data", str(data), "--sources", str(sources_dir)]) == 1
    lines = capsys.readouterr().out.splitlines()
    claims = data / "claims" / "bne-termez.yaml"
    assert lines == [
        f"data/claims/bne-termez.yaml:{line_of(claims, 'subject: iskp-k')}: subject: "
        "unknown actor 'iskp-k'; did you mean 'iskp'?",
        f"data/claims/bne-termez.yaml:{line_of(claims, 'claimant: gknb')}: claimant: "
        "unknown actor 'gknb'; did you mean 'scns'?",
        f"FAILED: 2 error(s) in the fact files in {data}",
    ]
