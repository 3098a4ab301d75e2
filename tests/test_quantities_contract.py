"""The contract's example table for quantities (shared/spec/records.md), one case per row."""

from __future__ import annotations

import math

import pytest

from vnextract import extract

# (text, span, kind, value, upper, total, unit, approx)
CONTRACT_TABLE = [
    ("97,3%", "97,3%", "percent", 97.3, None, None, "%", "exact"),
    ("hơn 97%", "hơn 97%", "percent", 97, None, None, "%", "more_than"),
    ("8,3 - 8,5%", "8,3 - 8,5%", "percent", 8.3, 8.5, None, "%", "exact"),
    (
        "hơn 12,8 triệu văn bản",
        "hơn 12,8 triệu văn bản",
        "count",
        12_800_000,
        None,
        None,
        "văn bản",
        "more_than",
    ),
    ("67.300 doanh nghiệp", "67.300 doanh nghiệp", "count", 67_300, None, None, "doanh nghiệp", "exact"),
    ("3,490 lượt xem", "3,490 lượt xem", "count", 3490, None, None, "lượt xem", "exact"),
    ("1,5 nghìn tỷ đồng", "1,5 nghìn tỷ đồng", "money", 1.5e12, None, None, "VND", "exact"),
    ("134 tỷ NDT", "134 tỷ NDT", "money", 1.34e11, None, None, "CNY", "exact"),
    ("48/63 địa phương", "48/63 địa phương", "fraction", 48, None, 63, "địa phương", "exact"),
    ("22/22 bộ, ngành", "22/22 bộ, ngành", "fraction", 22, None, 22, "bộ", "exact"),
    ("gấp 3,8 lần", "gấp 3,8 lần", "multiplier", 3.8, None, None, None, "exact"),
    ("tăng hơn 7,3 lần", "hơn 7,3 lần", "multiplier", 7.3, None, None, None, "more_than"),
    ("thứ 53/63", "thứ 53/63", "rank", 53, None, 63, None, "exact"),
    ("phiên họp lần thứ 8", "lần thứ 8", "ordinal", 8, None, None, None, "exact"),
    ("phiên họp thứ ba", "thứ ba", "ordinal", 3, None, None, None, "exact"),
    ("giai đoạn 5 năm", "5 năm", "duration", 5, None, None, "năm", "exact"),
    ("3 đến 5 nền tảng", "3 đến 5 nền tảng", "count", 3, 5, None, "nền tảng", "exact"),
    ("hai triệu người", "hai triệu người", "count", 2_000_000, None, None, "người", "exact"),
    ("43 triệu tấn lúa", "43 triệu tấn", "measure", 43_000_000, None, None, "tấn", "exact"),
    ("1.200 MW", "1.200 MW", "measure", 1200, None, None, "MW", "exact"),
]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9)


@pytest.mark.parametrize(
    ("text", "span", "kind", "value", "upper", "total", "unit", "approx"), CONTRACT_TABLE
)
def test_quantities_contract_table(
    text: str,
    span: str,
    kind: str,
    value: float,
    upper: float | None,
    total: float | None,
    unit: str | None,
    approx: str,
) -> None:
    doc = extract(text)
    assert [q.text for q in doc.quantities] == [span]
    q = doc.quantities[0]
    assert text[q.start : q.end] == q.text
    assert q.kind == kind
    assert _close(q.value, value)
    assert _close(q.upper, upper)
    assert _close(q.total, total)
    assert q.unit == unit
    assert q.approx == approx
