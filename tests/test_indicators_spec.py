"""Indicator linking, end to end through extract(): sentences written for these tests (not the corpus's),
one behaviour each, plus the contract's two worked examples."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from vnextract import extract
from vnextract.records import Document, Indicator

REF = dt.date(2022, 8, 10)


def _doc(text: str, ref: dt.date = REF) -> Document:
    return extract(text, reference_date=ref)


def _figure_text(ind: Indicator) -> str:
    figure = ind.value or (ind.change.amount if ind.change else None)
    return figure.text if figure is not None else ""


def _by_figure(doc: Document, figure: str) -> Indicator:
    hits = [i for i in doc.indicators if _figure_text(i) == figure]
    assert hits, f"no indicator for {figure!r}; got {[_figure_text(i) for i in doc.indicators]}"
    return hits[0]


def _metric_close(expected: str, actual: str) -> bool:
    """The scorer's rule: token F1 >= 0.5 (case-insensitive)."""
    a, b = expected.lower().split(), actual.lower().split()
    common = sum(min(a.count(w), b.count(w)) for w in set(a))
    if not common:
        return False
    p, r = common / len(b), common / len(a)
    return 2 * p * r / (p + r) >= 0.5


def _get(ind: Indicator, dotted: str) -> Any:
    obj: Any = ind.model_dump(mode="json")
    for part in dotted.split("."):
        obj = None if obj is None else obj.get(part)
    return obj


# ---------------------------------------------------------------- the contract's worked examples


def test_indicators_worked_example_half_year_change() -> None:
    text = (
        "Trong 6 tháng đầu năm 2022, tỷ lệ hồ sơ được số hóa đạt 61%; "
        "tỷ lệ dịch vụ công trực tuyến phát sinh hồ sơ 45,7%, gấp 1,6 lần so với cùng kỳ năm 2021."
    )
    ind = _by_figure(_doc(text), "45,7%")
    assert _metric_close("tỷ lệ dịch vụ công trực tuyến phát sinh hồ sơ", ind.metric), ind.metric
    assert ind.value is not None and ind.value.kind == "percent" and ind.value.value == pytest.approx(45.7)
    assert ind.change is not None
    assert ind.change.direction == "increase"
    assert ind.change.amount is not None and ind.change.amount.kind == "multiplier"
    assert ind.change.amount.value == pytest.approx(1.6)
    assert ind.change.baseline == "cùng kỳ năm 2021"
    assert ind.change.baseline_period is not None and ind.change.baseline_period.start_date == dt.date(
        2021, 1, 1
    )
    assert ind.period is not None
    assert (ind.period.start_date, ind.period.end_date) == (dt.date(2022, 1, 1), dt.date(2022, 6, 30))
    assert ind.status == "actual"


def test_indicators_worked_example_target() -> None:
    text = "Phấn đấu đến cuối năm, tỷ lệ hộ gia đình sử dụng Internet cáp quang băng rộng đạt 75%."
    ind = _by_figure(_doc(text), "75%")
    assert _metric_close("tỷ lệ hộ gia đình sử dụng Internet cáp quang băng rộng", ind.metric), ind.metric
    assert ind.status == "target"
    assert ind.period is not None and ind.period.start_date == dt.date(2022, 1, 1)
    assert ind.period.end_date == dt.date(2022, 12, 31)
    assert ind.change is None


# ---------------------------------------------------------------- clause structure and metrics

SEMICOLON_LIST = (
    "Trong quý I/2023, tỷ lệ hộ gia đình dùng nước sạch đạt 92,4%; tỷ lệ xã có trạm y tế đạt chuẩn 81,5%, "
    "tăng 3,2% so với cùng kỳ năm 2022; tỷ lệ trường học kiên cố 78,9%."
)


@pytest.mark.parametrize(
    ("figure", "metric"),
    [
        ("92,4%", "tỷ lệ hộ gia đình dùng nước sạch"),
        ("81,5%", "tỷ lệ xã có trạm y tế đạt chuẩn"),
        ("78,9%", "tỷ lệ trường học kiên cố"),
    ],
)
def test_indicators_semicolon_list_metrics(figure: str, metric: str) -> None:
    ind = _by_figure(_doc(SEMICOLON_LIST), figure)
    assert _metric_close(metric, ind.metric), ind.metric
    assert ind.period is not None and ind.period.start_date == dt.date(2023, 1, 1)
    assert ind.period.end_date == dt.date(2023, 3, 31)


