"""Year inference (infer_year) and the reference date found in the article's dateline."""

from __future__ import annotations

import datetime as dt

import pytest

from vnextract.context import Analysis
from vnextract.extractors.time_resolve import infer_quarter_year, infer_year
from vnextract.extractors.times import extract_times, find_reference_date

D = dt.date


@pytest.mark.parametrize(
    ("month", "day", "reference", "year"),
    [
        (12, 25, D(2023, 1, 5), 2022),  # "25/12" in an article of 5 January: last December
        (1, 5, D(2023, 12, 28), 2024),  # "5/1" in an article of 28 December: next January
        (8, 8, D(2022, 8, 8), 2022),
        (9, None, D(2025, 8, 15), 2025),  # "tháng 9" a month ahead
        (12, None, D(2025, 6, 20), 2025),  # half a year ahead stays in the reference year
        (1, None, D(2024, 8, 10), 2024),  # news looks back: January of this year
        (11, 30, D(2025, 10, 3), 2025),
    ],
)
def test_times_infer_year(month: int, day: int | None, reference: dt.date, year: int) -> None:
    assert infer_year(month, day, reference) == year


@pytest.mark.parametrize(
    ("quarter", "reference", "year"),
    [
        (1, D(2023, 9, 29), 2023),
        (4, D(2024, 8, 5), 2024),
        (4, D(2025, 1, 10), 2024),
        (2, D(2022, 8, 15), 2022),
    ],
)
def test_times_infer_quarter_year(quarter: int, reference: dt.date, year: int) -> None:
    assert infer_quarter_year(quarter, reference) == year


ARTICLE = (
    "Ngày 25/12, hội nghị tổng kết năm nay; ngày 5/1 khai mạc phiên họp. Tháng trước, GDP năm 2023 tăng 5%, "
    "6 tháng đầu năm 2022 tăng 6%, giai đoạn 2021-2025, từ 19/8/2020. Quý IV, sáng nay, tuần trước."
)


def _by_text(reference: dt.date) -> dict[str, object]:
    return {t.record.text: t.record for t in extract_times(Analysis(ARTICLE, reference))}


def test_times_year_boundary_changes_only_inferred_years() -> None:
    before, after = _by_text(D(2023, 12, 31)), _by_text(D(2024, 1, 1))
    assert before.keys() == after.keys()
    changed = {k for k in before if before[k] != after[k]}
    assert all(before[k].year_inferred and after[k].year_inferred for k in changed)
    # stated years never move
    for key in ("năm 2023", "6 tháng đầu năm 2022", "giai đoạn 2021-2025", "từ 19/8/2020"):
        assert key not in changed
    # the nearest-date policy keeps days that straddle the boundary where they are
    assert before["Ngày 25/12"].start_date == after["Ngày 25/12"].start_date == D(2023, 12, 25)
    assert before["ngày 5/1"].start_date == after["ngày 5/1"].start_date == D(2024, 1, 5)
    # what follows the reference date moves with it
    assert (before["năm nay"].start_date, after["năm nay"].start_date) == (D(2023, 1, 1), D(2024, 1, 1))
    assert (before["Tháng trước"].start_date, after["Tháng trước"].start_date) == (
        D(2023, 11, 1),
        D(2023, 12, 1),
    )
    assert (before["Quý IV"].start_date, after["Quý IV"].start_date) == (D(2023, 10, 1), D(2023, 10, 1))
    assert before["sáng nay"].start_date == D(2023, 12, 31) and after["sáng nay"].start_date == D(2024, 1, 1)


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Thứ 4, 24/04/2024 | 16:38:46\n3,490 lượt xem\nSáng ngày 24/4, Thủ tướng chủ trì", D(2024, 4, 24)),
        ("Tiêu đề bài viết\n\nChủ nhật, 19/05/2024, 20:46[GMT+7]\n\nNội dung", D(2024, 5, 19)),
        ("Hà Nội, ngày 10-02-2022 – Sáng nay, Bộ Tài chính công bố", D(2022, 2, 10)),
        ("Thứ Hai, 15/01/2024 - 09:30\n\nTheo Bộ Công Thương, tháng 12/2023", D(2024, 1, 15)),
        # a page header's crawl date comes before the article's own dateline: the earliest wins
        (
            "Chủ nhật, 19/05/2024, 20:46[GMT+7]\n\nTiêu đề\n\nThứ 4, 24/04/2024 | 16:38:46\nNội dung",
            D(2024, 4, 24),
        ),
        ("NGHỆ AN - Ngày 18/7/2024, Sở Giáo dục công bố", D(2024, 7, 18)),
        ("Cập nhật lúc 16:20, ngày 12/08/2024\n\nTheo Sở Y tế", D(2024, 8, 12)),
    ],
)
def test_times_reference_date_from_dateline(text: str, reference: dt.date) -> None:
    assert find_reference_date(Analysis(text)) == reference


@pytest.mark.parametrize(
    "text",
    [
        "Sáng 25/12, Thủ tướng chủ trì hội nghị.",  # no year: no dateline
        "Theo báo cáo, số liệu năm 2023 tăng.",
        "Tiêu đề\n\nNội dung thứ nhất.\n\nĐoạn hai.\n\nĐoạn ba.\n\nĐoạn bốn.\n\nĐoạn năm.\n\n"
        "Đoạn sáu.\n\nĐoạn bảy.\n\nĐoạn tám.\n\nNgày 5/7/2025, hội nghị.",  # too deep to be a dateline
        "Theo Nghị quyết số 01/NQ-CP ngày 8/1/2025, Chính phủ yêu cầu",
    ],
)
def test_times_no_reference_date(text: str) -> None:
    assert find_reference_date(Analysis(text)) is None
