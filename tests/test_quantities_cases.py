"""Quantity behaviour the corpus does not show: every kind, the number conventions and the traps."""

from __future__ import annotations

import math
from typing import Any

import pytest

from vnextract import extract

REF = "2022-08-10"


def _quantities(text: str) -> list[Any]:
    return extract(text, reference_date=REF).quantities


def _only(text: str, span: str) -> Any:
    hits = [q for q in _quantities(text) if q.text == span]
    assert hits, f"no quantity {span!r} in {text!r}: {[q.text for q in _quantities(text)]}"
    return hits[0]


# (text, span, expected fields)
POSITIVE = [
    (
        "giá vàng vượt 84 triệu đồng/lượng",
        "vượt 84 triệu đồng/lượng",
        {"kind": "money", "value": 84e6, "unit": "VND", "approx": "more_than", "per": "lượng"},
    ),
    ("thu về 500 triệu euro", "500 triệu euro", {"kind": "money", "value": 5e8, "unit": "EUR"}),
    ("hợp đồng 60 tỷ yên", "60 tỷ yên", {"kind": "money", "value": 6e10, "unit": "JPY"}),
    ("đạt 3 tỷ đô la Mỹ", "3 tỷ đô la Mỹ", {"kind": "money", "value": 3e9, "unit": "USD"}),
    ("giá 100.000đ một vé", "100.000đ một vé", {"kind": "money", "value": 1e5, "unit": "VND", "per": "vé"}),
    (
        "mức 24.790 - 25.160 đồng/USD",
        "24.790 - 25.160 đồng/USD",
        {"kind": "money", "value": 24790, "upper": 25160, "unit": "VND", "per": "USD"},
    ),
    (
        "lãi khoảng 25 - 30 triệu đồng/ha",
        "khoảng 25 - 30 triệu đồng/ha",
        {"kind": "money", "value": 25e6, "upper": 30e6, "approx": "about", "per": "ha"},
    ),
    ("tăng từ 10% đến 12%", "từ 10% đến 12%", {"kind": "percent", "value": 10, "upper": 12}),
    ("giảm 0,9 điểm phần trăm", "0,9 điểm phần trăm", {"kind": "percent", "value": 0.9, "unit": "%"}),
    ("tăng 15,2 điểm % so với", "15,2 điểm %", {"kind": "percent", "value": 15.2, "unit": "%"}),
    ("lãi suất 6,6%/năm", "6,6%/năm", {"kind": "percent", "value": 6.6, "per": "năm"}),
    (
        "tương đương hơn 6 phần trăm",
        "hơn 6 phần trăm",
        {"kind": "percent", "value": 6, "approx": "more_than"},
    ),
    (
        "chiếm gần ba phần tư số doanh nghiệp",
        "gần ba phần tư",
        {"kind": "fraction", "value": 3, "total": 4, "approx": "nearly", "unit": "doanh nghiệp"},
    ),
    ("có 2/3 số xã đạt chuẩn", "2/3 số xã", {"kind": "fraction", "value": 2, "total": 3, "unit": "xã"}),
    ("nhanh gấp đôi so với trước", "gấp đôi", {"kind": "multiplier", "value": 2}),
    ("đạt điểm 10, gấp rưỡi năm trước", "gấp rưỡi", {"kind": "multiplier", "value": 1.5}),
    ("xếp lần lượt thứ 45 và 52, cao hơn", "52", {"kind": "rank", "value": 52}),
    ("Hà Nội đứng thứ hai với 24.715 doanh nghiệp", "thứ hai", {"kind": "rank", "value": 2}),
    ("Ngày làm việc thứ mười chín của kỳ họp", "thứ mười chín", {"kind": "ordinal", "value": 19}),
    ("sau một năm rưỡi triển khai", "một năm rưỡi", {"kind": "duration", "value": 1.5, "unit": "năm"}),
    (
        "có 40 triệu người dùng/tháng",
        "40 triệu người dùng/tháng",
        {"kind": "count", "value": 4e7, "unit": "người dùng", "per": "tháng"},
    ),
    (
        "trung bình khoảng 1.560 xe mỗi ngày",
        "khoảng 1.560 xe mỗi ngày",
        {"kind": "count", "value": 1560, "unit": "xe", "approx": "about", "per": "ngày"},
    ),
    ("cả nước có 2,315 lượt xem", "2,315 lượt xem", {"kind": "count", "value": 2315}),
    ("năng suất 0,125 tấn/ha", "0,125 tấn/ha", {"kind": "measure", "value": 0.125, "unit": "tấn"}),
    ("đi qua 9 tỉnh với 1.177 vị trí", "9 tỉnh", {"kind": "count", "value": 9, "unit": "tỉnh"}),
    ("đạt 69,48, tăng 1,2 điểm", "69,48", {"kind": "number", "value": 69.48}),
    ("thiệt hại 12.345,6 tỷ đồng", "12.345,6 tỷ đồng", {"kind": "money", "value": 12345.6e9}),
    ("dải tần 2.500 - 2.600 MHz", "2.500 - 2.600 MHz", {"kind": "measure", "value": 2500, "upper": 2600}),
    ("nhiệt độ không dưới 26 độ C", "không dưới 26 độ C", {"kind": "measure", "approx": "at_least"}),
    ("vận tốc tối đa 120 km/h", "tối đa 120 km/h", {"kind": "measure", "approx": "at_most", "per": "h"}),
    ("có 2 Chỉ thị và 1 Công điện", "2 Chỉ thị", {"kind": "count", "unit": "chỉ thị"}),
    ("thời hạn 05 ngày làm việc", "05 ngày", {"kind": "duration", "value": 5, "unit": "ngày"}),
    ("Hội đồng đã họp 2 lần trong quý", "2 lần", {"kind": "count", "value": 2, "unit": "lần"}),
    ("đạt năm mươi phần trăm", "năm mươi phần trăm", {"kind": "percent", "value": 50}),
    ("nhanh hơn 2 tiếng so với trước", "2 tiếng", {"kind": "duration", "value": 2, "unit": "tiếng"}),
    ("Chỉ số GII xếp hạng 44/132 quốc gia", "44/132", {"kind": "rank", "value": 44, "total": 132}),
    (
        "khoảng 1.5 triệu người",
        "khoảng 1.5 triệu người",
        {"kind": "count", "value": 1.5e6, "approx": "about"},
    ),
]


