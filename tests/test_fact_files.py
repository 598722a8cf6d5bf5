"""Reading fact files: records with their origins; structural errors name file, line, field."""

from __future__ import annotations

from pathlib import Path

from fact_folders import fact_folder, line_of

from ontology.errors import FactError
from ontology.fact_files import expected_kind, read_fact_files


def test_the_valid_folder_reads_without_errors(tmp_path: Path) -> None:
    facts, errors = read_fact_files(fact_folder(tmp_path))
    assert errors == []
    assert sorted(facts.sources) == ["bne-termez", "jamestown-iskp-rockets"]
    assert len(facts.entities) == 12
    assert len(facts.claims) == 9


def test_records_keep_their_file_and_lines(tmp_path: Path) -> None:
    data = fact_folder(tmp_path)
    facts, _ = read_fact_files(data)
    claims_file = data / "claims" / "jamestown-iskp-rockets.yaml"
    claim = facts.claims["j-003"]
    assert claim.origin.file == "data/claims/jamestown-iskp-rockets.yaml"
    assert claim.origin.line == line_of(claims_file, "id: j-003")
    assert claim.origin.line_of("quote") == line_of(claims_file, "quote: 'claimed that")
    assert claim.origin.line_of("stance") == line_of(claims_file, "stance: denies")
    # The source comes from the file header, and errors about it point there.
    assert claim.source == "jamestown-iskp-rockets"
    assert claim.origin.line_of("source") == line_of(claims_file, "source: jamestown")
    actor = facts.entities["scns"]
    assert actor.origin.file == "data/actors.yaml"
    assert actor.origin.line_of("aliases") == line_of(data / "actors.yaml", '["GKNB", "SCNS"]')


def test_values_are_kept_as_written(tmp_path: Path) -> None:
    facts, _ = read_fact_files(fact_folder(tmp_path))
    # A date stays the text the curator wrote, not a datetime.date.
    assert facts.entities["rocket-attack-2022-05-07"].date == "2022-05-07"
    assert facts.sources["jamestown-iskp-rockets"].published == "2022"
    # A quote folded over two lines reads as one line of text.
    assert facts.claims["j-004"].quote == (
        "a shootout between Taliban and ISKP forces near the Afghan-Tajik border"
    )
    assert facts.claims["j-003"].note == "The GKNB says only bullets crossed, not rockets."
    assert facts.claims["j-001"].stated_on == "2022-05-07"
    assert facts.claims["j-001"].valid_until is None
    assert facts.sources["bne-termez"].url == "https://www.intellinews.com/"
    assert facts.sources["jamestown-iskp-rockets"].url is None
    # Aliases in one order, whatever order they were written in (RDF keeps a set).
    assert facts.entities["iskp"].aliases == ("ISKP", "Islamic State in Khorasan Province")


def test_expected_kind_follows_the_file(tmp_path: Path) -> None:
    facts, _ = read_fact_files(fact_folder(tmp_path))
    assert expected_kind(facts.entities["iskp"].origin) == "Actor"
    assert expected_kind(facts.entities["place-panj"].origin) == "Place"
    assert expected_kind(facts.entities["rocket-attack-2022-05-07"].origin) == "Event"
    assert expected_kind(facts.claims["j-001"].origin) is None


def test_malformed_yaml_names_the_line_and_column(tmp_path: Path) -> None:
    data = fact_folder(tmp_path, "malformed-yaml")
    _, errors = read_fact_files(data)
    actors = data / "actors.yaml"
    end_line = len(actors.read_text(encoding="utf-8").splitlines()) + 1
    assert errors == [
        FactError(
            "data/actors.yaml",
            end_line,
            "<yaml>",
            "malformed YAML: found unexpected end of stream at column 1 (while scanning a "
            f"quoted scalar that starts on line {line_of(actors, 'Khorasan Province')})",
        )
    ]


def test_malformed_yaml_at_a_bad_indent(tmp_path: Path) -> None:
    data = fact_folder(tmp_path)
    (data / "places.yaml").write_text(
        "places:\n  - id: place-panj\n    name: Panj\n   class: district\n", encoding="utf-8"
    )
    _, errors = read_fact_files(data)
    assert len(errors) == 1
    assert (errors[0].file, errors[0].line, errors[0].field) == ("data/places.yaml", 4, "<yaml>")
    assert errors[0].message.startswith("malformed YAML: ")
    assert "column 4" in errors[0].message


