"""underthesea's word segmenter and POS tagger: the same models and tags, far fewer feature strings.

underthesea's ``word_tokenize`` spends most of its time outside the CRF itself: a Python loop over its
regex matches and a Rust featurizer that builds 43 feature strings per token, which are then converted
back for the tagger. About 40% of those strings are not attributes of the model at all, and a CRF gives
an unknown attribute no weight. Here:

- tokens come from underthesea's own compiled regex;
- each template's values are computed once per sentence (shared work such as lower-casing done once);
- each value is looked up in a table of the model's own attributes for that template (read from the
  CRFsuite model file), so no string is built and only attributes the model knows reach its
  ``CRFTagger``, in underthesea's order. The labels are the same, to the bit: the tagger adds the same
  weights in the same order.

The features follow underthesea's rules exactly (Rust ``CRFFeaturizer`` for segmentation, Python
``tagged_feature`` for POS). The segmenter checks itself against underthesea_core's featurizer when it
loads; the tests compare words and tags with underthesea on the corpus and on generated text. If
underthesea changes its models or templates in a way this module does not mirror, callers fall back
to underthesea itself.
"""

from __future__ import annotations

import struct
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

# One CRF feature template, parsed once: "T[-1,0]", "T[0].lower", "T[-3][1]".
_TEMPLATE = regex.compile(
    r"T\[(?P<index1>-?\d+)(?:,(?P<index2>-?\d+))?\](?:\[(?P<column>\d+)\])?(?:\.(?P<function>\w+))?"
)
_INT32 = regex.compile(r"[+-]?[0-9]+")


@dataclass(frozen=True, slots=True)
class Template:
    syntax: str  # "T[-1,0].lower": a feature string is syntax + "=" + value
    index1: int
    width: int  # tokens joined after the first: 0 for T[i], 1 for T[i,i+1], ...
    column: int  # 0: the token, 1: underthesea's constant "X" tag column
    function: Callable[[str], str] | None


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
        templates.append(Template(
            syntax=syntax,
            index1=index1,
            width=index2 - index1,
            column=int(m.group("column")) if m.group("column") else 0,
            function=functions[m.group("function")] if m.group("function") else None,
        ))
    return templates


class TemplatePlan:
    """How to compute every template's values for a sentence, planned once per model.

    Position i reads the gram of ``width + 1`` tokens starting at ``i + index1``: "BOS" when that start
    is before the sentence, "EOS" when the gram runs past its end (the rule of both underthesea
    featurizers). The values of each distinct (function, column, width) are computed once per sentence
    (each n-gram list joined once) and padded with enough BOS/EOS that every template's column is one
    slice.
    """

    def __init__(self, templates: Sequence[Template]) -> None:
        self.templates = list(templates)
        self._keys: list[tuple[Callable[[str], str] | None, int, int]] = []
        for t in templates:
            if (t.function, t.column, t.width) not in self._keys:
                self._keys.append((t.function, t.column, t.width))
        self._pad = max((abs(t.index1) + t.width for t in templates), default=0)
        self._slices = [
            (self._keys.index((t.function, t.column, t.width)), self._pad + t.index1) for t in templates
        ]

    def columns(self, tokens: Sequence[str]) -> list[list[str]]:
        """Per template (in order), the value each token position reads."""
        n, pad = len(tokens), self._pad
        cells_of = (tokens, ["X"] * n)
        grams: dict[tuple[int, int], Sequence[str]] = {}
        padded = []
        for function, column, width in self._keys:
            cells = grams.get((column, width))
            if cells is None:
                cells = grams[(column, width)] = _grams(cells_of[column], width)
            values = ["BOS"] * pad
            values += cells if function is None else map(function, cells)
            values += ["EOS"] * (pad + width)
            padded.append(values)
        return [padded[key][start : start + n] for key, start in self._slices]


def _grams(cells: Sequence[str], width: int) -> Sequence[str]:
    """Every run of ``width + 1`` consecutive cells, joined by one space."""
    if width == 0:
        return cells
    if len(cells) <= width:
        return []
    shifted = [cells[j : len(cells) - width + j] for j in range(width + 1)]
    return list(map(" ".join, zip(*shifted, strict=True)))


def build_features(tokens: Sequence[str], templates: Sequence[Template]) -> list[list[str]]:
    """Every feature string of every token, exactly as underthesea builds them (used to check)."""
    columns = TemplatePlan(templates).columns(tokens)
    per_template = [[f"{t.syntax}={v}" for v in values] for t, values in zip(templates, columns, strict=True)]
    return [list(row) for row in zip(*per_template, strict=True)]


