"""Indicators: link each reported figure to its metric, period, change, status and location.

The linker works sentence by sentence on the quantities found by the other layers:
1. each quantity gets a role: a level (value), the amount of a change ("tăng 11%", "gấp 1,6 lần"),
   or nothing (ordinals, durations, a scale, a number that only qualifies another figure's metric);
2. a change attaches to the level just before it in its clause, else it is a change-only figure;
3. the metric is the noun phrase before the level (without framing, verb and qualifier) or, for a
   counted figure introduced by "có" or standing first ("44/63 địa phương đã triển khai ..."), its
   counted noun and the predicate after it; an elliptic clause inherits the previous metric;
4. period, status and location come from the clause, else the sentence, else the paragraph.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

from vnextract import clauses
from vnextract import indicator_lexicon as lex
from vnextract import indicator_selection as selection
from vnextract.context import Analysis, Extracted
from vnextract.indicator_figures import (
    Figure,
    Mentions,
    SortedHits,
    next_live_start,
    occurrences,
    previous_live,
)
from vnextract.indicator_metric import (
    BEFORE_WINDOW,
    bracketed,
    dated_dash,
    fallback_metric,
    link_coordinations,
    metric_of,
    skip_spaces,
)
from vnextract.patterns import norm_key
from vnextract.records import Change, Entity, Indicator, Quantity, TimeExpression
from vnextract.text import Span

LOOKBACK_FIGURES = 8  # figures looked back at for the status a breakdown inherits
TO_LEVEL_REACH = 80  # "giảm tỷ lệ hộ nghèo xuống dưới 1,2%": how far the new level may follow the verb
LOCATION_LABELS = frozenset({"LOC"})
MIN_DISTRIBUTED = 2  # amounts with aspects, and levels, needed to distribute changes over levels
ASPECT_REACH = 40  # characters before a level read for the words an aspect may repeat
ASPECT_FILLER = frozenset({"về", "số", "mặt"})
ASPECT_VALUE_WORDS = frozenset({"giá", "trị", "vốn", "kim", "ngạch", "tiền"})
ASPECT_VOLUME_WORDS = frozenset({"lượng"})
FRONTED_BASELINE_WORDS = 5  # "cao hơn cùng kỳ năm 2023 khoảng ...": a compared period is this short
LIST_BULLETS = frozenset("-+•*–—·")  # what opens a list item line
LIST_ENUMERATOR_CHARS = 4  # "a)", "1.", "12)", "iv)": an enumerator is this short
FRAME_REACH = 30  # "Kế hoạch năm 2024,": the comma that closes an opening frame is this close
STATUS_ROLES: tuple[lex.Role, ...] = ("estimate", "target")  # the words that give a figure its status
CHANGE_ROLES: tuple[lex.Role, ...] = (
    "change_increase",
    "change_decrease",
    "comparative_increase",
    "comparative_decrease",
)


@dataclass
class _Document:
    """What linking needs beyond one sentence's figures: times, names, and what earlier figures set."""

    an: Analysis
    times: Mentions[TimeExpression]  # every time, baselines included
    period_times: Mentions[TimeExpression]  # the times that may date a figure
    entities: Mentions[Entity]
    statuses: dict[Span | None, str] = field(default_factory=dict)  # each sentence's last status
    places: dict[Span, Entity] = field(default_factory=dict)  # each paragraph's last location
    breakdowns: dict[Span, tuple[int, str]] = field(default_factory=dict)  # "trong đó ..." start, status
    _hits: dict[Span, SortedHits] = field(default_factory=dict)
    _scope_places: dict[Span, list[Extracted[Entity]]] = field(default_factory=dict)
    national: dict[Span, bool] = field(default_factory=dict)  # each segment: about the whole country?
    originals: dict[Span, tuple[int, int]] = field(default_factory=dict)  # each sentence's original offsets
    _setters: dict[Span, tuple[int, str] | None] = field(default_factory=dict)
    _headings: dict[Span, Span] | None = None
    _sentence_index: dict[Span, int] = field(default_factory=dict)
    _sentence_starts: list[int] = field(default_factory=list)

    def previous_sentence(self, sent: Span) -> Span | None:
        """The sentence before ``sent`` when it is in the same paragraph."""
        if not self._sentence_index:
            self._sentence_index = {s: k for k, s in enumerate(self.an.sentences)}
        k = self._sentence_index.get(sent, 0)
        if k == 0:
            return None
        prev = self.an.sentences[k - 1]
        return prev if self.an.paragraph_of(prev.start) == self.an.paragraph_of(sent.start) else None

    def sentences_in(self, para: Span) -> list[Span]:
        sentences = self.an.sentences
        if not self._sentence_starts:
            self._sentence_starts = [s.start for s in sentences]
        k = bisect.bisect_left(self._sentence_starts, para.start)
        out = []
        while k < len(sentences) and sentences[k].start < para.end:
            out.append(sentences[k])
            k += 1
        return out

    def status_hits(self, sent: Span, figures: list[Figure]) -> SortedHits:
        """Status words of a sentence (start, end, role), outside names, figures and comparisons."""
        hits = self._hits.get(sent)
        if hits is None:
            occ = occurrences(self.an)  # masking only blanks words out: no phrase starts anywhere else
            roles = [r for r in STATUS_ROLES if occ.may_occur(r, sent.start, sent.end)]
            found: list[tuple[int, int, str]] = []
            if roles:  # most sentences hold no status word: no mask to build
                text = self.an.text
                mask = [e.span for e in self.entities.overlapping(sent.start, sent.end)]
                mask += [Span(g.start, g.end) for g in figures]
                mask += [g.baseline for g in figures if g.baseline is not None]
                window = _masked(text, sent.start, sent.end, mask)
                found = [
                    (sent.start + m.start(), sent.start + m.end(), role)
                    for role in roles
                    for m in occ.find_all(role, sent.start, sent.end, window)
                ]
            hits = self._hits[sent] = SortedHits(sorted(found))
        return hits

    def scope_places(self, sent: Span) -> list[Extracted[Entity]]:
        """The sentence's place names that may be a figure's scope (not in brackets, not a dateline)."""
        found = self._scope_places.get(sent)
        if found is None:
            text = self.an.text
            found = self._scope_places[sent] = [
                e
                for e in self.entities.between(sent.start, sent.end)
                if e.record.label in LOCATION_LABELS
                and not _in_brackets(text, e)
                and not _dateline_place(text, e, self.times)
            ]
        return found

    def list_heading(self, para: Span | None) -> Span | None:
        """The line a list item hangs from ("Mục tiêu đến năm 2030:" above "- Tỷ lệ đô thị hóa đạt 50%")."""
        if para is None:
            return None
        if self._headings is None:
            self._headings = {}
            text = self.an.text
            heading: Span | None = None
            for p in self.an.paragraphs:
                line = text[p.start : p.end].strip()
                if not line:
                    continue
                if _is_list_item(line):
                    if heading is not None:
                        self._headings[p] = heading
                else:
                    heading = p if line.endswith(":") else None
        return self._headings.get(para)

    def paragraph_setter(self, para: Span | None) -> tuple[int, str] | None:
        """The paragraph's opening sentence when it opens with a status ("Theo số liệu ước tính, ...").

        Only the opening frames the paragraph: "Phấn đấu đến cuối năm, A đạt 85%" in the middle of a
        paragraph sets its own sentence, not the static facts and reports that follow it.
        """
        if para is None:
            return None
        if para not in self._setters:
            self._setters[para] = None
            text = self.an.text
            for s in self.sentences_in(para)[:1]:
                head = text[s.start : s.end].split(",", 1)[0]
                role = next(
                    (
                        r
                        for r in ("estimate", "target")
                        if lex.prefix_pattern(r).match(head)
                        or (head.lower().startswith("theo") and lex.word_pattern(r).search(head))
                        # "Theo kế hoạch, ...", "Kế hoạch năm 2025: ..."
                        or (r == "target" and lex.prefix_pattern("target_opening").match(head))
                    ),
                    None,
                )
                if role is not None:
                    self._setters[para] = (s.start, role)
                    break
        return self._setters[para]


