"""The figures of a sentence as the indicator linker sees them, and sorted mention lists.

A ``Figure`` is one quantity plus what the linker decided about it (a level, a change amount or
nothing; its change, metric, status). ``Mentions`` keeps times and names sorted by offset so that
every look-up is a bisection: no pass of the linker compares every mention with every other.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from vnextract.context import Analysis, Extracted
from vnextract.indicator_lexicon import Occurrences
from vnextract.records import Change, Quantity
from vnextract.text import Span

R = TypeVar("R")
OVERLAP_LOOKBACK = 3  # mentions that start before a span and may still reach into it
LOOKAROUND = 8  # figures scanned around one figure: skipped ones in between are rare and few
# Kinds whose unit is a counted noun that can head the metric ("44/63 địa phương ...").
COUNTED_KINDS = frozenset({"count", "fraction"})


@dataclass(eq=False, slots=True)  # figures compare by identity
class Figure:
    """One quantity of a sentence and what the linker decided about it."""

    ext: Extracted[Quantity]
    segment: Span
    role: str = "value"  # value | change | skip
    direction: str | None = None
    verb_start: int | None = None  # where the change verb starts (change figures)
    baseline: Span | None = None
    change: Change | None = None  # for values: the change attached to it
    metric: str = ""
    alias_of: Figure | None = None  # "134 tỷ NDT (19,8 tỷ USD)": the figure it restates
    elliptic: bool = False  # "... và 30,6% về giá trị": an amount continuing the previous change
    head: str = ""  # a change's subject without its aspect, for the elliptic amounts that follow
    subject: str = ""  # a level's cleaned left context, for the list items that follow
    status: str = ""  # set when its indicator is built, for continuation clauses
    changes: list[Figure] = field(default_factory=list)
    index: int = 0  # position in its sentence's figures
    chain_end: Figure | None = None  # the last level coordinated with this one ("A, B và C đã ...")
    attached: bool = False  # a change figure that became part of a level's indicator
    # Where the quantity starts and ends, read so often that they are copied from ``ext`` (never replaced).
    start: int = field(init=False)
    end: int = field(init=False)

    def __post_init__(self) -> None:
        self.start = self.ext.start
        self.end = self.ext.end

    @property
    def anchor(self) -> int:
        return self.verb_start if self.verb_start is not None else self.start


class Mentions(list[Extracted[R]]):
    """Extracted mentions sorted by start, searchable by position: no pass over them is quadratic."""

    def __init__(self, items: Iterable[Extracted[R]] = ()) -> None:
        super().__init__(sorted(items, key=lambda x: x.start))
        self.starts = [x.start for x in self]

    def between(self, lo: int, hi: int) -> list[Extracted[R]]:
        """Mentions starting in [lo, hi)."""
        return self[bisect.bisect_left(self.starts, lo) : bisect.bisect_left(self.starts, hi)]

    def overlapping(self, lo: int, hi: int) -> list[Extracted[R]]:
        """Mentions overlapping [lo, hi) (mentions of one layer do not overlap each other)."""
        k = max(0, bisect.bisect_right(self.starts, lo) - OVERLAP_LOOKBACK)
        out = []
        while k < len(self) and self.starts[k] < hi:
            if self[k].end > lo:
                out.append(self[k])
            k += 1
        return out


class SortedHits:
    """Tuples sorted by their first item (a start offset), searchable by bisection."""

    def __init__(self, items: list[tuple[int, int, str]]) -> None:
        self.items = items
        self.starts = [x[0] for x in items]


def previous_live(f: Figure, figures: list[Figure]) -> Figure | None:
    """The figure before ``f`` in its segment that is not skipped."""
    for g in reversed(figures[max(0, f.index - LOOKAROUND) : f.index]):
        if g.segment != f.segment:
            return None
        if g.role != "skip":
            return g
    return None


def next_live_start(f: Figure, figures: list[Figure], default: int) -> int:
    """Where the next figure that is not skipped starts (``default`` if none follows)."""
    for g in figures[f.index + 1 : f.index + 1 + LOOKAROUND]:
        if g.role != "skip" and g.start > f.end:
            return g.start
    return default


_LAST: tuple[weakref.ref[Analysis], Occurrences] | None = None  # the text being linked and its places


def occurrences(an: Analysis) -> Occurrences:
    """The lexicon's word places in this text, found once per text (held only while it is analysed)."""
    global _LAST
    last = _LAST  # one read: another thread may replace it, never half of it
    if last is not None and last[0]() is an:
        return last[1]
    occ = Occurrences(an.text)
    _LAST = (weakref.ref(an), occ)
    return occ
