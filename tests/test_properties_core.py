"""Properties of the core hot paths: the fast TextView equals the reference (slow) construction, offsets
map back exactly, and the sentence splitter gives exactly what underthesea's splitter gives."""

from __future__ import annotations

import itertools
import json
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnextract.context import Analysis
from vnextract.text import TextView, _build_fast, _build_slow, normalize_text
from vnextract.tokenize import _punkt_abbreviations, _punkt_split, paragraphs, sentences

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(max_examples=300, deadline=None)


@cache
def corpus() -> tuple[str, ...]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    extra = sorted((ROOT / "corpus/extra").glob("*.json"))
    return tuple(texts + [json.loads(p.read_text(encoding="utf-8"))["text"] for p in extra])


# Letters and marks where tone placement and composition matter, spaces and breaks of every kind.
ALPHABET = [
    *"oOaAeEuUyYqQxX1., áàảãạéèẻẽẹýỳỷỹỵÁÝươ",
    "\t", "\u00a0", "\u3000", "\u2003", "\r", "\n", "\r\n", "\u2028", "\x0b", "\x85", "\x1c",
    "\u200b", "\u00ad", "\ufeff", "\u201c", "\u201d", "\u2019", "\u00ab", "\u2013", "\u2212",
    "\u0301", "\u0323", "\u0300", "\u0302", "\u031b", "\u2126", "\u1100", "\u1161",
]
tricky_text = st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join)
any_text = st.one_of(
    tricky_text, st.text(max_size=60), tricky_text.map(lambda t: unicodedata.normalize("NFC", t))
)


def _dense(view: TextView) -> list[tuple[int, int]]:
    return [view.to_original(i, i + 1) for i in range(len(view.norm))]


@SETTINGS
@given(any_text)
def test_properties_core_fast_view_equals_reference(text: str) -> None:
    if not (text.isascii() or unicodedata.is_normalized("NFC", text)):
        text = unicodedata.normalize("NFC", text)
    fast, slow = _build_fast(text), _build_slow(text)
    if any(unicodedata.category(c).startswith("M") for c in text):
        return  # the fast path is only taken for text without combining marks
    assert "".join(fast.parts) == "".join(slow.parts)
    for attr in ("piece_n_start", "piece_n_end", "piece_o_start", "piece_o_end", "shift_at", "shift"):
        assert getattr(fast, attr) == getattr(slow, attr), attr


@SETTINGS
@given(any_text)
def test_properties_core_offsets_map_back(text: str) -> None:
    view = TextView(text)
    spans = _dense(view)
    # Monotone, inside the original, and the empty spans at both ends are the ends of the original.
    assert all(0 <= s <= e <= len(text) for s, e in spans)
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)
    assert view.to_original(0, 0)[0] <= (spans[0][0] if spans else len(text))
    assert view.to_original(len(view.norm), len(view.norm)) == (len(text), len(text))
    # Every white-space separated token maps to an original slice that normalizes back to it.
    pos = 0
    for token in view.norm.split():
        i = view.norm.index(token, pos)
        pos = i + len(token)
        s, e = view.to_original(i, pos)
        assert TextView(text[s:e]).norm == token


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_properties_core_corpus_words_map_back(form: str) -> None:
    for original in corpus()[:8]:
        text = unicodedata.normalize(form, original)
        view = TextView(text)
        assert view.norm == TextView(original).norm
        pos = 0
        for word in view.norm.split():
            i = view.norm.index(word, pos)
            pos = i + len(word)
            s, e = view.to_original(i, pos)
            assert normalize_text(text[s:e]) == word


def test_properties_core_from_original_inverts_to_original() -> None:
    text = "Khánh Hoà\u00a0\u00a0có  “97,3%”\r\nthuỷ lợi"
    view = TextView(text)
    for i in range(len(view.norm)):
        s, e = view.to_original(i, i + 1)
        assert view.from_original(s, e) == (i, i + 1) or view.norm[i] == " "


abbreviation_soup = st.lists(
    st.sampled_from(["a", "B", "Tp", "TS", "e.g", "1", "2.000", "Ông", "ĐẠT", " ", "\t", ".", "..", "...",
                     "?", "!", "?!", "…", "x", "Mr", "v.v", "\n"]),
    max_size=40,
).map("".join)


@SETTINGS
@given(st.one_of(abbreviation_soup, st.text(alphabet=".?! aA1\t\nÉđ", max_size=40)))
def test_properties_core_sentence_splitter_equals_underthesea(text: str) -> None:
    from underthesea import sent_tokenize

    abbreviations = _punkt_abbreviations()
    assert abbreviations is not None, "underthesea's Punkt splitter moved: update tokenize._punkt_split"
    assert [text[s:e] for s, e in _punkt_split(text, abbreviations)] == sent_tokenize(text)


def test_properties_core_corpus_sentences_equal_underthesea() -> None:
    from underthesea import sent_tokenize

    for text in corpus():
        norm = TextView(text).norm
        for p in paragraphs(norm):
            got = [norm[s.start : s.end] for s in sentences(norm, p)]
            expected = sent_tokenize(norm[p.start : p.end])
            assert [g.strip() for g in got] == expected


@settings(max_examples=100, deadline=None)
@given(st.one_of(abbreviation_soup, tricky_text))
def test_properties_core_sentences_cover_paragraphs(text: str) -> None:
    an = Analysis(text)
    for p in an.paragraphs:
        inside = [s for s in an.sentences if p.start <= s.start and s.end <= p.end]
        assert inside, p
        assert inside[0].start == p.start and inside[-1].end == p.end
        for a, b in itertools.pairwise(inside):
            assert a.end <= b.start and not an.text[a.end : b.start].strip()
    for s in an.sentences:
        for pos in (s.start, s.end - 1):
            assert an.sentence_of(pos) == s


def _pos_reference(chunk: str) -> tuple[list[str], list[str]]:
    from underthesea import pos_tag

    tagged = pos_tag(chunk)
    return [w for w, _ in tagged], [t for _, t in tagged]


def test_properties_core_corpus_pos_tags_equal_underthesea() -> None:
    from vnextract.tokenize import _pos_tag, segment

    for text in corpus()[:12]:
        an = Analysis(text)
        for s in an.sentences:
            chunk = an.text[s.start : s.end]
            assert _pos_tag(chunk, segment(an.text, s)) == _pos_reference(chunk)
            assert _pos_tag(chunk, None) == _pos_reference(chunk)


pos_soup = st.lists(
    st.sampled_from(["Hoà", "hoá", "Thủ tướng", "Phạm Minh Chính", "tăng", "8,5%", "năm", "2022", "TP.HCM",
                     "UBND", "ko", "k", "dc", "đc", "ng", ",", ".", "(", ")", "Ông", "BÀ", "e-mail", "1/2"]),
    min_size=1, max_size=30,
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(pos_soup)
def test_properties_core_pos_tags_equal_underthesea(text: str) -> None:
    from vnextract.tokenize import _pos_tag, segment

    an = Analysis(text)
    for s in an.sentences:
        chunk = an.text[s.start : s.end]
        assert _pos_tag(chunk, segment(an.text, s)) == _pos_reference(chunk)
