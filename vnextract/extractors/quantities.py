"""Quantities: numbers with their scale, unit, qualifier and kind.

Find, then read outwards. Every written number (digits or words) is an anchor; from it the extractor
reads to the right (scale word, range, unit or counted noun, rate) and to the left (qualifier, "gấp",
"từ"), and drops it when the words around it make it part of a name, an identifier or a time.
Ordinals and ranks ("lần thứ 8", "đứng thứ 3") and fixed multipliers ("gấp đôi") are found apart.
Matching runs on characters of the normalized text; underthesea words are asked for only when a
counted noun must be delimited.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from vnextract.context import Analysis, Candidate, Extracted, resolve_overlaps
from vnextract.extractors.quantity_lexicon import FormsBefore, Lexicon, UnitInfo, lexicon
from vnextract.numbers import could_be_comma_thousands, number_words, parse_digits, parse_words
from vnextract.patterns import norm_key
from vnextract.records import Quantity
from vnextract.text import Span
from vnextract.tokenize import Token

_WINDOW = 48  # characters looked at on each side of a number for context words

# Kinds whose number may be a name or an identifier when the words before say so ("Điều 13", "lớp 10").
_NAMEABLE = frozenset({"count", "number", "duration", "fraction"})
_STRONG_UNIT = frozenset({"percent", "money", "measure", "multiplier"})

_PRIORITY_FIXED = 3  # ordinals, ranks, "gấp đôi": their words are unambiguous
_PRIORITY_NUMBER = 1


@dataclass(slots=True)
class _Number:
    """A written number: its span, value and how it was written."""

    start: int
    end: int
    value: float
    raw: str
    spelled: bool = False
    scaled: bool = False
    comma_thousands: bool = False  # "3,490": may be 3490 before a counted noun

    @property
    def decimal(self) -> bool:
        return "," in self.raw and not self.comma_thousands

    @property
    def plain_integer(self) -> bool:
        return not self.spelled and not self.scaled and "," not in self.raw and "." not in self.raw


@dataclass(slots=True)
class _Reading:
    """What the extractor has understood of one quantity so far (normalized offsets)."""

    start: int
    end: int
    kind: str
    value: float
    rule: str
    upper: float | None = None
    total: float | None = None
    unit: str | None = None
    approx: str = "exact"
    per: str | None = None
    priority: int = _PRIORITY_NUMBER
    extra: dict[str, Any] = field(default_factory=dict)


_ANY_WORD = "\x00any"  # a last_key that may be any form's last word (no letter folds to NUL)


class _Context:
    """Per-call helpers over one Analysis: words before/after a position, sentences, tokens."""

    def __init__(self, an: Analysis, lex: Lexicon) -> None:
        self.an = an
        self.text = an.text
        self.lex = lex
        self._sentence_starts: list[int] | None = None
        self._token_ends: dict[tuple[int, int], list[int]] = {}
        self._last_keys: dict[int, str | None] = {}  # per position: the word before, case-folded
        self._last_words: dict[int, Any] = {}  # per position: the "word_before" match

    def before(self, role: str, pos: int) -> Any:
        """The match of one of ``role``'s forms ending right before ``pos`` (spaces allowed), or None."""
        forms = self.lex.before.get(role)
        if forms is None:
            return None
        m = self.form_before(forms, pos)
        if m is None:
            return None
        unless = self.lex.unless_after.get(role)
        if unless and self.word_before(m.start()) in unless:
            return None
        return m

    def form_before(self, forms: FormsBefore, pos: int) -> Any:
        """The match of one of ``forms`` ending right before ``pos`` (spaces allowed), or None."""
        if forms.last_words is not None:
            key = self._last_keys[pos] if pos in self._last_keys else self.last_key(pos)
            if key is not _ANY_WORD and key not in forms.last_words:
                return None  # the word before is no form's last word: most numbers stop here
        return forms.search(self.text, max(0, pos - _WINDOW), pos)

    def last_key(self, pos: int) -> str | None:
        """The run of letters and digits before ``pos``, case-folded (once per position); None when
        there is none, ``_ANY_WORD`` when case-folding changes its length ("İ", "ẞ"): no shortcut."""
        if pos not in self._last_keys:
            m = self.last_word(pos)
            word = m.group("word") if m else None
            key = word.casefold() if word is not None else None
            self._last_keys[pos] = key if key is None or len(key) == len(word) else _ANY_WORD
        return self._last_keys[pos]

    def word_before(self, pos: int) -> str | None:
        m = self.last_word(pos)
        return norm_key(m.group("word")) if m else None

    def last_word(self, pos: int) -> Any:
        """The "word_before" match: the run of letters and digits before ``pos`` (spaces allowed)."""
        if pos in self._last_words:
            return self._last_words[pos]
        # The shape is greedy runs ending at ``pos``: its reverse-mode match, which tries only that
        # end, is the forward search's match (same start, same word), found without trying every start.
        m = self.lex.ending["word_before"].reverse.match(self.text, max(0, pos - _WINDOW), pos)
        self._last_words[pos] = m
        return m

    def word_after(self, pos: int) -> str | None:
        m = self.lex.shapes["word_after"].match(self.text, pos)
        return norm_key(m.group("word")) if m else None

    def sentence(self, pos: int) -> Span:
        sentences = self.an.sentences
        if self._sentence_starts is None:
            self._sentence_starts = [s.start for s in sentences]
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if 0 <= i < len(sentences) and sentences[i].start <= pos < sentences[i].end:
            return sentences[i]
        return Span(pos, len(self.text))

    def tokens_from(self, pos: int) -> list[Token]:
        """underthesea words of the sentence at ``pos`` that end after ``pos``."""
        sent = self.sentence(pos)
        words = self.an.words(sent, pos=True)  # the indicator linker tags the same sentences: shared cache
        key = (sent.start, sent.end)
        ends = self._token_ends.get(key)
        if ends is None:
            ends = self._token_ends[key] = [t.end for t in words]
        return words[bisect.bisect_right(ends, pos) :]


