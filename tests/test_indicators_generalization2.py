"""Indicator linking on fresh paragraphs, second round (written for these tests, not from the corpus):
domains and sentence shapes the first round (test_indicators_generalization.py) does not cover."""

from __future__ import annotations

import datetime as dt

import pytest
from _helpers import indicator_by_figure

from vnextract import extract
from vnextract.records import Document

REF = dt.date(2024, 10, 20)

TOURISM = (
    "Tháng 9/2024, khách quốc tế đến Việt Nam đạt 1,3 triệu lượt, giảm 5,4% so với tháng trước nhưng tăng "
    "20,7% so với cùng kỳ năm 2023."
)
ENERGY = (
    "Năm 2024, sản lượng điện sản xuất và nhập khẩu toàn hệ thống ước đạt 306,2 tỷ kWh, tăng 10,1% so với "
    "năm 2023. Trong đó, thủy điện chiếm 28,5%, nhiệt điện than chiếm 45,1%."
)
RICE_PRICE = (
    "Vụ Đông Xuân 2023-2024, giá lúa tươi tại ruộng dao động từ 7.500 đến 8.200 đồng/kg, cao hơn cùng kỳ "
    "khoảng 1.000 đồng/kg."
)
EXPRESSWAY = (
    "Dự án đường cao tốc Biên Hòa - Vũng Tàu có tổng mức đầu tư 17.837 tỷ đồng. Mục tiêu đến năm 2025, "
    "hoàn thành 3.000 km đường cao tốc trên cả nước."
)
PLAN_LIST = (
    "Mục tiêu đến năm 2030:\n- Tốc độ tăng trưởng GRDP bình quân đạt 8%/năm.\n- Tỷ lệ đô thị hóa đạt 50%.\n"
    "Năm 2023, tỷ lệ đô thị hóa của tỉnh mới đạt 38%."
)


def _doc(text: str) -> Document:
    return extract(text, reference_date=REF)


_by_figure = indicator_by_figure


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        (TOURISM, "20,7%", "khách quốc tế đến Việt Nam"),
        (
            ENERGY,
            "45,1%",
            "tỷ trọng nhiệt điện than trong sản lượng điện sản xuất và nhập khẩu toàn hệ thống",
        ),
        (
            "Năm 2024, tuổi thọ trung bình của người Việt Nam đạt 74,7 tuổi.",
            "74,7 tuổi",
            "tuổi thọ trung bình của người Việt Nam",
        ),
        ("Công ty bàn giao 500 căn hộ trong năm 2024.", "500 căn hộ", "căn hộ Công ty bàn giao"),
        ("Tháng 9, CPI tăng 0,29% so với tháng trước nhưng giảm 0,5% so với cùng kỳ.", "0,5%", "CPI"),
    ],
)
def test_metric(text: str, figure: str, metric: str) -> None:
    assert _by_figure(_doc(text), figure).metric == metric


@pytest.mark.parametrize(
    ("text", "figure", "direction", "baseline"),
    [
        (TOURISM, "1,3 triệu lượt", "decrease", "tháng trước"),
        (TOURISM, "20,7%", "increase", "cùng kỳ năm 2023"),
        (
            "Tháng 9, CPI tăng 0,29% so với tháng trước nhưng giảm 0,5% so với cùng kỳ.",
            "0,29%",
            "increase",
            "tháng trước",
        ),
        (RICE_PRICE, "từ 7.500 đến 8.200 đồng/kg", "increase", "cùng kỳ"),
        (
            "Năm 2024, tỷ lệ thất nghiệp của tỉnh là 2,1%, thấp hơn năm 2023 là 0,3 điểm phần trăm.",
            "2,1%",
            "decrease",
            "năm 2023",
        ),
    ],
)
def test_change(text: str, figure: str, direction: str, baseline: str) -> None:
    change = _by_figure(_doc(text), figure).change
    assert change is not None
    assert (change.direction, change.baseline) == (direction, baseline)


def test_fronted_comparison_amount_is_the_change_not_a_second_figure() -> None:
    doc = _doc(RICE_PRICE)
    assert [i.value.text for i in doc.indicators if i.value] == ["từ 7.500 đến 8.200 đồng/kg"]
    change = doc.indicators[0].change
    assert change is not None and change.amount is not None and change.amount.text == "khoảng 1.000 đồng/kg"