def test_indicators_semicolon_list_change_stays_in_its_clause() -> None:
    doc = _doc(SEMICOLON_LIST)
    changed = {_figure_text(i): i.change for i in doc.indicators}
    assert changed["92,4%"] is None and changed["78,9%"] is None
    change = changed["81,5%"]
    assert change is not None and change.amount is not None and change.amount.value == pytest.approx(3.2)
    assert change.baseline == "cùng kỳ năm 2022"
    # a change is never a separate indicator
    assert [_figure_text(i) for i in doc.indicators] == ["92,4%", "81,5%", "78,9%"]


def test_indicators_elliptic_clause_inherits_head() -> None:
    text = "Năm 2023, tỷ lệ hóa đơn điện tử trong lĩnh vực bán lẻ đạt 96%, lĩnh vực vận tải đạt 71,5%."
    ind = _by_figure(_doc(text), "71,5%")
    assert _metric_close("tỷ lệ hóa đơn điện tử trong lĩnh vực vận tải", ind.metric), ind.metric


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        (
            "Tính đến tháng 6/2023, có 41/63 tỉnh đã ban hành quy định về đô thị thông minh.",
            "41/63 tỉnh",
            "tỉnh đã ban hành quy định về đô thị thông minh",
        ),
        (
            "Đến hết năm 2023, toàn tỉnh đã có 315 hợp tác xã ứng dụng công nghệ cao trong sản xuất.",
            "315 hợp tác xã",
            "hợp tác xã ứng dụng công nghệ cao trong sản xuất",
        ),
        (
            "Năm 2023, số lượng doanh nghiệp logistics của thành phố ước đạt 1.240 doanh nghiệp.",
            "1.240 doanh nghiệp",
            "số lượng doanh nghiệp logistics của thành phố",
        ),
    ],
)
def test_indicators_counted_metric_side(text: str, figure: str, metric: str) -> None:
    ind = _by_figure(_doc(text), figure)
    assert _metric_close(metric, ind.metric), ind.metric


def test_indicators_coordinated_counts_share_predicate() -> None:
    text = "Năm 2023, có 12 sở, ngành và 9 huyện đã kết nối hệ thống báo cáo điện tử của tỉnh."
    doc = _doc(text)
    first, second = _by_figure(doc, "12 sở, ngành"), _by_figure(doc, "9 huyện")
    assert _metric_close("sở, ngành đã kết nối hệ thống báo cáo điện tử của tỉnh", first.metric), first.metric
    assert _metric_close("huyện đã kết nối hệ thống báo cáo điện tử của tỉnh", second.metric), second.metric


# ---------------------------------------------------------------- changes


def test_indicators_change_only_figures() -> None:
    text = "Năm 2023, doanh thu bán lẻ hàng hóa tăng 12% về lượng và 9,5% về giá trị so với năm 2022."
    doc = _doc(text, dt.date(2024, 1, 15))
    amounts = {}
    for ind in doc.indicators:
        assert ind.value is None
        assert ind.change is not None and ind.change.direction == "increase"
        assert ind.change.baseline == "năm 2022"
        assert _metric_close("doanh thu bán lẻ hàng hóa", ind.metric), ind.metric
        amounts[ind.change.amount.text if ind.change.amount else None] = ind
    assert set(amounts) == {"12%", "9,5%"}


@pytest.mark.parametrize(
    ("text", "figure", "direction", "amount"),
    [
        (
            "Năm 2023, thu ngân sách của tỉnh đạt 12.400 tỷ đồng, vượt 8% dự toán.",
            "12.400 tỷ đồng",
            "increase",
            8,
        ),
        ("Quý II/2023, số vụ cháy là 42 vụ, giảm 6 vụ so với quý I/2023.", "42 vụ", "decrease", 6),
        (
            "Năm 2023, phụ tải đỉnh của miền Bắc đạt 5.200 MW, cao hơn 300 MW so với năm 2022.",
            "5.200 MW",
            "increase",
            300,
        ),
    ],
)
def test_indicators_change_attaches_to_level(text: str, figure: str, direction: str, amount: float) -> None:
    ind = _by_figure(_doc(text, dt.date(2024, 1, 15)), figure)
    assert ind.change is not None and ind.change.direction == direction
    assert ind.change.amount is not None and ind.change.amount.value == pytest.approx(amount)