def link_indicators(
    an: Analysis,
    quantities: list[Extracted[Quantity]],
    times: list[Extracted[TimeExpression]],
    entities: list[Extracted[Entity]],
) -> list[Indicator]:
    if not quantities:
        return []
    text = an.text
    names = Mentions(entities)
    # A horizon inside a name ("Chiến lược ... đến năm 2025") dates the name, not a figure.
    kept = Mentions(t for t in times if t.record.modifier is None or not names.overlapping(t.start, t.end))
    all_times = Mentions([*kept, *_present_markers(an, kept)])
    by_sentence: dict[Span, list[Extracted[Quantity]]] = {}
    for q in quantities:
        sent = an.sentence_of(q.start)
        if sent is not None:
            by_sentence.setdefault(sent, []).append(q)
    per_sentence: list[tuple[Span, list[Figure]]] = []
    for sent in an.sentences:
        qs = by_sentence.get(sent)
        if qs:
            figures = _roles(an, sent, qs, all_times)
            _attach_changes(an, figures)
            per_sentence.append((sent, figures))
    # A time inside a comparison ("so với cùng kỳ năm 2021") is a baseline, never a period: in any sentence.
    baselines = [f.baseline for _, fs in per_sentence for f in fs if f.baseline is not None]
    compared = Mentions(Extracted(b.start, b.end, b) for b in set(baselines))
    period_times = Mentions(
        t for t in all_times if not compared.overlapping(t.start, t.end) and not _after_marker(an, t)
    )
    indicators: list[Indicator] = []
    doc = _Document(an, all_times, period_times, names)
    last_metric: dict[Span, str] = {}  # each sentence's last metric, for the continuation that follows
    for sent, figures in per_sentence:
        previous_metric = ""
        if lex.prefix_pattern("continuation").match(text, sent.start, sent.end):
            # "Trong đó, điện cho công nghiệp chiếm 52%": the measure of the sentence it continues.
            previous_metric = last_metric.get(doc.previous_sentence(sent) or sent, "")
        live_starts = [g.start for g in figures if g.role != "skip"]
        link_coordinations(text, figures)
        for f in figures:
            if f.role == "skip" or (f.role == "change" and f.alias_of is not None):
                continue
            if f.role == "change" and f.attached:
                continue
            # A figure is never dropped for want of a metric: the words before it stand in.
            metric = metric_of(an, f, figures, previous_metric, all_times, live_starts) or fallback_metric(
                an, f, sent
            )
            # "Đến nay, tỷ lệ này đã tăng lên 91%": the measure named just before.
            metric = _resolve_anaphor(
                metric, previous_metric or last_metric.get(doc.previous_sentence(sent) or sent, "")
            )
            if f.ext.record.kind != "rank":
                # "..., xếp thứ hai với 800 triệu USD": the next level continues the measure, not the rank.
                previous_metric = last_metric[sent] = metric
            f.metric = metric
            indicators.append(_build(doc, f, sent, figures))
    return indicators


def _resolve_anaphor(metric: str, antecedent: str) -> str:
    """'tỷ lệ này' -> the antecedent, with its head when it lacks one ('hộ ...' -> 'tỷ lệ hộ ...')."""
    m = lex.suffix_pattern("anaphor").search(metric)
    if m is None or not antecedent or antecedent == metric:
        return metric
    head = metric[: m.start()].strip()
    if not head or not lex.word_pattern("bare_head").fullmatch(head):
        return metric
    return antecedent if antecedent.lower().startswith(head.lower()) else f"{head} {antecedent}"