def extract_quantities(an: Analysis, blocked: list[Span]) -> list[Extracted[Quantity]]:
    """Every quantity of the text that does not overlap a ``blocked`` span (times, names)."""
    lex = lexicon()
    ctx = _Context(an, lex)
    merged = _merged(blocked)
    readings: list[_Reading] = []
    for number in _numbers(ctx, merged):
        # Every reading of a number covers the number and ends its core at or after it, so a number
        # that overlaps a blocked span would be dropped below anyway: skip reading it (that saves
        # segmenting sentences that only hold dates and names).
        if _overlaps_any(number.start, number.end, merged):
            continue
        reading = _read(ctx, number)
        if reading is not None:
            readings.append(reading)
    readings.extend(_ordinals(ctx))
    readings.extend(_multiplier_words(ctx))

    candidates = []
    for r in readings:
        if r.end > r.start and _overlaps_any(r.start, r.end, merged):
            _trim_before_blocked(ctx, r, merged)
        if r.end > r.start and not _overlaps_any(r.start, r.end, merged):
            candidates.append(Candidate(r.start, r.end, r.rule, r.priority, {"reading": r}))
    out: list[Extracted[Quantity]] = []
    for c in sorted(resolve_overlaps(candidates), key=lambda c: c.start):
        r: _Reading = c.data["reading"]
        record = Quantity(
            **an.mention(r.start, r.end),
            rule_id=r.rule,
            kind=r.kind,  # type: ignore[arg-type]
            value=r.value,
            upper=r.upper,
            total=r.total,
            unit=r.unit,
            approx=r.approx,  # type: ignore[arg-type]
            per=r.per,
        )
        out.append(Extracted(r.start, r.end, record))
    return out


def _trim_before_blocked(ctx: _Context, r: _Reading, merged: tuple[list[int], list[int]]) -> None:
    """When only the words after the number run into a name ("3 tỉnh Hà Nam, Nam Định" where the
    entity is "tỉnh Hà Nam"), keep the number and end the span before the name; else drop it."""
    starts, ends = merged
    core_end = r.extra.get("core_end")
    i = bisect.bisect_right(ends, r.start)  # the first interval ending after the reading's start
    if core_end is None or i >= len(starts) or starts[i] < core_end:
        r.end = r.start  # the number itself is inside a name or a time
        return
    end = starts[i]
    while end > core_end and ctx.text[end - 1].isspace():
        end -= 1
    r.end = end


