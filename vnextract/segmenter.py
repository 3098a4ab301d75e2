"""underthesea's word segmenter and POS tagger: the same models, the same features, fewer conversions.

underthesea's ``word_tokenize`` spends most of its time outside the CRF itself: a Python loop over its
regex matches (``groupdict`` per token) and a Rust featurizer whose cost is building 43 feature strings
per token and converting them between Python and Rust, once out and once back in for the tagger. Here
the tokens come from underthesea's own compiled regex, the feature strings are built per template over
the whole sentence (shared work such as lower-casing done once), and underthesea's own ``CRFTagger``
labels them. The features follow underthesea's rules exactly (Rust ``CRFFeaturizer`` for segmentation,
Python ``tagged_feature`` for POS); the segmenter checks itself against underthesea on probe sentences
when it loads, and the tests compare both on the corpus and on generated text. If underthesea changes
its models or templates in a way this module does not mirror, callers fall back to underthesea itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

# One CRF feature template, parsed once: "T[-1,0]", "T[0].lower", "T[-3][1]".
_TEMPLATE = regex.compile(
    r"T\[(?P<index1>-?\d+)(?:,(?P<index2>-?\d+))?\](?:\[(?P<column>\d+)\])?(?:\.(?P<function>\w+))?"
)
_INT32 = regex.compile(r"[+-]?[0-9]+")


class _Prefixed(dict):
    """prefix + value, kept for values that repeat (syllables, "True"/"False"): one dict hit instead of a
    new string per token. Bounded: emptied when full, so the hot values come back at once."""

    __slots__ = ("prefix",)
    LIMIT = 8192

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, value: str) -> str:
        feature = self.prefix + value
        if len(self) >= self.LIMIT:
            self.clear()
        self[value] = feature
        return feature


@dataclass(frozen=True, slots=True)
class Template:
    prefix: str  # "T[-1,0].lower=": what every feature string of this template starts with
    index1: int
    width: int  # tokens joined after the first: 0 for T[i], 1 for T[i,i+1], ...
    column: int  # 0: the token, 1: underthesea's constant "X" tag column
    function: Callable[[str], str] | None
    # Single tokens and function results repeat; n-grams of raw text rarely do and are not kept.
    prefixed: Callable[[str], str] = field(compare=False)


def parse_templates(syntaxes: Sequence[str], functions: dict[str, Callable[[str], str]]) -> list[Template]:
    """Parse underthesea's template strings; AttributeError for any form not mirrored here."""
    templates = []
    for syntax in syntaxes:
        m = _TEMPLATE.fullmatch(syntax)
        if m is None or (m.group("function") and m.group("function") not in functions):
            raise AttributeError(syntax)
        index1 = int(m.group("index1"))
        index2 = int(m.group("index2")) if m.group("index2") else index1
        if index2 < index1:
            raise AttributeError(syntax)
        function = functions[m.group("function")] if m.group("function") else None
        repeats = index2 == index1 or function not in (None, str.lower)
        templates.append(Template(
            prefix=syntax + "=",
            index1=index1,
            width=index2 - index1,
            column=int(m.group("column")) if m.group("column") else 0,
            function=function,
            prefixed=_Prefixed(syntax + "=").__getitem__ if repeats else (syntax + "=").__add__,
        ))
    return templates


def build_features(tokens: Sequence[str], templates: Sequence[Template]) -> list[tuple[str, ...]]:
    """The feature strings of every token (one tuple per token, templates in order).

    Position i reads the gram of ``width + 1`` tokens starting at ``i + index1``: "BOS" when that start
    is before the sentence, "EOS" when the gram runs past its end (the rule of both underthesea
    featurizers). Each template is one list over the sentence; rows are its transposition.
    """
    n = len(tokens)
    columns = (tokens, ["X"] * n)
    applied: dict[tuple[Any, int, int], list[str]] = {}
    per_template = []
    for t in templates:
        key = (t.function, t.column, t.width)
        values = applied.get(key)
        if values is None:
            grams = _grams(columns[t.column], t.width)
            values = applied[key] = grams if t.function is None else list(map(t.function, grams))
        first = min(n, max(0, -t.index1))
        last = min(n - 1, n - 1 - t.width - t.index1)  # last position whose gram fits
        valid = values[first + t.index1 : last + t.index1 + 1] if last >= first else []
        column = [t.prefix + "BOS"] * first
        column += map(t.prefixed, valid)
        column += [t.prefix + "EOS"] * (n - len(column))
        per_template.append(column)
    return list(zip(*per_template, strict=True))


def _grams(cells: Sequence[str], width: int) -> Sequence[str]:
    """Every run of ``width + 1`` consecutive cells, joined by one space."""
    if width == 0:
        return cells
    if len(cells) <= width:
        return []
    shifted = [cells[j : len(cells) - width + j] for j in range(width + 1)]
    return list(map(" ".join, zip(*shifted, strict=True)))


