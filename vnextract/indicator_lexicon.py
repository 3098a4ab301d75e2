"""The indicator linker's word lists (patterns/indicators/*.yaml), validated and compiled once."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from functools import cache
from typing import Literal

import regex
from pydantic import ConfigDict, Field

from vnextract import patterns
from vnextract.patterns import PatternEntry, PatternFile, norm_key

Role = Literal[
    "link",
    "existential",
    "change_increase",
    "change_decrease",
    "overrun",
    "plan_baseline",
    "baseline_marker",
    "estimate",
    "target",
    "present",
    "present_opening",
    "framing",
    "scope",
    "clause_break",
    "to_level",
    "not_figure",
    "comparative_increase",
    "comparative_decrease",
    "speech",
    "change_adverb",
    "share",
    "preposition",
    "comparison_period",
    "growth_noun",
    "continuation",
    "from_level",
    "aspect",
    "comparative_level",
    "time_preposition",
    "bare_head",
    "scope_preposition",
    "list_intro",
    "target_opening",
    "post_qualifier",
    "status_verb",
    "accompaniment",
    "future",
    "anaphor",
    "adverbial",
    "respectively",
    "contrast",
    "national",
    "causative",
    "restatement",
    "verb_particle",
]


class LexiconEntry(PatternEntry):
    model_config = ConfigDict(extra="forbid")
    role: Role
    phrases: list[str]
    # Words that, right after a phrase, make it part of another word ("tăng trưởng" is growth, not a change).
    not_followed_by: list[str] = Field(default_factory=list)


class LexiconFile(PatternFile):
    entries: list[LexiconEntry]


class SelectionEntry(PatternEntry):
    model_config = ConfigDict(extra="forbid")
    kinds: list[str] = Field(default_factory=list)
    skip_before: list[str] = Field(default_factory=list)
    static_metric: list[str] = Field(default_factory=list)
    skip_units: list[str] = Field(default_factory=list)
    measured_duration: list[str] = Field(default_factory=list)
    rank_step_units: list[str] = Field(default_factory=list)
    # "xuống giống 231.460 ha": the dimension a unit measures, named when the clause only has a verb.
    unit_dimensions: dict[str, str] = Field(default_factory=dict)
    # "giá trị sản xuất trên 1 ha đất": words before a single unit that make it a denominator.
    per_unit_before: list[str] = Field(default_factory=list)


class SelectionFile(PatternFile):
    entries: list[SelectionEntry]


@cache
def phrases(role: Role) -> tuple[str, ...]:
    """The role's phrases, normalized and lower-cased, longest first."""
    found = {
        norm_key(p)
        for e in patterns.load("indicators/lexicon.yaml", LexiconFile).entries
        if e.role == role
        for p in e.phrases
    }
    return tuple(sorted(found, key=len, reverse=True))


def _alternation(items: tuple[str, ...]) -> str:
    # Phrases are data: escape them and let any run of white space match the single space between words.
    return "|".join(regex.escape(p).replace("\\ ", r"\s+") for p in items)


@cache
def _blockers(role: Role) -> str:
    found = {
        norm_key(w)
        for e in patterns.load("indicators/lexicon.yaml", LexiconFile).entries
        if e.role == role
        for w in e.not_followed_by
    }
    if not found:
        return ""
    return rf"(?!\s+(?:{_alternation(tuple(sorted(found, key=len, reverse=True)))})(?!\w))"


@cache
def word_pattern(role: Role) -> regex.Pattern[str]:
    """Any phrase of the role as whole words."""
    return regex.compile(
        rf"(?<!\w)(?:{_alternation(phrases(role))})(?!\w){_blockers(role)}", regex.IGNORECASE
    )


@cache
def _first_words(role: Role) -> tuple[str, ...]:
    """Words one of which every phrase of the role starts with (casefolded; none contains another)."""
    words = {p.split(" ", 1)[0].casefold() for p in phrases(role)}
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


