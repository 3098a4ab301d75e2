"""Which quantities are reported figures: the rules of vnextract.indicator_selection, one case each."""

from __future__ import annotations

import datetime as dt

import pytest

from vnextract import extract
from vnextract.indicator_selection import skip_reason
from vnextract.records import Quantity
from vnextract.text import Span


def _reason(text: str, figure: str, kind: str, unit: str | None = None) -> str | None:
    start = text.index(figure)
    span = Span(start, start + len(figure))
    q = Quantity(start=span.start, end=span.end, text=figure, kind=kind, value=1, unit=unit)
    whole = Span(0, len(text))
    return skip_reason(text, q, span, whole, whole)


@pytest.mark.parametrize(
    ("text", "figure", "kind", "unit", "reason"),
    [
        ("Ủy ban tổ chức phiên họp lần thứ 8.", "lần thứ 8", "ordinal", None, "kind"),
        ("Công trình được thi công trong 14 tháng.", "14 tháng", "duration", "tháng", "kind"),
        (
            "Chỉ số hài lòng đạt 90 điểm trên thang 100 điểm.",
            "100 điểm",
            "measure",
            "điểm",
            "reference_scale",
        ),
        ("Tỉnh mới được thành lập trên cơ sở hợp nhất 3 tỉnh.", "3 tỉnh", "count", "tỉnh", "reference_scale"),
        ("Vì một cuộc sống tốt đẹp hơn.", "một cuộc sống", "count", "cuộc sống", "not_a_figure_word"),
        ("Nên kiểm tra ít nhất 2 lần mỗi tuần.", "2 lần", "count", "lần", "unit"),
        ("Cả tỉnh có bài thi đạt điểm 10.", "điểm 10", "number", None, "name"),
        (
            'Thực hiện phương châm "4 tại chỗ" trong phòng chống thiên tai.',
            "4 tại chỗ",
            "count",
            "tại chỗ",
            "quotation",
        ),
        ("Thời gian cấp phép giảm từ 15 ngày xuống còn 7 ngày.", "15 ngày", "duration", "ngày", "old_level"),
    ],
)
def test_indicators_selection_skips(text: str, figure: str, kind: str, unit: str | None, reason: str) -> None:
    assert _reason(text, figure, kind, unit) == reason


@pytest.mark.parametrize(
    ("text", "figure", "kind", "unit"),
    [
        ("Thời gian xử lý trung bình một hồ sơ là 3,5 ngày.", "3,5 ngày", "duration", "ngày"),
        ("Toàn tỉnh có 1.250 hợp tác xã.", "1.250 hợp tác xã", "count", "hợp tác xã"),
        ("Tỷ lệ che phủ rừng đạt 43,1%.", "43,1%", "percent", "%"),
        ("Thời gian cấp phép giảm từ 15 ngày xuống còn 7 ngày.", "7 ngày", "duration", "ngày"),
    ],
)
def test_indicators_selection_keeps(text: str, figure: str, kind: str, unit: str | None) -> None:
    assert _reason(text, figure, kind, unit) is None


def test_indicators_selection_every_kept_quantity_is_reported_once() -> None:
    text = "Năm 2023, tỉnh có 58 dự án FDI với tổng vốn 1,2 tỷ USD, tăng 15% so với năm 2022."
    doc = extract(text, reference_date=dt.date(2024, 1, 10))
    figures = [i.value.text for i in doc.indicators if i.value is not None]
    assert figures == ["58 dự án", "1,2 tỷ USD"]
    changed = [i for i in doc.indicators if i.change is not None]
    assert len(changed) == 1 and changed[0].change.amount is not None
    assert changed[0].change.amount.text == "15%"