def test_indicators_overrun_before_a_level_is_a_qualifier() -> None:
    ind = _by_figure(_doc("Năm 2023, sản lượng lúa của tỉnh vượt 9 triệu tấn."), "vượt 9 triệu tấn")
    assert ind.change is None
    assert ind.value is not None and ind.value.approx == "more_than"


@pytest.mark.parametrize(
    ("text", "figure", "direction"),
    [
        (
            "Năm 2023, tỷ trọng thương mại điện tử trong bán lẻ đạt 7,8%, vượt mục tiêu đề ra.",
            "7,8%",
            "increase",
        ),
        (
            "Năm 2023, tổng lượng khách du lịch đạt 3,2 triệu lượt, tăng so với cùng kỳ.",
            "3,2 triệu lượt",
            "increase",
        ),
    ],
)
def test_indicators_change_without_amount(text: str, figure: str, direction: str) -> None:
    ind = _by_figure(_doc(text), figure)
    assert ind.change is not None and ind.change.direction == direction and ind.change.amount is None


def test_indicators_comparison_without_change_verb_is_not_a_change() -> None:
    ind = _by_figure(_doc("Năm 2023, tỷ lệ hộ nghèo của huyện là 3,1%, cao hơn so với năm 2022."), "3,1%")
    assert ind.change is None


# ---------------------------------------------------------------- period, status


def test_indicators_status_estimate_from_sentence_opening() -> None:
    opening = "Theo số liệu ước tính, năm 2023 sản lượng cà phê đạt 1,8 triệu tấn; "
    text = opening + "sản lượng hồ tiêu đạt 190.000 tấn."
    doc = _doc(text, dt.date(2024, 1, 15))
    assert [i.status for i in doc.indicators] == ["estimate", "estimate"]


def test_indicators_status_target_for_every_clause() -> None:
    text = "Phấn đấu đến năm 2025, tỷ lệ người dân có chữ ký số đạt 50%; tỷ lệ hộ có cáp quang đạt 90%."
    doc = _doc(text)
    assert [i.status for i in doc.indicators] == ["target", "target"]
    assert all(i.period is not None and i.period.start_date == dt.date(2025, 1, 1) for i in doc.indicators)


def test_indicators_estimate_word_in_one_clause_only() -> None:
    text = "Năm 2023, kim ngạch xuất khẩu ước đạt 3,1 tỷ USD; có 215 doanh nghiệp tham gia xuất khẩu."
    doc = _doc(text, dt.date(2024, 1, 15))
    assert _by_figure(doc, "3,1 tỷ USD").status == "estimate"
    assert _by_figure(doc, "215 doanh nghiệp").status == "actual"


def test_indicators_paragraph_sets_period_in_first_sentence() -> None:
    text = (
        "Trong quý I/2024, doanh thu du lịch của tỉnh đạt 2.300 tỷ đồng. "
        "Lượng khách quốc tế đạt 150.000 lượt, tăng 18% so với cùng kỳ.\n"
        "Tuyến đường ven biển dài 42 km."
    )
    doc = _doc(text, dt.date(2024, 4, 20))
    second = _by_figure(doc, "150.000 lượt")
    assert second.period is not None and second.period.start_date == dt.date(2024, 1, 1)
    assert second.period.end_date == dt.date(2024, 3, 31)
    # never from another paragraph
    assert _by_figure(doc, "42 km").period is None


def test_indicators_present_marker_dates_cumulative_total() -> None:
    ind = _by_figure(
        _doc("Đến nay, toàn tỉnh có hơn 1.250 hợp tác xã đang hoạt động."), "hơn 1.250 hợp tác xã"
    )
    assert ind.period is not None
    assert ind.period.start_date == REF and ind.period.modifier == "until"


def test_indicators_baseline_time_is_not_the_period() -> None:
    text = (
        "Sáu tháng đầu năm 2023, sản lượng thép đạt 9,6 triệu tấn. Sản lượng xi măng tăng 4% so với năm 2022."
    )
    doc = _doc(text, dt.date(2023, 7, 20))
    later = _by_figure(doc, "4%")
    assert later.period is not None and later.period.start_date == dt.date(2023, 1, 1)