class Occurrences:
    """Where the phrases of each role may start in one text: the places of their first words.

    A regex scan of a window without any of them cannot match, and most windows have none: the
    places are found once per text and role (``str.find`` on the casefolded text), then each test
    is a bisection. Casefolding agrees with the patterns' case-insensitive matching on every letter
    of the lexicon; a text it changes in length ('İ' folds to two characters) is never skipped.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        folded = text.casefold()
        self._folded = folded if len(folded) == len(text) else None
        self._starts: dict[Role, list[int]] = {}

    def may_occur(self, role: Role, start: int, end: int) -> bool:
        """Can a phrase of the role occur in ``text[start:end]`` (or in a string made of its pieces)?"""
        if self._folded is None:
            return True
        starts = self._starts.get(role)
        if starts is None:
            starts = self._starts[role] = self._find(role)
        k = bisect.bisect_left(starts, start)
        return k < len(starts) and starts[k] < end

    def _find(self, role: Role) -> list[int]:
        folded = self._folded or ""
        found = []
        for w in _first_words(role):
            k = folded.find(w)
            while k != -1:
                found.append(k)
                k = folded.find(w, k + 1)
        return sorted(found)

    def find_all(self, role: Role, start: int, end: int) -> Iterator[regex.Match[str]]:
        """``word_pattern(role).finditer(text, start, end)``, without the scan when no phrase can occur."""
        if not self.may_occur(role, start, end):
            return iter(())
        return word_pattern(role).finditer(self.text, start, end)

    def find(self, role: Role, start: int, end: int) -> regex.Match[str] | None:
        """``word_pattern(role).search(text, start, end)``, without the scan when no phrase can occur."""
        if not self.may_occur(role, start, end):
            return None
        return word_pattern(role).search(self.text, start, end)


def _suffix_regex(items: tuple[str, ...]) -> regex.Pattern[str]:
    """Any of ``items`` at the very end of a string (trailing spaces allowed), searched from the end.

    A forward search would try every start of a long left context; matching backwards from the end
    finds the same span (the phrases are longest first, and a longer suffix is always a longer phrase)
    at the cost of one attempt.
    """
    return regex.compile(rf"(?r)(?<!\w)(?:{_alternation(items)})\s*\Z", regex.IGNORECASE)


@cache
def suffix_pattern(role: Role) -> regex.Pattern[str]:
    """A phrase of the role at the very end of a string (trailing spaces allowed)."""
    return _suffix_regex(phrases(role))


@cache
def prefix_pattern(role: Role) -> regex.Pattern[str]:
    """A phrase of the role where matching starts (leading spaces allowed)."""
    # Use with ``.match(text, pos)``: the match is anchored at ``pos``.
    return regex.compile(rf"\s*(?:{_alternation(phrases(role))})(?!\w){_blockers(role)}", regex.IGNORECASE)


def alternation(role: Role) -> str:
    """The role's phrases as one regex alternation (no word-boundary checks), for combined scans."""
    return _alternation(phrases(role))


@cache
def _selection() -> SelectionFile:
    return patterns.load("indicators/selection.yaml", SelectionFile)


@cache
def skip_kinds() -> frozenset[str]:
    return frozenset(k for e in _selection().entries for k in e.kinds)


@cache
def skip_before_pattern() -> regex.Pattern[str]:
    items = tuple(
        sorted({norm_key(p) for e in _selection().entries for p in e.skip_before}, key=len, reverse=True)
    )
    return _suffix_regex(items)


@cache
def static_metric_pattern() -> regex.Pattern[str]:
    items = tuple(
        sorted({norm_key(p) for e in _selection().entries for p in e.static_metric}, key=len, reverse=True)
    )
    return regex.compile(rf"(?<!\w)(?:{_alternation(items)})(?!\w)", regex.IGNORECASE)


@cache
def skip_units() -> frozenset[str]:
    return frozenset(norm_key(u) for e in _selection().entries for u in e.skip_units)


@cache
def measured_duration_pattern() -> regex.Pattern[str]:
    items = tuple(
        sorted(
            {norm_key(p) for e in _selection().entries for p in e.measured_duration}, key=len, reverse=True
        )
    )
    return regex.compile(rf"(?<!\w)(?:{_alternation(items)})(?!\w)", regex.IGNORECASE)


@cache
def rank_step_units() -> frozenset[str]:
    return frozenset(norm_key(u) for e in _selection().entries for u in e.rank_step_units)


@cache
def unit_dimensions() -> dict[str, str]:
    return {norm_key(u): norm_key(d) for e in _selection().entries for u, d in e.unit_dimensions.items()}


@cache
def per_unit_before_pattern() -> regex.Pattern[str]:
    items = tuple(
        sorted({norm_key(p) for e in _selection().entries for p in e.per_unit_before}, key=len, reverse=True)
    )
    return _suffix_regex(items)
