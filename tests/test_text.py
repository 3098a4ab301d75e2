from __future__ import annotations

import unicodedata

import pytest
import regex

from vnextract.text import TextView, normalize_text, normalize_word
from vnextract.tokenize import align


@pytest.mark.parametrize(
    ("old", "new"),
    [("hoá", "hóa"), ("Hoà", "Hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("HOÁ", "HÓA"), ("quý", "quý"),
     ("hoàng", "hoàng"), ("khuỷu", "khuỷu"), ("thuý", "thúy"), ("Quỳ", "Quỳ")],
)
def test_text_tone_placement_is_new_style(old: str, new: str) -> None:
    assert normalize_word(old) == new
    assert normalize_word(unicodedata.normalize("NFD", old)) == new


@pytest.mark.parametrize(
    ("original", "norm"),
    [
        ("Khánh Hoà\u00a0 và\tthuỷ lợi", "Khánh Hòa và thủy lợi"),
        ("“Chuyển đổi số”\r\nxong", '"Chuyển đổi số"\nxong'),
        ("a\u200bb", "ab"),
        (unicodedata.normalize("NFD", "Tỷ lệ 97,3%"), "Tỷ lệ 97,3%"),
    ],
)
def test_text_normalized_view(original: str, norm: str) -> None:
    assert TextView(original).norm == norm
    assert normalize_text(original) == norm


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_text_every_word_maps_back_to_its_original(form: str) -> None:
    original = unicodedata.normalize(form, "Ông  Nguyễn\u00a0Văn Hoà, “thuỷ điện” đạt 97,3%\r\nxong.")
    view = TextView(original)
    for m in regex.finditer(r"\w+", view.norm):
        s, e = view.to_original(m.start(), m.end())
        assert normalize_word(original[s:e]) == m.group()


def test_text_to_original_rejects_spans_outside() -> None:
    with pytest.raises(ValueError, match="outside"):
        TextView("abc").to_original(0, 10)


def test_tokenize_align_tolerates_rewrites_and_spacing() -> None:
    text = "Khánh Hòa  có 97,3% dân số"
    spans = align(text, ["Khánh Hòa", "có", "97,3", "%", "XYZ", "dân số"])
    got = [None if s is None else text[s.start : s.end] for s in spans]
    assert got == ["Khánh Hòa", "có", "97,3", "%", None, "dân số"]