def _merged(spans: list[Span]) -> tuple[list[int], list[int]]:
    """Blocked spans merged into disjoint intervals (starts, ends), sorted: O(log n) overlap tests."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted((b.start, b.end) for b in spans):
        if ends and s < ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _overlaps_any(start: int, end: int, merged: tuple[list[int], list[int]]) -> bool:
    starts, ends = merged
    i = bisect.bisect_left(starts, end) - 1  # the last interval starting before ``end``
    return i >= 0 and ends[i] > start


def _inside_one(start: int, end: int, merged: tuple[list[int], list[int]]) -> bool:
    """Does one merged interval hold all of [start, end)?"""
    starts, ends = merged
    i = bisect.bisect_right(starts, start) - 1  # the last interval starting at or before ``start``
    return i >= 0 and ends[i] >= end


# ---------------------------------------------------------------------------------------------
# Numbers


def _numbers(ctx: _Context, merged: tuple[list[int], list[int]]) -> list[_Number]:
    """Every written number in the text, digits and words, each with its scale words, but those
    already inside a ``merged`` blocked span (their readings would overlap it: no need to parse them)."""
    found: list[_Number] = []
    text = ctx.text
    for m in ctx.lex.shapes["digits"].finditer(text):
        if _overlaps_any(m.start(), m.end(), merged):
            continue  # scale words only make the number longer: it would overlap all the same
        raw = m.group(0)
        if "/" in raw:
            found.append(_Number(m.start(), m.end(), 0.0, raw))  # a fraction or a date: read later
            continue
        value = parse_digits(raw)
        if value is None:
            value = _point_decimal(ctx, raw, m.end())
        if value is None:
            continue
        number = _Number(m.start(), m.end(), value, raw, comma_thousands=could_be_comma_thousands(raw))
        found.append(_with_scale(ctx, number))
    for m in ctx.lex.shapes["spelled"].finditer(text):
        if not _inside_one(m.start(), m.end(), merged):  # else every number in it would overlap
            found.extend(_spelled(ctx, m.start(), m.group(0)))
    return found


def _point_decimal(ctx: _Context, raw: str, end: int) -> float | None:
    """"1.5 triệu", "12.5%": a decimal point (foreign convention) is certain before a scale word or "%",
    since 1.500 would be written with three digits after the point."""
    if not ctx.lex.shapes["point_decimal"].fullmatch(raw):
        return None
    if ctx.lex.scale_re.match(ctx.text, end) or ctx.text.startswith("%", end):
        return float(raw)
    return None


def _spelled(ctx: _Context, start: int, chunk: str) -> list[_Number]:
    """The spelled-out numbers in a run of number words: the longest prefix that parses, repeatedly."""
    table = number_words()
    pieces: list[tuple[int, int, str]] = []
    pos = 0
    for w in chunk.split():
        i = chunk.index(w, pos)
        pieces.append((start + i, start + i + len(w), w))
        pos = i + len(w)
    out: list[_Number] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):
            words = [p[2] for p in pieces[i:j]]
            # A final "năm" after tens is the word "year": "hai mươi năm" is twenty years.
            if len(words) > 1 and norm_key(words[-1]) == "năm" and norm_key(words[-2]) not in ("linh", "lẻ"):
                continue
            value = parse_words(words)
            if value is not None:
                scaled = any(table[norm_key(w)].role == "scale" for w in words)
                out.append(_Number(pieces[i][0], pieces[j - 1][1], value, " ".join(words), True, scaled))
                i = j
                break
        else:
            i += 1
    return out


def _with_scale(ctx: _Context, number: _Number) -> _Number:
    """Extend a number over the scale words after it ("1,5 nghìn tỷ")."""
    pos, value, last_scale = _scaled_at(ctx, number.end, number.value)
    if last_scale is None:
        return number
    # "1 tỷ 200 triệu đồng", "2 triệu 340 nghìn": a smaller scaled part is added to the larger one.
    while (m := ctx.lex.shapes["scaled_part"].match(ctx.text, pos)) is not None:
        part = parse_digits(m.group("digits"))
        if part is None or "," in m.group("digits"):
            break
        part_end, part_value, part_scale = _scaled_at(ctx, m.end(), part)
        if part_scale is None or part_scale >= last_scale or part_value >= last_scale:
            break
        pos, value, last_scale = part_end, float(Decimal(repr(value)) + Decimal(repr(part_value))), part_scale
    half = ctx.lex.shapes["word_after"].match(ctx.text, pos)
    if half is not None and float(number.value).is_integer():
        word = number_words().get(norm_key(half.group("word")))
        if word is not None and word.role == "half":  # "2 triệu rưỡi" = 2.5 million
            pos, value = half.end(), value + last_scale * word.value
    return replace(number, end=pos, value=value, scaled=True, comma_thousands=False)


def _scaled_at(ctx: _Context, pos: int, value: float) -> tuple[int, float, float | None]:
    """Scale words from ``pos``: (end, scaled value, the smallest scale applied) or (pos, value, None)."""
    scale: float | None = None
    while (m := ctx.lex.scale_re.match(ctx.text, pos)) is not None:
        word = norm_key(m.group("scale"))
        not_before = ctx.lex.scale_not_before.get(word)
        if not_before and ctx.word_after(m.end()) in not_before:
            break
        entry = number_words().get(word)
        if entry is None:  # matched case-insensitively but not a lexicon key ("trİệu": İ lowers to 2 chars)
            break
        factor = entry.value
        value = _times(value, factor)
        scale = factor if scale is None else scale * factor
        pos = m.end()
    return pos, value, scale


def _times(value: float, scale: float) -> float:
    """value x scale without binary noise: 8,2 tỷ is 8200000000, not 8199999999.999999."""
    return float(Decimal(repr(value)) * Decimal(repr(scale)))


def _number_at(ctx: _Context, pos: int) -> _Number | None:
    """A digit number starting exactly at ``pos`` (the far end of a range)."""
    m = ctx.lex.shapes["digits"].match(ctx.text, pos)
    if m is None or "/" in m.group(0):
        return None
    value = parse_digits(m.group(0))
    if value is None:
        return None
    return _with_scale(ctx, _Number(m.start(), m.end(), value, m.group(0)))


# ---------------------------------------------------------------------------------------------
# Reading one number outwards


def _read(ctx: _Context, number: _Number) -> _Reading | None:
    text = ctx.text
    if _glued_to_code(ctx, number):
        return None
    if "/" in number.raw:
        return _fraction(ctx, number)
    if _after_ordinal_word(ctx, number.start):
        return None
    if ctx.before("phone_before", number.start) or _phone_like(ctx, number):
        return None
    if not number.spelled and number.plain_integer and (lead := ctx.before("rank_direct", number.start)):
        # "xếp hạng 3 thế giới", "lọt top 20": a place, not a count
        return _with_rank_total(ctx, _Reading(lead.start(), number.end, "rank", number.value,
                                              "quantities:rank_direct", priority=_PRIORITY_FIXED))

    share = _share_of_total(ctx, number)
    if share is not None:
        return share
    reading = _unit_reading(ctx, number)
    if reading is None:
        return None
    reading.extra["core_end"] = number.end
    # Words before the number that make it part of a name, an identifier or a date.
    if reading.kind in _NAMEABLE and _is_name_or_time(ctx, number):
        return None
    if reading.kind in ("count", "number") and ctx.before("stage_before", number.start):
        return None  # "giai đoạn 1 hoàn thành": a phase's name; "giai đoạn 5 năm" keeps its duration
    _extend_left(ctx, reading, number)
    if reading.kind == "number" and not (
        number.decimal
        or number.scaled
        or "." in number.raw  # "giảm từ 10.035 xuống 3.321": thousands grouping marks an amount
        or reading.approx != "exact"
        or (number.spelled and number.value < 1)
    ):
        return None  # a bare integer with nothing around it: too often a code, an age, a name
    if (
        number.spelled
        and reading.value == 1
        and reading.approx == "exact"
        and reading.kind in _NAMEABLE
        and reading.total is None  # "một phần năm" is a fraction, not the article
    ):
        return None  # "một" before a noun is mostly the article "a" ("bình quân một tháng" = per month)
    if number.spelled and number.value < 1 and reading.kind in ("count", "duration"):
        return None  # "nửa đầu năm" is a time, "nửa" before a noun is not a count
    if number.spelled and reading.kind == "number" and number.value >= 1:
        return None
    set_phrases = ctx.lex.words.get("not_counted_spelled", frozenset())
    if number.spelled and reading.kind == "count" and reading.unit in set_phrases:
        return None  # "hai bên" (both sides), "ba phía": set phrases, not counts
    if (
        reading.kind == "count"
        and reading.unit in ctx.lex.words.get("address_noun", frozenset())
        and text[reading.end : reading.end + 1] == " "
        and text[reading.end + 1 : reading.end + 2].isupper()
    ):
        return None  # "123 đường Trần Hưng Đạo": a house number before a named street
    if number.spelled and reading.kind == "count" and text[number.end + 1 : number.end + 2].isupper():
        return None  # "Ba Đình", "Hai Bà Trưng": a spelled number before a capital is part of a name
    return reading if text[reading.start : reading.end].strip() else None


def _share_of_total(ctx: _Context, number: _Number) -> _Reading | None:
    """"3 trong 5 bệnh viện", "2 trong số 6 tỉnh": a part of a counted whole is a fraction."""
    if number.spelled or not number.plain_integer:
        return None
    m = ctx.lex.shapes["share_of_total"].match(ctx.text, number.end)
    if m is None:
        return None
    total = parse_digits(m.group("total"))
    noun = _part_of(ctx, m.end())
    if total is None or total < number.value or noun is None or _is_name_or_time(ctx, number):
        return None
    reading = _Reading(number.start, noun[1], "fraction", number.value, "quantities:share_of_total",
                       total=total, unit=noun[0])
    _extend_left(ctx, reading, number)
    return reading


def _glued_to_code(ctx: _Context, number: _Number) -> bool:
    """Digits glued to letters or to "-"/"/" + letters are names and identifiers ("4G", "COVID-19")."""
    if number.spelled:
        return False
    text = ctx.text
    shapes = ctx.lex.shapes
    if ctx.lex.ending["glued_name_left"].search(text, max(0, number.start - 2), number.start):
        return True
    raw_end = number.start + len(number.raw)
    if shapes["glued_code"].match(text, raw_end):
        return True
    if raw_end < len(text) and text[raw_end].isalpha() and not number.scaled:
        unit = ctx.lex.unit_re.match(text, raw_end)
        if unit is None or not ctx.lex.unit_for(unit.group("form")).glued:  # type: ignore[union-attr]
            return True
    return False


def _phone_like(ctx: _Context, number: _Number) -> bool:
    if number.spelled or not number.plain_integer:
        return False
    raw = number.raw.lstrip("±")
    if raw.startswith("0") and len(raw) >= 4:
        return True
    if len(raw) >= 3:
        shapes = ctx.lex.shapes
        if shapes["phone_neighbour"].match(ctx.text, number.end):
            return True
        if ctx.lex.ending["phone_neighbour_left"].search(ctx.text, max(0, number.start - 12), number.start):
            return True
    return False


def _after_ordinal_word(ctx: _Context, pos: int) -> bool:
    return bool(ctx.before("ordinal_lead", pos) or ctx.before("fraction_word", pos))


def _is_name_or_time(ctx: _Context, number: _Number) -> bool:
    """The words before the number make it part of a name, an identifier or a date."""
    if ctx.before("name_before", number.start) or ctx.before("time_before", number.start):
        return True
    if number.spelled or "." in number.raw:
        return False
    # A number right after a capitalized word inside a sentence is part of a name ("Đài Thơm 8").
    m = ctx.last_word(number.start)
    if m is None or not m.group("word")[0].isupper():
        return False
    return not ctx.lex.ending["sentence_edge"].search(ctx.text, max(0, m.start() - 8), m.start())


def _unit_reading(ctx: _Context, a: _Number) -> _Reading | None:
    """Read what follows the number: a range, a unit or a counted noun, a rate."""
    text = ctx.text
    lex = ctx.lex
    unit_a = _unit_at(ctx, a.end)
    if unit_a is False:
        return None
    b: _Number | None = None
    end = a.end
    unit: tuple[UnitInfo, int, int] | None = unit_a or None
    if unit_a:
        end = unit_a[1]
        link = lex.link_re.match(text, end)
        if link and (b := _number_at(ctx, link.end())) is not None:
            unit_b = _unit_at(ctx, b.end)
            if unit_b and unit_b[0] is unit_a[0] and b.value >= a.value:
                end = unit_b[1]
            else:
                b = None
    else:
        link = lex.link_re.match(text, a.end)
        if link and not a.spelled and (b := _number_at(ctx, link.end())) is not None:
            a_value = a.value
            if not a.scaled and b.scaled:
                a_value = _times(a.value, b.value / _unscaled(ctx, b))  # "25 - 30 triệu": both in millions
            if b.value >= a_value and not _year_pair(a, b):
                a = replace(a, value=a_value)
                unit_b = _unit_at(ctx, b.end)
                if unit_b is False:
                    return None
                unit = unit_b or None
                end = unit_b[1] if unit_b else b.end
            else:
                b = None
    upper = b.value if b is not None else None

    if unit is not None:
        info = unit[0]
        reading = _Reading(a.start, end, info.kind, a.value, f"quantities/units.yaml:{info.entry_id}",
                           upper=upper, unit=info.unit)
        if reading.unit is None and info.kind != "multiplier":
            reading.unit = _unit_text(text, unit[2], unit[1])  # the symbol or word as written
        if info.kind == "duration":
            half = lex.shapes["spelled"].match(text, end + 1) if text[end : end + 1] == " " else None
            if half and norm_key(half.group(0)) == "rưỡi":
                reading.value += 0.5
                reading.end = half.end()
        _read_per(ctx, reading)
        if info.kind == "multiplier" and reading.per:
            reading.kind, reading.unit = "count", norm_key(_unit_text(text, unit[2], unit[1]))
        return reading

    fraction = _spelled_fraction(ctx, a) if a.spelled else None
    if fraction is not None:
        return fraction
    # What is left is a count or a bare number: _read drops those after a name or a phase word
    # whatever the noun. Checked first, that spares segmenting the sentence to find the noun.
    if _is_name_or_time(ctx, a) or ctx.before("stage_before", a.start):
        return None
    start_noun = b.end if b is not None else a.end
    noun = _counted_noun(ctx, start_noun)
    if noun is not None:
        value = a.value
        if a.comma_thousands:
            value = parse_digits(a.raw, comma_thousands=True) or value
        reading = _Reading(a.start, noun[1], "count", value, "quantities:count", upper=upper, unit=noun[0])
        _read_per(ctx, reading)
        return reading
    return _Reading(a.start, end if b is None else b.end, "number", a.value, "quantities:number", upper=upper)


def _unscaled(ctx: _Context, b: _Number) -> float:
    m = ctx.lex.shapes["digits"].match(ctx.text, b.start)
    return parse_digits(m.group(0)) or 1.0 if m else 1.0


def _year_pair(a: _Number, b: _Number) -> bool:
    """"2021-2025": two years, not a range of quantities."""
    return a.plain_integer and b.plain_integer and len(a.raw) == 4 and len(b.raw) == 4


def _unit_at(ctx: _Context, pos: int) -> tuple[UnitInfo, int, int] | bool | None:
    """The unit right after ``pos``: (unit, end, form start); None if none; False if the number must go."""
    m = ctx.lex.unit_re.match(ctx.text, pos)
    if m is None:
        return None
    info = ctx.lex.unit_for(m.group("form"))
    if info is None or (not m.group("space") and not info.glued):
        return None
    if info.not_before and ctx.word_after(m.end()) in info.not_before:  # (None is never in it)
        return False if info.drop_when_not_unit else None
    if info.digits_after_mean_time and ctx.lex.shapes["digit_after"].match(ctx.text, m.end()):
        return False  # "5 tháng 8", "9 giờ 15": a date or a clock time
    return info, m.end(), m.start("form")


def _unit_text(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def _read_per(ctx: _Context, reading: _Reading) -> None:
    """A rate's denominator right after the quantity: "/tháng", "/người/năm", " mỗi ngày"."""
    pers = []
    pos = reading.end
    while (m := ctx.lex.shapes["per"].match(ctx.text, pos)) is not None:
        pers.append(" ".join(m.group("per").split()))
        pos = m.end()
    if pers:
        reading.per = "/".join(pers)
        reading.end = pos


