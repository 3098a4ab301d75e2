"""Entity layer on fresh, unseen government/economic news sentences (not from the dev gold).

Each case is a sentence written for this test and the entity the contract expects in it; the
cases cover the shapes the dev gold has few of: post-2025 bodies, branches, courts, international
partners, offices before and after names, documents with bare years, and generic references.
"""

from __future__ import annotations

import datetime as dt

import pytest
from _helpers import find_entity

from vnextract.pipeline import extract
from vnextract.records import Entity

REF = dt.date(2025, 8, 10)


def entities(text: str) -> list:
    return extract(text, reference_date=REF).entities


def find(text: str, span: str) -> Entity:
    return find_entity(text, span, REF)


@pytest.mark.parametrize(
    ("text", "span", "label", "canonical"),
    [
        (
            "Tại phiên họp của Ủy ban Kinh tế và Tài chính, các đại biểu thảo luận.",
            "Ủy ban Kinh tế và Tài chính",
            "ORG",
            "Ủy ban Kinh tế và Tài chính của Quốc hội",
        ),
        (
            "Ủy ban Pháp luật và Tư pháp phối hợp thẩm tra dự án luật.",
            "Ủy ban Pháp luật và Tư pháp",
            "ORG",
            "Ủy ban Pháp luật và Tư pháp của Quốc hội",
        ),
        ("Ủy ban Văn hóa và Xã hội và Hội đồng Dân tộc thẩm tra.", "Hội đồng Dân tộc", "ORG", None),
        ("Tòa án nhân dân TP Hà Nội đã xét xử 1.250 vụ án.", "Tòa án nhân dân TP Hà Nội", "ORG", None),
        (
            "Viện kiểm sát nhân dân tỉnh Đồng Nai cho biết tỷ lệ đạt 95%.",
            "Viện kiểm sát nhân dân tỉnh Đồng Nai",
            "ORG",
            None,
        ),
        (
            "Ngân hàng Nhà nước chi nhánh Khu vực 2 cho biết dư nợ tăng 7%.",
            "Ngân hàng Nhà nước chi nhánh Khu vực 2",
            "ORG",
            None,
        ),
        ("Kho bạc Nhà nước khu vực XIX phối hợp thu ngân sách.", "Kho bạc Nhà nước khu vực XIX", "ORG", None),
        (
            "NHNN đã làm việc với Agribank chi nhánh tỉnh Lâm Đồng.",
            "Agribank chi nhánh tỉnh Lâm Đồng",
            "ORG",
            None,
        ),
        ("WB, ADB và JICA cam kết hỗ trợ 2 tỷ USD.", "JICA", "ORG", "Cơ quan Hợp tác Quốc tế Nhật Bản"),
        ("Đại diện UNDP đánh giá cao cải cách.", "UNDP", "ORG", None),
        ("Liên Hợp Quốc, WHO và UNICEF hỗ trợ Việt Nam.", "WHO", "ORG", "Tổ chức Y tế Thế giới"),
        ("Kim ngạch với Nga giảm 8%.", "Nga", "LOC", "Liên bang Nga"),
        ("Bộ luật Lao động 2019 quy định thời giờ làm việc.", "Bộ luật Lao động 2019", "DOCUMENT", None),
        ("Luật Đất đai 2024 đã có hiệu lực.", "Luật Đất đai 2024", "DOCUMENT", None),
        ("Hiến pháp năm 2013 quy định quyền con người.", "Hiến pháp năm 2013", "DOCUMENT", None),
        (
            "Quốc hội sửa đổi Luật Thuế giá trị gia tăng tại kỳ họp.",
            "Luật Thuế giá trị gia tăng",
            "DOCUMENT",
            None,
        ),
        ("Ngày 15/8, Ban Chỉ đạo 57 của tỉnh đã họp.", "Ban Chỉ đạo 57", "ORG", None),
        (
            "Công ty TNHH Samsung Electronics Việt Nam chiếm 60% kim ngạch.",
            "Công ty TNHH Samsung Electronics Việt Nam",
            "ORG",
            None,
        ),
        (
            "Cổng Dịch vụ công Bộ Công an tiếp nhận 5 triệu hồ sơ.",
            "Cổng Dịch vụ công Bộ Công an",
            "SYSTEM",
            None,
        ),
        ("Sabeco báo lãi 4.000 tỷ đồng.", "Sabeco", "ORG", None),
        ("Bí thư Tỉnh ủy Nghệ An dự lễ công bố thành lập phường Vinh Phú.", "phường Vinh Phú", "LOC", None),
        ("Thống đốc NHNN yêu cầu giảm lãi suất.", "NHNN", "ORG", "Ngân hàng Nhà nước Việt Nam"),
        ("Cục Hải quan khu vực III cho biết kim ngạch tăng.", "Cục Hải quan khu vực III", "ORG", None),
        ("Bệnh viện Nhi Đồng 1 tiếp nhận 500 ca.", "Bệnh viện Nhi Đồng 1", "ORG", None),
        ("Ban Quản lý dự án Mỹ Thuận đề xuất bổ sung vốn.", "Ban Quản lý dự án Mỹ Thuận", "ORG", None),
        ("Trường THPT Chu Văn An có tỷ lệ đỗ đại học 98%.", "Trường THPT Chu Văn An", "ORG", None),
        (
            "Tập đoàn Viễn thông Quân đội (Viettel) phủ sóng 5G.",
            "Tập đoàn Viễn thông Quân đội",
            "ORG",
            "Tập đoàn Công nghiệp - Viễn thông Quân đội",
        ),
        (
            "Quy hoạch tỉnh Nghệ An thời kỳ 2021-2030, tầm nhìn đến năm 2050 đã được phê duyệt.",
            "Quy hoạch tỉnh Nghệ An thời kỳ 2021-2030, tầm nhìn đến năm 2050",
            "DOCUMENT",
            None,
        ),
        ("Báo Nhân Dân đưa tin, giá gạo giảm.", "Báo Nhân Dân", "ORG", None),
        ("Tổng công ty Bảo hiểm Bảo Việt có doanh thu lớn.", "Tổng công ty Bảo hiểm Bảo Việt", "ORG", None),
        (
            "Nền tảng địa chỉ số quốc gia đã gắn 10 triệu địa chỉ.",
            "Nền tảng địa chỉ số quốc gia",
            "SYSTEM",
            None,
        ),
        (
            "Bảo hiểm xã hội TP Hà Nội thu 50.000 tỷ đồng.",
            "Bảo hiểm xã hội TP Hà Nội",
            "ORG",
            "Bảo hiểm xã hội thành phố Hà Nội",
        ),
        ("Thuế tỉnh Lâm Đồng thu 15.000 tỷ đồng.", "Thuế tỉnh Lâm Đồng", "ORG", None),
        ("Thuế cơ sở 3 tỉnh Lâm Đồng quản lý 12.000 hộ.", "Thuế cơ sở 3 tỉnh Lâm Đồng", "ORG", None),
        ("Ủy ban MTTQ Việt Nam tỉnh Hà Tĩnh vận động.", "Ủy ban MTTQ Việt Nam tỉnh Hà Tĩnh", "ORG", None),
        (
            "Văn phòng Đăng ký đất đai tỉnh Quảng Nam cấp giấy chứng nhận.",
            "Văn phòng Đăng ký đất đai tỉnh Quảng Nam",
            "ORG",
            None,
        ),
        ("Trường Đại học Tôn Đức Thắng xếp hạng cao.", "Trường Đại học Tôn Đức Thắng", "ORG", None),
        ("Khu vực Tây Nguyên chịu hạn.", "Tây Nguyên", "LOC", "Tây Nguyên"),
        (
            "Theo quyết định số 123/QĐ-UBND, tỉnh giao vốn.",
            "quyết định số 123/QĐ-UBND",
            "DOCUMENT",
            "Quyết định số 123/QĐ-UBND",
        ),
        ("Trưởng Công an xã Ea Kar cho biết.", "Công an xã Ea Kar", "ORG", None),
        ("Đảng bộ tỉnh Bắc Giang có 80.000 đảng viên.", "Đảng bộ tỉnh Bắc Giang", "ORG", None),
        ("Hiệp định ASEAN-Nhật Bản có hiệu lực.", "ASEAN", "LOC", None),
        (
            'Chương trình "Mỗi xã một sản phẩm" (OCOP) có 16.000 sản phẩm.',
            'Chương trình "Mỗi xã một sản phẩm"',
            "DOCUMENT",
            None,
        ),
        ("Fed giữ nguyên lãi suất điều hành.", "Fed", "ORG", "Cục Dự trữ Liên bang Mỹ"),
        ("Ủy ban Kiểm tra Trung ương kỷ luật 5 đảng viên.", "Ủy ban Kiểm tra Trung ương", "ORG", None),
        (
            "Ban Tuyên giáo và Dân vận Trung ương phối hợp tổ chức.",
            "Ban Tuyên giáo và Dân vận Trung ương",
            "ORG",
            None,
        ),
        ("Huyện Đức Phổ và TX. Sơn Tây phát triển mạnh.", "TX. Sơn Tây", "LOC", "Sơn Tây"),
    ],
)
def test_named_entity(text: str, span: str, label: str, canonical: str | None) -> None:
    e = find(text, span)
    assert e.label == label
    if canonical is not None:
        assert e.canonical == canonical


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Chủ nhiệm Ủy ban Phan Văn Mãi nhấn mạnh việc thực hiện.", "Phan Văn Mãi", "Chủ nhiệm Ủy ban"),
        (
            "Giám đốc Bệnh viện Bạch Mai Đào Xuân Cơ cho biết.",
            "Đào Xuân Cơ",
            "Giám đốc Bệnh viện Bạch Mai",
        ),
        (
            "Ông Ramla Khalidi, Trưởng đại diện UNDP tại Việt Nam, đánh giá cao.",
            "Ramla Khalidi",
            "Trưởng đại diện UNDP",
        ),
        (
            "Thượng tướng Nguyễn Văn Thành, Thứ trưởng Bộ Công an, cho biết.",
            "Nguyễn Văn Thành",
            "Thứ trưởng Bộ Công an",
        ),
        ("Thống đốc NHNN Nguyễn Thị Hồng yêu cầu các ngân hàng.", "Nguyễn Thị Hồng", "Thống đốc NHNN"),
        (
            "Trưởng Công an xã Ea Kar Đại úy Võ Văn Bình cho biết.",
            "Võ Văn Bình",
            "Trưởng Công an xã Ea Kar",
        ),
        (
            "Nhà báo Lê Quốc Minh, Tổng Biên tập Báo Nhân Dân, phát biểu.",
            "Lê Quốc Minh",
            "Tổng Biên tập Báo Nhân Dân",
        ),
        (
            "Cùng dự có các Phó Thủ tướng: Nguyễn Hòa Bình, Trần Hồng Hà, Lê Thành Long.",
            "Nguyễn Hòa Bình",
            "Phó Thủ tướng",
        ),
        (
            "Cùng dự có các Phó Thủ tướng: Nguyễn Hòa Bình, Trần Hồng Hà, Lê Thành Long.",
            "Lê Thành Long",
            "Phó Thủ tướng",
        ),
        (
            "Chủ tịch UBND xã Nghi Lộc Trần Văn Hòa cho biết.",
            "Trần Văn Hòa",
            "Chủ tịch UBND xã Nghi Lộc",
        ),
    ],
)
def test_person_role(text: str, name: str, role: str) -> None:
    e = find(text, name)
    assert e.label == "PERSON"
    assert e.role == role


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Vụ Đông Xuân năm nay năng suất đạt 6,8 tấn/ha.", "Vụ Đông Xuân"),
        ("Thứ trưởng chỉ đạo các sở giáo dục và đào tạo rà soát.", "sở giáo dục và đào tạo"),
        ("Tỉnh ta đã thu hút 12 dự án mới.", "Tỉnh ta"),
        ("Các sở, ngành và địa phương cần tập trung tháo gỡ khó khăn.", "sở"),
        ("Theo Bộ, việc giải ngân phụ thuộc vào các địa phương.", "địa phương"),
        ("Các cơ sở dữ liệu chuyên ngành cũng được làm sạch.", "cơ sở dữ liệu"),
        ("Hội đồng Thẩm định 5 người đã họp.", "5 người"),
        ("Xem số 1234/UBND-KT ngày 5/6 về giao vốn.", "UBND"),
        ("Pháp luật quy định rõ trách nhiệm.", "Pháp"),
        ("Ý kiến cử tri được tổng hợp.", "Ý"),
    ],
)
def test_generic_reference_is_not_an_entity(text: str, span: str) -> None:
    start = text.index(span)
    end = start + len(span)
    overlapping = [e.text for e in entities(text) if e.start < end and start < e.end]
    assert not overlapping


def test_numbers_in_unit_names_are_not_quantities() -> None:
    doc = extract("Ngày 15/8, Ban Chỉ đạo 57 của tỉnh đã họp.", reference_date=REF)
    assert not [q for q in doc.quantities if q.text == "57"]


@pytest.mark.parametrize(
    "text",
    ["Thông tư 08/2024/TT-NHNN có hiệu lực.", "Theo quyết định số 123/QĐ-UBND, tỉnh giao vốn."],
)
def test_codes_inside_document_numbers_are_not_agencies(text: str) -> None:
    assert [e.label for e in entities(text)] == ["DOCUMENT"]


def test_numbers_in_quoted_document_titles_are_not_quantities() -> None:
    doc = extract("Đề án “Phát triển 1 triệu ha lúa chất lượng cao” được triển khai.", reference_date=REF)
    assert [e.label for e in doc.entities] == ["DOCUMENT"]
    assert not doc.quantities
