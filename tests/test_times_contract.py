"""The contract's time table (shared/spec/records.md), reference date 2022-08-10."""

from __future__ import annotations

import datetime as dt

import pytest

from vnextract.context import Analysis
from vnextract.extractors.times import extract_times

REFERENCE = dt.date(2022, 8, 10)

# text, grain, start, end, modifier, part, year_inferred, datetime
CONTRACT_TABLE = [
    ("Ngày 8-8", "day", "2022-08-08", "2022-08-08", None, None, True, None),
    (
        "19/05/2024, 20:46[GMT+7]",
        "minute",
        "2024-05-19",
        "2024-05-19",
        None,
        None,
        False,
        "2024-05-19T20:46:00+07:00",
    ),
    ("tháng 3/2022", "month", "2022-03-01", "2022-03-31", None, None, False, None),
    ("Quý I/2024", "quarter", "2024-01-01", "2024-03-31", None, None, False, None),
    ("6 tháng đầu năm 2022", "half", "2022-01-01", "2022-06-30", None, None, False, None),
    ("4 tháng đầu năm 2024", "month", "2024-01-01", "2024-04-30", None, None, False, None),
    ("6 tháng cuối năm", "half", "2022-07-01", "2022-12-31", None, None, True, None),
    ("năm 2022", "year", "2022-01-01", "2022-12-31", None, None, False, None),
    ("giai đoạn 2022-2025", "year", "2022-01-01", "2025-12-31", None, None, False, None),
    ("đến năm 2030", "year", "2030-01-01", "2030-12-31", "until", None, False, None),
    ("từ 19/8/2020", "day", "2020-08-19", "2020-08-19", "since", None, False, None),
    ("trước tháng 12/2024", "month", "2024-12-01", "2024-12-31", "before", None, False, None),
    ("cuối năm 2021", "year", "2021-01-01", "2021-12-31", None, "late", False, None),
    ("năm nay", "year", "2022-01-01", "2022-12-31", None, None, True, None),
    ("năm ngoái", "year", "2021-01-01", "2021-12-31", None, None, True, None),
]


def only_time(text: str, reference: dt.date = REFERENCE):
    found = extract_times(Analysis(text, reference))
    assert len(found) == 1, [t.record.text for t in found]
    return found[0].record


@pytest.mark.parametrize(
    ("text", "grain", "start", "end", "modifier", "part", "inferred", "stamp"), CONTRACT_TABLE
)
def test_times_contract_table(text, grain, start, end, modifier, part, inferred, stamp) -> None:
    t = only_time(text)
    assert t.text == text
    assert (t.grain, t.start_date.isoformat(), t.end_date.isoformat()) == (grain, start, end)
    assert (t.modifier, t.part, t.year_inferred) == (modifier, part, inferred)
    assert (t.datetime.isoformat() if t.datetime else None) == stamp


@pytest.mark.parametrize("text", ["cùng kỳ", "so với cùng kỳ, tăng 10%"])
def test_times_bare_cung_ky_is_not_a_time(text: str) -> None:
    assert extract_times(Analysis(text, REFERENCE)) == []


def test_times_cung_ky_with_year_contains_the_year() -> None:
    t = only_time("gấp 1,6 lần so với cùng kỳ năm 2021")
    assert t.text == "năm 2021"
    assert t.start_date == dt.date(2021, 1, 1)