@pytest.mark.parametrize(("text", "span", "fields"), POSITIVE)
def test_quantities_cases_found(text: str, span: str, fields: dict[str, Any]) -> None:
    q = _only(text, span)
    for key, expected in fields.items():
        actual = getattr(q, key)
        if isinstance(expected, int | float) and not isinstance(expected, bool):
            assert actual is not None and math.isclose(actual, expected, rel_tol=1e-9), (key, actual)
        else:
            assert actual == expected, (key, actual)


# (text, substring that no quantity may overlap)
NEGATIVE = [
    ("Quyết định số 749/QĐ-TTg của Thủ tướng", "749"),
    ("Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu", "13/2023"),
    ("Nghị quyết 52-NQ/TW của Bộ Chính trị", "52"),
    ("thực hiện Đề án 06 của Chính phủ", "06"),
    ("dịch vụ công trực tuyến mức độ 4", "4"),
    ("ảnh hưởng của bão số 3", "3"),
    ("tuyến Quốc lộ 1A và Quốc lộ 14 được nâng cấp", "14"),
    ("quy định tại Điều 13 và Chương III", "13"),
    ("học sinh lớp 10 năm nay", "10"),
    ("iPhone 12 được bán", "12"),
    ("mạng 4G và 5G phủ sóng", "4G và 5G"),
    ("đại dịch COVID-19 kéo dài", "19"),
    ("gọi đường dây nóng 1900 9095", "1900 9095"),
    ("Hotline: 0912 345 678", "0912 345 678"),
    ("cập nhật phiên bản 2.0 của ứng dụng", "2.0"),
    ("công nghiệp 4.0 phát triển", "4.0"),
    ("trụ sở tại số 18 Nguyễn Du", "18"),
    ("năm 2022 doanh nghiệp tăng mạnh", "2022"),
    ("lúc 9 giờ 15 phút sáng nay", "9"),
    ("Thứ Sáu, 30/08/2024 08:15", "Thứ Sáu"),
    ("Thứ 4, 24/04/2024 | 16:38:46", "4"),
    ("lúa ST25 và Đài Thơm 8 được giá", "8"),
    ("tỷ lệ hộ nghèo giảm mạnh", "tỷ lệ"),
    ("bình quân một tháng có nhiều doanh nghiệp", "một tháng"),
    ("Hai Bà Trưng là một quận", "Hai"),
    ("vào 9/12 các đơn vị báo cáo", "9/12"),
    ("giai đoạn 2021-2025 tỉnh phát triển", "2021-2025"),
    ("Ngày 8-8 Thủ tướng chủ trì", "8-8"),
    ("lúc 10:30 AM hôm nay", "30"),
    ("thu hút đầu tư nước ngoài", "tư"),
    ("hai bên đã ký kết thỏa thuận", "hai"),
    ("họp vào thứ hai hằng tuần", "thứ hai"),
    ("đường Vành đai 3 dài 76 km", "3"),
    ("lúc 20 giờ ngày 5/8", "20 giờ"),
    ("mã số 123456789012345678901234", "123456789012345678901234"),
]


