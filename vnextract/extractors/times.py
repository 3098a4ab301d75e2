"""Time expressions: find cores, resolve them against the reference date, then grow them with what
is written around them (clock times, parts, shared years, ranges, modifiers).

Matching runs on characters of the normalized text with the regexes of patterns/times/ (compiled
once). The order of the passes matters and is the design:

1. cores: every form of forms.yaml, resolved; overlaps resolved (priority, longest, leftmost);
2. a clock time next to a date joins it ("19/05/2024, 20:46[GMT+7]"); other bare "14h" are dropped;
3. "đầu/giữa/cuối" before a year, month, quarter or week sets `part`;
4. a time without a year takes the year of the next one when they are coordinated ("quý I và quý II
   năm 2023");
5. "từ A đến B" becomes one expression (modifier null), A taking B's year;
6. a bare "9 tháng" echoes the running period the document names ("9 tháng năm 2023");
7. modifiers (từ, đến hết, tầm nhìn đến, trước, sau) and span words (giai đoạn, tuần).
"""

from __future__ import annotations

import bisect
import datetime as dt
import weakref
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import regex

from vnextract.context import Analysis, Candidate, Extracted, resolve_overlaps
from vnextract.extractors import time_patterns as tp
from vnextract.extractors.time_resolve import (
    TimeValue,
    finer,
    infer_quarter_year,
    infer_year,
    make_datetime,
    month_period,
    next_month_occurrence,
    quarter_period,
    running_period,
    shift_month,
    valid_day,
    week_period,
    year_period,
)
from vnextract.records import TimeExpression

# How far before a time the affix passes look for a prefix.
_WINDOW = 40
_PERIOD_GRAINS = {"year", "month", "quarter", "week", "half"}
_CLOCK_GRAINS = {"hour", "minute", "second"}


@dataclass(frozen=True, slots=True)
class Found:
    """A time expression being built: its span in the normalized text, value and provenance."""

    start: int
    end: int
    value: TimeValue
    rule_id: str
    resolver: str
    groups: dict
    params: dict


# ---------------------------------------------------------------- resolvers (groups -> TimeValue)

Groups = dict[str, str | None]
Ref = dt.date | None
ResolverFn = Callable[[Groups, dt.date | None, dict, int | None], TimeValue | None]


def _int(text: str | None) -> int | None:
    return int(text) if text is not None and text.isdigit() else None


def _month_of(text: str | None) -> int | None:
    value = _int(text)
    if value is None:
        found = tp.lookup("MONTH_WORD", text)
        value = found if isinstance(found, int) else None
    return value if value is not None and 1 <= value <= 12 else None


def _stated_year(g: Groups, ref: dt.date | None, hint: int | None) -> tuple[int | None, bool]:
    """(year, stated in the expression?) from the year group, "năm nay/ngoái", or a context hint."""
    if g.get("year"):
        return int(g["year"]), True  # type: ignore[arg-type]
    if g.get("relyear"):
        offset = tp.lookup("REL_YEAR", g["relyear"])
        return (ref.year + int(offset) if ref and offset is not None else None), False
    return hint, False


def _unresolved(grain: str, **kw: object) -> TimeValue:
    return TimeValue(grain, None, None, year_inferred=True, **kw)  # type: ignore[arg-type]


