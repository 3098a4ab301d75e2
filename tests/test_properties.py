"""Properties of extract() on generated text: never raises, offsets exact, layers sorted and disjoint,
deterministic, and the same values for the NFC and NFD spellings of one text."""

from __future__ import annotations

import itertools
import json
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnextract import Document, extract

ROOT = Path(__file__).resolve().parent.parent
REF = "2022-08-10"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def corpus() -> tuple[str, ...]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    extra = sorted((ROOT / "corpus/extra").glob("*.json"))
    texts += [json.loads(p.read_text(encoding="utf-8"))["text"] for p in extra]
    return tuple(texts)


@cache
def vocabulary() -> tuple[str, ...]:
    """Every distinct token of the corpus: words, numbers with their separators, punctuation."""
    token = regex.compile(r"[\p{L}\p{N}]+(?:[.,/:-][\p{N}]+)*|[^\s]")
    tokens = {m.group() for t in corpus() for m in token.finditer(t)}
    return tuple(sorted(tokens))


# Characters that stress the normalizer and the number/date matchers.
TRICKY = [
    *"0123456789.,;:/%-–—()[]\"'“”‘’…!?+±×",
    "\u00a0", "\u200b", "\u00ad", "\ufeff", "\r\n", "\r", "\t", "\u2028", "\u0301", "\u0323", "\u0309",
    "hoá", "thuỷ", "Hoà", "quý", "năm", "tháng", "ngày", "quý I", "tỷ", "triệu", "nghìn", "đồng", "USD",
    "tăng", "giảm", "gấp", "so với", "cùng kỳ", "khoảng", "hơn", "gần", "đạt", "%", " ", "\n",
]

vietnamese_like = st.lists(
    st.one_of(st.sampled_from(vocabulary()), st.sampled_from(TRICKY)), min_size=0, max_size=80
).flatmap(lambda words: st.lists(st.sampled_from([" ", " ", " ", "\n", "  ", ""]),
                                 min_size=len(words), max_size=len(words))
          .map(lambda seps: "".join(w + s for w, s in zip(words, seps, strict=True))))


@st.composite
def corpus_edits(draw: st.DrawFn) -> str:
    """A window of a corpus article with a few random insertions, deletions and replacements."""
    text = draw(st.sampled_from(corpus()))
    size = draw(st.integers(50, 700))
    start = draw(st.integers(0, max(0, len(text) - size)))
    chars = list(text[start : start + size])
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        i = draw(st.integers(0, len(chars)))
        piece = draw(st.one_of(st.sampled_from(TRICKY), st.characters()))
        if op == "insert":
            chars.insert(i, piece)
        elif chars and i < len(chars):
            chars[i : i + 1] = [] if op == "delete" else [piece]
    return "".join(chars)


def mentions_by_layer(doc: Document) -> dict[str, list[Any]]:
    return {"quantities": doc.quantities, "times": doc.times, "entities": doc.entities}


def all_mentions(doc: Document) -> Iterator[Any]:
    """Every mention of every layer, including those nested in indicators."""
    yield from doc.quantities
    yield from doc.times
    yield from doc.entities
    for ind in doc.indicators:
        for m in (ind.value, ind.period, ind.location):
            if m is not None:
                yield m
        if ind.change is not None:
            for m in (ind.change.amount, ind.change.baseline_period):
                if m is not None:
                    yield m


def check_invariants(text: str) -> Document:
    doc = extract(text, reference_date=REF)
    for m in all_mentions(doc):
        assert 0 <= m.start < m.end <= len(text), m
        assert text[m.start : m.end] == m.text, m
    for name, layer in mentions_by_layer(doc).items():
        spans = [(m.start, m.end) for m in layer]
        assert spans == sorted(spans), f"{name} not sorted"
        for (_, e1), (s2, _) in itertools.pairwise(spans):
            assert e1 <= s2, f"{name} overlap: {spans}"
    for ind in doc.indicators:
        assert 0 <= ind.sentence_start <= ind.sentence_end <= len(text), ind
        assert ind.metric, ind
    return doc


@SETTINGS
@given(st.text(max_size=400))
def test_properties_arbitrary_unicode(text: str) -> None:
    check_invariants(text)


@SETTINGS
@given(vietnamese_like)
def test_properties_vietnamese_like_text(text: str) -> None:
    check_invariants(text)


@SETTINGS
@given(corpus_edits())
def test_properties_corpus_with_random_edits(text: str) -> None:
    check_invariants(text)


@settings(max_examples=25, deadline=None)
@given(st.one_of(vietnamese_like, corpus_edits()))
def test_properties_deterministic(text: str) -> None:
    assert extract(text, reference_date=REF) == extract(text, reference_date=REF)


OFFSET_FIELDS = frozenset({"start", "end", "sentence_start", "sentence_end"})


def _values(doc: Document) -> Any:
    """The document without offsets; mention texts compared in NFC."""
    def strip(obj: Any) -> Any:
        if isinstance(obj, dict):
            return {k: strip(v) for k, v in obj.items() if k not in OFFSET_FIELDS}
        if isinstance(obj, list):
            return [strip(v) for v in obj]
        if isinstance(obj, str):
            return unicodedata.normalize("NFC", obj)
        return obj

    return strip(doc.model_dump())


@settings(max_examples=40, deadline=None)
@given(st.one_of(vietnamese_like, corpus_edits()).map(lambda t: unicodedata.normalize("NFC", t)))
def test_properties_nfc_and_nfd_give_the_same_values(text: str) -> None:
    nfd = unicodedata.normalize("NFD", text)
    doc_nfc = check_invariants(text)
    doc_nfd = check_invariants(nfd)
    assert _values(doc_nfd) == _values(doc_nfc)
