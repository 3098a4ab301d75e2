"""Indicator fixes found by the lead on fresh text: dateline places, metrics that keep whole words."""

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


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Vốn FDI thực hiện ước đạt 18,8 tỷ USD.", "Vốn FDI thực hiện"),
        ("Số dự án đã thực hiện đạt 120 dự án.", "số dự án đã thực hiện"),
        ("Doanh số bán máy tính đạt 2,1 triệu chiếc.", "doanh số bán máy tính"),
    ],
)
def test_indicators_metric_keeps_whole_words(text: str, metric: str) -> None:
    """Trailing framing words ('hiện', 'tính') are dropped only as words, never as half of one."""
    doc = extract(text, reference_date="2025-10-06")
    assert doc.indicators[0].metric.lower() == metric.lower()


def test_indicators_status_is_the_same_for_nfc_and_nfd() -> None:
    """A future period ('năm tới') read in a decomposed text still makes the figures it dates targets."""
    import unicodedata

    text = (
        "Mục tiêu tăng trưởng GDP năm tới được xác định khoảng 6,5 - 7%. "
        "Chỉ số giá tiêu dùng (CPI) tăng bình quân khoảng 4%."
    )
    statuses = [
        [i.status for i in extract(unicodedata.normalize(form, text), reference_date="2022-08-10").indicators]
        for form in ("NFC", "NFD")
    ]
    assert statuses[0] == statuses[1]