def _counted_noun(ctx: _Context, pos: int) -> tuple[str, int] | None:
    """The counted noun after a number (lower-cased, as written) and where it ends."""
    text = ctx.text
    if pos >= len(text) - 1 or text[pos] != " " or not text[pos + 1].isalpha():
        return None
    tokens = ctx.tokens_from(pos)
    if not tokens:
        return None
    first = tokens[0]
    start = max(first.start, pos)
    while start < first.end and text[start].isspace():
        start += 1
    word = text[start : first.end]
    if not word or not word[0].isalpha():
        return None
    lex = ctx.lex
    end = first.end
    compound_end = _compound_noun_end(ctx, start)
    if compound_end > start:
        # A compound noun underthesea split ("thuê bao", "tổ hợp tác", "đặc khu"): count the whole noun.
        key = norm_key(text[start:compound_end])
        return key, _list_end(ctx, compound_end)
    key = norm_key(word)
    if key in lex.words.get("not_counted", frozenset()):
        return None
    if first.start >= pos and first.tag in lex.forms.get("not_counted_tag", ()):
        return None  # an adjective, a preposition...: "Vành đai 3 dài 76 km"
    syllables = word.split()
    if len(syllables) > 1 and all(s[0].isupper() for s in syllables):
        return None  # a proper name follows: "số 18 Nguyễn Du"
    unit = lex.units.get(key)
    if unit is not None and len(tokens) > 1 and norm_key(tokens[1].text) in unit.not_before:
        # A unit word that is the head of another word ("điểm thi", "đồng chí"): count that word.
        return f"{key} {norm_key(tokens[1].text)}", _list_end(ctx, tokens[1].end)
    if key in lex.words.get("classifier", frozenset()) and len(tokens) > 1:
        nxt = tokens[1]
        nkey = norm_key(nxt.text)
        if (
            nxt.start == end + 1
            and nxt.text[0].isalpha()
            and nkey not in lex.words.get("not_counted", frozenset())
            and not nxt.text[0].isupper()
        ):
            key = f"{key} {nkey}"
            end = nxt.end
    # A noun the tokenizer split before a rate's "/": "người dùng/tháng" counts users, per month.
    rest = tokens[bisect.bisect_right([t.end for t in tokens], end) :]
    if (
        len(rest) > 1
        and rest[0].start == end + 1
        and rest[0].text[0].islower()
        and norm_key(rest[0].text) not in lex.words.get("not_counted", frozenset())
        and rest[1].text == "/"
        and rest[1].start == rest[0].end
    ):
        key = f"{key} {norm_key(rest[0].text)}"
        end = rest[0].end
    return key, _list_end(ctx, end)


