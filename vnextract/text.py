"""The caller's text and its normalized shadow used for matching, with an exact offset map.

Matching runs on ``TextView.norm``: NFC, new-style tone placement ("hoá" -> "hóa", "thuỷ" -> "thủy"),
one space for any run of horizontal white space (including NBSP and other Unicode spaces),
"\n" for any line break (CRLF, CR, U+2028...), straight quotes and dashes folded to ASCII where
they carry no meaning of their own. Every normalized character remembers which original characters
it came from, so any span of ``norm`` maps back to a span of the original with ``to_original``.
"""

from __future__ import annotations

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

    ``starts[i]`` / ``ends[i]`` are the original offsets of the first / past-the-last original
    character that produced normalized character ``i``.
    """

    __slots__ = ("_ends", "_starts", "norm", "original")

    def __init__(self, original: str) -> None:
        self.original = original
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []

        def emit(norm_piece: str, o_start: int, o_end: int) -> None:
            # Every character of a piece maps to the whole original piece; pieces are the smallest
            # units normalization rewrites (a syllable, a run of spaces, a line break).
            for ch in norm_piece:
                pieces.append(ch)
                starts.append(o_start)
                ends.append(o_end)

        for m in _SEGMENT.finditer(original):
            seg, s, e = m.group(0), m.start(), m.end()
            if m.group("word"):
                norm = normalize_word(seg) if not seg.isascii() else seg
                if len(norm) == len(seg):
                    for k, ch in enumerate(norm):
                        pieces.append(ch)
                        starts.append(s + k)
                        ends.append(s + k + 1)
                else:
                    _emit_aligned(seg, norm, s, emit)
            elif m.group("hspace"):
                emit(" ", s, e)
            elif m.group("newline"):
                emit("\n", s, e)
            else:
                ch = seg
                folded = _CHAR_FOLD.get(ch)
                if folded is None:
                    folded = unicodedata.normalize("NFC", ch)
                emit(folded, s, e)
        self.norm = "".join(pieces)
        self._starts = starts
        self._ends = ends

    def __len__(self) -> int:
        return len(self.norm)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized span [start, end) to the original string."""
        if not 0 <= start <= end <= len(self.norm):
            raise ValueError(f"span ({start}, {end}) outside the normalized text of length {len(self.norm)}")
        if start == end:
            pos = self._starts[start] if start < len(self._starts) else len(self.original)
            return pos, pos
        return self._starts[start], self._ends[end - 1]

    def original_text(self, start: int, end: int) -> str:
        s, e = self.to_original(start, end)
        return self.original[s:e]


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
