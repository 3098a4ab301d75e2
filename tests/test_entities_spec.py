"""Spec cases for the entity layer on names that are NOT in the development corpus."""

from __future__ import annotations

import datetime as dt

import pytest

from vnextract.context import Analysis
from vnextract.extractors.entities import extract_entities

REF = dt.date(2025, 10, 1)


def entities(text: str) -> list[dict]:
    return [e.record.model_dump() for e in extract_entities(Analysis(text, REF))]


def find(text: str, span: str) -> dict:
    hits = [e for e in entities(text) if e["text"] == span]
    assert hits, f"no entity {span!r} in {text!r}; got {[e['text'] for e in entities(text)]}"
    return hits[0]


PROVINCES = [
    # (text, span, canonical): old 63-province names, new 34-province names, prefixes and spellings
    ("Toàn tỉnh Tuyên Quang có 124 xã, phường sau sắp xếp.", "tỉnh Tuyên Quang", "Tuyên Quang"),
    ("Trước khi hợp nhất, Hà Giang có 11 huyện.", "Hà Giang", "Hà Giang"),
    ("Du khách đến thành phố Huế tăng mạnh.", "thành phố Huế", "Huế"),
    ("Tỉnh Thừa Thiên Huế đón 2 triệu khách.", "Tỉnh Thừa Thiên Huế", "Huế"),
    ("Kinh tế Lào Cai tăng trưởng 8%.", "Lào Cai", "Lào Cai"),
    ("Tỉnh Yên Bái (cũ) đã sáp nhập vào Lào Cai.", "Tỉnh Yên Bái", "Yên Bái"),
    ("Sản lượng cà phê của Đắk Nông giảm.", "Đắk Nông", "Đắk Nông"),
    ("Tại tỉnh Gia Lai, giá hồ tiêu tăng.", "tỉnh Gia Lai", "Gia Lai"),
    ("Bình Định hợp nhất với Gia Lai từ ngày 1/7/2025.", "Bình Định", "Bình Định"),
    ("Doanh nghiệp ở Bình Dương đón đơn hàng mới.", "Bình Dương", "Bình Dương"),
    ("Cảng biển Bà Rịa - Vũng Tàu đón tàu lớn.", "Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("Tỉnh Long An thu hút vốn FDI.", "Tỉnh Long An", "Long An"),
    ("Xuất khẩu gạo của Kiên Giang tăng.", "Kiên Giang", "Kiên Giang"),
    ("Thành phố Cần Thơ mới gồm Cần Thơ, Hậu Giang và Sóc Trăng.", "Hậu Giang", "Hậu Giang"),
    ("Thành phố Cần Thơ mới gồm Cần Thơ, Hậu Giang và Sóc Trăng.", "Sóc Trăng", "Sóc Trăng"),
    ("Tỉnh Vĩnh Long hợp nhất với Bến Tre và Trà Vinh.", "Trà Vinh", "Trà Vinh"),
    ("Tại TP. Đà Nẵng, lượng khách quốc tế tăng.", "TP. Đà Nẵng", "Đà Nẵng"),
    ("Thủ đô Hà Nội đón 28 triệu lượt khách.", "Thủ đô Hà Nội", "Hà Nội"),
    ("Tại TP.HCM, số doanh nghiệp mới tăng.", "TP.HCM", "Thành phố Hồ Chí Minh"),
    ("Tỉnh Quảng Nam cũ nay thuộc thành phố Đà Nẵng.", "Tỉnh Quảng Nam", "Quảng Nam"),
    ("Tỉnh Điện Biên đón 1 triệu khách.", "Tỉnh Điện Biên", "Điện Biên"),
    ("Tỉnh Hải Dương sáp nhập vào thành phố Hải Phòng.", "thành phố Hải Phòng", "Hải Phòng"),
    ("THANH HÓA - Ngày 2/10, tỉnh họp báo.", "THANH HÓA", "Thanh Hóa"),
    ("Kim ngạch xuất khẩu sang Thái Lan tăng 5%.", "Thái Lan", "Thái Lan"),
]


@pytest.mark.parametrize(("text", "span", "canonical"), PROVINCES)
def test_places_not_in_corpus(text: str, span: str, canonical: str) -> None:
    e = find(text, span)
    assert e["label"] == "LOC"
    assert e["canonical"] == canonical


AGENCIES = [
    (
        "Bộ Thông tin và Truyền thông vừa công bố.",
        "Bộ Thông tin và Truyền thông",
        "Bộ Thông tin và Truyền thông",
    ),
    ("Bộ TT&TT vừa công bố.", "Bộ TT&TT", "Bộ Thông tin và Truyền thông"),
    ("Bộ TTTT vừa công bố.", "Bộ TTTT", "Bộ Thông tin và Truyền thông"),
    ("Bộ KH&ĐT dự báo tăng trưởng.", "Bộ KH&ĐT", "Bộ Kế hoạch và Đầu tư"),
    ("Bộ Kế hoạch và Đầu tư dự báo tăng trưởng.", "Bộ Kế hoạch và Đầu tư", "Bộ Kế hoạch và Đầu tư"),
    ("Bộ LĐ-TB&XH cho biết số lao động tăng.", "Bộ LĐ-TB&XH", "Bộ Lao động - Thương binh và Xã hội"),
    ("Bộ NN&PTNT khuyến cáo nông dân.", "Bộ NN&PTNT", "Bộ Nông nghiệp và Phát triển nông thôn"),
    (
        "Bộ Nông nghiệp và Môi trường ban hành hướng dẫn.",
        "Bộ Nông nghiệp và Môi trường",
        "Bộ Nông nghiệp và Môi trường",
    ),
    (
        "Sở GD&ĐT tỉnh Bình Định công bố điểm thi.",
        "Sở GD&ĐT tỉnh Bình Định",
        "Sở Giáo dục và Đào tạo tỉnh Bình Định",
    ),
    ("Sở Tài chính Hà Nội cho biết thu ngân sách tăng.", "Sở Tài chính Hà Nội", "Sở Tài chính Hà Nội"),
    ("Theo NHNN, tín dụng tăng 9%.", "NHNN", "Ngân hàng Nhà nước Việt Nam"),
    ("BHXH Việt Nam đã chi trả lương hưu.", "BHXH Việt Nam", "Bảo hiểm xã hội Việt Nam"),
    ("UBND tỉnh Quảng Trị ban hành kế hoạch.", "UBND tỉnh Quảng Trị", "Ủy ban nhân dân tỉnh Quảng Trị"),
    ("HĐND tỉnh Lâm Đồng khai mạc kỳ họp.", "HĐND tỉnh Lâm Đồng", "Hội đồng nhân dân tỉnh Lâm Đồng"),
    (
        "Ủy ban nhân dân thành phố Cần Thơ đã phê duyệt.",
        "Ủy ban nhân dân thành phố Cần Thơ",
        "Ủy ban nhân dân thành phố Cần Thơ",
    ),
    ("Tỉnh ủy Nghệ An tổ chức hội nghị.", "Tỉnh ủy Nghệ An", "Tỉnh ủy Nghệ An"),
    ("Theo Kho bạc Nhà nước, vốn giải ngân đạt 60%.", "Kho bạc Nhà nước", "Kho bạc Nhà nước"),
    (
        "Cục Hải quan tỉnh Quảng Ninh thu 10.000 tỷ đồng.",
        "Cục Hải quan tỉnh Quảng Ninh",
        "Cục Hải quan tỉnh Quảng Ninh",
    ),
    (
        "Theo Cục Đầu tư nước ngoài (Bộ Tài chính), vốn FDI tăng.",
        "Cục Đầu tư nước ngoài",
        "Cục Đầu tư nước ngoài",
    ),
    (
        "Ủy ban Pháp luật và Tư pháp của Quốc hội thẩm tra dự án.",
        "Ủy ban Pháp luật và Tư pháp của Quốc hội",
        "Ủy ban Pháp luật và Tư pháp của Quốc hội",
    ),
    (
        "Tổng công ty Điện lực miền Bắc (EVNNPC) cho biết phụ tải tăng.",
        "Tổng công ty Điện lực miền Bắc",
        "Tổng công ty Điện lực miền Bắc",
    ),
]


@pytest.mark.parametrize(("text", "span", "canonical"), AGENCIES)
def test_agencies_in_several_spellings(text: str, span: str, canonical: str) -> None:
    e = find(text, span)
    assert e["label"] == "ORG"
    assert e["canonical"] == canonical


PEOPLE = [
    ("Phó Thủ tướng Chính phủ Lê Thành Long chủ trì cuộc họp.", "Lê Thành Long", "Phó Thủ tướng Chính phủ"),
    (
        "Thứ trưởng Bộ Tài chính Nguyễn Đức Chi cho biết ngân sách tăng.",
        "Nguyễn Đức Chi",
        "Thứ trưởng Bộ Tài chính",
    ),
    (
        "Phó Chủ tịch UBND tỉnh Nguyễn Mạnh Tuấn yêu cầu các sở khẩn trương.",
        "Nguyễn Mạnh Tuấn",
        "Phó Chủ tịch UBND tỉnh",
    ),
    (
        "Bà Nguyễn Thị Lan, Phó Giám đốc Sở Y tế tỉnh Bắc Ninh cho biết số ca mắc giảm.",
        "Nguyễn Thị Lan",
        "Phó Giám đốc Sở Y tế tỉnh Bắc Ninh",
    ),
    (
        "Trung tá Vũ Văn Hòa, Trưởng phòng Cảnh sát giao thông cho biết.",
        "Vũ Văn Hòa",
        "Trưởng phòng Cảnh sát giao thông",
    ),
    (
        "Cục trưởng Cục Đầu tư nước ngoài Đỗ Nhất Hoàng nhận định, vốn FDI tăng.",
        "Đỗ Nhất Hoàng",
        "Cục trưởng Cục Đầu tư nước ngoài",
    ),
    ("“Chúng tôi sẽ tiếp tục”, ông Hoàng Văn Nam khẳng định.", "Hoàng Văn Nam", None),
    ("Theo ông Tuấn, giá lúa tăng mạnh.", "Tuấn", None),
    (
        "Giám đốc Sở Xây dựng Trần Văn Bình, Phó Bí thư Đảng ủy cho biết.",
        "Trần Văn Bình",
        "Giám đốc Sở Xây dựng",
    ),
]


@pytest.mark.parametrize(("text", "span", "role"), PEOPLE)
def test_people_and_their_offices(text: str, span: str, role: str | None) -> None:
    e = find(text, span)
    assert e["label"] == "PERSON"
    assert e["role"] == role


DOCUMENTS = [
    ("Theo Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng", "Quyết định số 749/QĐ-TTg", "749/QĐ-TTg"),
    ("thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị", "Nghị quyết số 57-NQ/TW", "57-NQ/TW"),
    ("Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân", "Nghị định 13/2023/NĐ-CP", "13/2023/NĐ-CP"),
    ("Thông tư số 22/2024/TT-BTC hướng dẫn", "Thông tư số 22/2024/TT-BTC", "22/2024/TT-BTC"),
    ("theo Chỉ thị 05/CT-TTg của Thủ tướng", "Chỉ thị 05/CT-TTg", "05/CT-TTg"),
    ("triển khai Đề án 06 tại địa phương", "Đề án 06", "06"),
    ("Quốc hội thông qua Luật Đất đai năm 2024 với đa số phiếu.", "Luật Đất đai năm 2024", None),
    (
        "Luật Giao dịch điện tử số 20/2023/QH15 có hiệu lực",
        "Luật Giao dịch điện tử số 20/2023/QH15",
        "20/2023/QH15",
    ),
]


@pytest.mark.parametrize(("text", "span", "number"), DOCUMENTS)
def test_documents(text: str, span: str, number: str | None) -> None:
    e = find(text, span)
    assert e["label"] == "DOCUMENT"
    assert e["number"] == number


@pytest.mark.parametrize(
    "text",
    [
        "tỉnh ta đã hoàn thành kế hoạch năm",
        "các bộ, ngành và địa phương cần khẩn trương",
        "xây dựng cơ sở dữ liệu chuyên ngành",
        "phát triển chính phủ số và kinh tế số",
        "duy trì hoạt động của bộ phận một cửa",
        "Chương trình được triển khai từ năm ngoái",
    ],
)
def test_generic_references_are_not_entities(text: str) -> None:
    assert entities(text) == []


def test_outermost_name_wins() -> None:
    text = "thực hiện Kế hoạch hoạt động năm 2024 của Ủy ban Quốc gia về chuyển đổi số và Đề án 06"
    found = [(e["label"], e["text"]) for e in entities(text)]
    assert ("DOCUMENT", "Kế hoạch hoạt động năm 2024 của Ủy ban Quốc gia về chuyển đổi số") in found
    assert not any(t == "Ủy ban Quốc gia về chuyển đổi số" for _, t in found)


def test_a_rank_is_not_an_office() -> None:
    e = find("Đại tá Nguyễn Hữu Thắng, Phó Giám đốc Công an tỉnh cho biết", "Nguyễn Hữu Thắng")
    assert e["role"] == "Phó Giám đốc Công an tỉnh"


def test_offsets_refer_to_the_original_text() -> None:
    text = "Theo Sở Du lịch tỉnh Khánh Hoà, lượng khách tăng."  # old-style tone mark
    e = find(text, "Sở Du lịch tỉnh Khánh Hoà")
    assert text[e["start"] : e["end"]] == e["text"]
    assert e["canonical"] == "Sở Du lịch tỉnh Khánh Hòa"


OTHER = [
    ("người dân phản ánh qua ứng dụng Công dân số Bình Dương", "Công dân số Bình Dương", "SYSTEM"),
    ("kết nối với nền tảng Zalo để gửi thông báo", "Zalo", "SYSTEM"),
    ("Trụ sở tại số 12 Lê Lai, Phó Chủ tịch UBND Thành phố chủ trì", "Lê Lai", "LOC"),
    ("đường dây 500 kV từ Quảng Trạch (Quảng Bình) đến Phố Nối (Hưng Yên)", "Phố Nối", "LOC"),
    ("Tuyến cao tốc đoạn Vĩnh Hảo - Phan Thiết dài 100 km", "Vĩnh Hảo", "LOC"),
    ("Doanh thu du lịch tăng 12%.\nThanh Bình", "Thanh Bình", "PERSON"),
    ("Nguyễn Văn An cho biết doanh thu tăng.", "Nguyễn Văn An", "PERSON"),
    ("Bệnh viện Bạch Mai tiếp nhận 300 ca bệnh.", "Bệnh viện Bạch Mai", "ORG"),
    ("Trường Đại học Bách khoa Hà Nội tuyển 9.000 sinh viên.", "Trường Đại học Bách khoa Hà Nội", "ORG"),
    ("Tập đoàn Hóa chất - Cao su Việt Nam công bố lợi nhuận", "Tập đoàn Hóa chất - Cao su Việt Nam", "ORG"),
    (
        "Chiến lược phát triển kinh tế - xã hội 10 năm 2021-2030 đặt mục tiêu",
        "Chiến lược phát triển kinh tế - xã hội 10 năm 2021-2030",
        "DOCUMENT",
    ),
]


@pytest.mark.parametrize(("text", "span", "label"), OTHER)
def test_systems_streets_bylines_and_built_names(text: str, span: str, label: str) -> None:
    assert find(text, span)["label"] == label


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "Cảng hàng không quốc tế Tân Sơn Nhất đón 120.000 khách",
            "Tân Sơn",
        ),  # a district inside a longer name
        ("tỷ giá trung tâm của đồng Việt Nam với đô la Mỹ", "Việt Nam"),  # the currency
        ("Xây dựng Chính phủ số, nền kinh tế số", "Chính phủ"),  # the concept
    ],
)
def test_not_this_entity(text: str, span: str) -> None:
    assert not [e for e in entities(text) if e["text"] == span]


def test_city_name_is_not_a_person() -> None:
    assert [(e["label"], e["text"]) for e in entities("Tại TP. Hồ Chí Minh, giá nhà tăng")] == [
        ("LOC", "TP. Hồ Chí Minh")
    ]
