"""Indicator linking on fresh paragraphs (written for these tests, not from the corpus): the shapes held-out
news takes that the development gold does not show, one behaviour each."""

from __future__ import annotations

import datetime as dt

import pytest

from vnextract import extract
from vnextract.records import Document, Indicator

REF = dt.date(2024, 7, 15)

NGHE_AN = (
    "Sáng 12/7, UBND tỉnh Nghệ An tổ chức hội nghị sơ kết 6 tháng đầu năm 2024. Theo báo cáo, tổng sản "
    "phẩm trên địa bàn (GRDP) ước tăng 6,8% so với cùng kỳ năm trước; thu ngân sách nhà nước đạt 11.250 tỷ "
    "đồng, bằng 72% dự toán. Kim ngạch xuất khẩu đạt gần 1,4 tỷ USD, tăng 21,5%. Toàn tỉnh có thêm 1.020 "
    "doanh nghiệp thành lập mới. Phấn đấu đến cuối năm, tỷ lệ che phủ rừng đạt 58,4%. Quốc lộ 7A dài 225 km."
)


def _doc(text: str) -> Document:
    return extract(text, reference_date=REF)


def _by_figure(doc: Document, figure: str) -> Indicator:
    for ind in doc.indicators:
        found = ind.value or (ind.change.amount if ind.change else None)
        if found is not None and found.text == figure:
            return ind
    raise AssertionError(f"no indicator for {figure!r}")


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        (NGHE_AN, "58,4%", "tỷ lệ che phủ rừng"),
        (NGHE_AN, "1.020 doanh nghiệp", "doanh nghiệp thành lập mới"),
        (NGHE_AN, "11.250 tỷ đồng", "thu ngân sách nhà nước"),
        ("Cập nhật 19/05/2024, 20:46[GMT+7] Tỷ lệ đạt 45%", "45%", "tỷ lệ"),
        (
            "Trong tháng 6, kim ngạch xuất khẩu hàng hóa của cả nước ước đạt 33,9 tỷ USD.",
            "33,9 tỷ USD",
            "kim ngạch xuất khẩu hàng hóa",
        ),
        (
            "Mục tiêu đến năm 2025, tỷ lệ hộ nghèo giảm xuống dưới 4%; thu nhập bình quân đạt 75 triệu đồng.",
            "dưới 4%",
            "tỷ lệ hộ nghèo",
        ),
        (
            "Đến hết tháng 6, một số tỉnh có tỷ lệ giải ngân cao như Ninh Bình (78,2%), Hà Nam (70,1%).",
            "78,2%",
            "tỷ lệ giải ngân cao",
        ),
        (
            "Đến hết tháng 6, một số tỉnh có tỷ lệ giải ngân cao như Ninh Bình (78,2%), Hà Nam (70,1%).",
            "70,1%",
            "tỷ lệ giải ngân cao",
        ),
    ],
)
def test_metric_leaves_out_framing_and_names(text: str, figure: str, metric: str) -> None:
    assert _by_figure(_doc(text), figure).metric == metric


@pytest.mark.parametrize(
    ("text", "figure", "status"),
    [
        # A target clause in the middle of a paragraph does not make the static fact after it a target.
        (NGHE_AN, "225 km", "actual"),
        (NGHE_AN, "58,4%", "target"),
        # An estimate verb belongs to its own semicolon clause.
        (NGHE_AN, "11.250 tỷ đồng", "actual"),
        (NGHE_AN, "6,8%", "estimate"),
        # A paragraph that opens with an estimate frame sets its later sentences.
        (
            "Theo số liệu ước tính, năm 2024 GRDP của tỉnh tăng 7,1%. Thu ngân sách đạt 9.500 tỷ đồng.",
            "9.500 tỷ đồng",
            "estimate",
        ),
    ],
)
def test_status_is_inherited_only_from_what_sets_it(text: str, figure: str, status: str) -> None:
    assert _by_figure(_doc(text), figure).status == status


def test_bracketed_list_item_place_stays_with_its_item() -> None:
    doc = _doc(
        "Đến hết tháng 6, một số tỉnh có tỷ lệ giải ngân cao như Ninh Bình (78,2%), Hà Nam (70,1%). "
        "Còn 9 bộ, cơ quan trung ương có tỷ lệ giải ngân dưới 30%."
    )
    assert _by_figure(doc, "70,1%").location is not None
    assert _by_figure(doc, "70,1%").location.text == "Hà Nam"
    assert _by_figure(doc, "9 bộ, cơ quan").location is None
