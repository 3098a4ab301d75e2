"""Properties of quantity mentions on any input: exact offsets, sorted, non-overlapping, no crash."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnextract import extract

# Pieces that exercise the quantity grammar, mixed with arbitrary text (NFD, NBSP, curly quotes...).
PIECES = [
    "hơn",
    "khoảng",
    "gần",
    "trên dưới",
    "không quá",
    "gấp",
    "lần",
    "thứ",
    "lần thứ",
    "đứng",
    "từ",
    "đến",
    " - ",
    "97,3%",
    "8,3 - 8,5%",
    "12,8",
    "triệu",
    "tỷ",
    "nghìn",
    "đồng",
    "USD",
    "NDT",
    "km²",
    "MW",
    "tấn/ha",
    "48/63",
    "3,490",
    "1.250.000",
    "2.0",
    "4G",
    "COVID-19",
    "749/QĐ-TTg",
    "năm 2022",
    "tháng 3/2022",
    "hai mươi lăm",
    "một nửa",
    "rưỡi",
    "ba phần tư",
    "phần trăm",
    "điểm %",
    "mỗi ngày",
    "/tháng",
    "doanh nghiệp",
    "bộ, ngành",
    "lượt xem",
    "Thứ Sáu,",
    "10:30",
    "\u00a0",
    "\u0301",
    "hoá",
    "\n",
    ", ",
    ". ",
]

texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=8)),
    max_size=12,
).map(" ".join)


def _check(text: str) -> None:
    quantities = extract(text, reference_date="2022-08-10").quantities
    previous_end = -1
    for q in quantities:
        assert text[q.start : q.end] == q.text
        assert q.start < q.end
        assert q.start >= previous_end, "quantities overlap or are not sorted"
        assert math.isfinite(q.value) and (q.upper is None or math.isfinite(q.upper))
        previous_end = q.end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_quantities_properties_offsets_sorted_disjoint(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_quantities_properties_any_string(text: str) -> None:
    _check(text)
