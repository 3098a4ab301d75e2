"""The caller's text and its normalized shadow used for matching, with an exact offset map.

Matching runs on ``TextView.norm``: NFC, new-style tone placement ("hoá" -> "hóa", "thuỷ" -> "thủy"),
one space for any run of horizontal white space (including NBSP and other Unicode spaces),
"\n" for any line break (CRLF, CR, U+2028...), straight quotes and dashes folded to ASCII where
they carry no meaning of their own. Every normalized character remembers which original characters
it came from, so any span of ``norm`` maps back to a span of the original with ``to_original``.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

# Tone marks as combining characters (NFD); the vowel quality marks (circumflex, breve, horn) are kept apart.
_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}

_CHAR_FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
    "\u00ad": "",  # soft hyphen: invisible, drop it
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "",  # zero-width characters
}
# A lone surrogate (from bytes decoded with errors="surrogateescape", or broken JSON) cannot be encoded,
# which crashes underthesea's tokenizer: the matching view holds U+FFFD in its place (same length).
REPLACEMENT = "\ufffd"
# En and em dashes are kept: "2021–2025" and "8,3 – 8,5%" are ranges and the extractors read them as such,
# but a matcher never has to list the ASCII hyphen and the dashes separately if it uses _DASH below.
DASHES = "-\u2013\u2014"

# Old-style tone placement: the tone sits on the second vowel of "oa", "oe", "uy" in an open syllable.
# New style (underthesea's and most current text) puts it on the first: "hóa", "khỏe", "thủy".
# "qu" + y keeps the tone on y ("quý"), because there u belongs to the consonant.
_OLD_TONE = regex.compile(
    r"(?<![qQ])(?P<glide>[oO])(?P<vowel>[aAeE])(?P<tone>[\u0300\u0301\u0309\u0303\u0323])$"
    r"|(?<![qQ])(?P<glide2>[uU])(?P<vowel2>[yY])(?P<tone2>[\u0300\u0301\u0309\u0303\u0323])$"
)


def _move_tone(match: regex.Match[str]) -> str:
    if match.group("glide"):
        return match.group("glide") + match.group("tone") + match.group("vowel")
    return match.group("glide2") + match.group("tone2") + match.group("vowel2")


@lru_cache(maxsize=65536)
def normalize_word(word: str) -> str:
    """NFC with new-style tone placement, for one word (a run of letters, marks and digits)."""
    decomposed = unicodedata.normalize("NFD", word)
    if any(c in _TONES for c in decomposed):
        decomposed = _OLD_TONE.sub(_move_tone, decomposed)
    return unicodedata.normalize("NFC", decomposed)


def normalize_text(text: str) -> str:
    """The normalized form of a whole string (what ``TextView(text).norm`` holds)."""
    # Lexicon phrases and units are normalized again and again at run time: short strings are cached.
    return _normalize_short(text) if len(text) <= 128 else TextView(text).norm


@lru_cache(maxsize=32768)
def _normalize_short(text: str) -> str:
    return TextView(text).norm


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class TextView:
    """An original string, its normalized shadow and the map between their offsets.

    Normalized character ``i`` comes from the original characters ``[_start_of(i), _end_of(i))``.
    Building the view is linear and runs at C speed for the common case (NFC text without combining
    marks): only the spots normalization rewrites are visited in Python.
    """

    __slots__ = ("_arrays", "_pn_end", "_pn_start", "_po_end", "_po_start", "_shift", "_shift_at", "norm",
                 "original")

    def __init__(self, original: str) -> None:
        self.original = original
        # Test for marks first: is_normalized is quadratic on long runs of combining marks.
        if original.isascii() or (not _MARK.search(original) and unicodedata.is_normalized("NFC", original)):
            b = _build_fast(original)
        else:
            b = _build_slow(original)
        self.norm = "".join(b.parts)
        self._pn_start = b.piece_n_start
        self._pn_end = b.piece_n_end
        self._po_start = b.piece_o_start
        self._po_end = b.piece_o_end
        self._shift_at = b.shift_at
        self._shift = b.shift
        self._arrays: tuple[list[int], list[int]] | None = None

    def __len__(self) -> int:
        return len(self.norm)

    def _locate(self, i: int) -> tuple[int, int]:
        """The original span of normalized character ``i``."""
        k = bisect.bisect_right(self._pn_start, i) - 1
        if k >= 0 and i < self._pn_end[k]:
            return self._po_start[k], self._po_end[k]
        j = bisect.bisect_right(self._shift_at, i) - 1
        o = i + (self._shift[j] if j >= 0 else 0)
        return o, o + 1

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized span [start, end) to the original string."""
        if not 0 <= start <= end <= len(self.norm):
            raise ValueError(f"span ({start}, {end}) outside the normalized text of length {len(self.norm)}")
        if start == end:
            pos = self._locate(start)[0] if start < len(self.norm) else len(self.original)
            return pos, pos
        return self._locate(start)[0], self._locate(end - 1)[1]

    def original_text(self, start: int, end: int) -> str:
        s, e = self.to_original(start, end)
        return self.original[s:e]

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """The smallest normalized span whose characters come from inside original [start, end)."""
        starts, ends = self._offset_arrays()
        n_start = bisect.bisect_left(starts, start)
        n_end = bisect.bisect_right(ends, end)
        return n_start, max(n_start, n_end)

    def _offset_arrays(self) -> tuple[list[int], list[int]]:
        # Dense per-character arrays, built only on demand (inverse mapping, dev tools).
        if self._arrays is None:
            spans = [self._locate(i) for i in range(len(self.norm))]
            self._arrays = ([s for s, _ in spans], [e for _, e in spans])
        return self._arrays

    @property
    def _starts(self) -> list[int]:
        return self._offset_arrays()[0]

    @property
    def _ends(self) -> list[int]:
        return self._offset_arrays()[1]