def test_structure_errors_name_file_line_and_field(tmp_path: Path) -> None:
    data = fact_folder(tmp_path, "structure")
    _, errors = read_fact_files(data)
    actors = data / "actors.yaml"
    allowed = "(allowed: id, name, class, aliases, description, valid_from, valid_until)"
    assert errors == sorted(
        [
            FactError(
                "data/actors.yaml",
                line_of(actors, "alias: "),
                "alias",
                f"unknown field 'alias'; did you mean 'aliases'? {allowed}",
            ),
            FactError(
                "data/actors.yaml",
                line_of(actors, 'aliases: "the Taliban"'),
                "aliases",
                "expected a list of names, e.g. [ISKP, IS-K]",
            ),
            FactError(
                "data/actors.yaml",
                line_of(actors, "- just a string"),
                "actors",
                "expected a record (a mapping of fields), not a value",
            ),
            FactError(
                "data/actors.yaml",
                line_of(actors, "name: {en:"),
                "name",
                "expected a single value, not a list or mapping",
            ),
            FactError(
                "data/actors.yaml",
                line_of(actors, "- id: uzbekistan"),
                "class",
                "missing required field 'class'",
            ),
            FactError(
                "data/places.yaml",
                1,
                "places",
                "missing top-level key 'places' (the list of places)",
            ),
            FactError(
                "data/places.yaml",
                line_of(data / "places.yaml", "place:"),
                "place",
                "unknown top-level key 'place'; did you mean 'places'? (allowed: places)",
            ),
        ]
    )


def test_missing_citation_fields_are_named(tmp_path: Path) -> None:
    data = fact_folder(tmp_path, "missing-citation")
    facts, errors = read_fact_files(data)
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
            "data/claims/no-source.yaml",
            1,
            "source",
            "missing top-level key 'source' (the id of the source these claims cite)",
        ),
    ]
    # The records are kept (with the field empty), so references to them still resolve.
    assert facts.claims["b-001"].quote == ""
    assert facts.claims["n-001"].source == ""


def test_a_duplicate_id_names_both_places(tmp_path: Path) -> None:
    data = fact_folder(tmp_path, "duplicate-id")
    facts, errors = read_fact_files(data)
    bne = data / "claims" / "bne-termez.yaml"
    jamestown = data / "claims" / "jamestown-iskp-rockets.yaml"
    assert errors == [
        FactError(
            "data/claims/jamestown-iskp-rockets.yaml",
            line_of(jamestown, "id: j-004"),
            "id",
            "duplicate id 'j-004': already defined at "
            f"data/claims/bne-termez.yaml:{line_of(bne, 'id: j-004')}",
        ),
        FactError(
            "data/places.yaml",
            line_of(data / "places.yaml", "id: taliban"),
            "id",
            "duplicate id 'taliban': already defined at "
            f"data/actors.yaml:{line_of(data / 'actors.yaml', 'id: taliban')}",
        ),
    ]
    assert facts.entities["taliban"].class_key == "armed_group"  # the first one is kept


def test_an_empty_file_and_a_missing_file(tmp_path: Path) -> None:
    data = fact_folder(tmp_path)
    (data / "events.yaml").write_text("# nothing yet\n", encoding="utf-8")
    (data / "places.yaml").unlink()
    _, errors = read_fact_files(data)
    assert errors == [
        FactError("data/events.yaml", 1, "<file>", "the file is empty"),
        FactError("data/places.yaml", 0, "<file>", "file not found"),
    ]


def test_an_empty_list_and_an_empty_id(tmp_path: Path) -> None:
    data = fact_folder(tmp_path)
    (data / "places.yaml").write_text("places:\n", encoding="utf-8")
    (data / "events.yaml").write_text(
        'events:\n  - id: ""\n    name: x\n    class: attack\n    date: "2022"\n',
        encoding="utf-8",
    )
    facts, errors = read_fact_files(data)
    assert errors == [FactError("data/events.yaml", 2, "id", "required field 'id' has no value")]
    assert not any(e.class_key == "attack" for e in facts.entities.values())
