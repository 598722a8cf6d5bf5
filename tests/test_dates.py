"""Partial ISO dates: ``ontology/dates.py``, and its twins in the database and the browser.

The prefix compare of ``queries/cypher/relations_search.cypher`` and the date functions of
``services/view/assets/view.js`` cannot import the module, so these tests run them (the real
query on the embedded store, the real script lines in node) on one table of dates and check
that they agree with it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from graph.falkordb_store import FalkorDBStore
from ontology.dates import (
    API_PATTERN,
    check_date,
    datatype_iri,
    date_problem,
    ends_before,
    period_end,
    period_start,
    precision,
    rdf_datatype,
)
from queries.catalog import get_query
from services.view.model import ViewEdge

VIEW_JS = Path(__file__).resolve().parents[1] / "services" / "view" / "assets" / "view.js"

DATES = [
    "1900-02",
    "2000-02",
    "2020",
    "2020-12-31",
    "2021",
    "2021-01",
    "2021-01-01",
    "2021-02",
    "2021-04",
    "2021-08",
    "2021-08-01",
    "2021-08-15",
    "2021-08-31",
    "2021-09",
    "2021-12",
    "2022",
    "2024-02",
    "2024-02-29",
]
"""Dates of each precision around year, month and leap-day boundaries."""

PAIRS = list(itertools.product(DATES, repeat=2))


# ---------------------------------------------------------------------- the module itself


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2021", "year"), ("2021-08", "month"), ("2021-08-15", "day"), ("2021-13", "month")],
)
def test_precision_is_read_from_the_shape(text: str, expected: str) -> None:
    assert precision(text) == expected


@pytest.mark.parametrize("text", ["", "21", "2021-8", "2021/08", "2021-08-15T00", "2021\n", "٢٠٢١"])
def test_what_has_no_date_shape_has_no_precision(text: str) -> None:
    assert precision(text) is None and rdf_datatype(text) is None and datatype_iri(text) is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2021", "2021-01-01", "2021-12-31"),
        ("2021-01", "2021-01-01", "2021-01-31"),
        ("2021-02", "2021-02-01", "2021-02-28"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2000-02", "2000-02-01", "2000-02-29"),  # divisible by 400: a leap year
        ("1900-02", "1900-02-01", "1900-02-28"),  # divisible by 100 only: not one
        ("2021-04", "2021-04-01", "2021-04-30"),
        ("2021-12", "2021-12-01", "2021-12-31"),
        ("2021-08-15", "2021-08-15", "2021-08-15"),
    ],
)
def test_a_period_runs_from_its_first_to_its_last_day(text: str, start: str, end: str) -> None:
    assert (period_start(text), period_end(text)) == (start, end)


def test_every_month_ends_the_day_before_the_next_begins() -> None:
    for year, month in itertools.product((1900, 2000, 2023, 2024), range(1, 13)):
        last = dt.date.fromisoformat(period_end(f"{year:04d}-{month:02d}"))
        assert (last + dt.timedelta(days=1)).day == 1 and last.month == month


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "April 18, 2022",
            "'April 18, 2022' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, "
            "as precise as the source",
        ),
        ("2022-13", "'2022-13' is not a calendar date"),
        ("2022-00", "'2022-00' is not a calendar date"),
        ("2021-02-29", "'2021-02-29' is not a calendar date"),
        ("0000", "'0000' is not a calendar date"),
        ("2021\n", None),  # a trailing newline is no date either (``$`` would allow it)
    ],
)
def test_bad_dates_are_named_in_curators_words(text: str, problem: str | None) -> None:
    found = date_problem(text)
    assert found == problem if problem else found is not None and "is not a date" in found


def test_check_date_names_the_field() -> None:
    assert check_date("2024-02-29") == "2024-02-29"
    with pytest.raises(ValueError, match=r"^since: '2021-02-29' is not a calendar date$"):
        check_date("2021-02-29", "since")
    with pytest.raises(ValueError, match=r"^as_of: '15/08/2021' is not a date"):
        check_date("15/08/2021")
    with pytest.raises(ValueError, match=r"^date: '2021-13' is not a calendar date$"):
        period_end("2021-13")


@pytest.mark.parametrize(("earlier", "later"), PAIRS)
def test_ends_before_compares_whole_periods(earlier: str, later: str) -> None:
    # At the coarser precision, one period is over before another begins exactly when its
    # last day comes before the other's first.
    assert ends_before(earlier, later) == (period_end(earlier) < period_start(later))


def test_datatypes_follow_the_precision() -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert [str(rdf_datatype(d)) for d in ("2021", "2021-08", "2021-08-15")] == [
        xsd + "gYear",
        xsd + "gYearMonth",
        xsd + "date",
    ]
    assert datatype_iri("2021-08") == "http://www.w3.org/2001/XMLSchema#gYearMonth"


def test_the_api_pattern_takes_the_shapes_check_date_takes() -> None:
    pattern = re.compile(API_PATTERN)
    for text in [*DATES, "2021-13", "2021-00", "2021-08-32", "21", "2021-8", "٢٠٢١"]:
        if pattern.match(text) is None:
            assert date_problem(text) is not None, text
    assert all(pattern.match(d) for d in DATES)


# ---------------------------------------------------------------------- the browser's twin


def _view_js_dates() -> str:
    """The lines of view.js between its "dates: begin" and "dates: end" markers."""
    text = VIEW_JS.read_text(encoding="utf-8")
    found = re.search(r"^ *// ---- dates: begin.*?^ *// ---- dates: end$", text, re.S | re.M)
    assert found, "view.js lost its '// ---- dates: begin' ... '// ---- dates: end' block"
    return found.group(0)


def _run_js(cases: dict[str, Any]) -> Any:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the view's JS date functions cannot be run")
    script = (
        _view_js_dates()
        + """
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify({
  start: cases.dates.map(periodStart),
  end: cases.dates.map(periodEnd),
  shown: cases.shown.map(function (c) { return shownAsOf(c.edge, c.asOf); })
}));
"""
    )
    done = subprocess.run(
        [node, "-e", script], input=json.dumps(cases), capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def _edges() -> list[ViewEdge]:
    """Edges dated every way the view meets: stated only, valid from, valid between."""
    edges = [ViewEdge("a", "hostile_to", "b", False, 1, first_stated=d) for d in DATES]
    edges += [ViewEdge("a", "hostile_to", "b", False, 1, valid_from=d) for d in DATES]
    edges += [
        ViewEdge("a", "hostile_to", "b", False, 1, valid_from=a, valid_until=b)
        for a, b in PAIRS
        if not ends_before(b, a)
    ]
    return [*edges, ViewEdge("a", "hostile_to", "b", False, 1)]  # and one with no date at all


def test_view_js_dates_agree_with_the_module() -> None:
    edges = _edges()
    shown = [
        {"edge": {"start": e.start, "end": e.end}, "asOf": as_of, "python": e.shown_as_of(as_of)}
        for e in edges
        for as_of in DATES
    ]
    js = _run_js({"dates": DATES, "shown": shown})
    assert js["start"] == [period_start(d) for d in DATES]
    assert js["end"] == [period_end(d) for d in DATES]
    disagree = [
        (c["edge"], c["asOf"], c["python"])
        for c, js_shown in zip(shown, js["shown"], strict=True)
        if c["python"] != js_shown
    ]
    assert not disagree


# ---------------------------------------------------------------------- the database's twin


def _edge_props(number: int, **dates: str | None) -> dict[str, Any]:
    return {"n": number, "props": {k: v for k, v in dates.items() if v is not None}}


def test_relations_search_dates_agree_with_the_module(tmp_path: Path) -> None:
    rows = [_edge_props(i, first_stated=d) for i, d in enumerate(DATES)]
    rows += [_edge_props(len(rows) + i, valid_from=d) for i, d in enumerate(DATES)]
    between = [(a, b) for a, b in PAIRS if not ends_before(b, a)]
    rows += [
        _edge_props(len(rows) + i, valid_from=a, valid_until=b) for i, (a, b) in enumerate(between)
    ]
    rows.append(_edge_props(len(rows)))  # no date at all: no window keeps it
    spans = {
        r["n"]: (
            r["props"].get("valid_from") or r["props"].get("first_stated"),
            r["props"].get("valid_until")
            or ("9999" if "valid_from" in r["props"] else r["props"].get("first_stated")),
        )
        for r in rows
    }
    store = FalkorDBStore(tmp_path / "db", "g")
    try:
        store.write(
            "UNWIND $rows AS row "
            "CREATE (:Entity {id: 's' + toString(row.n), name: 's' + toString(row.n)})"
            "-[r:HOSTILE_TO]->(:Entity {id: 'o' + toString(row.n), name: 'o'}) "
            "SET r = row.props, r.n = row.n",
            {"rows": rows},
        )
        query = get_query("relations_search")

        def kept(**window: str) -> set[int]:
            params = query.bind({"types": ["HOSTILE_TO"], "limit": len(rows), **window})
            found = store.read(query.cypher_for(store.backend), params)
            return {item["properties"]["n"] for item in found[0]["items"]}

        for probe in DATES:
            assert kept(since=probe) == {
                n for n, (_, end) in spans.items() if end and not ends_before(end, probe)
            }, f"since={probe}"
            assert kept(until=probe) == {
                n for n, (start, _) in spans.items() if start and not ends_before(probe, start)
            }, f"until={probe}"
    finally:
        store.close()
