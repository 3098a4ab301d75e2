"""The indicator linker's word lists (patterns/indicators/*.yaml), validated and compiled once."""

from __future__ import annotations

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