def _roles(
    an: Analysis, sent: Span, qs: list[Extracted[Quantity]], times: Mentions[TimeExpression]
) -> list[Figure]:
    text = an.text
    segs = clauses.segments(text, sent)
    figures = [Figure(q, clauses.segment_of(segs, q.start)) for q in sorted(qs, key=lambda q: q.start)]
    starts = [f.start for f in figures]
    for i, f in enumerate(figures):
        f.index = i
        seg = f.segment
        # Every phrase read before a figure is short: a bounded window keeps long lists linear.
        before = text[max(seg.start, f.start - BEFORE_WINDOW) : f.start]
        own = text[f.start : f.end]
        if selection.skip_reason(text, f.ext.record, f.ext.span, seg, sent) is not None:
            f.role = "skip"
            continue
        direction, verb_start = _change_verb(text, f, before, own)
        fronted: Span | None = None
        if direction is None:
            direction, verb_start, fronted = _fronted_comparison(an, f, before, times)
        if direction is None and i > 0:
            direction, verb_start = _elliptic_change(text, figures[i - 1], f)
            f.elliptic = direction is not None
        if direction is not None:
            f.role, f.direction, f.verb_start = "change", direction, verb_start
            f.baseline = fronted or _baseline(text, f.end, seg, starts, times)
        elif selection.qualifies_next_figure(
            text, f.ext.record, f.ext.span, seg, _next_in_segment(figures, i)
        ):
            f.role = "skip"
            continue
        # "134 tỷ NDT (19,8 tỷ USD)": a restatement in brackets shares the figure's metric and change.
        if i > 0 and figures[i - 1].role != "skip" and _restates(text, figures[i - 1], f):
            prev = figures[i - 1]
            f.alias_of = prev
            f.role = prev.role
            if prev.role == "change" and prev.baseline is None:
                prev.baseline = f.baseline  # "giảm 5,2% (tương ứng giảm 3,4 tỷ USD) so với năm 2022"
    # "tăng 76% về số lượng và 30,6% về giá trị so với cùng kỳ": coordinated amounts share the comparison.
    for f, nxt in reversed(list(itertools.pairwise(figures))):
        shares = (
            f.role == "change" and f.baseline is None and nxt.role == "change" and nxt.baseline is not None
        )
        if shares and _elliptic_change(text, f, nxt)[0] is not None:
            f.baseline = nxt.baseline
    _drop_embedded(text, figures)
    return figures


def _restates(text: str, prev: Figure, f: Figure) -> bool:
    """'134 tỷ NDT (19,8 tỷ USD)', 'giảm 5,2% (tương ứng giảm 3,4 tỷ USD)': a bracket restating the figure."""
    gap = text[prev.end : f.start].strip()
    if not gap.startswith("("):
        return False
    rest = gap[1:].strip()
    if not rest:
        return True
    words = lex.prefix_pattern("restatement").match(rest)
    if words is None:
        return False
    rest = rest[words.end() :].strip()
    if prev.role == "change" and f.role == "change":
        role = "change_increase" if prev.direction == "increase" else "change_decrease"
        verb = lex.prefix_pattern(role).match(rest)
        rest = rest[verb.end() :].strip() if verb is not None else rest
    return not rest


def _after_marker(an: Analysis, t: Extracted[TimeExpression]) -> bool:
    """Is a time the object of a comparison ("so với cùng kỳ năm 2021", "so với cuối năm 2023")?"""
    text = an.text
    before = text[max(0, t.start - 20) : t.start]
    if lex.suffix_pattern("comparison_period").search(before):
        return True
    # "cao hơn tốc độ tăng của quý I và quý II năm 2023": a time in a comparative clause.
    lo = max(0, t.start - BEFORE_WINDOW)
    clause_start = max(
        text.rfind(",", lo, t.start), text.rfind(";", lo, t.start), text.rfind(".", lo, t.start), lo - 1
    )
    clause = text[clause_start + 1 : t.start]
    occ = occurrences(an)
    if any(
        occ.find(r, clause_start + 1, t.start, clause)
        for r in ("comparative_increase", "comparative_decrease")
    ):
        return True
    for cut in ("cùng kỳ", ""):
        head = before.rstrip()
        if cut and head.lower().endswith(cut):
            head = head[: -len(cut)]
        if lex.suffix_pattern("baseline_marker").search(head):
            return True
    return False


def _next_in_segment(figures: list[Figure], i: int) -> Span | None:
    nxt = figures[i + 1] if i + 1 < len(figures) else None
    return nxt.ext.span if nxt is not None and nxt.segment == figures[i].segment else None


def _change_verb(text: str, f: Figure, before: str, own: str) -> tuple[str | None, int | None]:
    """The direction of a change whose amount is this figure, and where its verb starts."""
    if lex.suffix_pattern("growth_noun").search(before):
        return None, None  # "tốc độ tăng 2,19%": the growth rate is a level, not a change
    # "tăng bình quân khoảng 4,5%": adverbs may stand between the verb and its amount.
    head = before
    while (adv := lex.suffix_pattern("change_adverb").search(head)) is not None and adv.start() > 0:
        head = head[: adv.start()]
    # One search and one match rule out all four verbs (most figures are levels).
    verb_near = (
        lex.suffix_union(CHANGE_ROLES).search(head) is not None
        or lex.prefix_union(CHANGE_ROLES).match(own) is not None
    )
    for role, direction in (
        ("change_increase", "increase"),
        ("change_decrease", "decrease"),
        ("comparative_increase", "increase"),
        ("comparative_decrease", "decrease"),
    ):
        if not verb_near:
            break
        # "tăng gấp 3 lần": the verb before the amount first, then one inside it ("gấp 3 lần").
        m = lex.suffix_pattern(role).search(head)
        if m:
            return direction, f.start - len(before) + m.start()
        if lex.prefix_pattern(role).match(own):
            return direction, f.start
    # "vượt 25% dự toán" is an overrun (a change); "vượt 9 triệu tấn" is a level with a qualifier.
    m_own = lex.prefix_pattern("overrun").match(own)
    m_before = lex.suffix_pattern("overrun").search(before)
    if m_own or m_before:
        after = text[f.end : f.segment.end]
        if lex.prefix_pattern("plan_baseline").match(after) or lex.prefix_pattern("baseline_marker").match(
            after
        ):
            return "increase", f.start if m_own else f.start - len(before) + m_before.start()  # type: ignore[union-attr]
    return None, None