_MAX_COMPOUND_SYLLABLES = 4


def _compound_noun_end(ctx: _Context, start: int) -> int:
    """End of the longest listed compound noun starting at `start` (lower-case syllables), else `start`."""
    compounds = ctx.lex.words.get("compound_noun", frozenset())
    text = ctx.text
    best = start
    pos = start
    for _ in range(_MAX_COMPOUND_SYLLABLES):
        end = _letters_end(text, pos)
        if end == pos or not text[pos].islower():
            break
        if pos > start and norm_key(text[start:end]) in compounds:
            best = end
        if end >= len(text) or text[end] != " ":
            break
        pos = end + 1
    return best


def _letters_end(text: str, pos: int) -> int:
    """End of the run of letters (``str.isalpha``) from ``pos``."""
    space = text.find(" ", pos, pos + 24)
    if space > pos and text[pos:space].isalpha():
        return space  # the common case, a syllable then a space: one C call, not a loop in Python
    end = pos
    while end < len(text) and text[end].isalpha():
        end += 1
    return end


def _list_end(ctx: _Context, end: int) -> int:
    """Take in nouns joined by commas to the counted noun ("bộ, ngành", "xã, phường, đặc khu")."""
    while (m := ctx.lex.shapes["noun_list"].match(ctx.text, end)) is not None:
        end = m.end()
    return end


