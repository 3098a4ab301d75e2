"""The indicator linker's word lists (patterns/indicators/*.yaml), validated and compiled once."""

from __future__ import annotations

import bisect
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
    model_config = ConfigDict(extra="forbid", defer_build=True)
    role: Role
    phrases: list[str]
    # Words that, right after a phrase, make it part of another word ("tăng trưởng" is growth, not a change).
    not_followed_by: list[str] = Field(default_factory=list)


class LexiconFile(PatternFile):
    entries: list[LexiconEntry]


class SelectionEntry(PatternEntry):
    model_config = ConfigDict(extra="forbid", defer_build=True)
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
    """The first words of the role's phrases (casefolded)."""
    return tuple(sorted({p.split(" ", 1)[0].casefold() for p in phrases(role)}))


class Occurrences:
    """Where the phrases of each role may start in one text: the places of their first words.

    A word-list match starts where one of its phrases' first words does, so a scan only needs to try
    those places, and most windows have none. The places are found once per text and role
    (``str.find`` on the casefolded text); each look-up is a bisection. Casefolding agrees with the
    patterns' case-insensitive matching on every letter of the lexicon; a text whose casefolding
    changes its length ('İ' folds to two characters) is scanned as usual.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        folded = text.casefold()
        self._folded = folded if len(folded) == len(text) else None
        self._starts: dict[Role, list[int]] = {}

    def _places(self, role: Role) -> list[int]:
        starts = self._starts.get(role)
        if starts is None:
            folded = self._folded or ""
            found = set()
            for w in _first_words(role):
                k = folded.find(w)
                while k != -1:
                    found.add(k)
                    k = folded.find(w, k + 1)
            starts = self._starts[role] = sorted(found)
        return starts

    def may_occur(self, role: Role, start: int, end: int) -> bool:
        """Can a phrase of the role occur in ``text[start:end]`` (or in a string made of its pieces)?"""
        if self._folded is None:
            return True
        starts = self._places(role)
        k = bisect.bisect_left(starts, start)
        return k < len(starts) and starts[k] < end

    def find_all(self, role: Role, start: int, end: int, window: str | None = None) -> list[regex.Match[str]]:
        """What ``word_pattern(role).finditer`` finds in ``text[start:end]`` (positions in the text), or in
        ``window``: a string as long as that range that stands for it (a slice or a masked copy;
        positions in the window). Only the places of the role's first words are tried."""
        pattern = word_pattern(role)
        if self._folded is None:
            found = pattern.finditer(self.text, start, end) if window is None else pattern.finditer(window)
            return list(found)
        starts = self._places(role)
        out: list[regex.Match[str]] = []
        free = start  # a match never starts inside the one before it
        for k in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
            p = starts[k]
            if p < free:
                continue
            m = pattern.match(self.text, p, end) if window is None else pattern.match(window, p - start)
            if m is not None:
                out.append(m)
                free = m.end() if window is None else start + m.end()
        return out

    def find(self, role: Role, start: int, end: int, window: str | None = None) -> regex.Match[str] | None:
        """What ``word_pattern(role).search`` finds, like ``find_all``."""
        pattern = word_pattern(role)
        if self._folded is None:
            return pattern.search(self.text, start, end) if window is None else pattern.search(window)
        starts = self._places(role)
        for k in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
            p = starts[k]
            m = pattern.match(self.text, p, end) if window is None else pattern.match(window, p - start)
            if m is not None:
                return m
        return None


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


def _union(roles: tuple[Role, ...]) -> tuple[str, ...]:
    return tuple(sorted({p for r in roles for p in phrases(r)}, key=len, reverse=True))


@cache
def suffix_union(roles: tuple[Role, ...]) -> regex.Pattern[str]:
    """A phrase of any of the roles at the end of a string: one search that rules all of them out."""
    return _suffix_regex(_union(roles))


@cache
def _first_role(roles: tuple[Role, ...]) -> dict[str, Role]:
    found: dict[str, Role] = {}
    for role in roles:
        for p in phrases(role):
            found.setdefault(p, role)
    return found


def union_role(roles: tuple[Role, ...], m: regex.Match[str]) -> Role | None:
    """The first of ``roles`` that holds the phrase a ``suffix_union`` match found (its longest), or None
    when the matched text does not read back as a phrase (a case only casefolding equates)."""
    return _first_role(roles).get(" ".join(m.group().split()).lower())


@cache
def prefix_union(roles: tuple[Role, ...]) -> regex.Pattern[str]:
    """A phrase of any of the roles where matching starts, without the roles' not-followed-by words:
    one match that rules all of them out (it may hold where none of them does)."""
    return regex.compile(rf"\s*(?:{_alternation(_union(roles))})(?!\w)", regex.IGNORECASE)


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