@pytest.mark.parametrize(
    ("figure", "status", "year"),
    [("8%/năm", "target", 2030), ("50%", "target", 2030), ("38%", "actual", 2023)],
)
def test_list_items_take_their_headings_frame(figure: str, status: str, year: int) -> None:
    ind = _by_figure(_doc(PLAN_LIST), figure)
    assert ind.status == status
    assert ind.period is not None and ind.period.start_date is not None
    assert ind.period.start_date.year == year


def test_a_heading_frames_only_the_list_under_it() -> None:
    text = "Kết quả 9 tháng năm 2024:\n- Xuất khẩu đạt 2 tỷ USD.\nNgoài ra, toàn tỉnh có 1.200 doanh nghiệp."
    doc = _doc(text)
    assert _by_figure(doc, "2 tỷ USD").period is not None
    assert _by_figure(doc, "1.200 doanh nghiệp").period is None


@pytest.mark.parametrize(
    ("text", "figure", "location"),
    [
        (EXPRESSWAY, "3.000 km", None),
        (
            "Năm 2024, tỷ lệ giải ngân của tỉnh Bắc Ninh đạt 60%. Tỷ lệ che phủ rừng đạt 20%, "
            "cao hơn 5 điểm phần trăm so với cả nước.",
            "20%",
            "tỉnh Bắc Ninh",
        ),
    ],
)
def test_national_scope(text: str, figure: str, location: str | None) -> None:
    found = _by_figure(_doc(text), figure).location
    assert (found.text if found else None) == location


def test_contrast_does_not_leak_into_the_first_baseline() -> None:
    ind = _by_figure(_doc(TOURISM), "1,3 triệu lượt")
    assert ind.change is not None and ind.change.baseline == "tháng trước"


def test_bracketed_restatement_of_a_change_is_the_same_change() -> None:
    text = (
        "Năm 2023, xuất khẩu sang Trung Quốc đạt 61,2 tỷ USD, giảm 5,2% (tương ứng giảm 3,4 tỷ USD) "
        "so với năm 2022."
    )
    doc = _doc(text)
    assert len(doc.indicators) == 1
    change = doc.indicators[0].change
    assert change is not None and change.amount is not None
    assert (change.amount.text, change.baseline) == ("5,2%", "năm 2022")


@pytest.mark.parametrize(
    "text",
    [
        "Thành phố đặt chỉ tiêu đến năm 2030 nâng tỷ lệ đất giao thông lên 20%.",
        "Đến năm 2030, thành phố nâng tỷ lệ đất giao thông lên 20%.",
    ],
)
def test_a_raised_measure_is_the_object_of_the_verb(text: str) -> None:
    ind = _by_figure(_doc(text), "20%")
    assert (ind.metric, ind.status) == ("tỷ lệ đất giao thông", "target")


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        (
            "Năm 2024, giá trị sản xuất trên 1 ha đất trồng trọt đạt 150 triệu đồng.",
            "150 triệu đồng",
            "giá trị sản xuất trên 1 ha đất trồng trọt",
        ),
        (
            "Ngân hàng Nhà nước điều chỉnh giảm lãi suất tái cấp vốn từ 5% xuống 4,5%/năm.",
            "4,5%/năm",
            "lãi suất tái cấp vốn",
        ),
        (
            "Năm 2024, Việt Nam xếp thứ 44/133 quốc gia về Chỉ số đổi mới sáng tạo toàn cầu.",
            "thứ 44/133",
            "xếp hạng Chỉ số đổi mới sáng tạo toàn cầu",
        ),
    ],
)
def test_denominators_old_levels_and_rank_topics(text: str, figure: str, metric: str) -> None:
    doc = _doc(text)
    assert _by_figure(doc, figure).metric == metric
    assert len(doc.indicators) == 1  # "1 ha" and the old level "5%" are not figures


