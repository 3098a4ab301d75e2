"""Clause structure of a sentence: where one reported figure's context starts and ends.

Government news lists figures in long sentences: "A đạt 97,3%; B 45,7%, gấp 1,6 lần so với cùng
kỳ; C 36,9%". A sentence splits into segments at semicolons; inside a segment each figure's
left context runs back to the previous figure's clause, and its right context (the predicate of
a counted figure: "44/63 địa phương đã triển khai ...") runs until a break: a comma before a new
figure or change, a coordinated figure ("và 52 địa phương"), a parenthesis or the segment's end.
"""

from __future__ import annotations

import bisect
from functools import cache

import regex

from vnextract import indicator_lexicon as lex
from vnextract.text import Span

SEGMENT_BREAKS = ";"
HARD_STOPS = "():"  # a parenthesis (opening, or closing the one a figure stands in) or a colon
COORDINATION_REACH = 30  # "và xử lý 204 phiên": a figure this close after "và"/"với" starts a new item
# Words that open a new clause after a comma: a change, a break, a comparison, a link verb, a report.
NEW_ITEM_ROLES: tuple[lex.Role, ...] = (
    "change_increase",
    "change_decrease",
    "clause_break",
    "baseline_marker",
    "link",
    "overrun",
    "continuation",
    "speech",
)


def segments(text: str, sentence: Span) -> list[Span]:
    """The sentence cut at semicolons (each piece stripped of white space)."""
    out: list[Span] = []
    start = sentence.start
    cuts = [m.start() for m in _segment_break().finditer(text, sentence.start, sentence.end)]
    for i in [*cuts, sentence.end]:
        piece = text[start:i]
        s = start + len(piece) - len(piece.lstrip())
        e = i - (len(piece) - len(piece.rstrip()))
        if e > s:
            out.append(Span(s, e))
        start = i + 1
    return out


@cache
def _segment_break() -> regex.Pattern[str]:
    return regex.compile(f"[{regex.escape(SEGMENT_BREAKS)}]")


def segment_of(segs: list[Span], pos: int) -> Span:
    for s in segs:
        if s.start <= pos < s.end:
            return s
    return segs[-1]


def _starts_new_item(text: str, pos: int, end: int, figure_starts: list[int]) -> bool:
    """Does a new clause begin at ``pos`` (just after a comma): a figure, a change or a break word?"""
    while pos < end and text[pos].isspace():
        pos += 1
    if _is_start(figure_starts, pos) or _figure_soon(pos, end, text, figure_starts) is not None:
        return True  # "..., thủy điện 21,3%": the next list item
    if _linked_figure_ahead(text, pos, end, figure_starts):
        return True  # "..., thu nhập bình quân đầu người đạt 120 triệu đồng": a new subject and its level
    if lex.prefix_union(NEW_ITEM_ROLES).match(text, pos, end) is None:
        return False  # one match rules out every role below
    return any(lex.prefix_pattern(role).match(text, pos, end) for role in NEW_ITEM_ROLES)


def _linked_figure_ahead(text: str, pos: int, end: int, figure_starts: list[int]) -> bool:
    """Does a link verb right before a figure ("... đạt 120 triệu đồng") come before the next comma?"""
    comma = text.find(",", pos, end)
    limit = comma if comma != -1 else end
    k = bisect.bisect_left(figure_starts, pos)
    if k >= len(figure_starts) or figure_starts[k] >= limit:
        return False
    before = text[pos : figure_starts[k]]
    return bool(before.strip()) and lex.suffix_pattern("link").search(before) is not None


def _figure_soon(pos: int, end: int, text: str, figure_starts: list[int]) -> int | None:
    """The start of a figure within reach after ``pos`` and before the next comma, if any."""
    limit = min(end, pos + COORDINATION_REACH)
    comma = text.find(",", pos, limit)
    if comma != -1:
        limit = comma
    k = bisect.bisect_left(figure_starts, pos)
    return figure_starts[k] if k < len(figure_starts) and figure_starts[k] < limit else None


def _is_start(figure_starts: list[int], pos: int) -> bool:
    k = bisect.bisect_left(figure_starts, pos)
    return k < len(figure_starts) and figure_starts[k] == pos


def right_context_end(
    text: str, start: int, seg: Span, figure_starts: list[int], *, every_comma: bool = False
) -> int:
    """Where the predicate that follows a figure (ending at ``start``) stops.

    ``figure_starts`` is sorted (where the sentence's figures start).

    A comma ends it when a new item starts after it (or always, with ``every_comma``: the strict
    reading used to decide which figures sit inside another figure's predicate).
    """
    if start < seg.end and _stops_at(text, start, start, seg, figure_starts, every_comma):
        return start
    # Only a stop, a comma or a break word after white space can end it: one scan finds those places.
    for m in _stop_candidates().finditer(text, start + 1, seg.end):
        if _stops_at(text, m.start(), start, seg, figure_starts, every_comma):
            return m.start()
    return seg.end


def _stops_at(text: str, i: int, start: int, seg: Span, figure_starts: list[int], every_comma: bool) -> bool:
    """Does the predicate that starts at ``start`` stop at ``i``?"""
    ch = text[i]
    if ch in HARD_STOPS:
        return True
    if ch == "," and (every_comma or _starts_new_item(text, i + 1, seg.end, figure_starts)):
        return True
    if (i == start or text[i - 1].isspace()) and (
        lex.prefix_pattern("clause_break").match(text, i, seg.end) or text.startswith("và ", i)
    ):
        # "và 52 địa phương", "với số tiền hơn 366 tỷ đồng": a coordinated figure ends the predicate.
        m = lex.prefix_pattern("clause_break").match(text, i, seg.end)
        word_end = m.end() if m else i + 2
        if _figure_soon(word_end, seg.end, text, figure_starts) is not None:
            return True
    return False


@cache
def _stop_candidates() -> regex.Pattern[str]:
    """Every place where ``_stops_at`` may hold (a superset: it decides): a stop or a comma, or after
    white space (``str.isspace``, which also counts \\x1c-\\x1f) the start of a break word or "và "."""
    return regex.compile(
        rf"[{regex.escape(HARD_STOPS)},]|(?<=[\s\x1c-\x1f])(?=\s*(?:{lex.alternation('clause_break')})|và )",
        regex.IGNORECASE,
    )