class _MapBuilder:
    """Accumulates the normalized text and a sparse map back to the original.

    Most characters map one to one with a constant shift (``delta``): only the places where the shift
    changes (``shift_at``/``shift``) and the rewritten pieces whose characters all map to one original
    piece (a run of spaces, CRLF, a decomposed letter) are stored. Memory is O(rewrites), not O(text).
    """

    __slots__ = ("delta", "n", "parts", "piece_n_end", "piece_n_start", "piece_o_end", "piece_o_start",
                 "shift", "shift_at")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.n = 0  # length of the normalized text so far
        self.delta = 0  # original offset minus normalized offset for identity-mapped characters
        self.piece_n_start: list[int] = []
        self.piece_n_end: list[int] = []
        self.piece_o_start: list[int] = []
        self.piece_o_end: list[int] = []
        self.shift_at: list[int] = []
        self.shift: list[int] = []

    def same(self, norm_text: str) -> None:
        """Characters that map one to one onto the next original characters."""
        self.parts.append(norm_text)
        self.n += len(norm_text)

    def piece(self, norm_text: str, o_start: int, o_end: int) -> None:
        """Characters that all map to the original piece [o_start, o_end)."""
        if len(norm_text) == 1 and o_end - o_start == 1:
            self.same(norm_text)
            return
        if norm_text:
            self.piece_n_start.append(self.n)
            self.piece_n_end.append(self.n + len(norm_text))
            self.piece_o_start.append(o_start)
            self.piece_o_end.append(o_end)
            self.parts.append(norm_text)
            self.n += len(norm_text)
        delta = o_end - self.n
        if delta != self.delta:
            self.shift_at.append(self.n)
            self.shift.append(delta)
            self.delta = delta


def _build_fast(original: str) -> _MapBuilder:
    """NFC input without combining marks: copy everything but the few spots normalization rewrites."""
    b = _MapBuilder()
    pos = 0
    for m in _FAST_SPOT.finditer(original):
        s, e = m.span()
        if s > pos:
            b.same(original[pos:s])
        if m.group("tone"):
            seg = m.group()
            b.same(normalize_word(seg))  # "oá" -> "óa": same length, letters keep their places
        elif m.group("newline"):
            b.piece("\n", s, e)
        elif m.group("fold"):
            b.piece(_CHAR_FOLD[m.group()], s, e)
        elif m.group("surrogate"):
            b.same(REPLACEMENT)
        else:
            b.piece(" ", s, e)
        pos = e
    if pos < len(original):
        b.same(original[pos:])
    return b