def test_indicators_sentence_offsets_point_at_the_sentence() -> None:
    text = "Mở đầu bài viết. Năm 2023, tỷ lệ che phủ rừng của tỉnh đạt 43,1%."
    ind = _by_figure(_doc(text), "43,1%")
    assert text[ind.sentence_start : ind.sentence_end].startswith("Năm 2023")


# ---------------------------------------------------------------- which figures are indicators


@pytest.mark.parametrize(
    "text",
    [
        "Chiều 12/3, Ủy ban tổ chức phiên họp lần thứ 5 tại Hà Nội.",
        "Dự án được thi công trong 18 tháng.",
        "Người dân nên diệt bọ gậy ít nhất một lần mỗi tuần.",
    ],
)
def test_indicators_not_reported_figures(text: str) -> None:
    assert _doc(text).indicators == []


def test_indicators_measured_duration_is_a_figure() -> None:
    ind = _by_figure(_doc("Năm 2023, thời gian xử lý trung bình một hồ sơ đất đai là 9 ngày."), "9 ngày")
    assert _metric_close("thời gian xử lý trung bình một hồ sơ đất đai", ind.metric), ind.metric


def test_indicators_figure_qualifying_a_metric_is_not_a_figure() -> None:
    text = "Tháng 7/2024, công suất phòng của các khách sạn 4 - 5 sao đạt 82%."
    doc = _doc(text)
    assert [_figure_text(i) for i in doc.indicators] == ["82%"]


# ---------------------------------------------------------------- layouts


def test_indicators_colon_label_names_the_figure() -> None:
    text = "- Tổng vốn đầu tư toàn xã hội: 125.000 tỷ đồng, tăng 10,5%.\n- Thu ngân sách: 18.200 tỷ đồng."
    doc = _doc(text)
    first, second = _by_figure(doc, "125.000 tỷ đồng"), _by_figure(doc, "18.200 tỷ đồng")
    assert _metric_close("tổng vốn đầu tư toàn xã hội", first.metric), first.metric
    assert first.change is not None and first.change.amount is not None
    assert _metric_close("thu ngân sách", second.metric), second.metric


def test_indicators_share_of_a_whole() -> None:
    text = "Tháng 6/2024, điện mặt trời chiếm 12,5% sản lượng huy động toàn hệ thống."
    ind = _by_figure(_doc(text), "12,5%")
    assert _metric_close("tỷ trọng điện mặt trời trong sản lượng huy động toàn hệ thống", ind.metric), (
        ind.metric
    )


def test_indicators_rank_takes_its_steps() -> None:
    text = "Năm 2023, chỉ số PCI của tỉnh đạt 68,5 điểm, xếp thứ 12/63, tăng 5 bậc so với năm 2022."
    doc = _doc(text, dt.date(2024, 3, 1))
    rank = _by_figure(doc, "thứ 12/63")
    assert rank.change is not None and rank.change.amount is not None and rank.change.amount.value == 5
    assert _by_figure(doc, "68,5 điểm").change is None
    assert rank.metric.startswith("xếp hạng")


def test_indicators_breakdown_keeps_estimate() -> None:
    text = (
        "Năm 2024, GRDP của tỉnh ước tăng 8,1%; trong đó công nghiệp tăng 10,2%; "
        "dịch vụ tăng 7,4%; nông nghiệp tăng 3,3%."
    )
    doc = _doc(text, dt.date(2025, 1, 10))
    assert [i.status for i in doc.indicators] == ["estimate"] * 4


def test_indicators_list_items_fill_the_template() -> None:
    text = (
        "Trong tháng 6/2024, nhiệt điện than chiếm 57,8% sản lượng huy động, thủy điện 21,3%, điện gió 6,4%."
    )
    doc = _doc(text, dt.date(2024, 7, 5))
    ind = _by_figure(doc, "21,3%")
    assert _metric_close("tỷ trọng thủy điện trong sản lượng huy động", ind.metric), ind.metric
    assert ind.period is not None and ind.period.start_date == dt.date(2024, 6, 1)