class KnownFeatureTagger:
    """A CRFsuite model of underthesea's, fed only the feature strings that are attributes of it.

    A CRF adds the weights of the attributes it knows and skips the others, so dropping unknown
    strings (and keeping the known ones in template order) leaves every label unchanged.
    """

    def __init__(self, tagger: Any, templates: Sequence[Template], attributes: Sequence[str]) -> None:
        self.tagger = tagger
        self.plan = TemplatePlan(templates)
        tables: dict[str, dict[str, str]] = {t.syntax: {} for t in templates}
        for attribute in attributes:
            syntax, _, value = attribute.partition("=")  # template syntaxes hold no "="
            table = tables.get(syntax)
            if table is not None:
                table[value] = attribute
        self._lookups = [tables[t.syntax].get for t in templates]

    @property
    def templates(self) -> list[Template]:
        return self.plan.templates

    def features(self, tokens: Sequence[str]) -> list[list[str]]:
        """The known feature strings of every token, in template order."""
        columns = self.plan.columns(tokens)
        known = [list(map(lookup, values)) for lookup, values in zip(self._lookups, columns, strict=True)]
        return [list(filter(None, row)) for row in zip(*known, strict=True)]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        return list(self.tagger.tag(self.features(tokens))) if tokens else []


def crfsuite_attributes(path: Path) -> list[str]:
    """The attribute strings of a CRFsuite model file (crf1dm format; attributes in a CQDB chunk).

    crf1dm header: magic "lCRF", size, type "FOMC", version, num_features, num_labels, num_attrs,
    off_features, off_labels, off_attrs, ... (little-endian uint32). A CQDB chunk: "CQDB", size, flag,
    byteorder, bwd_size, bwd_offset, then hash tables, records (id, key size, key + NUL) and the
    backward array of record offsets by id.
    """
    data = path.read_bytes()
    magic, _, kind, _, _, _, num_attrs, _, _, off_attrs = struct.unpack_from("<4sI4sIIIIIII", data, 0)
    if magic != b"lCRF" or kind != b"FOMC":
        raise AttributeError(f"{path.name} is not a CRFsuite model")
    chunk, _, _, _, bwd_size, bwd_offset = struct.unpack_from("<4sIIIII", data, off_attrs)
    if chunk != b"CQDB" or bwd_size != num_attrs:
        raise AttributeError(f"{path.name}: no attribute database where the header says")
    attributes = [""] * bwd_size
    for offset in struct.unpack_from(f"<{bwd_size}I", data, off_attrs + bwd_offset):
        record = off_attrs + offset
        ident, size = struct.unpack_from("<II", data, record)
        attributes[ident] = data[record + 8 : record + 8 + size - 1].decode("utf-8")
    if not all(attributes):
        raise AttributeError(f"{path.name}: attribute database has holes")
    return attributes


# ---------------------------------------------------------------- word segmentation


def _rust_isdigit(text: str) -> str:
    """underthesea_core's ``isdigit``: whether Rust parses the text as an i32 (sign, ASCII digits)."""
    if not _INT32.fullmatch(text):
        return "False"
    digits = text.lstrip("+-").lstrip("0")
    if len(digits) > 10:  # too big for an i32 (and never int() a 100,000-digit run)
        return "False"
    value = -int(digits or "0") if text[0] == "-" else int(digits or "0")
    return "True" if -(2**31) <= value < 2**31 else "False"


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

        # Syllables and their n-grams repeat across sentences: the word-level tests are cached. The
        # caches are bounded (a few MB when full; news holds ~12k distinct syllable n-grams per 20k
        # short articles, with 99% hits) so that memory stays flat over any stream of articles.
        functions = {
            "lower": str.lower,
            "isdigit": lru_cache(maxsize=1 << 12)(_rust_isdigit),
            "istitle": lru_cache(maxsize=1 << 15)(_rust_istitle),
            "is_in_dict": lru_cache(maxsize=1 << 15)(is_in_dict),
        }
        templates = parse_templates(syntaxes, functions)
        tagger = CRFTagger()
        tagger.load(str(base / "models.bin"))
        self._crf = KnownFeatureTagger(tagger, templates, crfsuite_attributes(base / "models.bin"))
        self._pattern = regex_tokenize.patterns
        self._normalize_characters = normalize_characters_in_text
        self._token_normalize = token_normalize
        self._check(CRFFeaturizer(syntaxes, set(words)), templates)

    def tokens(self, text: str) -> list[str]:
        """underthesea's regex tokens (``regex_tokenize.tokenize``): each match is one alternative."""
        return [m[0] for m in self._pattern.finditer(self._normalize_characters(text))]

    def __call__(self, text: str, *, use_token_normalize: bool = True) -> list[str]:
        tokens = self.tokens(text)
        if use_token_normalize:
            tokens = [self._token_normalize(t) for t in tokens]
        words: list[str] = []
        for tag, token in zip(self._crf.tag(tokens), tokens, strict=True):
            if tag == "I-W" and words:
                words[-1] += " " + token
            else:
                words.append(token)
        return words

    def _check(self, featurizer: Any, templates: list[Template]) -> None:
        """Refuse to stand in for underthesea unless our features are its featurizer's on probes."""
        for probe in _PROBES:
            tokens = self.tokens(probe)
            theirs = featurizer.process([[[t] for t in tokens]])[0]
            if build_features(tokens, templates) != theirs:
                raise AttributeError(f"features differ from underthesea's on {probe!r}")
            if self._crf.tagger.tag(theirs) != self._crf.tag(tokens):
                raise AttributeError(f"labels differ from underthesea's on {probe!r}")


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
                except (ImportError, AttributeError, OSError, KeyError, struct.error, UnicodeDecodeError):
                    _segmenter = None
                _loaded = True
    return _segmenter