def _fronted_comparison(
    an: Analysis, f: Figure, before: str, times: Mentions[TimeExpression]
) -> tuple[str | None, int | None, Span | None]:
    """'cao hơn cùng kỳ khoảng 1.000 đồng/kg', 'thấp hơn năm 2023 là 2%': the compared period stands
    between the comparative and its amount; it is the baseline."""
    text = an.text
    base = f.start - len(before)
    for role, direction in (("comparative_increase", "increase"), ("comparative_decrease", "decrease")):
        m = next(
            reversed(occurrences(an).find_all(role, base, f.start, before)), None
        )  # the nearest comparative
        if m is None:
            continue
        gap = before[m.end() :]
        if (link := lex.suffix_pattern("link").search(gap)) is not None:
            gap = gap[: link.start()]  # "thấp hơn năm 2023 là 2%"
        if not gap.strip() or any(p in gap for p in ",;()") or len(gap.split()) > FRONTED_BASELINE_WORDS:
            continue
        gap_start = base + m.end()
        span = _strip_span(text, gap_start, gap_start + len(gap))
        if span is None:
            continue
        period_word = lex.prefix_pattern("comparison_period").match(text, span.start, span.end)
        time = next(iter(times.between(span.start, span.end)), None)
        whole_time = time is not None and (time.start, time.end) == (span.start, span.end)
        if period_word is not None or whole_time:
            return direction, base + m.start(), span
    return None, None, None


def _elliptic_change(text: str, prev: Figure, f: Figure) -> tuple[str | None, int | None]:
    """'tăng 76% về số lượng và 30,6% về giá trị': the second amount continues the first change."""
    if prev.role != "change" or prev.segment != f.segment:
        return None, None
    gap = text[prev.end : f.start].strip()
    if gap.startswith("về "):
        # "về số lượng và": the aspect of the previous amount, then the coordinator.
        for sep in (" và", ","):
            if sep in gap:
                gap = gap[gap.rindex(sep) :].strip()
                break
    if gap in {"và", ",", "và hơn"}:
        return prev.direction, f.start
    return None, None


def _baseline(
    text: str,
    pos: int,
    seg: Span,
    figure_starts: list[int],
    times: Mentions[TimeExpression] | None = None,
) -> Span | None:
    """The comparison after a change ("so với cùng kỳ năm 2021", "vượt mục tiêu đề ra") as a span."""
    limit = seg.end
    for stop in (",", "(", ";"):
        k = text.find(stop, pos, limit)
        if k != -1:
            limit = k
    m = lex.word_pattern("baseline_marker").search(text, pos, limit)
    # "tăng 5% về số lượng so với": skip the aspect, but never past another figure.
    if m is not None:
        k = bisect.bisect_right(figure_starts, pos)
        if k < len(figure_starts) and figure_starts[k] < m.start():
            m = None
    if m is not None:
        start = m.end()
    else:
        pm = lex.prefix_pattern("plan_baseline").match(text, pos, limit)
        if pm is None:
            # "gấp rưỡi năm trước": a time right after the amount is the comparison.
            nxt = next(iter(times.between(pos, pos + 2)), None) if times else None
            return Span(nxt.start, nxt.end) if nxt is not None else None
        return _strip_span(text, pos, pm.end())
    end = limit
    k = text.find(" và ", start, end)
    if k != -1:
        end = k
    # "so với tháng trước nhưng tăng 20,7% ...": a contrast opens the next comparison.
    contrast = lex.word_pattern("contrast").search(text, start, end)
    if contrast is not None:
        end = contrast.start()
    return _strip_span(text, start, end)


def _strip_span(text: str, start: int, end: int) -> Span | None:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return Span(start, end) if end > start else None


def _drop_embedded(text: str, figures: list[Figure]) -> None:
    """A figure inside another counted figure's predicate only qualifies it ("sử dụng 3 nền tảng")."""
    starts = [f.start for f in figures if f.role != "skip"]
    for f in figures:
        if f.role != "value" or f.alias_of is not None:
            continue
        if f.index + 1 == len(figures) or figures[f.index + 1].segment != f.segment:
            continue  # no figure follows in its segment: none can sit in its predicate
        end = clauses.right_context_end(text, f.end, f.segment, starts, every_comma=True)
        for g in figures[f.index + 1 :]:
            if g.start >= end:
                break
            if f.end < g.start and g.role == "value" and g.alias_of is None:
                g.role = "skip"


def _attach_changes(an: Analysis, figures: list[Figure]) -> None:
    text = an.text
    for i, c in enumerate(figures):
        if c.role != "change" or c.alias_of is not None:
            continue
        target = None
        rank_step = _is_rank_step(c)
        after_plan = False  # "đạt X, bằng 12,3% kế hoạch năm và tăng 2,7%": the change skips the plan share
        for v in reversed(figures[:i]):
            if v.segment != c.segment or v.role == "skip":
                continue
            if v.role == "change":
                if v.alias_of is None:
                    break  # a change in between: this one is its own figure or an elliptic one
                continue
            if v.ext.record.kind == "rank" and not rank_step:
                continue  # "đứng thứ 37, tăng hơn 30%": a percent change is not a change of rank
            if _plan_ratio(text, v) and v is not figures[0]:
                # "đạt 418.800 tỷ đồng, bằng 121,5% dự toán, tăng 13,4%": the level changed
                after_plan = after_plan or _coordinated_after_plan(text, v, c)
                continue
            gap = text[v.end : c.anchor]
            if v.changes or not (
                _adjacent_gap(gap) or after_plan or (rank_step and v.ext.record.kind == "rank")
            ):
                break
            target = v
            break
        if target is None and not rank_step:
            # "giảm 350 đồng/lít, xuống còn 22.450 đồng/lít": the new level follows its change.
            target = _level_after(text, c, figures[i + 1 :])
        if target is None and rank_step:
            # "tăng 10 bậc so với tháng 4, xếp thứ 20/112": the rank it changed may follow.
            target = next(
                (v for v in figures[i + 1 :] if v.segment == c.segment and v.ext.record.kind == "rank"), None
            )
        if target is not None:
            target = target.alias_of or target
            target.changes.append(c)
            c.attached = True
            for alias in figures:
                if alias.alias_of is target:
                    alias.changes.append(c)
    _distribute_aspect_changes(text, figures)
    _amountless_changes(an, figures)