@pytest.mark.parametrize(("text", "span"), NEGATIVE)
def test_quantities_cases_not_a_quantity(text: str, span: str) -> None:
    lo = text.index(span)
    hi = lo + len(span)
    bad = [q.text for q in _quantities(text) if q.start < hi and lo < q.end]
    assert not bad


@pytest.mark.parametrize(
    ("text", "span", "approx"),
    [
        ("cao hơn 2.400 MW so với năm ngoái", "2.400 MW", "exact"),  # a comparison, not a qualifier
        ("thu ngân sách vượt 12,4% dự toán", "12,4%", "exact"),  # the size of an overrun
        ("sản lượng ước đạt 410.000 tấn", "410.000 tấn", "exact"),  # estimate words are not approx
        ("dự kiến 230.000 ha", "230.000 ha", "exact"),
        ("tốc độ 550 Mbps", "550 Mbps", "exact"),  # "độ" in "tốc độ" is not "about"
        ("trên dưới 200 hộ", "trên dưới 200 hộ", "about"),
        ("chưa đến 10 ngày", "chưa đến 10 ngày", "less_than"),
        ("gần như 100%", "gần như 100%", "nearly"),
        ("không quá 30 phút", "không quá 30 phút", "at_most"),
        ("Hơn 1,2 triệu hồ sơ", "Hơn 1,2 triệu hồ sơ", "more_than"),
    ],
)
def test_quantities_cases_approx(text: str, span: str, approx: str) -> None:
    assert _only(text, span).approx == approx


@pytest.mark.parametrize(
    ("text", "blocked", "expected"),
    [
        # Only the noun runs into a name: the number stays, its span ends before the name.
        ("hợp nhất 3 tỉnh Hà Nam, Nam Định", "tỉnh Hà Nam", ["3"]),
        # The number itself is inside a blocked span (a time or a name): nothing.
        ("trong tháng 3/2022 có", "tháng 3/2022", []),
        ("theo Đề án 06 năm nay", "Đề án 06", []),
    ],
)
def test_quantities_cases_blocked(text: str, blocked: str, expected: list[str]) -> None:
    from vnextract.context import Analysis
    from vnextract.extractors.quantities import extract_quantities
    from vnextract.text import Span

    an = Analysis(text)
    lo = an.text.index(blocked)
    found = extract_quantities(an, [Span(lo, lo + len(blocked))])
    assert [q.record.text for q in found] == expected
