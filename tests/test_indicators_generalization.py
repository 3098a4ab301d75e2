"""Indicator linking on fresh paragraphs (written for these tests, not from the corpus): the shapes held-out
news takes that the development gold does not show, one behaviour each."""

from __future__ import annotations

import datetime as dt

import pytest
from _helpers import indicator_by_figure

from vnextract import extract
from vnextract.records import Document

REF = dt.date(2024, 7, 15)

NGHE_AN = (
    "Sáng 12/7, UBND tỉnh Nghệ An tổ chức hội nghị sơ kết 6 tháng đầu năm 2024. Theo báo cáo, tổng sản "
    "phẩm trên địa bàn (GRDP) ước tăng 6,8% so với cùng kỳ năm trước; thu ngân sách nhà nước đạt 11.250 tỷ "
    "đồng, bằng 72% dự toán. Kim ngạch xuất khẩu đạt gần 1,4 tỷ USD, tăng 21,5%. Toàn tỉnh có thêm 1.020 "
    "doanh nghiệp thành lập mới. Phấn đấu đến cuối năm, tỷ lệ che phủ rừng đạt 58,4%. Quốc lộ 7A dài 225 km."
)


def _doc(text: str) -> Document:
    return extract(text, reference_date=REF)


_by_figure = indicator_by_figure


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
        (
            "Năm 2024, doanh nghiệp thành lập mới tăng 28,8% về số doanh nghiệp và 9,9% về vốn đăng ký.",
            "9,9%",
            "doanh nghiệp thành lập mới về vốn đăng ký",
        ),
        (
            "Năm 2024, tỉnh phải đạt tốc độ tăng trưởng kinh tế 11% trở lên; thu ngân sách 50.000 tỷ đồng.",
            "11%",
            "tốc độ tăng trưởng kinh tế",
        ),
        (
            "Năm 2024, tỉnh Đồng Tháp phấn đấu tốc độ tăng trưởng GRDP đạt 7%; GRDP bình quân đạt 78 triệu.",
            "7%",
            "tốc độ tăng trưởng GRDP",
        ),
        (
            "Hết năm 2023, toàn tỉnh có 2.100 km đường giao thông nông thôn được cứng hóa.",
            "2.100 km",
            "đường giao thông nông thôn được cứng hóa",
        ),
        (
            "Mục tiêu đến năm 2030, tỉnh có 50% số xã đạt chuẩn nông thôn mới nâng cao, thu nhập bình "
            "quân đầu người đạt 120 triệu đồng.",
            "50%",
            "số xã đạt chuẩn nông thôn mới nâng cao",
        ),
        (
            "Nhờ đó, số hộ nghèo của huyện giảm từ 1.250 hộ năm 2021 xuống còn 430 hộ vào cuối năm 2023.",
            "430 hộ",
            "số hộ nghèo của huyện",
        ),
        (
            "Từ 15 giờ ngày 11/7, giá xăng RON95 giảm 380 đồng/lít, còn 23.590 đồng/lít.",
            "23.590 đồng/lít",
            "giá xăng RON95",
        ),
        (
            "Tỷ lệ hộ nghèo của thành phố năm 2023 giảm còn 0,6%, giảm 0,35 điểm phần trăm so với năm 2022.",
            "0,6%",
            "tỷ lệ hộ nghèo của thành phố",
        ),
        (
            "Năm 2024, thành phố thu hút 1,4 tỷ USD vốn FDI, trong đó cấp mới 812 dự án với tổng vốn đăng ký "
            "450 triệu USD.",
            "450 triệu USD",
            "tổng vốn đăng ký",
        ),
        (
            "Năm 2023, tỷ lệ đô thị hóa của tỉnh đạt 42%, thấp hơn mức bình quân cả nước (43%).",
            "43%",
            "tỷ lệ đô thị hóa của tỉnh",
        ),
        (
            "Đến hết năm 2023, tỉnh có 380/400 xã đạt chuẩn nông thôn mới (đạt 95%), 25 xã đạt chuẩn nông "
            "thôn mới nâng cao.",
            "95%",
            "xã đạt chuẩn nông thôn mới",
        ),
        ("Tỉnh hiện có 1.250 km đê điều, trong đó 420 km đê biển.", "420 km", "đê biển"),
        ("Cầu Rạch Miễu 2 có tổng chiều dài 17,4 km.", "17,4 km", "tổng chiều dài Cầu Rạch Miễu 2"),
        (
            "Năm 2024, kim ngạch xuất nhập khẩu đạt 32 tỷ USD, trong đó xuất khẩu 18 tỷ USD, "
            "nhập khẩu 14 tỷ USD.",
            "14 tỷ USD",
            "nhập khẩu",
        ),
        (
            "Năm 2024, Việt Nam đón 17,5 triệu lượt khách quốc tế, tăng 39,5% so với năm 2023, đạt 97% so "
            "với năm 2019.",
            "97%",
            "lượt khách quốc tế Việt Nam đón so với năm 2019",
        ),
        (
            "Tỷ lệ tốt nghiệp của ba tỉnh Nam Định, Thái Bình, Ninh Bình lần lượt là 99,5%, 99,2% và 98,9%.",
            "98,9%",
            "tỷ lệ tốt nghiệp của ba tỉnh Nam Định, Thái Bình, Ninh Bình",
        ),
        ("Sau sắp xếp, tỉnh có diện tích tự nhiên 3.942 km².", "3.942 km²", "diện tích tự nhiên"),
        (
            "Bắc Ninh, ngày 10/7/2024 - Tổng giá trị sản xuất công nghiệp quý II đạt 850.000 tỷ đồng.",
            "850.000 tỷ đồng",
            "tổng giá trị sản xuất công nghiệp",
        ),
        (
            "Từ đầu năm đến ngày 15/7, toàn tỉnh đã cấp 15.200 thẻ căn cước, đạt 85% so với kế hoạch.",
            "85%",
            "thẻ căn cước cấp so với kế hoạch",
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


@pytest.mark.parametrize(
    ("text", "figure", "status"),
    [
        (
            "Kế hoạch năm 2024, thành phố đón 8,8 triệu lượt khách. 6 tháng đầu năm, thành phố đón 5,1 triệu "
            "lượt khách.",
            "8,8 triệu lượt khách",
            "target",
        ),
        (
            "Kế hoạch năm 2024, thành phố đón 8,8 triệu lượt khách. 6 tháng đầu năm, thành phố đón 5,1 triệu "
            "lượt khách.",
            "5,1 triệu lượt khách",
            "actual",
        ),
        (
            "Nhà máy có công suất thiết kế 500.000 tấn/năm, dự kiến đi vào hoạt động trong năm 2026.",
            "500.000 tấn/năm",
            "actual",
        ),
        # "Theo kế hoạch," opening a paragraph frames the paragraph's later sentences.
        (
            "Theo kế hoạch, năm 2025 tỉnh phấn đấu đón 10 triệu lượt khách. Tổng thu du lịch đạt 20.000 tỷ.",
            "20.000 tỷ",
            "target",
        ),
        # A sentence opening on the present reports a fact, whatever frame opened the paragraph.
        (
            "Dự kiến đến cuối năm 2024, số thuê bao 5G đạt 5 triệu. Hiện nay, cả nước có 1.200 trạm 5G.",
            "1.200 trạm",
            "actual",
        ),
        # A future period with an inferred year ("tháng 9" in July) is not evidence of a plan.
        ("Lượng mưa tháng 9 tại khu vực Nam Bộ đạt 320 mm.", "320 mm", "actual"),
    ],
)
def test_plan_frames_set_only_their_sentence(text: str, figure: str, status: str) -> None:
    assert _by_figure(_doc(text), figure).status == status


def test_change_before_its_new_level_is_one_indicator() -> None:
    doc = _doc("Giá xăng E5 RON92 giảm 350 đồng/lít, xuống còn 22.450 đồng/lít.")
    assert len(doc.indicators) == 1
    ind = doc.indicators[0]
    assert ind.value is not None and ind.value.text == "22.450 đồng/lít"
    assert ind.change is not None and ind.change.direction == "decrease"
    assert ind.change.amount is not None and ind.change.amount.value == 350


def test_time_after_a_starting_level_is_not_the_period() -> None:
    ind = _by_figure(
        _doc("Nhờ đó, số hộ nghèo của huyện giảm từ 1.250 hộ năm 2021 xuống còn 430 hộ vào cuối năm 2023."),
        "430 hộ",
    )
    assert ind.period is not None and ind.period.start_date == dt.date(2023, 1, 1)


def test_static_fact_is_not_dated_by_a_later_clause() -> None:
    ind = _by_figure(
        _doc("Nhà máy có công suất thiết kế 500.000 tấn/năm, dự kiến đi vào hoạt động trong năm 2026."),
        "500.000 tấn/năm",
    )
    assert ind.period is None


@pytest.mark.parametrize(
    ("text", "level", "amount"),
    [
        (
            "Xuất khẩu gạo năm 2023 đạt 8,3 triệu tấn, trị giá 4,78 tỷ USD, tăng 14,4% về lượng và 35,3% về "
            "trị giá so với năm 2022.",
            "8,3 triệu tấn",
            14.4,
        ),
        (
            "Xuất khẩu gạo năm 2023 đạt 8,3 triệu tấn, trị giá 4,78 tỷ USD, tăng 14,4% về lượng và 35,3% về "
            "trị giá so với năm 2022.",
            "4,78 tỷ USD",
            35.3,
        ),
        (
            "Tháng 6, cả nước có 15.000 doanh nghiệp thành lập mới với tổng vốn đăng ký 120 nghìn tỷ đồng, "
            "tăng 12% về số doanh nghiệp và 8% về số vốn.",
            "120 nghìn tỷ đồng",
            8,
        ),
    ],
)
def test_distributed_changes_go_to_the_level_their_aspect_names(text: str, level: str, amount: float) -> None:
    ind = _by_figure(_doc(text), level)
    assert ind.change is not None and ind.change.amount is not None
    assert ind.change.amount.value == amount