# ---------------------------------------------------------------- word segmentation


def _rust_isdigit(text: str) -> str:
    """underthesea_core's ``isdigit``: whether Rust parses the text as an i32."""
    return "True" if _INT32.fullmatch(text) and -(2**31) <= int(text) < 2**31 else "False"


def _rust_istitle(text: str) -> str:
    """underthesea_core's ``istitle``: every space-separated part starts with a character that
    upper-casing leaves unchanged (digits and punctuation count as title)."""
    for part in text.split(" "):
        first = part[:1]
        if not first or first != first.upper():
            return "False"
    return "True"


_MODEL = "ws_crf_vlsp2013_20230727"  # the model directory underthesea's word_tokenize loads


class WordSegmenter:
    """``underthesea.word_tokenize(text, use_token_normalize=...)``, with the same model and output.

    The model files are loaded here, not through underthesea's ``word_tokenize`` (which would load the
    same model a second time into its Rust featurizer).
    """

    def __init__(self) -> None:
        import joblib
        import underthesea.pipeline.word_tokenize as ws
        from underthesea.pipeline.text_normalize import token_normalize
        from underthesea.pipeline.text_normalize.character_normalize import normalize_characters_in_text
        from underthesea.pipeline.word_tokenize import regex_tokenize
        from underthesea_core import CRFFeaturizer, CRFTagger

        # Only the model underthesea itself uses: its name is a constant of its word_tokenize.
        if _MODEL not in ws.word_tokenize.__code__.co_consts:
            raise AttributeError(f"underthesea's word_tokenize no longer loads {_MODEL}")
        base = Path(ws.__file__).parent / "models" / _MODEL
        syntaxes = list(joblib.load(base / "features.bin"))
        words = joblib.load(base / "dictionary.bin")
        dictionary = frozenset(words)

        def is_in_dict(text: str) -> str:
            return "True" if text.lower() in dictionary else "False"

        # Syllables and their n-grams repeat across sentences: the word-level tests are cached.
        functions = {
            "lower": str.lower,
            "isdigit": lru_cache(maxsize=1 << 16)(_rust_isdigit),
            "istitle": lru_cache(maxsize=1 << 16)(_rust_istitle),
            "is_in_dict": lru_cache(maxsize=1 << 17)(is_in_dict),
        }
        self._templates = parse_templates(syntaxes, functions)
        self._tagger = CRFTagger()
        self._tagger.load(str(base / "models.bin"))
        self._pattern = regex_tokenize.patterns
        self._normalize_characters = normalize_characters_in_text
        self._token_normalize = token_normalize
        self._check(CRFFeaturizer(syntaxes, set(words)))

    def tokens(self, text: str) -> list[str]:
        """underthesea's regex tokens (``regex_tokenize.tokenize``): each match is one alternative."""
        return [m[0] for m in self._pattern.finditer(self._normalize_characters(text))]

    def __call__(self, text: str, *, use_token_normalize: bool = True) -> list[str]:
        tokens = self.tokens(text)
        if use_token_normalize:
            tokens = [self._token_normalize(t) for t in tokens]
        if not tokens:
            return []
        tags = self._tagger.tag(build_features(tokens, self._templates))
        words: list[str] = []
        for tag, token in zip(tags, tokens, strict=True):
            if tag == "I-W" and words:
                words[-1] += " " + token
            else:
                words.append(token)
        return words

    def _check(self, featurizer: Any) -> None:
        """Refuse to stand in for underthesea unless our features equal its featurizer's on probes."""
        for probe in _PROBES:
            tokens = self.tokens(probe)
            ours = [list(row) for row in build_features(tokens, self._templates)]
            if ours != featurizer.process([[[t] for t in tokens]])[0]:
                raise AttributeError(f"features differ from underthesea's on {probe!r}")


_PROBES = (
    "Ngày 15/3/2024, UBND TP. Hà Nội cho biết tỷ lệ hồ sơ trực tuyến đạt 36,9%, tăng 1.200 hồ sơ.",
    "ĐÀ NẴNG - Ông Nguyễn Văn A, Giám đốc Sở KH&CN, nói: \"Năm 2025 có 12 dự án, vốn -5 tỷ USD\".",
    "Bộ Thông tin và Truyền thông (TT&TT) công bố 3 nhóm chỉ số; email: a.b@gov.vn, +84 24 3943 5555.",
)

_segmenter: WordSegmenter | None = None
_loaded = False
_lock = threading.Lock()


def word_segmenter() -> WordSegmenter | None:
    """The shared segmenter, or None when underthesea's model is not one this module mirrors."""
    global _segmenter, _loaded
    if not _loaded:
        with _lock:
            if not _loaded:
                try:
                    _segmenter = WordSegmenter()
                except (ImportError, AttributeError, OSError, KeyError):
                    _segmenter = None
                _loaded = True
    return _segmenter
