"""What every extractor and resolver sees of one text: the text view, its structure, the reference date."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, TypeVar

from vnextract import tokenize
from vnextract.text import Span, TextView
from vnextract.tokenize import Token

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span found by an extractor (normalized offsets), before or after resolution.

    ``rule_id`` names the pattern that produced it; ``priority`` breaks overlaps between candidates
    of one layer (higher wins, then longer, then leftmost); ``data`` holds what the rule captured.
    """

    start: int
    end: int
    rule_id: str
    priority: int = 0
    data: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


class Analysis:
    """One text under extraction. Offsets in here are normalized offsets unless said otherwise."""

    def __init__(self, text: str, reference_date: dt.date | None = None) -> None:
        self.view = TextView(text)
        self.text = self.view.norm
        self.reference_date = reference_date
        self._words: dict[tuple[int, int, bool], list[Token]] = {}
        self._segments: dict[tuple[int, int], list[str]] = {}

    @property
    def original(self) -> str:
        return self.view.original

    @cached_property
    def paragraphs(self) -> list[Span]:
        return tokenize.paragraphs(self.text)

    @cached_property
    def sentences(self) -> list[Span]:
        return [s for p in self.paragraphs for s in tokenize.sentences(self.text, p)]

    def words(self, sentence: Span, *, pos: bool = False) -> list[Token]:
        """underthesea words of a sentence (cached); with ``pos=True`` they carry POS tags."""
        key = (sentence.start, sentence.end, pos)
        if key not in self._words:
            # One underthesea segmentation per sentence serves both plain and POS-tagged words.
            span = (sentence.start, sentence.end)
            plain = self._segments.get(span)
            if plain is None:
                plain = self._segments[span] = tokenize.segment(self.text, sentence)
            self._words[key] = tokenize.words(self.text, sentence, pos=pos, plain=plain)
        return self._words[key]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def sentence_of(self, pos: int) -> Span | None:
        """The sentence holding normalized offset ``pos`` (a binary search: spans are sorted, disjoint)."""
        return _span_at(self.sentences, self._sentence_starts, pos)

    def paragraph_of(self, pos: int) -> Span | None:
        return _span_at(self.paragraphs, self._paragraph_starts, pos)

    def mention(self, start: int, end: int) -> dict:
        """The contract's mention fields (original offsets and text) for a normalized span."""
        o_start, o_end = self.view.to_original(start, end)
        return {"start": o_start, "end": o_end, "text": self.original[o_start:o_end]}


def _span_at(spans: list[Span], starts: list[int], pos: int) -> Span | None:
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and pos < spans[i].end:
        return spans[i]
    return None


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates: higher priority first, then longer, then leftmost.

    Kept spans stay sorted and disjoint, so each check is a binary search: n log n, not n squared.
    """
    ranked = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    starts: list[int] = []
    kept: list[Candidate] = []
    for c in ranked:
        i = bisect.bisect_right(starts, c.start)
        if i > 0 and kept[i - 1].end > c.start:
            continue
        if i < len(kept) and kept[i].start < c.end:
            continue
        starts.insert(i, c.start)
        kept.insert(i, c)
    return kept


@dataclass(frozen=True, slots=True)
class Extracted(Generic[R]):
    """A resolved record together with its span in the normalized text (for later stages)."""

    start: int
    end: int
    record: R

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)