def resolve_day(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    day, month = _int(g.get("day")), _month_of(g.get("month"))
    if day is None or month is None:
        return None
    year, explicit = _stated_year(g, ref, hint)
    if year is None:
        if ref is None:
            return _unresolved("day") if valid_day(2000, month, day) else None
        year = infer_year(month, day, ref)
        after = tp.lookup("MONTH_AFTER", g.get("after"))  # "ngày 15/7 tới" is the next 15 July
        if after in ("next", "last") and valid_day(year, month, day):
            ahead = dt.date(year, month, day) >= ref
            if after == "next" and not ahead:
                year += 1
            elif after == "last" and dt.date(year, month, day) > ref:
                year -= 1
    if not valid_day(year, month, day):
        return None
    d = dt.date(year, month, day)
    return TimeValue("day", d, d, year_inferred=not explicit, year_explicit=explicit)


_MAX_SPAN_DAYS = 62  # "30/4 - 1/5": a span across months is a holiday or a campaign, not a season


def resolve_day_range(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    first, last = _int(g.get("day1")), resolve_day(g, ref, params, hint)
    if first is None or last is None or last.start is None:
        return last if last is not None and first is not None else None
    if g.get("month1"):  # "30/4 - 1/5/2025": the first day is in an earlier month
        month1 = _month_of(g.get("month1"))
        end = last.start
        year = end.year if month1 is not None and month1 <= end.month else end.year - 1
        if month1 is None or not valid_day(year, month1, first):
            return None
        start = dt.date(year, month1, first)
        if not 0 < (end - start).days <= _MAX_SPAN_DAYS:
            return None
        return last.with_(start=start)
    if not 1 <= first < last.start.day:
        return None
    return last.with_(start=last.start.replace(day=first))


def resolve_month(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    month = _month_of(g.get("month"))
    if month is None:
        return None
    year, explicit = _stated_year(g, ref, hint)
    if year is None:
        if ref is None:
            return _unresolved("month")
        after = tp.lookup("MONTH_AFTER", g.get("after"))
        if after == "next":
            year = next_month_occurrence(month, ref, after=True)
        elif after == "last":
            year = next_month_occurrence(month, ref, after=False)
        elif after == "this":
            year = ref.year
        else:
            year = infer_year(month, None, ref)
    start, end = month_period(year, month)
    return TimeValue("month", start, end, year_inferred=not explicit, year_explicit=explicit)


def _offset(vocab_id: str, word: str | None, params: dict) -> int | None:
    if "offset" in params:
        return int(params["offset"])
    found = tp.lookup(vocab_id, word)
    return int(found) if found is not None else None


def resolve_month_range(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    first, last = _month_of(g.get("month1")), resolve_month(g, ref, params, hint)
    if first is None or last is None or last.start is None or not first < last.start.month:
        return None
    return last.with_(start=last.start.replace(month=first))


def resolve_month_relative(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    offset = _offset("REL_MONTH", g.get("rel"), params)
    if offset is None:
        return None
    if ref is None:
        return _unresolved("month")
    year, month = shift_month(ref.year, ref.month, offset)
    return TimeValue("month", *month_period(year, month), year_inferred=True)


def _quarter_of(text: str | None) -> int | None:
    found = tp.lookup("QUARTER_NUM", text)
    return int(found) if found is not None else None


def resolve_quarter(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    quarter = _quarter_of(g.get("q") or params.get("quarter"))  # params: "quý đầu năm" is always Q1
    if quarter is None:
        return None
    year, explicit = _stated_year(g, ref, hint)
    if year is None:
        if ref is None:
            return _unresolved("quarter")
        year = infer_quarter_year(quarter, ref)
    start, end = quarter_period(year, quarter)
    return TimeValue("quarter", start, end, year_inferred=not explicit, year_explicit=explicit)


def resolve_quarter_relative(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    offset = _offset("REL_QUARTER", g.get("rel"), params)
    if offset is None:
        return None
    if ref is None:
        return _unresolved("quarter")
    index = ref.year * 4 + (ref.month - 1) // 3 + offset
    return TimeValue("quarter", *quarter_period(index // 4, index % 4 + 1), year_inferred=True)


def _count_of(text: str | None) -> int | None:
    value = _int(text)
    if value is None:
        found = tp.lookup("NUM_WORD", text)
        value = int(found) if found is not None else None
    return value


def _year_or_reference(g: Groups, ref: dt.date | None, hint: int | None) -> tuple[int | None, bool]:
    """Periods named within a year (running months, halves, parts) default to the reference year."""
    year, explicit = _stated_year(g, ref, hint)
    if year is None and ref is not None:
        year = ref.year
    return year, explicit


def resolve_running(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    n = _count_of(g.get("n"))
    if n is None or not 1 <= n <= 12:
        return None
    edge = tp.lookup("EDGE", g.get("edge"))
    year, explicit = _year_or_reference(g, ref, hint)
    grain = running_period(n, edge if isinstance(edge, str) else None, 2000)[0]
    if year is None:
        return _unresolved(grain)
    grain, start, end = running_period(n, edge if isinstance(edge, str) else None, year)
    return TimeValue(grain, start, end, year_inferred=not explicit, year_explicit=explicit, fields={"n": n})


def resolve_half(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    edge = tp.lookup("EDGE", g.get("edge"))
    year, explicit = _year_or_reference(g, ref, hint)
    if year is None:
        return _unresolved("half")
    _, start, end = running_period(6, "late" if edge == "late" else None, year)
    return TimeValue("half", start, end, year_inferred=not explicit, year_explicit=explicit)


def resolve_year(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    year = _int(g.get("year"))
    last = _int(g.get("year2"))
    if year is None or (last is not None and not year < last <= year + 50):
        return None
    return TimeValue("year", *year_period(year, last), year_explicit=True)


def resolve_year_relative(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    offset = _offset("REL_YEAR", g.get("rel"), params)
    if offset is None:
        return None
    if ref is None:
        return _unresolved("year")
    return TimeValue("year", *year_period(ref.year + offset), year_inferred=True)


def resolve_part_bare(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    part = tp.lookup("PART", g.get("part"))
    grain = tp.lookup("UNIT_GRAIN", g.get("unit"))
    if not isinstance(part, str) or not isinstance(grain, str):
        return None
    if ref is None:
        return _unresolved(grain, part=part)
    year = hint or ref.year
    if grain == "year":
        start, end = year_period(year)
    elif grain == "month":
        start, end = month_period(year, ref.month)
    elif grain == "quarter":
        start, end = quarter_period(year, (ref.month - 1) // 3 + 1)
    else:
        start, end = week_period(ref)
    return TimeValue(grain, start, end, part=part, year_inferred=True)


def resolve_week_relative(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    offset = _offset("REL_WEEK", g.get("rel"), params)
    if offset is None:
        return None
    if ref is None:
        return _unresolved("week")
    return TimeValue("week", *week_period(ref + dt.timedelta(weeks=offset)), year_inferred=True)


def resolve_weekday_relative(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    weekday, offset = tp.lookup("WEEKDAY", g.get("weekday")), _offset("REL_WEEK", g.get("rel"), params)
    if weekday is None or offset is None:
        return None
    if ref is None:
        return _unresolved("day")
    monday = week_period(ref + dt.timedelta(weeks=offset))[0]
    d = monday + dt.timedelta(days=int(weekday))
    return TimeValue("day", d, d, year_inferred=True)


# The school year starts in September: from August on, "năm học này" is the one starting this year.
SCHOOL_YEAR_FIRST_MONTH = 8


def resolve_school_year_relative(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    offset = _offset("REL_SCHOOL_YEAR", g.get("rel"), params)
    if offset is None:
        return None
    if ref is None:
        return _unresolved("year")
    first = (ref.year if ref.month >= SCHOOL_YEAR_FIRST_MONTH else ref.year - 1) + offset
    return TimeValue("year", *year_period(first, first + 1), year_inferred=True)


def _relative_day(offset: int | None, ref: dt.date | None) -> TimeValue | None:
    if offset is None:
        return None
    if ref is None:
        return _unresolved("day")
    d = ref + dt.timedelta(days=offset)
    return TimeValue("day", d, d, year_inferred=True)


def resolve_day_relative(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    return _relative_day(_offset("REL_DAY", g.get("rel"), params), ref)


def resolve_tod_relative(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    return _relative_day(_offset("TOD_REL", g.get("rel"), params), ref)


def resolve_present(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    modifier = tp.lookup("PRESENT", g.get("present"))
    if not isinstance(modifier, str):
        return None
    return TimeValue("day", ref, ref, modifier=modifier, year_inferred=True)


def _utc_offset(g: Groups) -> int | None:
    if not g.get("tzh"):
        return None
    minutes = int(g["tzh"]) * 60 + int(g.get("tzm") or 0)  # type: ignore[arg-type]
    if minutes >= 24 * 60:
        return None  # not a real UTC offset: keep the clock time naive
    return -minutes if g.get("tzsign") == "-" else minutes


def resolve_clock(g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    hour = _int(g.get("hour"))
    if hour is None or hour > 24 or (hour == 24 and (_int(g.get("minute")) or _int(g.get("second")))):
        return None
    if hour < 12 and tp.in_vocab("AFTERNOON", g.get("ampm")):
        hour += 12  # "3 giờ chiều" is 15:00
    minute, second = _int(g.get("minute")), _int(g.get("second"))
    grain = "second" if second is not None else "minute" if minute is not None else "hour"
    clock = (hour, minute, second, _utc_offset(g))
    day = ref
    offset = tp.lookup("TOD_REL", g.get("anchor"))  # "16h chiều nay", "9 giờ sáng qua"
    if ref is not None and offset is not None:
        day = ref + dt.timedelta(days=int(offset))
    stamp = make_datetime(day, *clock) if day else None
    return TimeValue(grain, day, day, datetime=stamp, year_inferred=True, fields={"clock": clock})


RESOLVERS: dict[str, ResolverFn] = {
    "day": resolve_day,
    "day_range": resolve_day_range,
    "month": resolve_month,
    "month_range": resolve_month_range,
    "month_relative": resolve_month_relative,
    "quarter": resolve_quarter,
    "quarter_relative": resolve_quarter_relative,
    "running": resolve_running,
    "half": resolve_half,
    "year": resolve_year,
    "year_relative": resolve_year_relative,
    "year_range": resolve_year,
    "part_bare": resolve_part_bare,
    "week_relative": resolve_week_relative,
    "day_relative": resolve_day_relative,
    "weekday_relative": resolve_weekday_relative,
    "school_year_relative": resolve_school_year_relative,
    "tod_relative": resolve_tod_relative,
    "present": resolve_present,
    "clock": resolve_clock,
}


def _safely(resolver: ResolverFn, g: Groups, ref: Ref, params: dict, hint: int | None) -> TimeValue | None:
    """A resolver's value, or None when the calendar cannot hold it (a year past 9999)."""
    try:
        return resolver(g, ref, params, hint)
    except (ValueError, OverflowError):
        return None


def _reresolve(f: Found, ref: dt.date | None, year_hint: int) -> Found | None:
    value = _safely(RESOLVERS[f.resolver], f.groups, ref, f.params, year_hint)
    if value is None:
        return None
    return replace(f, value=value.with_(part=f.value.part or value.part, modifier=f.value.modifier))


# ---------------------------------------------------------------- pass 1: cores


def _groups(m: object) -> Groups:
    return {k: v for k, v in m.groupdict().items() if v is not None}  # type: ignore[attr-defined]


def _form_matches(
    entry: tp.FormEntry,
    pattern: regex.Pattern[str],
    text: str,
    anchor_hits: dict[str, list[int]] | None = None,
) -> Iterator[regex.Match[str]]:
    """The matches of ``pattern.finditer(text)``; a form with an anchor is tried only in the windows
    around its anchors (every match starts in one), which gives the same matches in the same order.
    ``anchor_hits`` holds the anchor positions found so far in ``text`` (forms share anchors)."""
    anchors = tp.compiled_anchors().get(entry.id)
    if anchors is None:
        yield from pattern.finditer(text)
        return
    if anchor_hits is None:
        anchor_hits = {}
    for anchor in anchors:
        if anchor.pattern not in anchor_hits:
            anchor_hits[anchor.pattern] = [a.start() for a in anchor.finditer(text, overlapped=True)]
    if len(anchors) == 1:
        hits = anchor_hits[anchors[0].pattern]
    else:
        hits = sorted(pos for anchor in anchors for pos in anchor_hits[anchor.pattern])
    edge = tp.word_edge()
    before, after, size = entry.anchor_before, entry.anchor_after, len(text)
    resume = 0  # as finditer: after a match, the next one starts at or after its end
    tried = 0  # every position before this was tried already (windows of nearby anchors overlap)
    for a in hits:
        first = max(resume, tried, a - before)
        last = min(size, a + after)
        if first > last:
            continue
        tried = last + 1
        # Every form starts at a word edge: only those positions of the window are tried.
        for e in edge.finditer(text, first, last + 1):
            pos = e.start()
            if pos < resume or pos > last:  # endpos itself can be a (zero-width) edge
                continue
            m = pattern.match(text, pos)  # lookarounds still see the whole text
            if m is not None:
                yield m
                resume = max(m.end(), m.start() + 1)


# The matches of every form in one text, in form order: (form, [(start, end, groups)]). Scanning is
# the costly part of finding times and does not depend on the reference date, so one scan serves
# every resolution of the same text (find_reference_date, extract_times, the echo pass).
Scan = list[tuple[tp.FormEntry, list[tuple[int, int, Groups]]]]


def scan_forms(text: str) -> Scan:
    anchor_hits: dict[str, list[int]] = {}
    return [
        (entry, [(m.start(), m.end(), _groups(m)) for m in _form_matches(entry, pattern, text, anchor_hits)])
        for entry, pattern in tp.compiled_forms()
    ]


def find_cores(
    text: str, ref: dt.date | None, *, echo: bool = False, scan: Scan | None = None
) -> list[Found]:
    candidates = []
    for entry, matches in scan if scan is not None else scan_forms(text):
        if not matches or bool(entry.params.get("echo")) != echo:
            continue
        resolver = RESOLVERS[entry.resolver]
        params = dict(entry.params)  # one copy per form: the passes only read it
        for start, end, g in matches:
            value = _safely(resolver, g, ref, params, None)
            if value is None:
                continue
            found = Found(start, end, value, entry.id, entry.resolver, g, params)
            candidates.append(Candidate(start, end, entry.id, entry.priority, {"found": found}))
    return [c.data["found"] for c in resolve_overlaps(candidates)]


# ---------------------------------------------------------------- pass 2..7: growing the cores


def _gap(text: str, a: Found, b: Found) -> str:
    return text[a.end : b.start]


def _is_date(f: Found) -> bool:
    return f.value.grain == "day" and f.resolver in ("day", "day_relative", "tod_relative")


def join_clocks(text: str, items: list[Found]) -> list[Found]:
    """A clock time right before or after a date is part of it; a clock that needs an anchor
    ("14h", "14 giờ") and has neither a date nor "lúc" is dropped."""
    gap = tp.gap_matcher("clock_gap")
    connector = tp.gap_matcher("range_connector")
    out: list[Found] = []
    i = 0
    while i < len(items):
        a = items[i]
        b = items[i + 1] if i + 1 < len(items) else None
        c = items[i + 2] if i + 2 < len(items) else None
        if (
            b is not None
            and c is not None
            and a.resolver == b.resolver == "clock"
            and _is_date(c)
            and connector.fullmatch(_gap(text, a, b))
            and gap.fullmatch(_gap(text, b, c))
        ):
            # "từ 7h30 đến 9h30 ngày 26/6": one expression on that day, from the first clock
            hit = _prefix(text, a.start, out[-1].end if out else 0, "range_start")
            out.append(_with_clock(c, a, hit[1] if hit else a.start, c.end))
            i += 3
            continue
        if b is not None and gap.fullmatch(_gap(text, a, b)):
            date, clock = (a, b) if _is_date(a) and b.resolver == "clock" else (b, a)
            if _is_date(date) and clock.resolver == "clock":
                out.append(_with_clock(date, clock, min(a.start, b.start), max(a.end, b.end)))
                i += 2
                continue
        if not (a.resolver == "clock" and a.params.get("needs_anchor") and "anchor" not in a.groups):
            out.append(a)
        i += 1
    return out


def date_same_day_clocks(items: list[Found]) -> list[Found]:
    """"đến 20 giờ cùng ngày": the clock is on the last date named before it."""
    out: list[Found] = []
    last_date: Found | None = None
    for f in items:
        if f.resolver == "clock" and tp.in_vocab("SAME_DAY", f.groups.get("anchor")):
            if last_date is not None:  # else the reference date, as for any clock without a date
                f = _with_clock(last_date, f, f.start, f.end)
        elif f.value.grain in ("day", "hour", "minute", "second") and f.value.start is not None:
            last_date = f
        out.append(f)
    return out


def _with_clock(date: Found, clock: Found, start: int, end: int) -> Found:
    hour, minute, second, offset = clock.value.fields["clock"]
    day = date.value.start
    stamp = make_datetime(day, hour, minute, second, offset) if day else None
    value = date.value.with_(grain=clock.value.grain, datetime=stamp)
    return replace(date, start=start, end=end, value=value, rule_id=f"{date.rule_id}+{clock.rule_id}")


def _prefix(
    text: str, start: int, floor: int, role: str, window: int = _WINDOW
) -> tuple[tp.AffixEntry, int] | None:
    """The longest affix of ``role`` ending right before ``start`` (not reaching before ``floor``);
    of two starting at one place, the first in affixes.yaml."""
    lo = max(floor, start - window)
    window = text[lo:start]
    entries, pattern, reach = tp.suffix_matcher(role)
    # Lookbehinds still see the whole window; only the starts a match can have are tried.
    m = pattern.search(window, max(0, len(window) - reach) if reach is not None else 0)
    if m is None:
        return None
    return entries[int(m.lastgroup[1:])], lo + m.start()  # type: ignore[index]


def attach_parts(text: str, items: list[Found]) -> list[Found]:
    out: list[Found] = []
    for f in items:
        floor = out[-1].end if out else 0
        if f.value.grain in _PERIOD_GRAINS and f.value.part is None and f.resolver != "running":
            hit = _prefix(text, f.start, floor, "part")
            if hit:
                entry, pos = hit
                f = replace(f, start=pos, value=f.value.with_(part=entry.value), rule_id=f"part+{f.rule_id}")
        out.append(f)
    return out


_YEARLESS = {"day", "day_range", "month", "month_range", "quarter"}


def share_years(text: str, items: list[Found], ref: dt.date | None) -> list[Found]:
    """ "quý I và quý II năm 2023", "tháng 7 và tháng 8/2024": a yearless time takes the next one's year."""
    coordinator = tp.gap_matcher("coordinator")
    out = list(items)
    shared: set[int] = set()  # took a year from the next one: pass it on ("tháng 10, 11 và 12/2024")
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if (
            a.resolver in _YEARLESS
            and a.resolver == b.resolver
            and not a.value.year_explicit
            and (b.value.year_explicit or i + 1 in shared)
            and b.value.start is not None
            and coordinator.fullmatch(_gap(text, a, b))
        ):
            again = _reresolve(a, ref, b.value.start.year)
            if again is not None:
                out[i] = again
                shared.add(i)
    return out


def merge_ranges(text: str, items: list[Found], ref: dt.date | None) -> list[Found]:
    """ "từ A đến B" is one expression from A's first day to B's last, modifier null; so is "A - B" or
    "A đến B" without "từ" when A and B are of one kind (two days, two months, two quarters)."""
    connector = tp.gap_matcher("range_connector")
    out: list[Found] = []
    i = 0
    while i < len(items):
        a = items[i]
        b = items[i + 1] if i + 1 < len(items) else None
        merged = None
        if b is not None and a.resolver != "present" and _connected(connector, text, a, b):
            floor = out[-1].end if out else 0
            hit = _prefix(text, a.start, floor, "range_start")
            if hit and b.value.modifier in (None, "until") and a.value.modifier is None:
                merged = _merge(a, b, hit[1], ref)
            elif _same_kind(a, b):
                merged = _merge(a, b, a.start, ref)  # "tháng 9 - tháng 10/2024", "ngày 5/9 đến 7/9"
        if merged is not None:
            out.append(merged)
            i += 2
        else:
            out.append(a)
            i += 1
    return out


def _same_kind(a: Found, b: Found) -> bool:
    return (
        a.resolver == b.resolver
        and a.resolver in _YEARLESS
        and a.value.grain == b.value.grain
        and a.value.modifier is None
        and b.value.modifier is None
    )


def _connected(connector: regex.Pattern[str], text: str, a: Found, b: Found) -> bool:
    """A connector stands between A and B, or B is a present marker that starts with it ("đến nay")."""
    if connector.fullmatch(_gap(text, a, b)):
        return True
    m = connector.match(text, a.end)
    return b.resolver == "present" and m is not None and b.start < m.end() <= b.end


def _merge(a: Found, b: Found, start: int, ref: dt.date | None) -> Found | None:
    if b.value.start is None or b.value.end is None:
        return None
    if a.resolver in _YEARLESS | {"part_bare"} and not a.value.year_explicit:
        again = _reresolve(a, ref, b.value.start.year)
        if again is not None and again.value.start is not None and again.value.start > b.value.start:
            again = _reresolve(a, ref, b.value.start.year - 1)
        a = again or a
    if a.value.start is None or a.value.start > b.value.end:
        return None
    value = TimeValue(
        finer(a.value.grain, b.value.grain),
        a.value.start,
        b.value.end,
        year_inferred=b.value.year_inferred,
        year_explicit=b.value.year_explicit,
    )
    return Found(start, b.end, value, f"range({a.rule_id},{b.rule_id})", "range", {}, {})


def echo_running_periods(
    text: str, items: list[Found], ref: dt.date | None, scan: Scan | None = None
) -> list[Found]:
    """A bare "9 tháng" is the running period the document names ("9 tháng năm 2023"); after a cue
    of accumulation ("tính chung 9 tháng", "lũy kế 10 tháng") it is one even when the document does
    not name it, in the reference year; so it is before an estimate or a level ("9 tháng ước đạt")."""
    named: dict[int, list[Found]] = {}
    for f in items:
        if f.resolver == "running" and "n" in f.value.fields and f.value.start and f.value.start.month == 1:
            named.setdefault(f.value.fields["n"], []).append(f)
    mains = {n: _main_periods(found) for n, found in named.items()}
    cue_after = tp.gap_matcher("running_cue_after")
    main_ends = {n: [f.end for f in found] for n, found in mains.items()}
    starts = [f.start for f in items]  # items are sorted and disjoint: overlap checks are binary searches
    extra = []
    for echo in find_cores(text, ref, echo=True, scan=scan):
        i = bisect.bisect_left(starts, echo.end)
        if i > 0 and items[i - 1].end > echo.start:
            continue
        n = echo.value.fields.get("n", 0)
        if _prefix(text, echo.start, 0, "running_echo_block"):
            continue
        if n not in mains:
            if echo.value.start is not None and (
                _prefix(text, echo.start, 0, "running_cue") or cue_after.match(text, echo.end)
            ):
                extra.append(replace(echo, rule_id=f"cue+{echo.rule_id}"))
            continue
        source = _nearest_before(mains[n], main_ends[n], echo.start)
        value = source.value.with_(modifier=None, part=None, year_inferred=True, year_explicit=False)
        extra.append(replace(echo, value=value, rule_id=f"{echo.rule_id}({source.rule_id})"))
    return sorted(items + extra, key=lambda f: f.start)


def _main_periods(named: list[Found]) -> list[Found]:
    """The mentions of the period the document names most often ("9 tháng năm 2023" four times beats
    a comparison with "9 tháng năm 2020"), in text order."""
    counts = Counter((f.value.start, f.value.end) for f in named)
    top = max(counts.values())
    return [f for f in named if counts[(f.value.start, f.value.end)] == top]


def _nearest_before(mains: list[Found], ends: list[int], pos: int) -> Found:
    """The last of ``mains`` ending before ``pos``, else the first (``ends``: their end offsets)."""
    i = bisect.bisect_right(ends, pos)
    return mains[i - 1] if i > 0 else mains[0]


def attach_modifiers(text: str, items: list[Found]) -> list[Found]:
    out: list[Found] = []
    for f in items:
        floor = out[-1].end if out else 0
        if f.value.modifier is None and f.resolver != "range":
            hit = _prefix(text, f.start, floor, "modifier")
            if hit:
                entry, pos = hit
                # "từ 2020-2023" is a range: "từ" joins the span but does not make it open-ended
                spans_range = (f.value.start != f.value.end and f.value.grain == "day") or _is_year_range(f)
                modifier = None if entry.value == "since" and spans_range else entry.value
                value = f.value.with_(modifier=modifier)
                f = replace(f, start=pos, value=value, rule_id=f"{entry.id}+{f.rule_id}")
            elif _prefix(text, f.start, floor, "clause_since", window=3 * _WINDOW):
                f = replace(f, value=f.value.with_(modifier="since"))
        hit = _prefix(text, f.start, floor, "span") if f.resolver != "present" else None
        if hit:
            entry, pos = hit
            value = f.value
            if entry.grain and f.resolver == "range" and value.grain == "day":
                value = value.with_(grain=entry.grain)
            f = replace(f, start=pos, value=value)
        out.append(f)
    return out


def _is_year_range(f: Found) -> bool:
    v = f.value
    return v.grain == "year" and v.start is not None and v.end is not None and v.start.year != v.end.year


def find_times(text: str, ref: dt.date | None, scan: Scan | None = None) -> list[Found]:
    """All passes over one normalized text; the result is sorted and non-overlapping.
    ``scan``: the form matches of ``text`` when they are known already (scan_forms)."""
    if scan is None:
        scan = scan_forms(text)
    items = find_cores(text, ref, scan=scan)
    items = join_clocks(text, items)
    items = date_same_day_clocks(items)
    items = attach_parts(text, items)
    items = share_years(text, items, ref)
    items = merge_ranges(text, items, ref)
    items = echo_running_periods(text, items, ref, scan)
    return attach_modifiers(text, items)


# ---------------------------------------------------------------- public API


@dataclass
class _Memo:
    """What one document's time passes found so far: the scan of its text and the times found with
    each reference date (find_reference_date looks with none; without a dateline so does extract_times)."""

    text: str
    scan: Scan
    times: dict[dt.date | None, list[Found]]


# The memo of each Analysis under extraction, for as long as it lives (weak keys): one document's
# find_reference_date and extract_times share it; nothing is shared between documents.
_MEMOS: weakref.WeakKeyDictionary[Analysis, _Memo] = weakref.WeakKeyDictionary()


def _times_of(an: Analysis, ref: dt.date | None) -> list[Found]:
    """find_times over the whole text of ``an``, scanning it once and resolving once per reference date."""
    memo = _MEMOS.get(an)
    if memo is None or memo.text is not an.text:
        memo = _MEMOS[an] = _Memo(an.text, scan_forms(an.text), {})
    if ref not in memo.times:
        memo.times[ref] = find_times(an.text, ref, memo.scan)
    return memo.times[ref]


def extract_times(an: Analysis) -> list[Extracted[TimeExpression]]:
    out = []
    for f in _times_of(an, an.reference_date):
        v = f.value
        record = TimeExpression(
            **an.mention(f.start, f.end),
            rule_id=f.rule_id,
            grain=v.grain,  # type: ignore[arg-type]
            start_date=v.start,
            end_date=v.end,
            datetime=v.datetime,
            modifier=v.modifier,  # type: ignore[arg-type]
            part=v.part,  # type: ignore[arg-type]
            year_inferred=v.year_inferred,
        )
        out.append(Extracted(f.start, f.end, record))
    return out


def find_reference_date(an: Analysis) -> dt.date | None:
    """The article's own dateline in its opening lines, if any (rules in patterns/times/datelines.yaml)."""
    patterns = tp.dateline_patterns()
    opening = patterns["opening_lines"].match(an.text)
    if not opening:
        return None
    region = opening.group(0)
    # Short texts are all opening lines: then the times of the region are those of the text.
    found = _times_of(an, None) if len(region) == len(an.text) else find_times(region, None)
    candidates: list[tuple[bool, dt.date]] = []
    for f in found:
        v = f.value
        if not v.year_explicit or v.start is None or v.modifier or v.grain not in _CLOCK_GRAINS | {"day"}:
            continue
        line_start = region.rfind("\n", 0, f.start) + 1
        line_end = region.find("\n", f.end)
        line_end = len(region) if line_end < 0 else line_end
        if not patterns["lead"].search(region[line_start : f.start]):
            continue
        line_only = bool(patterns["line_only"].search(region[f.end : line_end]))
        candidates.append((line_only, v.start))
    datelines = [d for only, d in candidates if only]
    if datelines:
        return min(datelines)
    return candidates[0][1] if candidates else None
