"""Quantities and times on fresh text written for held-out generalization (not from the dev gold).

Each case is one sentence of the kind government and economic news prints; the expected values follow
the contract (shared/spec/records.md) and the conventions of the extra gold README.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from vnextract.pipeline import extract

REFERENCE = dt.date(2024, 10, 15)


def _one(mentions: list[Any], span: str) -> Any:
    found = [m for m in mentions if m.text == span]
    assert found, f"no mention {span!r} in {[m.text for m in mentions]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "expect"),
    [
        # spelled numbers with "rưỡi" after a compound scale word
        (
            "Doanh thu du lịch ước đạt hai nghìn tỷ rưỡi đồng.",
            "hai nghìn tỷ rưỡi đồng",
            {"kind": "money", "value": 2.5e12, "unit": "VND"},
        ),
        ("sản lượng đạt ba triệu rưỡi tấn", "ba triệu rưỡi tấn", {"kind": "measure", "value": 3.5e6}),
        # spelled fractions with "một": not the article "a"
        (
            "Một phần năm diện tích lúa bị ảnh hưởng.",
            "Một phần năm",
            {"kind": "fraction", "value": 1, "total": 5},
        ),
        (
            "chiếm một phần ba số xã",
            "một phần ba",
            {"kind": "fraction", "value": 1, "total": 3, "unit": "xã"},
        ),
        (
            "chiếm ba phần tư tổng số xã",
            "ba phần tư",
            {"kind": "fraction", "value": 3, "total": 4, "unit": "xã"},
        ),
        # ranks with the size of the field
        (
            "Tỉnh xếp hạng 5 trên 63 tỉnh, thành về chỉ số PCI.",
            "hạng 5 trên 63",
            {"kind": "rank", "value": 5, "total": 63},
        ),
        (
            "đứng thứ 12 trong số 34 tỉnh, thành phố",
            "thứ 12 trong số 34",
            {"kind": "rank", "value": 12, "total": 34},
        ),
        (
            "Chỉ số cải cách hành chính xếp thứ 53/63; các chỉ số thành phần xếp lần lượt thứ 45 và 52.",
            "52",
            {"kind": "rank", "value": 52},
        ),
        # ranges, rates, currencies, measures
        (
            "Mục tiêu tăng trưởng từ 6,5 đến 7%.",
            "từ 6,5 đến 7%",
            {"kind": "percent", "value": 6.5, "upper": 7},
        ),
        (
            "có thể đạt 8,3 - 8,5% trong kịch bản tích cực",
            "8,3 - 8,5%",
            {"kind": "percent", "value": 8.3, "upper": 8.5},
        ),
        (
            "tăng thêm từ 1,8 triệu đồng đến 3,3 triệu đồng/tháng",
            "từ 1,8 triệu đồng đến 3,3 triệu đồng/tháng",
            {"kind": "money", "value": 1.8e6, "upper": 3.3e6, "per": "tháng"},
        ),
        (
            "nhập khẩu lên tới 310 tỷ nhân dân tệ",
            "310 tỷ nhân dân tệ",
            {"kind": "money", "value": 3.1e11, "unit": "CNY"},
        ),
        (
            "Xuất khẩu sang Nhật Bản đạt 2.500 tỷ yên",
            "2.500 tỷ yên",
            {"kind": "money", "value": 2.5e12, "unit": "JPY"},
        ),
        (
            "tín dụng đạt hơn 15,2 triệu tỷ đồng",
            "hơn 15,2 triệu tỷ đồng",
            {"kind": "money", "value": 1.52e16, "approx": "more_than"},
        ),
        (
            "Lãi suất giảm 0,5 điểm phần trăm",
            "0,5 điểm phần trăm",
            {"kind": "percent", "value": 0.5, "unit": "%"},
        ),
        (
            "xuất khẩu vượt 8 triệu tấn gạo",
            "vượt 8 triệu tấn",
            {"kind": "measure", "value": 8e6, "approx": "more_than"},
        ),
        (
            "tốc độ trung bình 280 Mb/s; 5G phủ 90% dân số",
            "280 Mb/s",
            {"kind": "measure", "value": 280, "unit": "Mb/s"},
        ),
        ("xảy ra động đất 4,5 độ Richter", "4,5 độ Richter", {"kind": "measure", "value": 4.5}),
        ("mật độ dân số 1.000 người/km2.", "1.000 người/km2", {"kind": "count", "value": 1000, "per": "km2"}),
        ("số đơn vị hành chính cấp xã giảm từ 10.035 xuống 3.321.", "3.321", {"value": 3321}),
        ("mức hưởng 1,5 lần mức lương cơ sở", "1,5 lần", {"kind": "multiplier", "value": 1.5}),
        ("đạt 13 bác sĩ/vạn dân", "13 bác sĩ/vạn dân", {"kind": "count", "value": 13, "per": "vạn dân"}),
        # round 2: compound counted nouns underthesea splits
        ("Năm 2023, tỉnh có 3.200 tổ hợp tác.", "3.200 tổ hợp tác", {"kind": "count", "unit": "tổ hợp tác"}),
        ("có 1,2 triệu thuê bao 5G", "1,2 triệu thuê bao", {"value": 1.2e6, "unit": "thuê bao"}),
        (
            "Tỉnh có 12 khu công nghiệp với tổng diện tích 4.500 ha",
            "12 khu công nghiệp",
            {"unit": "khu công nghiệp"},
        ),
        ("cấp 1.234 giấy chứng nhận quyền sử dụng đất", "1.234 giấy chứng nhận", {"unit": "giấy chứng nhận"}),
        # "trên 1 ha" is a denominator ("per hectare"), not "more than"
        (
            "Giá trị sản xuất trên 1 ha đất trồng trọt đạt 180 triệu đồng.",
            "1 ha",
            {"approx": "exact", "value": 1},
        ),
        ("có nơi mưa trên 300 mm", "trên 300 mm", {"approx": "more_than", "value": 300}),
        ("đoạn đê dài trên 1 km bị sạt lở", "trên 1 km", {"approx": "more_than", "value": 1}),
        (
            "không quá 500 triệu đồng/dự án",
            "không quá 500 triệu đồng/dự án",
            {"per": "dự án", "approx": "at_most"},
        ),
        # shares of a counted whole and ranges of shares
        (
            "Có 3 trong 5 bệnh viện tuyến tỉnh đã triển khai.",
            "3 trong 5 bệnh viện",
            {"kind": "fraction", "total": 5},
        ),
        ("hỗ trợ 3 trong số 5 lĩnh vực trọng tâm", "3 trong số 5 lĩnh vực", {"value": 3, "unit": "lĩnh vực"}),
        (
            "giải ngân được 2/3 - 3/4 kế hoạch vốn",
            "2/3",
            {"kind": "fraction", "total": 3, "unit": "kế hoạch"},
        ),
        (
            "giải ngân được 2/3 - 3/4 kế hoạch vốn",
            "3/4 kế hoạch",
            {"kind": "fraction", "value": 3, "total": 4},
        ),
        # money, measures and spelled numbers in other domains
        (
            "Nhà đầu tư Nhật Bản rót 1.500 tỷ yên vào Việt Nam.",
            "1.500 tỷ yên",
            {"unit": "JPY", "value": 1.5e12},
        ),
        ("Xuất khẩu sang EU đạt 12 tỷ euro", "12 tỷ euro", {"unit": "EUR", "value": 1.2e10}),
        ("nhập khẩu từ Trung Quốc 50 tỷ NDT", "50 tỷ NDT", {"unit": "CNY"}),
        ("Giá trị xuất khẩu đạt 1 tỷ 200 triệu USD.", "1 tỷ 200 triệu USD", {"value": 1.2e9, "unit": "USD"}),
        (
            "Nhà máy nước công suất 300.000 m3/ngày đêm",
            "300.000 m3/ngày đêm",
            {"unit": "m3", "per": "ngày đêm"},
        ),
        ("Lượng mưa phổ biến 100-200 mm", "100-200 mm", {"value": 100, "upper": 200, "unit": "mm"}),
        ("Tỉnh có hai mươi mốt đơn vị đạt chuẩn.", "hai mươi mốt đơn vị", {"kind": "count", "value": 21}),
        ("Thời gian thực hiện là một năm rưỡi.", "một năm rưỡi", {"kind": "duration", "value": 1.5}),
        ("Lãi suất giảm hai phần trăm", "hai phần trăm", {"kind": "percent", "value": 2}),
        ("Giá bán lẻ là 15.000 VNĐ/kg.", "15.000 VNĐ/kg", {"unit": "VND", "per": "kg"}),
        ("Tỷ giá lên mức 25.000 VND/USD.", "25.000 VND/USD", {"unit": "VND", "per": "USD"}),
        ("Tàu có trọng tải 100.000 DWT cập cảng.", "100.000 DWT", {"kind": "measure", "unit": "DWT"}),
        ("Giá 2 triệu rưỡi đồng một tấn.", "2 triệu rưỡi đồng một tấn", {"value": 2.5e6, "per": "tấn"}),
        ("thu nhập 5 triệu đồng một tháng", "5 triệu đồng một tháng", {"unit": "VND", "per": "tháng"}),
        ("Tỉnh xếp thứ 15/63 về PCI và thứ 20 về PAPI.", "thứ 20", {"kind": "rank", "value": 20}),
        ("Kỳ họp thứ 8 và thứ 9 diễn ra.", "thứ 9", {"kind": "ordinal", "value": 9}),
        ("Giá xăng không cao hơn 20.500 đồng/lít.", "không cao hơn 20.500 đồng/lít", {"approx": "at_most"}),
    ],
)
def test_generalization_quantities(text: str, span: str, expect: dict[str, Any]) -> None:
    quantity = _one(extract(text, reference_date=REFERENCE).quantities, span)
    for field, value in expect.items():
        assert getattr(quantity, field) == value, (field, getattr(quantity, field))


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("sạt lở tại Km 45+200 Quốc lộ 6", "200"),  # a road chainage
        ("Cảng hàng không Long Thành giai đoạn 1 hoàn thành", "1"),  # a phase's name
        ("Khoảng 14 giờ ngày 26/9/2025, bão đổ bộ; đến 20 giờ cùng ngày, 5.000 hộ mất điện.", "20 giờ"),
        ("Theo Nghị định số 13/2023/NĐ-CP, Điều 13 quy định", "13"),
        ("liên hệ số điện thoại 0243 8223 456", "8223"),
        ("ứng dụng VNeID phiên bản 2.1.4", "2.1.4"),
        ("Mạng 4G/5G đã phủ sóng toàn quốc", "5G"),
        ("dịch vụ công trực tuyến mức độ 4 đạt", "4"),
        ("Bão số 3 gây thiệt hại", "3"),
        ("Kỳ thi tuyển sinh lớp 10 năm nay", "10"),
        ("Đợt 1 có nhiều thí sinh đăng ký", "1"),
        ("năm 2024 và 2025 tăng trưởng trên 8%", "2025"),
        ("đợt cao điểm từ 30/4 đến 4/5 đón 5 triệu lượt khách", "4/5"),
        # round 2
        ("Hội nghị Trung ương 10 diễn ra tại Hà Nội.", "10"),  # a numbered plenum
        ("Văn phòng ở 123 đường Trần Hưng Đạo, quận 1.", "123"),  # a house number
        ("Người dân gọi đường dây nóng 1900 9095 để phản ánh.", "9095"),
        ("Ứng dụng được nâng cấp lên phiên bản 2.0 từ tháng 3.", "2.0"),
        ("Quốc lộ 1A đoạn qua tỉnh dài 45 km", "1A"),
        ("Dịch COVID-19 khiến 1,1 triệu lao động mất việc.", "19"),
        ("Dịp nghỉ lễ 2/9 năm nay, du lịch tăng mạnh.", "2/9"),  # a date with a relative year
        ("Hội nghị G20 diễn ra vào ngày 18-19/11.", "20"),
        ("Số liệu tính đến 24h ngày 31/12/2024.", "24h"),
    ],
)
def test_generalization_not_quantities(text: str, span: str) -> None:
    start = text.index(span)
    end = start + len(span)
    quantities = extract(text, reference_date=REFERENCE).quantities
    assert not [q.text for q in quantities if q.start < end and start < q.end]


@pytest.mark.parametrize(
    ("text", "span", "start", "end", "expect"),
    [
        (
            "GDP quý 3 năm 2024 ước tăng 7,4%.",
            "quý 3 năm 2024",
            "2024-07-01",
            "2024-09-30",
            {"grain": "quarter"},
        ),
        (
            "tính chung 9 tháng năm 2024 tăng 6,82%",
            "9 tháng năm 2024",
            "2024-01-01",
            "2024-09-30",
            {"grain": "month"},
        ),
        (
            "Tính chung 9 tháng, kim ngạch xuất khẩu đạt 290 tỷ USD.",
            "9 tháng",
            "2024-01-01",
            "2024-09-30",
            {"year_inferred": True},
        ),
        ("Lũy kế 10 tháng, thu ngân sách đạt 1,5 triệu tỷ đồng.", "10 tháng", "2024-01-01", "2024-10-31", {}),
        (
            "quý đầu năm 2025 đạt 15% kế hoạch",
            "quý đầu năm 2025",
            "2025-01-01",
            "2025-03-31",
            {"grain": "quarter"},
        ),
        (
            "tập trung cho quý cuối năm 2024.",
            "quý cuối năm 2024",
            "2024-10-01",
            "2024-12-31",
            {"grain": "quarter"},
        ),
        (
            "đến cuối quý III, tín dụng tăng",
            "đến cuối quý III",
            "2024-07-01",
            "2024-09-30",
            {"modifier": "until", "part": "late"},
        ),
        (
            "Ngày 5 tháng 9 năm 2023, tỉnh đón khách",
            "Ngày 5 tháng 9 năm 2023",
            "2023-09-05",
            "2023-09-05",
            {},
        ),
        ("Tháng Mười năm 2023, giá xăng giảm", "Tháng Mười năm 2023", "2023-10-01", "2023-10-31", {}),
        ("Nửa đầu năm nay, doanh thu tăng", "Nửa đầu năm nay", "2024-01-01", "2024-06-30", {"grain": "half"}),
        (
            "Từ năm 2021 đến 2025, tỉnh phấn đấu",
            "Từ năm 2021 đến 2025",
            "2021-01-01",
            "2025-12-31",
            {"modifier": None},
        ),
        (
            "Kể từ tháng 11/2019, mức lương tăng",
            "Kể từ tháng 11/2019",
            "2019-11-01",
            "2019-11-30",
            {"modifier": "since"},
        ),
        (
            "phải báo cáo trước ngày 31/12/2025.",
            "trước ngày 31/12/2025",
            "2025-12-31",
            "2025-12-31",
            {"modifier": "before"},
        ),
        ("Hôm qua, Sở Y tế cho biết", "Hôm qua", "2024-10-14", "2024-10-14", {"year_inferred": True}),
        (
            "đợt cao điểm từ 30/4 đến 4/5 đón 5 triệu lượt khách",
            "từ 30/4 đến 4/5",
            "2024-04-30",
            "2024-05-04",
            {"modifier": None},
        ),
        (
            "Trong hai ngày 12 và 13/9/2024, bão gây mưa lớn",
            "ngày 12 và 13/9/2024",
            "2024-09-12",
            "2024-09-13",
            {},
        ),
        (
            "Thứ Hai (12/8), đoàn công tác làm việc tại tỉnh.",
            "Thứ Hai (12/8)",
            "2024-08-12",
            "2024-08-12",
            {},
        ),
        ("Trong các năm 2021, 2022 và 2023, tăng trưởng đạt 7%.", "2022", "2022-01-01", "2022-12-31", {}),
        ("năm 2024 và 2025 tăng trưởng trên 8%", "2025", "2025-01-01", "2025-12-31", {}),
        ("Tối 11/5/2022, Thủ tướng chủ trì phiên họp", "Tối 11/5/2022", "2022-05-11", "2022-05-11", {}),
        (
            "Đến 16h chiều nay, đã có 20 tỉnh hoàn thành.",
            "Đến 16h chiều nay",
            "2024-10-15",
            "2024-10-15",
            {"grain": "hour", "modifier": "until", "datetime": dt.datetime(2024, 10, 15, 16, 0)},
        ),
        (
            "8h sáng 16/10, lưới điện tạm ngừng cung cấp",
            "8h sáng 16/10",
            "2024-10-16",
            "2024-10-16",
            {"datetime": dt.datetime(2024, 10, 16, 8, 0)},
        ),
        ("Ngày 15/7 tới, Bộ sẽ tổ chức hội nghị", "Ngày 15/7 tới", "2025-07-15", "2025-07-15", {}),
        ("Ngày 20/11 vừa qua, Bộ đã tổ chức hội nghị", "Ngày 20/11 vừa qua", "2023-11-20", "2023-11-20", {}),
        ("trong tháng 10, 11 và 12/2023, giá tăng", "tháng 10", "2023-10-01", "2023-10-31", {}),
        ("trong tháng 10, 11 và 12/2023, giá tăng", "11", "2023-11-01", "2023-11-30", {}),
        ("trong kỳ nghỉ lễ 30/4-1/5/2025, khách tăng", "30/4-1/5/2025", "2025-04-30", "2025-05-01", {}),
        ("dịp nghỉ lễ 30/4 - 1/5, khách tăng", "30/4 - 1/5", "2024-04-30", "2024-05-01", {}),
        (
            "Lượng hàng hóa qua cảng biển 9 tháng ước đạt 650 triệu tấn.",
            "9 tháng",
            "2024-01-01",
            "2024-09-30",
            {},
        ),
        ("trong quý I và II năm 2024, tăng", "II năm 2024", "2024-04-01", "2024-06-30", {"grain": "quarter"}),
        (
            "Khoảng 14 giờ ngày 26/9/2025, bão đổ bộ; đến 20 giờ cùng ngày, 5.000 hộ mất điện.",
            "đến 20 giờ cùng ngày",
            "2025-09-26",
            "2025-09-26",
            {"datetime": dt.datetime(2025, 9, 26, 20, 0)},
        ),
        ("Hà Nội, 5/9 (TTXVN) - Chiều nay, Bộ Tài chính họp", "5/9", "2024-09-05", "2024-09-05", {}),
        # round 2: running periods after an indicator, day lists, clock ranges, end of day
        (
            "Chỉ số sản xuất công nghiệp 6 tháng tăng 9,1% so với cùng kỳ.",
            "6 tháng",
            "2024-01-01",
            "2024-06-30",
            {"year_inferred": True},
        ),
        (
            "Hội chợ diễn ra trong các ngày 5, 6 và 7/9 tại Cần Thơ.",
            "ngày 5, 6 và 7/9",
            "2024-09-05",
            "2024-09-07",
            {},
        ),
        (
            "Thời gian thi từ 7h30 đến 9h30 ngày 26/6.",
            "từ 7h30 đến 9h30 ngày 26/6",
            "2024-06-26",
            "2024-06-26",
            {"grain": "minute", "modifier": None, "datetime": dt.datetime(2024, 6, 26, 7, 30)},
        ),
        (
            "Số liệu tính đến 24h ngày 31/12/2024.",
            "tính đến 24h ngày 31/12/2024",
            "2024-12-31",
            "2024-12-31",
            {"modifier": "until", "datetime": dt.datetime(2025, 1, 1, 0, 0)},
        ),
        (
            "Theo Cục Hải quan, trong tháng Mười năm 2023, xuất khẩu tăng",
            "tháng Mười năm 2023",
            "2023-10-01",
            "2023-10-31",
            {},
        ),
        (
            "Ngày mồng 3 tháng 3 năm 2024, lễ hội khai mạc",
            "mồng 3 tháng 3 năm 2024",
            "2024-03-03",
            "2024-03-03",
            {},
        ),
        ("Trong 2 ngày 14-15/10, Hội nghị diễn ra", "ngày 14-15/10", "2024-10-14", "2024-10-15", {}),
        (
            "Luật có hiệu lực từ ngày 1-7-2025.",
            "từ ngày 1-7-2025",
            "2025-07-01",
            "2025-07-01",
            {"modifier": "since"},
        ),
        (
            "Hết quý I/2025, tín dụng tăng 2,5%.",
            "Hết quý I/2025",
            "2025-01-01",
            "2025-03-31",
            {"modifier": "until"},
        ),
        ("Tối qua, mưa lớn gây ngập", "Tối qua", "2024-10-14", "2024-10-14", {"year_inferred": True}),
        ("Tháng tới, Bộ sẽ công bố kết quả.", "Tháng tới", "2024-11-01", "2024-11-30", {}),
        (
            "Quy hoạch thời kỳ 2021-2030, tầm nhìn đến năm 2050",
            "thời kỳ 2021-2030",
            "2021-01-01",
            "2030-12-31",
            {},
        ),
        ("Dịp nghỉ lễ 2/9 năm nay, du lịch tăng mạnh.", "2/9 năm nay", "2024-09-02", "2024-09-02", {}),
        (
            "HÀ NỘI, 14/10 - Bộ Công Thương cho biết kim ngạch tăng 15%.",
            "14/10",
            "2024-10-14",
            "2024-10-14",
            {},
        ),
        (
            "Tăng trưởng quý I, II, III năm 2023 lần lượt là 3,3%, 4,1% và 5,3%.",
            "III năm 2023",
            "2023-07-01",
            "2023-09-30",
            {"grain": "quarter"},
        ),
        (
            "Tăng trưởng quý I, II, III năm 2023 lần lượt là 3,3%, 4,1% và 5,3%.",
            "II",
            "2023-04-01",
            "2023-06-30",
            {},
        ),
    ],
)
def test_generalization_times(text: str, span: str, start: str, end: str, expect: dict[str, Any]) -> None:
    time = _one(extract(text, reference_date=REFERENCE).times, span)
    assert (time.start_date.isoformat(), time.end_date.isoformat()) == (start, end)
    for field, value in expect.items():
        assert getattr(time, field) == value, (field, getattr(time, field))


@pytest.mark.parametrize(
    "text",
    [
        "Dự án hoàn thành sau 9 tháng thi công.",  # a duration: no accumulation cue, no named period
        "tăng từ 3/5 lên 4/5 số xã",  # fractions, not a date range
        "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
        "kỷ niệm 80 năm Cách mạng Tháng Tám thành công",
        "Sau 6 tháng tăng trưởng âm, sản xuất đã phục hồi.",  # a duration after "sau"
        "hồ sơ được xử lý trong 24 giờ kể từ khi tiếp nhận",  # a duration, no date
    ],
)
def test_generalization_no_times(text: str) -> None:
    assert extract(text, reference_date=REFERENCE).times == []


@pytest.mark.parametrize(
    ("text", "layer", "expected"),
    [
        # a line break never joins the two ends of a range: "\n- " opens a list item
        ("Kế hoạch giai đoạn 2021\n- 2022 có nhiều việc", "times", ["giai đoạn 2021"]),
        ("tăng 8,3\n- 8,5%", "quantities", ["8,3", "8,5%"]),
        ("từ 5\n- 7 triệu đồng", "quantities", ["7 triệu đồng"]),
        ("giai đoạn 2021 - 2025", "times", ["giai đoạn 2021 - 2025"]),
    ],
)
def test_generalization_no_range_across_lines(text: str, layer: str, expected: list[str]) -> None:
    assert [m.text for m in getattr(extract(text, reference_date=REFERENCE), layer)] == expected