def _distribute_aspect_changes(text: str, figures: list[Figure]) -> None:
    """'đạt 8,3 triệu tấn, trị giá 4,78 tỷ USD, tăng 14,4% về lượng và 35,3% về trị giá': each amount
    changes the level its aspect names."""
    k = 0
    while k < len(figures):
        c = figures[k]
        group: list[tuple[Figure, set[str]]] = []
        j = k
        while j < len(figures) and figures[j].role == "change" and figures[j].segment == c.segment:
            m = lex.prefix_pattern("aspect").match(text, figures[j].end, figures[j].segment.end)
            if m is None or figures[j].alias_of is not None:
                break
            group.append((figures[j], _aspect_words(text, m.start(), figures[j].segment.end)))
            j += 1
        k = max(j, k + 1)
        if len(group) < MIN_DISTRIBUTED:
            continue
        levels = [
            v
            for v in figures[max(0, c.index - LOOKBACK_FIGURES) : c.index]
            if v.segment == c.segment and v.role == "value" and v.alias_of is None
        ]
        if len(levels) < MIN_DISTRIBUTED:
            continue
        picks = [_best_level(text, levels, words) for _, words in group]
        if any(p is None for p in picks) or len({id(p) for p in picks}) < len(picks):
            continue
        for (amount, _), level in zip(group, picks, strict=True):
            for v in levels:
                if amount in v.changes:
                    v.changes.remove(amount)
            if level is not None and not level.changes:
                level.changes.append(amount)
                amount.attached = True


def _aspect_words(text: str, start: int, end: int) -> set[str]:
    """The content words of an aspect ("về số doanh nghiệp" -> {doanh, nghiệp})."""
    stop = min(
        (i for i in (text.find(",", start, end), text.find(" và ", start, end)) if i != -1), default=end
    )
    marker = lex.word_pattern("baseline_marker").search(text, start, stop)
    words = {w.strip(".;:!?)(") for w in text[start : marker.start() if marker else stop].lower().split()}
    return words - ASPECT_FILLER - {""}


def _best_level(text: str, levels: list[Figure], words: set[str]) -> Figure | None:
    """The level whose own words (and those just before it) share most with an aspect, kind as a hint."""
    best, best_score = None, 0
    previous_end = levels[0].segment.start
    for v in levels:
        own = set(text[max(previous_end, v.start - ASPECT_REACH) : v.end].lower().replace(",", " ").split())
        score = 2 * len(words & own)
        kind = v.ext.record.kind
        if words & ASPECT_VALUE_WORDS and kind == "money":
            score += 1
        if words & ASPECT_VOLUME_WORDS and kind in {"measure", "count"}:
            score += 1
        if score > best_score:
            best, best_score = v, score
        previous_end = v.end
    return best


def _coordinated_after_plan(text: str, plan: Figure, c: Figure) -> bool:
    """'bằng 12,3% kế hoạch năm và tăng 2,7%': only the plan words and 'và' stand between them."""
    m = lex.prefix_pattern("plan_baseline").match(text, plan.end, c.anchor)
    rest = text[m.end() if m else plan.end : c.anchor].strip(" ,")
    return rest in {"", "và"}


def _level_after(text: str, c: Figure, following: list[Figure]) -> Figure | None:
    """The level right after a change and its comparison when 'xuống còn' / 'lên' introduces it."""
    v = next((g for g in following if g.role != "skip"), None)
    if v is None or v.segment != c.segment or v.role != "value" or v.changes or v.change is not None:
        return None
    gap = text[max(c.end, c.baseline.end if c.baseline else c.end) : v.start].strip(" ,")
    m = lex.prefix_pattern("to_level").match(gap)
    return v if m is not None and m.end() == len(gap) else None


def _is_rank_step(c: Figure) -> bool:
    """'tăng 10 bậc': a change counted in ranking steps belongs to a rank."""
    unit = c.ext.record.unit
    return unit is not None and norm_key(unit) in lex.rank_step_units()


def _plan_ratio(text: str, v: Figure) -> bool:
    """'bằng 121,5% dự toán': a percent of the plan, said about the level before it."""
    if v.ext.record.kind != "percent":
        return False
    return bool(lex.prefix_pattern("plan_baseline").match(text, skip_spaces(text, v.end)))


def _adjacent_gap(gap: str) -> bool:
    """A change follows its level directly or in the next comma clause, with no other verb between."""
    stripped = gap.strip()
    while (m := lex.suffix_pattern("change_adverb").search(stripped)) is not None:
        stripped = stripped[: m.start()].rstrip()
    return stripped in {"", ")"} or stripped.endswith(",")


def _amountless_changes(an: Analysis, figures: list[Figure]) -> None:
    """'tăng so với cùng kỳ', 'vượt mục tiêu đề ra', 'giảm ... xuống dưới 1,2%': a direction, no amount."""
    text = an.text
    starts = [f.start for f in figures]
    start_set = set(starts)
    by_segment: dict[Span, list[Figure]] = {}
    for f in figures:
        if f.role == "value":
            by_segment.setdefault(f.segment, []).append(f)
    for seg, values in by_segment.items():
        value_starts = [v.start for v in values]
        for role, direction in (
            ("change_increase", "increase"),
            ("change_decrease", "decrease"),
            ("overrun", "increase"),
        ):
            for m in occurrences(an).find_all(role, seg.start, seg.end):
                k = bisect.bisect_right(starts, m.start()) - 1
                if k >= 0 and m.start() < figures[k].end:
                    continue  # the verb is part of a figure ("gấp 3 lần")
                nxt = m.end()
                while nxt < seg.end and text[nxt].isspace():
                    nxt += 1
                if nxt in start_set:
                    continue  # it has an amount: handled as a change figure
                after_marker = lex.prefix_pattern("baseline_marker").match(text, m.end(), seg.end)
                plan = lex.prefix_pattern("plan_baseline").match(text, m.end(), seg.end)
                split = bisect.bisect_left(value_starts, m.end())
                to_level = _to_level_value(text, m.end(), values[split : split + 1])
                if role == "overrun" and plan is None and after_marker is None:
                    continue
                if after_marker is None and plan is None and to_level is None:
                    continue
                baseline = _baseline(text, m.end(), seg, starts) if to_level is None else None
                change = Change(
                    direction=direction, baseline=text[baseline.start : baseline.end] if baseline else None
                )
                if to_level is not None:
                    if to_level.change is None and not to_level.changes:
                        to_level.change = change
                        to_level.baseline = None
                    continue
                # values before the verb: all that start before it but one still running into it
                before = (
                    values[: split - 1] if split and values[split - 1].end > m.start() else values[:split]
                )
                if before and _adjacent_gap(text[before[-1].end : m.start()]):
                    targets = [before[-1]]
                elif not before:
                    targets = values[split:]
                else:
                    targets = []
                for v in targets:
                    if v.change is None and not v.changes:
                        v.change = change
                        v.baseline = baseline


