"""Spec cases for every form of the time layer (fixed reference date), and the traps."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnextract import extract
from vnextract.context import Analysis
from vnextract.extractors.times import extract_times

REF = dt.date(2022, 8, 10)


def times(text: str, reference: dt.date | None = REF) -> list:
    return [t.record for t in extract_times(Analysis(text, reference))]


def one(text: str, span: str, reference: dt.date | None = REF):
    hits = [t for t in times(text, reference) if t.text == span]
    assert hits, f"{span!r} not found in {[t.text for t in times(text, reference)]}"
    return hits[0]


# text, span, grain, start, end, modifier, part
SPEC = [
    # days
    ("Sáng 25/12, Thủ tướng", "Sáng 25/12", "day", "2022-12-25", "2022-12-25", None, None),
    ("19/8/2020", "19/8/2020", "day", "2020-08-19", "2020-08-19", None, None),
    ("Hà Nội, ngày 10-02-2022 – Sáng", "ngày 10-02-2022", "day", "2022-02-10", "2022-02-10", None, None),
    ("ngày 5 tháng 9 năm 2023", "ngày 5 tháng 9 năm 2023", "day", "2023-09-05", "2023-09-05", None, None),
    ("mồng 3 tháng 3", "mồng 3 tháng 3", "day", "2022-03-03", "2022-03-03", None, None),
    (
        "Thứ Hai, 15/01/2024 - 09:30",
        "Thứ Hai, 15/01/2024 - 09:30",
        "minute",
        "2024-01-15",
        "2024-01-15",
        None,
        None,
    ),
    ("tối 11/5/2022", "tối 11/5/2022", "day", "2022-05-11", "2022-05-11", None, None),
    ("17 giờ ngày 1/7", "17 giờ ngày 1/7", "hour", "2022-07-01", "2022-07-01", None, None),
    (
        "Thứ 4, 24/04/2024 | 16:38:46",
        "Thứ 4, 24/04/2024 | 16:38:46",
        "second",
        "2024-04-24",
        "2024-04-24",
        None,
        None,
    ),
    ("từ ngày 27 đến 29/6/2024", "từ ngày 27 đến 29/6/2024", "day", "2024-06-27", "2024-06-29", None, None),
    # months
    ("tháng 10 năm 2023", "tháng 10 năm 2023", "month", "2023-10-01", "2023-10-31", None, None),
    ("tháng Mười năm 2023", "tháng Mười năm 2023", "month", "2023-10-01", "2023-10-31", None, None),
    ("tháng Tám", "tháng Tám", "month", "2022-08-01", "2022-08-31", None, None),
    ("tháng 7 này", "tháng 7 này", "month", "2022-07-01", "2022-07-31", None, None),
    ("cuối tháng 4/2022", "cuối tháng 4/2022", "month", "2022-04-01", "2022-04-30", None, "late"),
    # quarters
    ("quý 3 năm 2024", "quý 3 năm 2024", "quarter", "2024-07-01", "2024-09-30", None, None),
    ("quý II", "quý II", "quarter", "2022-04-01", "2022-06-30", None, None),
    ("cuối quý III", "cuối quý III", "quarter", "2022-07-01", "2022-09-30", None, "late"),
    ("đến hết Quý I/2024", "đến hết Quý I/2024", "quarter", "2024-01-01", "2024-03-31", "until", None),
    # halves and running periods
    ("3 tháng đầu năm", "3 tháng đầu năm", "quarter", "2022-01-01", "2022-03-31", None, None),
    ("9 tháng năm 2023", "9 tháng năm 2023", "month", "2023-01-01", "2023-09-30", None, None),
    ("nửa đầu năm nay", "nửa đầu năm nay", "half", "2022-01-01", "2022-06-30", None, None),
    # years and ranges
    ("2021–2025", "2021–2025", "year", "2021-01-01", "2025-12-31", None, None),
    ("từ năm 2021 đến 2025", "từ năm 2021 đến 2025", "year", "2021-01-01", "2025-12-31", None, None),
    ("năm học 2024-2025", "năm học 2024-2025", "year", "2024-01-01", "2025-12-31", None, None),
    ("Vụ Đông Xuân 2023-2024", "Vụ Đông Xuân 2023-2024", "year", "2023-01-01", "2024-12-31", None, None),
    # open-ended and bounded
    ("tầm nhìn đến năm 2030", "tầm nhìn đến năm 2030", "year", "2030-01-01", "2030-12-31", "until", None),
    ("định hướng đến năm 2030", "định hướng đến năm 2030", "year", "2030-01-01", "2030-12-31", "until", None),
    ("tính đến 14/3/2022", "tính đến 14/3/2022", "day", "2022-03-14", "2022-03-14", "until", None),
    ("kể từ tháng 11/2019", "kể từ tháng 11/2019", "month", "2019-11-01", "2019-11-30", "since", None),
    ("trước ngày 31/12/2025", "trước ngày 31/12/2025", "day", "2025-12-31", "2025-12-31", "before", None),
    ("sau ngày 1/7", "sau ngày 1/7", "day", "2022-07-01", "2022-07-01", "after", None),
    # parts
    ("đầu năm 2024", "đầu năm 2024", "year", "2024-01-01", "2024-12-31", None, "early"),
    ("giữa năm", "giữa năm", "year", "2022-01-01", "2022-12-31", None, "mid"),
    # relative to the reference date
    ("năm trước", "năm trước", "year", "2021-01-01", "2021-12-31", None, None),
    ("năm tới", "năm tới", "year", "2023-01-01", "2023-12-31", None, None),
    ("tháng trước", "tháng trước", "month", "2022-07-01", "2022-07-31", None, None),
    ("tháng này", "tháng này", "month", "2022-08-01", "2022-08-31", None, None),
    ("quý này", "quý này", "quarter", "2022-07-01", "2022-09-30", None, None),
    ("tuần trước", "tuần trước", "week", "2022-08-01", "2022-08-07", None, None),
    ("hôm nay", "hôm nay", "day", "2022-08-10", "2022-08-10", None, None),
    ("hôm qua", "hôm qua", "day", "2022-08-09", "2022-08-09", None, None),
    ("ngày mai", "ngày mai", "day", "2022-08-11", "2022-08-11", None, None),
    ("sáng nay", "sáng nay", "day", "2022-08-10", "2022-08-10", None, None),
    ("Đến nay, đã có", "Đến nay", "day", "2022-08-10", "2022-08-10", "until", None),
    ("hiện nay", "hiện nay", "day", "2022-08-10", "2022-08-10", "until", None),
    ("tính đến nay", "tính đến nay", "day", "2022-08-10", "2022-08-10", "until", None),
    ("đến thời điểm hiện tại", "đến thời điểm hiện tại", "day", "2022-08-10", "2022-08-10", "until", None),
]


@pytest.mark.parametrize(("text", "span", "grain", "start", "end", "modifier", "part"), SPEC)
def test_times_forms_resolve(text, span, grain, start, end, modifier, part) -> None:
    t = one(text, span)
    assert (t.grain, t.start_date.isoformat(), t.end_date.isoformat()) == (grain, start, end)
    assert (t.modifier, t.part) == (modifier, part)


@pytest.mark.parametrize(
    ("text", "span", "inferred"),
    [
        ("Sáng 25/12", "Sáng 25/12", True),
        ("tháng 9", "tháng 9", True),
        ("quý II", "quý II", True),
        ("năm nay", "năm nay", True),
        ("tháng 3/2022", "tháng 3/2022", False),
        ("năm 2022", "năm 2022", False),
        ("6 tháng cuối năm", "6 tháng cuối năm", True),
        ("6 tháng đầu năm 2022", "6 tháng đầu năm 2022", False),
    ],
)
def test_times_year_inferred_flag(text: str, span: str, inferred: bool) -> None:
    assert one(text, span).year_inferred is inferred


def test_times_clock_with_offset_and_naive() -> None:
    aware = one("Chủ nhật, 19/05/2024, 20:46[GMT+7]", "Chủ nhật, 19/05/2024, 20:46[GMT+7]")
    assert aware.datetime == dt.datetime(2024, 5, 19, 20, 46, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    naive = one("Thứ 4, 24/04/2024 | 16:38:46", "Thứ 4, 24/04/2024 | 16:38:46")
    assert naive.datetime == dt.datetime(2024, 4, 24, 16, 38, 46) and naive.datetime.tzinfo is None


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("đã có 48/63 địa phương ban hành kế hoạch", "48/63"),
        ("năm 2022 đã hoàn thành 9/12 chỉ tiêu", "9/12"),
        ("17/22 bộ, ngành và 57/63 địa phương", "57/63"),
        ("theo Nghị định 13/2023/NĐ-CP của Chính phủ", "13/2023"),
        ("Quyết định số 749/QĐ-TTg", "749"),
        ("phiên bản 2.0 của ứng dụng", "2.0"),
        ("sau hơn 6 tháng thi công", "6 tháng"),
        ("trẻ 18 tháng tuổi", "18 tháng"),
        ("có 2025 lượt khách", "2025"),
        ("kế hoạch 5 năm 2026-2030", "5 năm"),
        ("hai năm trước", "năm trước"),
        ("thực hiện tại Việt Nam", "hiện tại"),
        ("vàng nhẫn 9999", "9999"),
        ("xử lý trong 12 giờ", "12 giờ"),
        ("xếp thứ 2/63", "2/63"),
    ],
)
def test_times_traps_are_not_times(text: str, span: str) -> None:
    lo = text.index(span)
    hi = lo + len(span)
    bad = [t.text for t in times(text) if t.start < hi and lo < t.end]
    assert not bad


def test_times_fraction_stays_a_quantity_when_times_run_first() -> None:
    doc = extract("đã có 48/63 địa phương ban hành", reference_date=REF)
    assert doc.times == []


def test_times_are_sorted_and_disjoint() -> None:
    text = (
        "Sáng 25/12, tổng kết năm 2022, triển khai nhiệm vụ năm 2023; 6 tháng đầu năm, từ ngày 1/7 "
        "đến ngày 14/8/2025, tầm nhìn đến năm 2030."
    )
    found = times(text)
    assert [t.start for t in found] == sorted(t.start for t in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_times_offsets_are_original_offsets() -> None:
    text = "Khánh Hoà\u00a0đón khách trong tháng\u00a07/2024, tăng so với năm\u00a02023."
    for t in times(text):
        assert text[t.start : t.end] == t.text
    assert {t.text for t in times(text)} == {"tháng\u00a07/2024", "năm\u00a02023"}


def test_times_without_reference_leave_partial_dates_unresolved() -> None:
    t = one("Sáng 25/12, Thủ tướng", "Sáng 25/12", reference=None)
    assert t.start_date is None and t.year_inferred
    full = one("ngày 19/8/2020", "ngày 19/8/2020", reference=None)
    assert full.start_date == dt.date(2020, 8, 19)


def test_times_coordinated_quarters_share_the_year() -> None:
    t = one("tốc độ tăng của quý I và quý II năm 2023", "quý I", reference=dt.date(2024, 2, 1))
    assert t.start_date == dt.date(2023, 1, 1)


def test_times_range_start_takes_the_end_year() -> None:
    t = one(
        "từ ngày 25/12 đến ngày 5/1/2025", "từ ngày 25/12 đến ngày 5/1/2025", reference=dt.date(2025, 6, 1)
    )
    assert (t.start_date, t.end_date) == (dt.date(2024, 12, 25), dt.date(2025, 1, 5))


ALPHABET = "0123456789/-–:., ngàytháquýnămđếừcuốiđầuhiệnsáchiềuGMT+[]()|\nTừĐếnQIVX"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80), st.one_of(st.none(), st.dates()))
def test_times_never_fail_and_keep_offsets(text: str, reference: dt.date | None) -> None:
    found = extract_times(Analysis(text, reference))
    previous_end = 0
    for t in found:
        r = t.record
        assert text[r.start : r.end] == r.text
        assert r.start >= previous_end
        previous_end = r.end
        if r.start_date and r.end_date:
            assert r.start_date <= r.end_date
