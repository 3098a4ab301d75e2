"""The place of a dateline is where the news was filed, not the scope of the figures after it."""

from __future__ import annotations

import pytest

from vnextract import extract


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("Đà Nẵng, 5/10 - Theo Cục Thống kê, chỉ số giá tiêu dùng tăng 3,27% so với cùng kỳ.", None),
        ("Cần Thơ, ngày 12/3/2025 - Kim ngạch xuất khẩu gạo đạt 1,2 tỷ USD.", None),
        ("Kim ngạch xuất khẩu của tỉnh Đồng Tháp đạt 1,2 tỷ USD, tăng 8%.", "tỉnh Đồng Tháp"),
    ],
)
def test_indicators_dateline_place_is_not_a_location(text: str, location: str | None) -> None:
    doc = extract(text, reference_date="2025-10-06")
    assert doc.indicators, "the figure is an indicator"
    got = doc.indicators[0].location
    assert (got.text if got else None) == location