def _spelled_fraction(ctx: _Context, a: _Number) -> _Reading | None:
    """"ba phần tư" = 3/4, "một phần năm" = 1/5."""
    m = ctx.lex.fraction_re.match(ctx.text, a.end)
    if m is None:
        return None
    spelled = ctx.lex.shapes["spelled"].match(ctx.text, m.end())
    if spelled is None:
        return None
    words = spelled.group(0).split()
    total, used = None, 0
    for j in range(len(words), 0, -1):
        total = _parse_denominator(words[:j])
        if total is not None:
            used = j
            break
    if total is None or total < 2:
        return None
    end = m.end() + len(" ".join(words[:used]))
    reading = _Reading(a.start, end, "fraction", a.value, "quantities:fraction_words", total=total)
    noun = _part_of(ctx, end)
    if noun is not None:
        reading.unit = noun[0]
    return reading


def _part_of(ctx: _Context, pos: int) -> tuple[str, int] | None:
    """The whole a fraction is taken of: "2/3 số xã" counts communes ("số" = "the number of")."""
    noun = _counted_noun(ctx, pos)
    if noun is not None and noun[0] in ctx.lex.words.get("whole_marker", frozenset()):
        noun = _counted_noun(ctx, noun[1])
    return noun


def _parse_denominator(words: list[str]) -> float | None:
    """A denominator may start with words that never start a number elsewhere ("phần năm", "phần tư")."""
    table = number_words()
    first = table.get(norm_key(words[0]))
    if first is not None and first.role == "digit" and len(words) == 1:
        return first.value
    return parse_words(words)


