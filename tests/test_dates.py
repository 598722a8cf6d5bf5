"""Partial ISO dates: ``ontology/dates.py``, and its twin in the browser.

The date functions of ``services/view/assets/view.js`` cannot import the module, so these tests
run the real script lines in node on one table of dates and check that they agree with it (the
time question built on them has its own twin test, ``tests/test_relation_filter.py``).
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
  end: cases.dates.map(periodEnd)
}));
"""
    )
    done = subprocess.run(
        [node, "-e", script], input=json.dumps(cases), capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_view_js_dates_agree_with_the_module() -> None:
    js = _run_js({"dates": DATES})
    assert js["start"] == [period_start(d) for d in DATES]
    assert js["end"] == [period_end(d) for d in DATES]
