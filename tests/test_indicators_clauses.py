"""Clause structure used by the indicator linker: semicolon segments and a counted figure's predicate."""

from __future__ import annotations

import pytest

from vnextract.clauses import right_context_end, segments
from vnextract.text import Span


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("A đạt 9%; B đạt 8%; C 7%.", ["A đạt 9%", "B đạt 8%", "C 7%."]),
        ("Không có dấu chấm phẩy.", ["Không có dấu chấm phẩy."]),
        (" A ;  ; B ", ["A", "B"]),
    ],
)
def test_clauses_segments_cut_at_semicolons(text: str, pieces: list[str]) -> None:
    assert [text[s.start : s.end] for s in segments(text, Span(0, len(text)))] == pieces


@pytest.mark.parametrize(
    ("text", "figure", "later", "predicate"),
    [
        # a comma inside a predicate does not end it when no new item follows
        (
            "Có 44 tỉnh đã triển khai Trung tâm giám sát, điều hành thông minh.",
            "44 tỉnh",
            [],
            " đã triển khai Trung tâm giám sát, điều hành thông minh.",
        ),
        # a comma before a change verb ends it
        ("Có 310 hộ kinh doanh, tăng 12% so với năm trước.", "310 hộ", ["12%"], " kinh doanh"),
        # a coordinated figure ends it
        ("Có 12 sở và 9 huyện đã kết nối.", "12 sở", ["9 huyện"], ""),
        # "với số tiền" before a figure ends it
        (
            "Có 163.000 giao dịch trực tuyến với số tiền 366 tỷ đồng.",
            "163.000 giao dịch",
            ["366 tỷ đồng"],
            " trực tuyến",
        ),
        # a bracket ends it
        ("Có 449 đại biểu tán thành (chiếm 93,7%).", "449 đại biểu", ["93,7%"], " tán thành "),
    ],
)
def test_clauses_right_context(text: str, figure: str, later: list[str], predicate: str) -> None:
    start = text.index(figure) + len(figure)
    starts = [text.index(x) for x in later]
    end = right_context_end(text, start, Span(0, len(text)), starts)
    assert text[start:end].strip() == predicate.strip()
