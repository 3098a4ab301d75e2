"""Vietnamese number parsing: separators, mixed conventions, spelled-out numbers."""

from __future__ import annotations

import pytest

from vnextract.numbers import could_be_comma_thousands, parse_digits, parse_words


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("318.064", 318064),
        ("10,41", 10.41),
        ("1.250.000", 1250000),
        ("3.942,6", 3942.6),
        ("97", 97),
        ("0,02", 0.02),
        ("05", 5),
        ("±5", 5),
    ],
)
def test_numbers_parse_digits(raw: str, value: float) -> None:
    assert parse_digits(raw) == pytest.approx(value)


@pytest.mark.parametrize("raw", ["2.0", "4.0", "1.2.3", "12.34", "1.2345", "9" * 40])
def test_numbers_parse_digits_rejects_non_vietnamese_grouping(raw: str) -> None:
    assert parse_digits(raw) is None


@pytest.mark.parametrize(
    ("raw", "thousands", "value"),
    [("3,490", True, 3490), ("3,490", False, 3.49), ("1,250,000", True, 1250000), ("2,5", True, 2.5)],
)
def test_numbers_comma_thousands(raw: str, thousands: bool, value: float) -> None:
    assert parse_digits(raw, comma_thousands=thousands) == pytest.approx(value)


@pytest.mark.parametrize(
    ("raw", "expected"), [("3,490", True), ("2,315", True), ("0,125", False), ("10,41", False)]
)
def test_numbers_could_be_comma_thousands(raw: str, expected: bool) -> None:
    assert could_be_comma_thousands(raw) is expected


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("hai mươi lăm", 25),
        ("một trăm linh năm", 105),
        ("một trăm lẻ ba", 103),
        ("ba triệu", 3_000_000),
        ("hai triệu rưỡi", 2_500_000),
        ("một nửa", 0.5),
        ("mười chín", 19),
        ("mười", 10),
        ("ba mươi", 30),
        ("hai mươi mốt", 21),
        ("hai mươi tư", 24),
        ("một trăm rưỡi", 150),
        ("hai nghìn tỷ", 2e12),
        ("chín trăm năm mươi", 950),
        ("một nghìn hai trăm", 1200),
        ("năm mươi", 50),
        ("năm trăm", 500),
        ("năm triệu", 5_000_000),
    ],
)
def test_numbers_parse_words(words: str, value: float) -> None:
    assert parse_words(words.split()) == pytest.approx(value)


@pytest.mark.parametrize("words", ["năm", "tư", "mươi", "hai ba", "triệu", "lăm", "rưỡi"])
def test_numbers_parse_words_rejects(words: str) -> None:
    assert parse_words(words.split()) is None