def _to_level_value(text: str, pos: int, values: list[Figure]) -> Figure | None:
    """'giảm tỷ lệ hộ nghèo xuống dưới 1,2%': the level right after 'xuống'/'lên' in the same clause."""
    for v in values:
        if v.start < pos:
            continue
        between = text[pos : v.start]
        if "," in between or len(between) > TO_LEVEL_REACH:
            return None
        if lex.suffix_pattern("to_level").search(between):
            return v
        return None
    return None


def _present_markers(an: Analysis, times: Mentions[TimeExpression]) -> list[Extracted[TimeExpression]]:
    """'Đến nay', 'hiện nay' date a cumulative total to the reference date when the time layer left them."""
    if an.reference_date is None:
        return []
    found = occurrences(an).find_all("present", 0, len(an.text))
    # "Hiện 100% bộ, ngành ...": a bare "hiện" dates the figure only when it opens the sentence.
    found += [
        m for s in an.sentences if (m := lex.prefix_pattern("present_opening").match(an.text, s.start, s.end))
    ]
    out = []
    for m in found:
        span = Span(m.start(), m.end())
        if times.overlapping(span.start, span.end):
            continue
        rd = an.reference_date
        record = TimeExpression(
            **an.mention(m.start(), m.end()),
            grain="day",
            start_date=rd,
            end_date=rd,
            modifier="until",
            rule_id="indicators.present_marker",
        )
        out.append(Extracted(m.start(), m.end(), record))
    return out


def _build(doc: _Document, f: Figure, sent: Span, figures: list[Figure]) -> Indicator:
    an, all_times, period_times = doc.an, doc.times, doc.period_times
    text = an.text
    q = f.ext.record
    change: Change | None = None
    value: Quantity | None = None
    if f.role == "change":
        change = _change_record(an, f, all_times)
    else:
        value = q
        if f.changes:
            change = _change_record(an, f.changes[0], all_times)
        elif f.change is not None:
            change = f.change
            if f.baseline is not None:
                change = Change(
                    direction=f.change.direction,
                    baseline=text[f.baseline.start : f.baseline.end],
                    baseline_period=_time_in(all_times, f.baseline),
                )
    found = _period(an, f, sent, period_times, figures, doc.list_heading(an.paragraph_of(f.start)))
    # Static facts (length, area, design speed) have no period unless their own clause states one.
    if (
        found is not None
        and lex.static_metric_pattern().search(f.metric)
        and not _time_in_clause(an, f, period_times)
    ):
        found = None
    period = found.record if found is not None else None
    status = _status(doc, f, sent, figures, found)
    f.status = status
    doc.statuses[sent] = status
    location = _location(doc, f, sent)
    para = an.paragraph_of(f.start)
    # "như Ninh Bình (78,2%), Phú Thọ (74,6%)": a list item's place is not the paragraph's scope.
    if location is not None and para is not None and not bracketed(text, f):
        doc.places[para] = location
    original = doc.originals.get(sent)
    if original is None:
        original = doc.originals[sent] = an.view.to_original(sent.start, sent.end)
    o_start, o_end = original
    return Indicator(
        metric=f.metric,
        value=value,
        change=change,
        period=period,
        status=status,
        location=location,
        sentence_start=o_start,
        sentence_end=o_end,
    )


def _change_record(an: Analysis, c: Figure, times: Mentions[TimeExpression]) -> Change:
    baseline = an.text[c.baseline.start : c.baseline.end] if c.baseline else None
    return Change(
        direction=c.direction or "increase",
        amount=c.ext.record,
        baseline=baseline,
        baseline_period=_time_in(times, c.baseline) if c.baseline else None,
    )


def _time_in(times: Mentions[TimeExpression], span: Span | None) -> TimeExpression | None:
    if span is None:
        return None
    found = times.overlapping(span.start, span.end)
    return found[0].record if found else None


def _time_in_clause(an: Analysis, f: Figure, times: Mentions[TimeExpression]) -> bool:
    """A time in the figure's segment up to the comma after it ("công suất thiết kế 500.000 tấn/năm, dự
    kiến ... năm 2026": a later clause dates the plan, not the static fact)."""
    text, seg = an.text, f.segment
    comma = text.find(",", f.end, seg.end)
    return bool(times.between(seg.start, comma if comma != -1 else seg.end))