def _fraction(ctx: _Context, number: _Number) -> _Reading | None:
    """"48/63 địa phương", "gần 1/4"; dates ("3/2022", "19/8/2020") and codes are not fractions."""
    parts = number.raw.split("/")
    if len(parts) != 2:
        return None
    num, den = parse_digits(parts[0]), parse_digits(parts[1])
    if num is None or den is None or den == 0 or num > den:
        return None
    if 1900 <= den <= 2100 and num <= 12:
        return None  # month/year
    if ctx.before("rank_trigger", number.start):  # "xếp hạng 44/132": a place among 132
        return _Reading(number.start, number.end, "rank", num, "quantities:rank_fraction", total=den,
                        priority=_PRIORITY_FIXED)
    if ctx.before("time_before", number.start) or ctx.before("name_before", number.start):
        return None
    reading = _Reading(number.start, number.end, "fraction", num, "quantities:fraction", total=den)
    noun = _part_of(ctx, number.end)
    if noun is not None:
        reading.unit, reading.end = noun
    elif (m := ctx.lex.shapes["fraction_range_next"].match(ctx.text, number.end)) is not None:
        # "2/3 - 3/4 kế hoạch": the first share is of the whole named after the second.
        noun = _part_of(ctx, m.end())
        if noun is not None:
            reading.unit = noun[0]
    _extend_left(ctx, reading, number)
    share = ctx.before("fraction_before", reading.start)
    if noun is None and reading.approx == "exact" and not share and num <= 31 and den <= 12:
        return None  # "9/12" alone is a day and month; "chiếm 1/3" is a share
    return reading


def _extend_left(ctx: _Context, reading: _Reading, number: _Number) -> None:
    """Take in what stands right before the number: a range's "từ", a qualifier, "gấp"."""
    pos = reading.start
    if reading.upper is not None and (m := ctx.before("range_start", pos)):
        pos = m.start()
    q = ctx.form_before(ctx.lex.qualifier_re, pos)
    if q is not None:
        info = ctx.lex.qualifier_for(q.group("form"))
        if (
            info is not None
            and ctx.word_before(q.start()) not in info.not_after
            and not _followed_by(ctx, reading.end, info.unless_followed_by)
            and not (
                info.not_before_one
                and _one_unit(reading)
                and ctx.word_before(q.start()) not in info.amount_words
            )
        ):
            reading.approx = info.approx
            pos = q.start()
    lead = ctx.before("multiplier_lead", pos)
    if lead is not None and reading.kind in ("multiplier", "number", "count") and reading.per is None:
        if reading.kind != "multiplier":
            reading.kind, reading.unit, reading.end = "multiplier", None, number.end
            reading.rule = "quantities:multiplier_lead"
        pos = lead.start()
    elif (
        reading.kind == "multiplier"
        and reading.value.is_integer()  # "1,5 lần mức lương cơ sở": no event happens one and a half times
        and not (ctx.before("multiplier_cue", pos) or _followed_by(ctx, reading.end, _cues_after(ctx)))
    ):
        # "họp 2 lần", "kiểm tra 3 lần": a number of times, not a ratio of two levels.
        reading.kind, reading.unit, reading.rule = "count", "lần", "quantities:times_count"
    reading.start = pos


def _one_unit(reading: _Reading) -> bool:
    """Exactly one of a unit or a counted noun, with no range: the denominator of "trên 1 ha"."""
    return reading.value == 1 and reading.upper is None and reading.unit is not None and reading.kind in (
        "measure", "count")


