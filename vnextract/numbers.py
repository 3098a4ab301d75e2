"""Vietnamese numbers: digits with "." thousands and "," decimals, scale words, spelled-out numbers.

The words live in ``patterns/quantities/numbers.yaml``; this module holds the arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

import regex
from pydantic import ConfigDict, Field

from vnextract.patterns import PatternEntry, PatternFile, load, norm_key

Role = Literal["digit", "ten", "tens", "hundred", "zero", "scale", "half", "half_alone"]


class NumberWordEntry(PatternEntry):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    words: list[str]
    role: Role
    value: float
    starts: bool = True
    # Syllables after the word that make it another word ("tỷ lệ").
    not_before: list[str] = Field(default_factory=list)


class NumberWordsFile(PatternFile):
    entries: list[NumberWordEntry]


@dataclass(frozen=True, slots=True)
class NumberWord:
    role: Role
    value: float
    starts: bool
    not_before: frozenset[str] = frozenset()


@cache
def number_words() -> dict[str, NumberWord]:
    """Every number word (normalized, lower case) with its role and value."""
    table: dict[str, NumberWord] = {}
    for entry in load("quantities/numbers.yaml", NumberWordsFile).entries:
        for word in entry.words:
            table[norm_key(word)] = NumberWord(
                entry.role, entry.value, entry.starts, frozenset(norm_key(w) for w in entry.not_before)
            )
    return table


@cache
def scale_words() -> dict[str, float]:
    return {w: nw.value for w, nw in number_words().items() if nw.role == "scale"}


# Vietnamese grouping: 1-3 digits then groups of exactly three after each ".".
_DOT_GROUPED = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA_GROUPED = regex.compile(r"\d{1,3}(?:,\d{3})+")
_PLAIN = regex.compile(r"\d+(?:,\d+)?")
_MAX_DIGITS = 18


@lru_cache(maxsize=8192)  # a pure function of a short string, asked again and again ("2024", "10")
def parse_digits(raw: str, *, comma_thousands: bool = False) -> float | None:
    """The value of a written number, or None when it is not a well-formed Vietnamese number.

    "318.064" -> 318064, "10,41" -> 10.41, "1.250.000" -> 1250000, "3.942,6" -> 3942.6. With
    ``comma_thousands`` a comma followed by groups of exactly three digits is a thousands separator
    ("3,490 lượt xem" in scraped page metadata). "2.0" and "4.0" are versions/names, not numbers: None.
    """
    raw = raw.lstrip("±")
    if sum(c.isdigit() for c in raw) > _MAX_DIGITS:
        return None  # an identifier (account, serial number), not an amount
    if comma_thousands and _COMMA_GROUPED.fullmatch(raw):
        return float(raw.replace(",", ""))
    if "." in raw:
        if not _DOT_GROUPED.fullmatch(raw):
            return None
        raw = raw.replace(".", "")
    elif not _PLAIN.fullmatch(raw):
        return None
    return float(raw.replace(",", "."))


@lru_cache(maxsize=8192)
def could_be_comma_thousands(raw: str) -> bool:
    """True for "3,490" or "1,250,000": the comma may be a thousands separator (mixed conventions)."""
    raw = raw.lstrip("±")
    return bool(_COMMA_GROUPED.fullmatch(raw)) and not raw.startswith("0")


def parse_words(words: list[str]) -> float | None:
    """The value of a spelled-out number ("hai mươi lăm" -> 25, "một trăm linh năm" -> 105,
    "ba triệu" -> 3e6, "hai triệu rưỡi" -> 2.5e6, "một nửa" -> 0.5); None if it is not one."""
    table = number_words()
    if not words:
        return None
    first = table.get(norm_key(words[0]))
    if first is None:
        return None
    if not first.starts:
        # "năm" alone is "year", but "năm mươi" (50) and "năm trăm" (500) can only be numbers.
        second = table.get(norm_key(words[1])) if len(words) > 1 else None
        if first.role != "digit" or second is None or second.role not in ("tens", "hundred", "scale"):
            return None
    total = 0.0  # completed groups (thousands and above)
    group = 0.0  # current group below the next scale word
    pending = 0.0  # a digit waiting for "mươi" / "trăm" / a scale
    last_unit = 1.0  # what "rưỡi" halves
    seen_tens = False
    for w in words:
        nw = table.get(norm_key(w))
        if nw is None:
            return None
        if nw.role == "digit":
            if pending:
                return None  # two digits in a row: "hai ba" is not one number
            pending = nw.value
        elif nw.role == "ten":
            group += 10
            seen_tens = True
            last_unit = 10
        elif nw.role == "tens":
            if not pending or seen_tens:
                return None
            group += pending * 10
            pending = 0
            seen_tens = True
            last_unit = 10
        elif nw.role == "hundred":
            group += (pending or 1) * 100
            pending = 0
            seen_tens = False
            last_unit = 100
        elif nw.role == "zero":
            seen_tens = True
        elif nw.role == "scale":
            value = group + pending
            if value == 0 and total:
                total *= nw.value  # "nghìn tỷ": a scale on a scale
                last_unit *= nw.value  # "hai nghìn tỷ rưỡi" halves a thousand billion
            else:
                total += (value or 1) * nw.value
                last_unit = nw.value
            group = pending = 0
            seen_tens = False
        elif nw.role == "half":
            if pending:
                group += pending
                pending = 0
            total += last_unit / 2 if (total or group) else 0.5
            last_unit = 0
        elif nw.role == "half_alone":
            if pending not in (0, 1) or group or total:
                return None
            pending = 0
            group = nw.value
    return total + group + pending