def _period(
    an: Analysis,
    f: Figure,
    sent: Span,
    times: Mentions[TimeExpression],
    figures: list[Figure],
    heading: Span | None = None,
) -> Extracted[TimeExpression] | None:
    """The time of the clause, else the latest one earlier in the sentence, else in the paragraph."""
    text = an.text
    anchor = f.anchor
    seg = f.segment
    before = [
        t
        for t in times.between(sent.start, anchor)
        if t.end <= anchor and not _dates_start_level(text, t, figures)
    ]
    clause_start = max(seg.start, text.rfind(",", seg.start, anchor) + 1)
    if before and _dates_previous_figure(text, before[-1], f, figures):
        # "tăng 3% vào tháng 5 và tăng 4,5% vào tháng 11": "tháng 5" is the previous amount's.
        before = before[:-1]
    if before and before[-1].start >= clause_start:
        return before[-1]
    # "tỷ lệ phủ sóng 5G đạt 90% dân số vào năm 2030", "16 văn bản ... được ban hành trong năm 2022":
    # a time after the figure in its own comma clause.
    nxt = next_live_start(f, figures, seg.end)
    comma = text.find(",", f.end, seg.end)
    clause_end = min(nxt, seg.end, comma if comma != -1 else seg.end)
    after = [t for t in times.between(f.end, clause_end) if _dates_an_action(text, t, f.end)]
    if after:
        return after[0]
    if before:
        return before[-1]
    after = [t for t in times.between(f.end, min(seg.end, nxt)) if _dates_an_action(text, t, f.end)]
    if after:
        return after[0]
    para = an.paragraph_of(f.start)
    while para is not None:
        earlier = next(
            (t for t in reversed(times.between(para.start, sent.start)) if t.end <= sent.start), None
        )
        if earlier is not None:
            return earlier
        # "Cùng với đó, có 15/151 chế độ báo cáo ...": a paragraph that continues the one before it.
        if not lex.prefix_pattern("continuation").match(text, para.start, para.end):
            break
        k = bisect.bisect_left(an.paragraphs, para.start, key=lambda p: p.start)
        para = an.paragraphs[k - 1] if k > 0 else None
    if heading is not None:
        # "Mục tiêu đến năm 2030:\n- Tỷ lệ đô thị hóa đạt 50%": a list item is dated by its heading.
        dated = [t for t in times.between(heading.start, heading.end) if t.end <= heading.end]
        if dated:
            return dated[-1]
    return None


def _dates_previous_figure(text: str, t: Extracted[TimeExpression], f: Figure, figures: list[Figure]) -> bool:
    """Does the time stand right after the previous figure of the clause ("3% vào tháng 5 và ...")?"""
    prev = previous_live(f, figures)
    if prev is None or prev.segment != f.segment or not prev.end <= t.start:
        return False
    gap = text[prev.end : t.start].strip()
    return bool(gap) and lex.word_pattern("time_preposition").fullmatch(gap) is not None


def _dates_start_level(text: str, t: Extracted[TimeExpression], figures: list[Figure]) -> bool:
    """'giảm từ 1.250 hộ năm 2021 xuống còn 430 hộ': a time right after a starting level dates that level."""
    k = bisect.bisect_right(figures, t.start, key=lambda g: g.end) - 1
    if k < 0 or text[figures[k].end : t.start].strip():
        return False
    g = figures[k]
    return bool(lex.suffix_pattern("from_level").search(text[max(0, g.start - 12) : g.start]))


def _dates_an_action(text: str, t: Extracted[TimeExpression], figure_end: int) -> bool:
    """'được ban hành trong năm 2022', 'vào năm 2030', 'trước ngày 30/11', 'ít nhất 8% năm 2025' date
    what the clause reports; a bare 'năm 2021' after a noun ('kế hoạch ... năm 2021') names a plan."""
    if t.record.modifier is not None or not text[figure_end : t.start].strip():
        return True
    if lex.prefix_pattern("time_preposition").match(text, t.start, t.end):
        return True
    return bool(lex.suffix_pattern("time_preposition").search(text[max(0, t.start - 20) : t.start]))


def _only_verbs_between(text: str, start: int, end: int) -> bool:
    """Only link or change verbs (or nothing) between a status word and a figure: "ước đạt", "ước tăng"."""
    gap = text[start:end].strip()
    while gap:
        m = None
        for role in ("link", "change_increase", "change_decrease"):
            m = lex.prefix_pattern(role).match(gap)
            if m:
                break
        if m is None:
            return False
        gap = gap[m.end() :].strip()
    return True


def _masked(text: str, start: int, end: int, spans: list[Span]) -> str:
    """``text[start:end]`` with the spans blanked out (same length)."""
    out = text[start:end]
    for s in spans:
        a, b = max(s.start, start) - start, min(s.end, end) - start
        if a < b:
            out = f"{out[:a]}{' ' * (b - a)}{out[b:]}"
    return out