def _cues_after(ctx: _Context) -> tuple[str, ...]:
    return tuple(sorted(ctx.lex.words.get("multiplier_cue_after", frozenset())))


def _followed_by(ctx: _Context, pos: int, phrases: tuple[str, ...]) -> bool:
    if not phrases:
        return False
    after = norm_key(ctx.text[pos : pos + _WINDOW]).lstrip(" ,")
    return any(after.startswith(p) for p in phrases)


# ---------------------------------------------------------------------------------------------
# Ordinals, ranks, fixed multipliers


def _ordinals(ctx: _Context) -> list[_Reading]:
    out: list[_Reading] = []
    text = ctx.text
    for m in ctx.lex.shapes["ordinal"].finditer(text):
        raw = m.group("num")
        value, total = _ordinal_value(raw)
        if value is None:
            continue
        if _weekday(ctx, m):
            continue
        start = m.start()
        rank = ctx.before("rank_trigger", start)
        if rank is None and out and out[-1].kind == "rank":
            rank = _rank_continues(ctx, out[-1], start)
        if rank is not None or total is not None:  # "thứ 53/63": a place among 63 is a rank
            reading = _Reading(start, m.end(), "rank", value, "quantities:rank", total=total,
                               priority=_PRIORITY_FIXED)
            if total is None:
                _with_rank_total(ctx, reading)
            out.append(reading)
            out.extend(_more_ranks(ctx, reading.end))
            continue
        repeat = ctx.before("repeat_noun", start)
        if repeat is not None:
            start = repeat.start()
        out.append(_Reading(start, m.end(), "ordinal", value, "quantities:ordinal", priority=_PRIORITY_FIXED))
    for m in ctx.lex.shapes["repeat_ordinal"].finditer(text):
        value = parse_digits(m.group("num"))
        if value is not None:
            out.append(_Reading(m.start(), m.end(), "ordinal", value, "quantities:ordinal_repeat",
                                priority=_PRIORITY_FIXED))
    return out


_RANK_CONTINUATION_GAP = 40


def _rank_continues(ctx: _Context, previous: _Reading, start: int) -> Any:
    """"xếp thứ 15/63 về PCI và thứ 20 về PAPI": a place joined by "và" to a rank close before it in
    the same clause is a rank too."""
    gap = ctx.text[previous.end : start]
    if len(gap) > _RANK_CONTINUATION_GAP or any(c in gap for c in ".;:!?\n"):
        return None
    return ctx.before("rank_continuation", start)


def _ordinal_value(raw: str) -> tuple[float | None, float | None]:
    if raw[0].isdigit():
        parts = raw.split("/")
        value = parse_digits(parts[0])
        total = parse_digits(parts[1]) if len(parts) == 2 else None
        if total is not None and value is not None and value > total:
            return None, None
        return value, total
    if norm_key(raw) == "nhất":
        return 1.0, None
    words = raw.split()
    for j in range(len(words), 0, -1):
        value = _parse_denominator(words[:j])
        if value is not None:
            return value, None
    return None, None


def _weekday(ctx: _Context, m: Any) -> bool:
    """"Thứ Sáu", "Thứ 4, 24/04/2024": a day of the week, not an ordinal."""
    raw = m.group("num")
    if raw[0].isalpha() and raw[0].isupper():
        return True
    if ctx.before("weekday_before", m.start()) or ctx.lex.shapes["weekday_week"].match(ctx.text, m.end()):
        return True  # "vào thứ hai", "thứ năm tuần trước"
    date_follows = ctx.lex.shapes["weekday_tail"].match(ctx.text, m.end())
    return bool(raw[0].isdigit() and "/" not in raw and date_follows)


def _with_rank_total(ctx: _Context, reading: _Reading) -> _Reading:
    """"thứ 5 trên 63", "hạng 12 trong số 34": the field a place is taken in is the rank's total."""
    m = ctx.lex.shapes["rank_total"].match(ctx.text, reading.end)
    if m is not None and (total := parse_digits(m.group("total"))) is not None and total >= reading.value:
        reading.total = total
        reading.end = m.end()
    return reading


def _more_ranks(ctx: _Context, pos: int) -> list[_Reading]:
    out = []
    while (m := ctx.lex.shapes["rank_more"].match(ctx.text, pos)) is not None:
        value = parse_digits(m.group("num"))
        if value is None:
            break
        out.append(
            _Reading(m.start("num"), m.end(), "rank", value, "quantities:rank_list", priority=_PRIORITY_FIXED)
        )
        pos = m.end()
    return out


def _multiplier_words(ctx: _Context) -> list[_Reading]:
    out = []
    for m in ctx.lex.multiplier_word_re.finditer(ctx.text):
        value = ctx.lex.multiplier_words.get(norm_key(" ".join(m.group(0).split())))
        if value is not None:
            out.append(_Reading(m.start(), m.end(), "multiplier", value, "quantities:multiplier_word",
                                priority=_PRIORITY_FIXED))
    return out