@pytest.mark.parametrize(
    ("text", "figure", "status"),
    [
        # A plan opening the sentence does not cover a clause dated by its own, already ended period.
        (
            "Chỉ tiêu năm 2024 là thu hút 3 triệu lượt khách; đến hết tháng 9, tỉnh đã đón 2,6 triệu lượt.",
            "3 triệu lượt khách",
            "target",
        ),
        (
            "Chỉ tiêu năm 2024 là thu hút 3 triệu lượt khách; đến hết tháng 9, tỉnh đã đón 2,6 triệu lượt.",
            "2,6 triệu lượt",
            "actual",
        ),
        # A paragraph's forecast opening does not frame a later sentence that opens on its own period.
        (
            "Dự kiến trong quý IV, giá điện bình quân tăng 4,8%. Năm 2023, giá điện đã tăng 3%.",
            "4,8%",
            "estimate",
        ),
        (
            "Dự kiến trong quý IV, giá điện bình quân tăng 4,8%. Năm 2023, giá điện đã tăng 3%.",
            "3%",
            "actual",
        ),
    ],
)
def test_status_frames_stop_at_own_periods(text: str, figure: str, status: str) -> None:
    assert _by_figure(_doc(text), figure).status == status


def test_each_coordinated_change_keeps_its_own_time() -> None:
    doc = _doc("Năm 2023, giá điện tăng 3% vào tháng 5 và tăng 4,5% vào tháng 11.")
    second = _by_figure(doc, "4,5%")
    assert second.metric == "giá điện"
    assert second.period is not None and second.period.text == "tháng 11"
    assert _by_figure(doc, "3%").period.text == "tháng 5"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        (
            "Theo kế hoạch, năm 2025 ngành y tế phấn đấu đạt 35 giường bệnh/vạn dân.",
            "35 giường bệnh/vạn dân",
            "giường bệnh",
        ),
        ("Chỉ tiêu năm 2024 là thu hút 3 triệu lượt khách.", "3 triệu lượt khách", "lượt khách"),
        ("Năm nay, tỉnh đặt mục tiêu đón 9 triệu lượt khách.", "9 triệu lượt khách", "lượt khách đón"),
    ],
)
def test_the_planner_is_not_what_is_counted(text: str, figure: str, metric: str) -> None:
    ind = _by_figure(_doc(text), figure)
    assert (ind.metric, ind.status) == (metric, "target")


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        (
            "Thời gian qua, tỉnh Kon Tum đã trồng mới 1.200 ha sâm Ngọc Linh.",
            "1.200 ha",
            "diện tích trồng mới sâm Ngọc Linh",
        ),
        ("Năm 2024, tỉnh đạt được 5.000 tỷ đồng vốn FDI.", "5.000 tỷ đồng", "vốn FDI"),
        ("Năm 2024, Hà Nội đạt 5.000 tỷ đồng vốn FDI.", "5.000 tỷ đồng", "vốn FDI"),
        ("Năm 2024, GRDP đạt 5.000 tỷ đồng.", "5.000 tỷ đồng", "GRDP"),
    ],
)
def test_places_and_framing_are_not_measures(text: str, figure: str, metric: str) -> None:
    assert _by_figure(_doc(text), figure).metric == metric


@pytest.mark.parametrize(
    ("figure", "metric"),
    [
        ("42%", "tỷ trọng khu vực dịch vụ trong GDP"),
        ("38%", "tỷ trọng công nghiệp trong GDP"),
        ("12%", "tỷ trọng nông nghiệp trong GDP"),
    ],
)
def test_a_list_of_shares_keeps_its_whole(figure: str, metric: str) -> None:
    text = "Năm 2024, khu vực dịch vụ chiếm 42% GDP, tiếp đến là công nghiệp với 38%; nông nghiệp chiếm 12%."
    assert _by_figure(_doc(text), figure).metric == metric


def test_a_deadline_adverb_is_not_a_metric() -> None:
    text = (
        "Năm 2025, tỉnh phấn đấu giải ngân 100% kế hoạch vốn; chậm nhất trước ngày 15/12 phải đạt trên 80%."
    )
    ind = _by_figure(_doc(text), "trên 80%")
    assert (ind.metric, ind.status) == ("giải ngân", "target")


def test_a_purpose_clause_is_not_part_of_the_metric() -> None:
    text = "Năm 2024, để hỗ trợ người dân bị ảnh hưởng bởi lũ, ngân hàng đã giãn nợ cho 1.500 khách hàng."
    assert _by_figure(_doc(text), "1.500 khách hàng").metric == "khách hàng ngân hàng đã giãn nợ"
