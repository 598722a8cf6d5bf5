"""``actorgraph import``: claims from a spreadsheet into the fact files, all of them or none.

Every test imports into a copy (the fixture folder, or the real ``data/``) in ``tmp_path``,
through the real command where the output matters, and checks the result with the validator.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest
from fact_folders import fact_folder, line_of

from cli.main import main
from loaders.spreadsheet import TEMPLATE, ImportConflict, id_ranges, plan_import, write_import
from loaders.spreadsheet_yaml import CannotAppend, append_records
from ontology.fact_files import read_fact_files
from ontology.facts import FactSet
from ontology.validate import load_and_validate

REAL_DATA = Path(__file__).resolve().parent.parent / "data"
S004 = "s004-caci-tajik-taliban"
S004_FILE = f"claims/{S004}.yaml"
HEADER = ["subject", "relation", "object", "quote", "source", "claimant", "stance"]


def real_data(tmp_path: Path) -> Path:
    """A copy of the curated fact folder at ``<tmp>/data``."""
    return Path(shutil.copytree(REAL_DATA, tmp_path / "data"))


def next_ids(data: Path, count: int) -> list[str]:
    """The ids the next ``count`` claims of s004 get: after the highest number in use."""
    used = [int(i.rsplit("-c", 1)[1]) for i in read_fact_files(data)[0].claims if "s004-c" in i]
    return [f"s004-c{max(used) + n:03d}" for n in range(1, count + 1)]


def write_csv(path: Path, rows: list[list[str]], *, bom: bool = False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by relative path: to show that nothing was written."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["import", *args])
    out, err = capsys.readouterr()
    return code, out, err


TEN_ROWS = [
    # mixed case, another order, a column of the CSV export (ignored)
    ["Subject", "RELATION", "object", "Quote", "source", "claimant", "stance", "Valid_From",
     "status", "Hedge"],
    ["Tajik Taliban", "affiliated with", "the Taliban", "A Taliban-affiliated group", S004,
     "Sudha Ramachandran", "asserts", "2022-07", "asserted", ""],
    ["TTT", "HOSTILE_TO", "ISKP", "more clashes between the TTT and the ISKP", S004,
     "sudha-ramachandran", "asserts", "", "", ""],
    ["ttt", "hostile_to", "National  Resistance  Force",
     "they are targeting the Afghan Tajik-dominated anti-Taliban National Resistance Force (NRF)",
     S004, "Dr. Sudha Ramachandran", "asserts", "", "", ""],
    # straight apostrophe where the source has a typographic one: the same, as the validator says
    ["Tajikistan's government", "gives sanctuary to", "NRF",
     "Tajikistan's government, which is said to be sheltering", S004, "Sudha Ramachandran",
     "asserts", "", "", "reported"],
    ["Taliban regime", "protects", "TTT",
     "enjoys the protection of and proximity to the Taliban regime", S004,
     "Sudha Ramachandran", "asserts", "", "", ""],
    ["Taliban", "hostile to", "Tajik government",
     "The Taliban and the Tajik government have a history of enmity", S004,
     "Sudha Ramachandran", "asserts", "", "", ""],
    ["ISKP", "claims responsibility for", "Rocket attack from Hojagor into Tajikistan",
     "The ISKP claimed responsibility for the missile attacks", "004_2b500f95c8c559aa.txt",
     "Sudha Ramachandran", "Asserts", "", "", ""],
    ["TTT", "operates in", "Badakhshan province",
     "in charge of the security of five districts in Afghanistan’s Badakhshan province", S004,
     "Sudha Ramachandran", "asserts", "", "", ""],
    # "Tajikistan" names the state and the country: located_in takes a place, so the country
    ["Gorno-Badakhshan", "located in", "Tajikistan", "The Tajik region of Gorno-Badakhshan",
     S004, "Sudha Ramachandran", "asserts", "", "", ""],
    ["Mahdi Arsalan", "leads", "TTT",
     "the group is reportedly led by Muhammad Sharipov aka Mahdi Arsalan", S004,
     "Sudha Ramachandran", "asserts", "", "", "Reported"],
]  # fmt: skip


def test_ten_rows_import_with_one_command_and_validate(
    tmp_path: Path, sources_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = real_data(tmp_path)
    before = (data / S004_FILE).read_bytes()
    count = len(read_fact_files(data)[0].claims)
    ids = next_ids(data, 10)
    sheet = write_csv(tmp_path / "claims.csv", TEN_ROWS, bom=True)
    code, out, err = run(capsys, str(sheet), "--data", str(data), "--sources", str(sources_dir))
    assert (code, err) == (0, "")
    assert out == f"imported 10 claims into data/{S004_FILE} ({ids[0]}..{ids[9]})\n"
    after = (data / S004_FILE).read_bytes()
    # appended to the claims list, before the retired ids: every existing byte kept
    cut = before.rstrip().rfind(b"\n\nretired:") + 1 or len(before)
    assert after.startswith(before[:cut]) and after.endswith(before[cut:])
    added = after[cut : len(after) - (len(before) - cut)]
    assert added.decode().startswith(f"  - id: {ids[0]}\n    subject: ttt\n")
    facts = load_and_validate(data, sources_dir)
    assert len(facts.claims) == count + 10
    got = {
        c.id: (c.subject, c.relation, c.object, c.claimant, c.stance) for c in facts.claims.values()
    }
    assert got[ids[0]] == (
        "ttt",
        "affiliated_with",
        "taliban",
        "sudha-ramachandran",
        "asserts",
    )
    assert facts.claims[ids[0]].valid_from == "2022-07"
    assert got[ids[2]][2] == "nrf"  # an alias, whitespace collapsed
    assert got[ids[3]][:3] == ("tajikistan", "gives_sanctuary_to", "nrf")
    assert facts.claims[ids[3]].hedge == facts.claims[ids[9]].hedge == "reported"
    assert facts.claims[ids[0]].hedge is None
    assert got[ids[6]][1:3] == (
        "claims_responsibility_for",
        "rocket-attack-tajikistan-2022-05-07",
    )
    assert got[ids[6]][4] == "asserts"
    assert got[ids[8]][:3] == ("place-gorno-badakhshan", "located_in", "place-tajikistan")
    assert got[ids[9]][:3] == ("mahdi-arsalan", "leads", "ttt")


def test_importing_the_same_rows_again_is_refused_as_duplicates(
    tmp_path: Path, sources_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = real_data(tmp_path)
    first, second, third, fourth = next_ids(data, 4)
    sheet = write_csv(tmp_path / "claims.csv", TEN_ROWS[:3])
    assert run(capsys, str(sheet), "--data", str(data), "--sources", str(sources_dir))[0] == 0
    files = snapshot(data)
    code, out, err = run(capsys, str(sheet), "--data", str(data), "--sources", str(sources_dir))
    assert (code, out) == (2, "")
    lines = [line_of(data / S004_FILE, f"id: {i}") for i in (first, second)]
    same = "same subject, relation, object, source, claimant, stance and quote"
    assert err.splitlines() == [
        f"{sheet}:2: id: claim '{third}' repeats claim '{first}' (data/{S004_FILE}:{lines[0]}): "
        + same,
        f"{sheet}:3: id: claim '{fourth}' repeats claim '{second}' (data/{S004_FILE}:{lines[1]}): "
        + same,
        f"2 error(s): nothing imported from {sheet}",
    ]
    assert snapshot(data) == files


def ambiguous_fixture(tmp_path: Path) -> Path:
    """The fixture folder with a second place named "Termez" (a district beside the town)."""
    data = fact_folder(tmp_path)
    with (data / "places.yaml").open("a", encoding="utf-8") as out:
        out.write(
            '  - id: place-termez-district\n    name: "Termez district"\n'
            '    class: district\n    aliases: ["Termez"]\n'
        )
    return data


def test_a_bad_row_is_refused_with_its_row_and_column_and_nothing_is_written(
    tmp_path: Path, sources_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ambiguous_fixture(tmp_path)
    files = snapshot(data)
    good = ["ISKP", "hostile to", "Taliban", "the ISIS and ISKP are foes of the Taliban",
            "bne-termez", "bne IntelliNews", "asserts", ""]  # fmt: skip
    rows = [
        [*HEADER, "valid_from"],
        good,
        ["iskp-k", *good[1:]],
        [*good[:3], "ISKP fired twenty rockets at Termez", *good[4:]],
        [*good[:3], "partly due to clashes over Salafism", *good[4:7], "2022-13"],
        [*good[:3], "", *good[4:]],
        ["Rocket attack on Termez", "occurred in", "Termez", "the border town of Termez",
         "bne-termez", "bne IntelliNews", "asserts", ""],
    ]  # fmt: skip
    sheet = write_csv(tmp_path / "claims.csv", rows)
    code, out, err = run(capsys, str(sheet), "--data", str(data), "--sources", str(sources_dir))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"{sheet}:3: subject: unknown actor 'iskp-k'; did you mean 'iskp' (Islamic State "
        "Khorasan Province, armed group)?",
        f"{sheet}:4: quote: quote not found verbatim in source 'bne-termez' "
        "(003_2faadf30c8d3bcd7.txt): no part of the quote's start ('ISKP fired twenty rockets "
        "at T...') occurs in the source",
        f"{sheet}:5: valid_from: '2022-13' is not a calendar date",
        f"{sheet}:6: quote: blank: every claim needs one",
        f"{sheet}:7: object: 'Termez' names 2 entities: 'place-termez' (Termez, settlement), "
        "'place-termez-district' (Termez district, district); write the id",
        f"5 error(s): nothing imported from {sheet}",
    ]
    assert snapshot(data) == files


def test_an_unknown_column_is_refused_by_name(
    tmp_path: Path, sources_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = fact_folder(tmp_path)
    files = snapshot(data)
    rows = [[*HEADER, "stated_om", "relation_id"],
            ["iskp", "hostile_to", "taliban", "a sworn enemy of the Taliban", "bne-termez",
             "bne-intellinews", "asserts", "2022", "r1"]]  # fmt: skip
    sheet = write_csv(tmp_path / "claims.csv", rows)
    code, _, err = run(capsys, str(sheet), "--data", str(data), "--sources", str(sources_dir))
    assert code == 2
    assert err.splitlines()[0] == (
        f"{sheet}:1: stated_om: unknown column 'stated_om'; did you mean 'stated_on'? (columns: "
        "subject, relation, object, quote, source, claimant, stance, id, stated_on, valid_from, "
        "valid_until, note, hedge, voiced_by, via, statement, date_basis)"
    )
    assert snapshot(data) == files


def test_ids_continue_the_numbering_of_their_source(tmp_path: Path, sources_dir: Path) -> None:
    data = real_data(tmp_path)
    rows = [["id", *HEADER], ["s004-c900", *TEN_ROWS[1][:7]], ["", *TEN_ROWS[2][:7]],
            ["", *TEN_ROWS[7][:7]]]  # fmt: skip
    plan = plan_import(write_csv(tmp_path / "claims.csv", rows), data, sources_dir)
    assert plan.errors == ()
    assert [a.claim_ids for a in plan.additions] == [("s004-c900", "s004-c901", "s004-c902")]
    assert plan.summary() == (f"imported 3 claims into data/{S004_FILE} (s004-c900..s004-c902)")
    taken = [["id", *HEADER], ["s004-c001", *TEN_ROWS[1][:7]], ["s000-c900", *TEN_ROWS[2][:7]]]
    plan = plan_import(write_csv(tmp_path / "taken.csv", taken), data, sources_dir)
    assert [str(e) for e in plan.errors] == [
        f"{tmp_path / 'taken.csv'}:2: id: id 's004-c001' is taken (data/{S004_FILE}:"
        f"{line_of(data / S004_FILE, 'id: s004-c001')})",
        f"{tmp_path / 'taken.csv'}:3: id: 's000-c900' is not an id of source '{S004}': number "
        "it 's004-cNNN', or leave the cell blank for the next free one",
    ]


def test_id_ranges_shorten_runs() -> None:
    ids = ("s004-c200", "s004-c010", "s004-c009", "s004-c011", "s004-c300")
    assert id_ranges(ids) == "s004-c009..s004-c011, s004-c200, s004-c300"
    assert id_ranges(ids, most=2) == "s004-c009..s004-c011, s004-c200 and 1 more"


def test_the_template_imports_cleanly_into_the_real_data(
    tmp_path: Path, sources_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = real_data(tmp_path)
    files = snapshot(data)
    code, out, err = run(
        capsys, str(TEMPLATE), "--dry-run", "--data", str(data), "--sources", str(sources_dir)
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[-1].startswith("dry run: would import 2 claims: ")
    assert (
        f"  - id: {next_ids(data, 1)[0]}\n    subject: tajikistan\n    relation: hostile_to\n"
        in out
    )
    assert snapshot(data) == files
    code, out, _ = run(capsys, "--template")
    assert (code, out) == (0, TEMPLATE.read_text(encoding="utf-8"))


def test_an_xlsx_sheet_imports_with_its_dates_at_their_precision(
    tmp_path: Path, sources_dir: Path
) -> None:
    import datetime as dt

    data = fact_folder(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([*HEADER, "valid_from", "stated_on"])
    quote = "partly due to clashes over Salafism"
    april, day = dt.datetime(2022, 4, 1), dt.datetime(2022, 4, 21)
    row = ["iskp", "hostile to", "Taliban", quote, "bne-termez", "bne-intellinews", "asserts"]
    sheet.append([*row, april, day])
    sheet["H2"].number_format = "mmm yyyy"  # a month, shown as a month: it stays one
    sheet["I2"].number_format = "yyyy-mm-dd"
    book.save(tmp_path / "claims.xlsx")
    plan = plan_import(tmp_path / "claims.xlsx", data, sources_dir)
    assert plan.errors == ()
    write_import(plan)
    claim = load_and_validate(data, sources_dir).claims["bne-c001"]
    assert (claim.valid_from, claim.stated_on) == ("2022-04", "2022-04-21")


def test_a_semicolon_csv_reads_too(tmp_path: Path, sources_dir: Path) -> None:
    data = fact_folder(tmp_path)
    sheet = tmp_path / "claims.csv"
    sheet.write_text(
        ";".join(HEADER) + "\niskp;hostile_to;taliban;a sworn enemy of the Taliban;bne-termez;"
        "bne-intellinews;denies\n",
        encoding="utf-8",
    )
    plan = plan_import(sheet, data, sources_dir)
    assert plan.errors == ()
    assert plan.claim_count == 1


def test_appending_keeps_the_files_text_and_fills_empty_lists() -> None:
    record = [["- id: x-c002", "  subject: a"]]
    text = "# a comment\nsource: x\nclaims:\n  # first\n  - id: x-c001\n    subject: b\n# end\n"
    after, block, line = append_records(text, record)
    assert after == text + "  - id: x-c002\n    subject: a\n"
    assert (block, line) == ("  - id: x-c002\n    subject: a\n", 8)
    assert append_records("source: x\nclaims: []\n", record)[0] == (
        "source: x\nclaims:\n  - id: x-c002\n    subject: a\n"
    )
    # a list that is not the last key: the records go right after its last item
    after, _, line = append_records("claims:\n  - id: x-c001\n\nsource: x  # header\n", record)
    assert (
        after == "claims:\n  - id: x-c001\n  - id: x-c002\n    subject: a\n\nsource: x  # header\n"
    )
    assert line == 3
    assert append_records("claims:\nsource: x\n", record)[0] == (
        "claims:\n  - id: x-c002\n    subject: a\nsource: x\n"
    )
    with pytest.raises(CannotAppend):
        append_records("source: x\nclaims: [{id: x-c001}]\n", record)


def test_an_export_of_the_curated_claims_imports_back_to_the_same_facts(
    tmp_path: Path, sources_dir: Path, curated_facts: FactSet
) -> None:
    """The round trip: the CSV tables of ``actorgraph export`` (claims.csv), imported into
    emptied claims files, validate and give the same claims and so the same graph."""
    from services.export import build_network
    from services.export.tables import write_tables_folder

    write_tables_folder(build_network(curated_facts), tmp_path / "tables")
    sheet = tmp_path / "tables" / "claims.csv"
    data = real_data(tmp_path)
    for path in (data / "claims").glob("*.yaml"):
        path.write_text(f"source: {path.stem}\nclaims: []\n", encoding="utf-8")
    assert load_and_validate(data, sources_dir).claims == {}
    plan = plan_import(sheet, data, sources_dir)
    assert plan.errors == ()
    write_import(plan)
    facts = load_and_validate(data, sources_dir)
    assert facts.claims == curated_facts.claims
    assert facts.claims_by_edge().keys() == curated_facts.claims_by_edge().keys()


def test_a_file_changed_after_the_check_stops_the_write(tmp_path: Path, sources_dir: Path) -> None:
    data = fact_folder(tmp_path)
    rows = [HEADER, ["iskp", "hostile_to", "taliban", "partly due to clashes over Salafism",
                     "bne-termez", "bne-intellinews", "asserts"]]  # fmt: skip
    plan = plan_import(write_csv(tmp_path / "claims.csv", rows), data, sources_dir)
    assert plan.errors == ()
    claims = data / "claims" / "bne-termez.yaml"
    claims.write_text(claims.read_text(encoding="utf-8") + "# edited meanwhile\n", "utf-8")
    files = snapshot(data)
    with pytest.raises(ImportConflict, match=r"bne-termez\.yaml changed while the import"):
        write_import(plan)
    assert snapshot(data) == files