def _build_slow(original: str) -> _MapBuilder:
    """Any input (decomposed letters, stray combining marks): word by word, character by character."""
    b = _MapBuilder()
    for m in _SEGMENT.finditer(original):
        seg, s, e = m.group(0), m.start(), m.end()
        if m.group("word"):
            if _LONG_MARK_RUN.search(seg):
                _emit_word_with_long_mark_runs(seg, s, b)
            else:
                _emit_word(seg, s, b)
        elif m.group("hspace"):
            b.piece(" ", s, e)
        elif m.group("newline"):
            b.piece("\n", s, e)
        else:
            folded = _CHAR_FOLD.get(seg)
            if folded is None:
                folded = REPLACEMENT if "\ud800" <= seg <= "\udfff" else unicodedata.normalize("NFC", seg)
            b.piece(folded, s, e)
    return b


def _emit_word(seg: str, s: int, b: _MapBuilder) -> None:
    if seg.isascii():
        b.same(seg)
        return
    # Long words (a 100,000-letter run) are not worth a cache slot.
    norm = normalize_word(seg) if len(seg) <= 64 else normalize_word.__wrapped__(seg)
    if len(norm) == len(seg):
        b.same(norm)
    else:
        _emit_aligned(seg, norm, s, b.piece)


def _emit_word_with_long_mark_runs(seg: str, s: int, b: _MapBuilder) -> None:
    """Keep the first MAX_MARKS of a run of combining marks and drop the rest from the normalized view.

    Unicode normalization reorders marks by insertion sort, quadratic in the run's length, in CPython's
    unicodedata and in underthesea; no language needs more than a few marks on one letter (the
    Stream-Safe Text Format of UAX #15 caps them at 30). The dropped marks stay in the original; a span
    that runs past them maps back over them.
    """
    pos = 0
    for run in _LONG_MARK_RUN.finditer(seg):
        keep = run.start() + MAX_MARKS
        _emit_word(seg[pos:keep], s + pos, b)
        b.piece("", s + keep, s + run.end())
        pos = run.end()
    if pos < len(seg):
        _emit_word(seg[pos:], s + pos, b)


def _emit_aligned(seg: str, norm: str, s: int, emit) -> None:  # type: ignore[no-untyped-def]
    """Align a word whose normalized form changed length (NFD input): by base characters."""
    # Walk original grapheme clusters (base + combining marks) and NFC each; their concatenation
    # equals the word's NFC form except where tone placement moved a mark across clusters, in which
    # case we fall back to mapping the whole word as one piece.
    clusters = regex.findall(r"\X", seg)
    composed = [unicodedata.normalize("NFC", c) for c in clusters]
    if "".join(composed) == norm:
        pos = s
        for cl, comp in zip(clusters, composed, strict=True):
            emit(comp, pos, pos + len(cl))
            pos += len(cl)
    else:
        # Tone moved between letters: map per cluster where the base letters agree.
        pos = s
        k = 0
        for cl in clusters:
            n = len(unicodedata.normalize("NFC", cl))
            emit(norm[k : k + n], pos, pos + len(cl))
            k += n
            pos += len(cl)
        if k < len(norm):
            emit(norm[k:], pos, pos)


# A "word" is a run of letters, digits and combining marks; everything else is handled char by char.
_SEGMENT = regex.compile(
    r"(?P<word>[\p{L}\p{M}\p{N}]+)|(?P<hspace>[\t\p{Zs}]+)|(?P<newline>\r\n|[\r\n\u2028\u2029\x0b\x0c\x85])|(?P<other>.)",
    regex.S,
)

_MARK = regex.compile(r"\p{M}")
MAX_MARKS = 30  # combining marks kept on one letter (UAX #15 Stream-Safe Text Format)
_LONG_MARK_RUN = regex.compile(rf"\p{{M}}{{{MAX_MARKS + 1},}}")
# What the fast path rewrites in NFC text. "tone": old-style tone on the last vowel of a final "oa",
# "oe", "uy" (not after q), the NFC form of _OLD_TONE; "hspace": any white space but a lone ASCII space.
_FAST_SPOT = regex.compile(
    r"(?P<tone>(?<![qQ])(?:[oO][áàảãạéèẻẽẹÁÀẢÃẠÉÈẺẼẸ]|[uU][ýỳỷỹỵÝỲỶỸỴ])(?![\p{L}\p{M}\p{N}]))"
    r"|(?P<hspace>(?! (?![\t\p{Zs}]))[\t\p{Zs}]+)"
    r"|(?P<newline>\r\n|[\r\u2028\u2029\x0b\x0c\x85])"
    r"|(?P<fold>[" + regex.escape("".join(_CHAR_FOLD)) + "])"
    r"|(?P<surrogate>[\ud800-\udfff])"
)
