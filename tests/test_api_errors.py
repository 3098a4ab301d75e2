"""Bad input to the public API: a clear error naming the argument, never a crash deep inside a layer."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator
from typing import Any

import pytest

from vnextract import Document, ExtractionError, extract, extract_many


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "text must be str, got NoneType"),
        (b"T\xc4\x83ng 5%", "decode"),
        (bytearray(b"abc"), "decode"),
        (42, "text must be str, got int"),
        (4.2, "text must be str, got float"),
        ({"text": "Tăng 5%"}, "text must be str, got dict"),
        (["Tăng 5%"], "text must be str, got list"),
    ],
)
def test_api_errors_text_must_be_str(value: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        extract(value)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (20220810, TypeError),
        (1.5, TypeError),
        (["2022-08-10"], TypeError),
        ("2022-13-45", ValueError),
        ("10/08/2022", ValueError),
        ("hôm qua", ValueError),
        ("", ValueError),
    ],
)
def test_api_errors_reference_date_is_named(value: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match="reference_date"):
        extract("Năm 2022 tăng 5%.", reference_date=value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-08-10", dt.date(2022, 8, 10)),
        (" 2022-08-10 ", dt.date(2022, 8, 10)),
        (dt.date(2022, 8, 10), dt.date(2022, 8, 10)),
        (dt.datetime(2022, 8, 10, 23, 59), dt.date(2022, 8, 10)),
    ],
)
def test_api_errors_reference_date_accepted_forms(value: Any, expected: dt.date) -> None:
    assert extract("Tăng 5%.", reference_date=value).reference_date == expected


@pytest.mark.parametrize("value", [3.5, b"id", ["a"], True])
def test_api_errors_doc_id_is_named(value: Any) -> None:
    with pytest.raises(TypeError, match="doc_id"):
        extract("Tăng 5%.", doc_id=value)


def test_api_errors_int_doc_id_becomes_str() -> None:
    assert extract("Tăng 5%.", doc_id=7).doc_id == "7"


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n\n", "\u200b", "\ufeff", "...", "\x00", "\ud800",
     # lone surrogates (bytes decoded with errors="surrogateescape") inside sentences that get tokenized
     "Năm 2022, GDP tăng 5\ud800% tại Hà Nội \udc80.",
     b"T\xe4ng 5% n\xe3m 2022".decode("utf-8", "surrogateescape")],
)
def test_api_errors_degenerate_text_gives_a_document(text: str) -> None:
    doc = extract(text, reference_date="2022-08-10")
    assert isinstance(doc, Document)
    for layer in (doc.quantities, doc.times, doc.entities):
        for m in layer:
            assert text[m.start : m.end] == m.text


def test_api_errors_extract_many_isolates_bad_items() -> None:
    texts: list[Any] = ["Tăng 5%.", None, b"bytes", "Giảm 3%."]
    results = list(extract_many(texts, reference_dates=["2022-08-10", None, None, "not a date"]))
    assert len(results) == 4
    assert isinstance(results[0], Document)
    assert isinstance(results[1], ExtractionError) and results[1].index == 1
    assert results[1].error_type == "TypeError"
    assert isinstance(results[2], ExtractionError) and "decode" in results[2].error
    assert isinstance(results[3], ExtractionError) and results[3].error_type == "ValueError"
    assert "reference_date" in results[3].error


def _mentions(doc: Document) -> Iterator[Any]:
    yield from doc.quantities
    yield from doc.times
    yield from doc.entities
    for ind in doc.indicators:
        for m in (ind.value, ind.period, ind.location):
            if m is not None:
                yield m
        if ind.change is not None:
            if ind.change.amount is not None:
                yield ind.change.amount
            if ind.change.baseline_period is not None:
                yield ind.change.baseline_period


PLAIN = (
    "Ngày 8-8, UBND tỉnh Khánh Hòa cho biết 6 tháng đầu năm 2022, GRDP của tỉnh tăng 8,5% so với cùng kỳ.\n"
    "Tổng thu ngân sách đạt 7.300 tỷ đồng, bằng 97,3% dự toán."
)


def _html(text: str) -> str:
    body = "".join(f"<p class=\"x\">{html.escape(p, quote=False)}</p>\n" for p in text.split("\n"))
    return f"<html><body><div>{body}</div></body></html>"


@pytest.mark.parametrize(
    "text",
    [
        _html(PLAIN),
        PLAIN.replace(" ", "&nbsp;", 5),
        PLAIN.replace("so với", "so&nbsp;với").replace("Khánh Hòa", "Kh&aacute;nh H&ograve;a"),
        "<script>var x = '8,5%'; if (a < b && c > d) {}</script>" + PLAIN,
        "<!-- 2022 -->" + PLAIN + "<br/><br />&amp;&lt;&gt;&#8211;&#x2013;",
    ],
)
def test_api_errors_html_laden_text_keeps_offsets_exact(text: str) -> None:
    # vnextract does not parse HTML: tags and entities stay in the text and offsets refer to it as given.
    # Callers with HTML should strip tags and html.unescape() first (NBSP then normalizes to a space).
    doc = extract(text, reference_date="2022-08-10")
    for m in _mentions(doc):
        assert text[m.start : m.end] == m.text
        assert not m.text.startswith(("<", "&")), m  # a mention never starts inside markup


def test_api_errors_html_wrapped_paragraphs_give_the_same_values() -> None:
    # Tags around whole paragraphs must not change what is found inside them.
    def values(doc: Document) -> list[tuple[Any, ...]]:
        return [(q.kind, q.value, q.unit, q.text) for q in doc.quantities] + [
            (t.grain, t.start_date, t.text) for t in doc.times
        ]

    plain = extract(PLAIN, reference_date="2022-08-10")
    wrapped = extract(_html(PLAIN), reference_date="2022-08-10")
    assert values(wrapped) == values(plain)


def test_api_errors_unescaped_html_maps_back_to_the_unescaped_text() -> None:
    raw = PLAIN.replace(" ", "&nbsp;", 5)
    text = html.unescape(raw)  # NBSP characters: normalized for matching, offsets still exact
    doc = extract(text, reference_date="2022-08-10")
    plain = extract(PLAIN, reference_date="2022-08-10")
    for m in _mentions(doc):
        assert text[m.start : m.end] == m.text
    assert [q.value for q in doc.quantities] == [q.value for q in plain.quantities]