def _status(
    doc: _Document, f: Figure, sent: Span, figures: list[Figure], found: Extracted[TimeExpression] | None
) -> str:
    """target / estimate from the nearest status word before the figure: clause, sentence, paragraph."""
    an = doc.an
    period = found.record if found is not None else None
    period_span = found.span if found is not None else None
    text = an.text
    anchor = f.anchor
    hits = doc.status_hits(sent, figures)
    # The figure's own segment first; words in an earlier segment count only when they open the
    # sentence, before its first figure ("Phấn đấu đến cuối năm, A đạt 85%; B đạt 75%").
    first = figures[0].anchor if figures else anchor
    for g in figures:
        if g.role != "skip":
            first = g.anchor
            break
    for start, end, opening in (
        (f.segment.start, anchor, False),
        (sent.start, min(first, f.segment.start), True),
    ):
        if end <= start:
            continue
        k = bisect.bisect_right(hits.starts, end) - 1
        while k >= 0 and hits.starts[k] >= start:
            _, m_end, role = hits.items[k]
            k -= 1
            if m_end > end:
                continue
            # "A ước đạt 3,1 tỷ USD; B ..." : an estimate verb of the first figure is that figure's own.
            if opening and role == "estimate" and _only_verbs_between(text, m_end, first):
                continue
            # "Chỉ tiêu năm 2024 là 3 triệu lượt; đến hết tháng 9, tỉnh đã đón 2,6 triệu lượt": a clause
            # dated by its own, already ended period reports what happened, not the plan.
            if opening and _reported(role, period, an) and _time_in_clause(an, f, doc.period_times):
                continue
            return role
    # "Kế hoạch năm 2024, thành phố đón 8,8 triệu lượt khách": a plan frame opening the sentence.
    frame = lex.prefix_pattern("target_opening").match(text, sent.start, sent.end)
    if frame is not None and "," in text[frame.end() : min(first, frame.end() + FRAME_REACH)]:
        return "target"
    # "...; trong đó khách quốc tế khoảng 350 nghìn lượt": a continuation segment keeps the status before
    # it, and so do the segments that go on with the same breakdown ("...; khu vực dịch vụ tăng 8,14%").
    breakdown = doc.breakdowns.get(sent)
    if breakdown is not None and breakdown[0] <= f.segment.start:
        return breakdown[1]
    if lex.prefix_pattern("continuation").match(text, f.segment.start, f.segment.end):
        for g in reversed(figures[max(0, f.index - LOOKBACK_FIGURES) : f.index]):
            if g.anchor < f.segment.start and g.status:
                doc.breakdowns[sent] = (f.segment.start, g.status)
                return g.status
    # "Trong đó, khu vực dịch vụ tăng 6,24%" continues the previous sentence, its status included.
    if lex.prefix_pattern("continuation").match(text, sent.start, sent.end):
        inherited = doc.statuses.get(doc.previous_sentence(sent))
        if inherited is not None:
            return inherited
    # A paragraph sets the status only with an opening like "Theo số liệu ước tính," or "Phấn đấu".
    para = an.paragraph_of(f.start)
    setter = doc.paragraph_setter(para) or doc.paragraph_setter(doc.list_heading(para))
    # "Hiện nay, cả nước có 1,2 triệu thuê bao 5G": a sentence that opens on the present reports a fact.
    present = lex.prefix_pattern("present").match(text, sent.start, sent.end)
    if (
        setter is not None
        and setter[0] < sent.start
        and not _reported(setter[1], period, an)
        and not present
        and not _own_frame(doc, sent, setter[0])
    ):
        return setter[1]
    if (
        period is not None
        and an.reference_date is not None
        and period.start_date is not None
        and period.start_date > an.reference_date
        # "tháng 9" in a July report most likely meant last September; "năm tới" says it is ahead
        and period_span is not None
        # matched on the normalized text: the record's text is the caller's (maybe NFD, old tone marks)
        and (
            not period.year_inferred
            or lex.word_pattern("future").search(text, period_span.start, period_span.end) is not None
        )
        and period.modifier != "since"
    ):
        return "target"
    return "actual"


def _own_frame(doc: _Document, sent: Span, setter_start: int) -> bool:
    """'Dự kiến trong quý IV, ... . Năm 2023, giá điện đã tăng 3%': a sentence that opens on a period of
    its own, which the paragraph's opening sentence does not name, is not framed by that opening."""
    text = doc.an.text
    opening = next(iter(doc.period_times.between(sent.start, sent.start + FRAME_REACH)), None)
    if opening is None or text[opening.end : opening.end + 1] != ",":
        return False
    lead = text[sent.start : opening.start].strip()
    if lead and not lex.word_pattern("time_preposition").fullmatch(lead):
        return False
    setter_sent = doc.an.sentence_of(setter_start)
    if setter_sent is None:
        return False
    setter_times = doc.period_times.between(setter_sent.start, setter_sent.end)
    named = {text[t.start : t.end].lower() for t in setter_times}
    return text[opening.start : opening.end].lower() not in named


def _reported(status: str, period: TimeExpression | None, an: Analysis) -> bool:
    """A paragraph's plan does not cover a figure whose own period ended by the report date."""
    return (
        status == "target"
        and period is not None
        and period.end_date is not None
        and an.reference_date is not None
        and period.end_date <= an.reference_date
    )


def _location(doc: _Document, f: Figure, sent: Span) -> Entity | None:
    """A place stated as the scope: a LOC name in the clause, else the sentence, else the paragraph.

    A name in brackets ("Quảng Trạch (Quảng Bình)") is not a scope; a paragraph keeps the last place
    its figures were given.
    """
    an, inherited = doc.an, doc.places
    places = [e for e in doc.scope_places(sent) if e.start < f.anchor]
    in_clause = [e for e in places if e.start >= f.segment.start]
    if in_clause:
        return in_clause[-1].record
    national = doc.national.get(f.segment)
    if national is None:
        national = doc.national[f.segment] = _national_clause(an, f)  # the same for its whole segment
    if national:
        return None  # "hoàn thành 3.000 km đường cao tốc trên cả nước": the whole country, not the last place
    if places:
        return places[0].record
    para = an.paragraph_of(f.start)
    return inherited.get(para) if para is not None else None


def _dateline_place(text: str, e: Extracted[Entity], times: Mentions[TimeExpression]) -> bool:
    """'Hà Nội, 5/10 - Theo ...': the place of a dateline is where the news was filed, not a scope."""
    if text[e.end : e.end + 1] != ",":
        return False
    return any(dated_dash(t, text[t.end :].lstrip()[:1]) for t in times.between(e.end, e.end + 3))


def _national_clause(an: Analysis, f: Figure) -> bool:
    """Is the figure's clause about the whole country ("cả nước có ...", "... trên toàn quốc")?

    Not when the country is what the figure is compared with or a share of ("so với cả nước",
    "của cả nước"): the scope is then still the place before it.
    """
    text = an.text
    for m in occurrences(an).find_all("national", f.segment.start, f.segment.end):
        before = text[f.segment.start : m.start()]
        if not (
            lex.suffix_pattern("baseline_marker").search(before) or lex.suffix_pattern("scope").search(before)
        ):
            return True
    return False


def _is_list_item(line: str) -> bool:
    """'- Tỷ lệ ...', '+ ...', 'a) ...', '1. ...': a line that opens with a list marker."""
    if line[:1] in LIST_BULLETS:
        return True
    marker = line.split(" ", 1)[0]
    return 2 <= len(marker) <= LIST_ENUMERATOR_CHARS and marker[-1] in ").]" and marker[:-1].isalnum()


def _in_brackets(text: str, e: Extracted[Entity]) -> bool:
    """'Quảng Trạch (Quảng Bình)': a place in brackets locates a name, it is not the scope of a figure."""
    return text[max(0, e.start - 1) : e.start] == "("
