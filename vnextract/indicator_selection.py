"""Which quantities are reported figures: every decision in one place.

A quantity found by the quantity layer becomes an indicator unless one of the rules below says it
is not. The word lists live in ``patterns/indicators/selection.yaml`` (kinds, units, reference
scales, measured durations) and ``patterns/indicators/lexicon.yaml`` (not-a-figure words, the
verbs of "giảm từ X xuống Y"); this module holds the logic a word list cannot express. Two more
structural rules live with the clause logic in ``indicators.py``: a change amount ("tăng 11%") is
part of its level's indicator, and a figure inside another counted figure's predicate ("40 triệu
người dùng sử dụng 3 nền tảng") only qualifies it.
"""

from __future__ import annotations

from vnextract import indicator_lexicon as lex
from vnextract.indicator_figures import COUNTED_KINDS
from vnextract.patterns import norm_key
from vnextract.records import Quantity
from vnextract.text import Span

BEFORE_WINDOW = 160  # characters read before a figure for the words that disqualify it
QUOTE_REACH = 40  # a figure inside a quotation this short ("trăm hoa đua nở") is part of a phrase
PER_UNIT_KINDS = frozenset({"measure", "count"})  # "trên 1 ha", "mỗi 1 người": a single unit as a denominator
QUALIFIER_REACH = 40  # "3 - 5 sao đạt 75 - 80%": how far the level a qualifying figure belongs to may be


def skip_reason(text: str, q: Quantity, span: Span, segment: Span, sentence: Span) -> str | None:
    """Why the quantity at ``span`` is not a reported figure, or None when it is one.

    ``segment`` is its semicolon clause and ``sentence`` its sentence (normalized offsets).
    """
    # The phrases read before a figure are short: a bounded window keeps long lists linear.
    before = text[max(segment.start, span.start - BEFORE_WINDOW) : span.start]
    own = text[span.start : span.end].lower()
    if q.kind in lex.skip_kinds() and not measured_duration(
        q, text[max(sentence.start, span.start - BEFORE_WINDOW) : span.start]
    ):
        return "kind"  # meeting ordinals, durations ("phiên họp lần thứ 8", "trong 18 tháng")
    if lex.skip_before_pattern().search(before):
        return "reference_scale"  # "trên thang 100 điểm", "hợp nhất 3 tỉnh", "đường dây 500 kV"
    if q.value == 1 and q.kind in PER_UNIT_KINDS and lex.per_unit_before_pattern().search(before):
        return "per_unit"  # "giá trị sản xuất trên 1 ha đất trồng trọt đạt 150 triệu đồng": 1 ha
    if lex.prefix_pattern("not_figure").match(own):
        return "not_a_figure_word"  # "một cuộc sống", "top 20"
    if q.unit and norm_key(q.unit) in lex.skip_units():
        return "unit"  # "ít nhất một lần mỗi tuần", "chính quyền hai cấp"
    if is_name_number(q, own):
        return "name"  # "điểm 10", "mạch 3"
    if in_short_quotation(text, span, segment):
        return "quotation"  # "tránh tình trạng “trăm hoa đua nở”"
    if lex.suffix_pattern("from_level").search(before) is not None and (
        old_level(before)
        # "điều chỉnh giảm lãi suất từ 5% xuống 4,5%/năm": "từ X xuống/lên Y" names the old level X.
        or lex.prefix_pattern("to_level").match(text, span.end, segment.end)
    ):
        return "old_level"  # "giảm từ 5 ngày xuống còn 2,5 ngày": 5 ngày
    return None


def measured_duration(q: Quantity, sentence_before: str) -> bool:
    """'thời gian thi công hơn 6 tháng': a duration is a figure when a time-span metric states it."""
    return q.kind == "duration" and bool(lex.measured_duration_pattern().search(sentence_before))


def is_name_number(q: Quantity, own: str) -> bool:
    """A noun then a bare number ("điểm 10", "mạch 3") is a name, not a figure."""
    return (
        q.kind == "number"
        and own[:1].isalpha()
        and own[-1:].isdigit()
        and not lex.prefix_pattern("link").match(own)
    )


def in_short_quotation(text: str, span: Span, segment: Span) -> bool:
    """'tránh tình trạng "trăm hoa đua nở"': a number inside a short quoted phrase (a slogan, an idiom).

    A quoted statement ("“NHNN xác định chỉ tiêu ... khoảng 15%, có điều chỉnh ...”") is longer.
    """
    left = text.rfind('"', max(segment.start, span.start - QUOTE_REACH), span.start)
    if left == -1 or not text[left + 1 : left + 2].strip():
        return False  # no quote close before it, or a closing one ('... "' followed by a space)
    right = text.find('"', span.end, left + QUOTE_REACH + 1)
    return right != -1 and bool(text[right - 1 : right].strip())


def old_level(before: str) -> bool:
    """'giảm từ 5 ngày xuống còn 2,5 ngày': the level a change starts from is not the reported figure."""
    m = lex.suffix_pattern("from_level").search(before)
    if m is None:
        return False
    head = before[: m.start()]
    return any(lex.suffix_pattern(r).search(head) for r in ("change_increase", "change_decrease"))


def qualifies_next_figure(text: str, q: Quantity, span: Span, segment: Span, nxt: Span | None) -> bool:
    """'các cơ sở lưu trú 3 - 5 sao đạt 75 - 80%': a counted figure inside the metric of the next level.

    ``nxt`` is the next figure of the same segment, if any.
    """
    if nxt is None or q.kind not in COUNTED_KINDS:
        return False
    between = text[span.end : nxt.start]
    if "," in between or len(between) > QUALIFIER_REACH or not lex.suffix_pattern("link").search(between):
        return False
    before = text[max(segment.start, span.start - BEFORE_WINDOW) : span.start].rstrip()
    if not before or not before[-1].isalpha():
        return False
    # "Cả tỉnh có 1.250 bài thi đạt điểm 10": after "có" or a link verb the figure is the level itself.
    return not any(
        lex.suffix_pattern(r).search(before) for r in ("existential", "link", "framing", "target", "estimate")
    )
