"""Forms with an anchor (patterns/times/forms.yaml) are tried only around their anchors: that must give
exactly the matches of trying them everywhere, in the same order, on real and adversarial text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnextract.context import Analysis
from vnextract.extractors import time_patterns as tp
from vnextract.extractors.times import _form_matches

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

ANCHORED = [(entry, pattern) for entry, pattern in tp.compiled_forms() if entry.anchor is not None]


def _longest(vocab_id: str) -> str:
    entry = tp.vocabulary()[vocab_id]
    return max([*entry.words, *entry.values, *entry.case_sensitive], key=len)


# The longest words of each optional prefix, stacked: the window before an anchor must reach them.
LONG_PREFIX = f"{_longest('WEEKDAY')}, {_longest('TOD')} {_longest('DAYWORD')}"

ADVERSARIAL = [
    f"{LONG_PREFIX} 12/8/2022, {LONG_PREFIX} 28/12, {LONG_PREFIX} 5 tháng 9 năm 2023.",
    f"{_longest('TOD')} từ {_longest('DAYWORD')} 27 đến hết {_longest('DAYWORD')} 29/6/2024 và 1-3/7",
    "vào lúc 14 giờ 30 phút chiều nay, 8h sáng 16/10, 20h30 tối 30/4/2024",
    "trong tháng 10, 11, 12 hoặc 1 và tháng 3, 4 và 5/2024; quý I, II, III và IV năm 2023",
    "năm học 2023 - 2024, niên khóa 2019/2020, 1/2/3/4/5/6/2022 12/12/12/2020",
    "12/8/2022\n- 13/8/2022\nngày 1-\n2/9 tháng\n3 giờ",
    "Thứ Hai,12/8/2022 ngày12/8 x12/8 _12/8 ٣/٨/٢٠٢٢ ngày ٣/٨",
    # The anchors added for speed (present, parts of periods, relative days, year forms, lists).
    "tính đến thời điểm hiện tại; vụ lúa Đông Xuân 2023-2024; chiều tối nay; ngày hôm qua",
    "thượng tuần tháng 12, 11, 10, 09, 08, 07, 06, 05, 04, 03 hoặc 02/2024; quý III, III, III hoặc IV",
    "rạng sáng ngày 12/08 năm nay, 2022 là năm bản lề, năm 2022 là năm",
]


def _corpus_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    texts += [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(CORPUS.glob("extra/*.json"))]
    return texts


def _example_texts(entry: tp.FormEntry) -> list[str]:
    return [e.text for e in [*entry.examples, *entry.counterexamples]]


def _all(matches: object) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    every_example = [t for entry, _ in tp.compiled_forms() for t in _example_texts(entry)]
    return [Analysis(t).text for t in [*_corpus_texts(), *every_example, *ADVERSARIAL]]


def test_some_forms_are_anchored() -> None:
    assert len(ANCHORED) >= 5


@pytest.mark.parametrize(("entry", "pattern"), ANCHORED, ids=[e.id for e, _ in ANCHORED])
def test_anchored_matches_equal_a_full_scan(entry: tp.FormEntry, pattern: object, texts: list[str]) -> None:
    for text in texts:
        assert _all(_form_matches(entry, pattern, text)) == _all(pattern.finditer(text)), text  # type: ignore


@pytest.mark.parametrize(("entry", "pattern"), ANCHORED, ids=[e.id for e, _ in ANCHORED])
def test_every_example_match_is_found(entry: tp.FormEntry, pattern: object) -> None:
    for text in map(lambda t: Analysis(t).text, _example_texts(entry)):
        full = _all(pattern.finditer(text))  # type: ignore[attr-defined]
        assert _all(_form_matches(entry, pattern, text)) == full


def test_the_long_prefix_is_matched_whole() -> None:
    forms = {e.id: (e, p) for e, p in ANCHORED}
    entry, pattern = forms["date_dmy"]
    text = f"{LONG_PREFIX} 12/8/2022"
    assert [m.span() for m in _form_matches(entry, pattern, text)] == [(0, len(text))]
