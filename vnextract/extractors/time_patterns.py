"""The time layer's data: vocabulary, forms, affixes and datelines from patterns/times/, compiled once.

A form's regex names its vocabulary as {NAME}; ``expand`` replaces each name with its regex or
with the alternation of its words. Every compiled pattern is cached for the process.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

import regex
from pydantic import ConfigDict, Field

from vnextract.patterns import PatternEntry, PatternError, PatternFile, load, norm_key

FLAGS = regex.IGNORECASE | regex.VERSION0
_PLACEHOLDER = regex.compile(r"(?<!\\[pP])\{([A-Z_]+)\}")
# Forms match whole words and whole numbers.
_LEFT_EDGE = r"(?<![\p{L}\p{N}_])"
_RIGHT_EDGE = r"(?![\p{L}\p{N}_])"


class VocabEntry(PatternEntry):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    description: str | None = None
    regex: str | None = None
    words: list[str] = Field(default_factory=list)
    values: dict[str, int | str] = Field(default_factory=dict)
    case_sensitive: list[str] = Field(default_factory=list)


class VocabFile(PatternFile):
    entries: list[VocabEntry]


Resolver = Literal[
    "day",
    "day_range",
    "month",
    "month_range",
    "month_relative",
    "quarter",
    "quarter_relative",
    "running",
    "half",
    "year",
    "year_relative",
    "year_range",
    "part_bare",
    "week_relative",
    "day_relative",
    "weekday_relative",
    "school_year_relative",
    "tod_relative",
    "present",
    "clock",
]


class FormEntry(PatternEntry):
    """One shape of time expression: a regex with named groups and the resolver that reads them."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    description: str | None = None
    regex: str
    resolver: Resolver
    priority: int = 0
    params: dict[str, int | str | bool] = Field(default_factory=dict)
    # A cheap regex every match needs near its start ("\\d[/-]" for a d/m date). When set, the form is
    # tried only at positions from ``anchor_before`` characters before an anchor to ``anchor_after``
    # after it, instead of at every position of the text (the forms with long optional prefixes are the
    # slow ones). The window must hold every possible match start: it may be wider, never narrower.
    # A list is several anchors, any of which a match has: plain words are found much faster one by
    # one than as an alternation.
    anchor: str | list[str] | None = None
    anchor_before: int = 0
    anchor_after: int = 0


class FormsFile(PatternFile):
    entries: list[FormEntry]


class AffixEntry(PatternEntry):
    """Words written around a time expression: a modifier, a part, a range connector, a span word."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    description: str | None = None
    role: Literal[
        "modifier",
        "part",
        "span",
        "clause_since",
        "range_start",
        "range_connector",
        "coordinator",
        "clock_gap",
        "running_echo_block",
        "running_cue",
        "running_cue_after",
    ]
    value: str | None = None
    grain: str | None = None
    words: list[str] = Field(default_factory=list)
    regex: str | None = None
    not_after: list[str] = Field(default_factory=list)


class AffixFile(PatternFile):
    entries: list[AffixEntry]


class DatelineEntry(PatternEntry):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    description: str | None = None
    regex: str


class DatelineFile(PatternFile):
    entries: list[DatelineEntry]


def _alternation(words: list[str], case_sensitive: bool = False) -> str:
    alts = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    body = "|".join(regex.escape(w).replace(r"\ ", " ") for w in alts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


@cache
def vocabulary() -> dict[str, VocabEntry]:
    return {e.id: e for e in load("times/vocabulary.yaml", VocabFile).entries}


def vocab_regex(entry: VocabEntry) -> str:
    if entry.regex is not None:
        return f"(?:{entry.regex})"
    sensitive = {w.lower() for w in entry.case_sensitive}
    free = [w for w in [*entry.words, *entry.values] if w.lower() not in sensitive]
    parts = []
    if free:
        parts.append(_alternation(free))
    if entry.case_sensitive:
        parts.append(_alternation(entry.case_sensitive, case_sensitive=True))
    return "(?:" + "|".join(parts) + ")"


def expand(pattern: str, where: str) -> str:
    vocab = vocabulary()

    def sub(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name not in vocab:
            raise PatternError(f"{where}: unknown vocabulary name {{{name}}}")
        return vocab_regex(vocab[name])

    return _PLACEHOLDER.sub(sub, pattern)


@cache
def lookup_table(vocab_id: str) -> dict[str, int | str]:
    return {norm_key(k): v for k, v in vocabulary()[vocab_id].values.items()}


def lookup(vocab_id: str, word: str | None) -> int | str | None:
    if word is None:
        return None
    return lookup_table(vocab_id).get(norm_key(word))


@cache
def word_set(vocab_id: str) -> frozenset[str]:
    entry = vocabulary()[vocab_id]
    return frozenset(norm_key(w) for w in [*entry.words, *entry.values, *entry.case_sensitive])


def in_vocab(vocab_id: str, word: str | None) -> bool:
    return word is not None and norm_key(word) in word_set(vocab_id)


@cache
def compiled_forms() -> list[tuple[FormEntry, regex.Pattern[str]]]:
    out = []
    for entry in load("times/forms.yaml", FormsFile).entries:
        body = expand(entry.regex, f"times/forms.yaml ({entry.id})")
        try:
            out.append((entry, regex.compile(_LEFT_EDGE + "(?:" + body + ")" + _RIGHT_EDGE, FLAGS)))
        except regex.error as e:
            raise PatternError(f"times/forms.yaml ({entry.id}): bad regex: {e}") from e
    return out


@cache
def word_edge() -> regex.Pattern[str]:
    """The positions where a form may start (its left edge), to try anchored forms only there."""
    return regex.compile(_LEFT_EDGE, FLAGS)


@cache
def compiled_anchors() -> dict[str, list[regex.Pattern[str]]]:
    """The anchor regexes of each form that has an anchor, by form id."""
    out = {}
    for entry, _ in compiled_forms():
        if entry.anchor is None:
            continue
        out[entry.id] = []
        for anchor in [entry.anchor] if isinstance(entry.anchor, str) else entry.anchor:
            body = expand(anchor, f"times/forms.yaml ({entry.id}) anchor")
            try:
                out[entry.id].append(regex.compile(body, FLAGS))
            except regex.error as e:
                raise PatternError(f"times/forms.yaml ({entry.id}): bad anchor regex: {e}") from e
    return out


@cache
def affixes() -> list[AffixEntry]:
    return load("times/affixes.yaml", AffixFile).entries


@cache
def suffix_matcher(role: str) -> tuple[list[AffixEntry], regex.Pattern[str], int | None]:
    """The affixes of a role and one regex that matches any of them at the END of a window (just before
    a time): group ``a<i>`` is affix i. A search finds the earliest start, and at that start the first
    affix in file order. Also the reach: the most characters a match can cover (the longest word and a
    space), None when an affix is a regex. A match ends at the window's end: it starts within its reach."""
    entries = [e for e in affixes() if e.role == role]
    alternatives = []
    for i, e in enumerate(entries):
        body = expand(e.regex, f"times/affixes.yaml ({e.id})") if e.regex else _alternation(e.words)
        guard = ""
        if e.not_after:
            guard = "(?<!" + "|".join(regex.escape(w) + " " for w in e.not_after) + ")"
        alternatives.append(f"(?P<a{i}>{_LEFT_EDGE}{guard}(?:{body}) ?\\Z)")
    reaches = [None if e.regex else max((len(w) for w in e.words), default=0) + 1 for e in entries]
    reach = None if None in reaches else max(reaches, default=0)
    return entries, regex.compile("|".join(alternatives), FLAGS), reach  # type: ignore[arg-type]


@cache
def gap_matcher(role: str) -> regex.Pattern[str]:
    """The whole text between two times must match this (connectors, coordinators, clock gaps)."""
    bodies = []
    for e in affixes():
        if e.role == role:
            where = f"times/affixes.yaml ({e.id})"
            bodies.append(expand(e.regex, where) if e.regex else _alternation(e.words))
    if not bodies:
        raise PatternError(f"times/affixes.yaml: no entry with role {role}")
    return regex.compile("(?:" + "|".join(bodies) + ")", FLAGS)


@cache
def dateline_patterns() -> dict[str, regex.Pattern[str]]:
    return {
        e.id: regex.compile(expand(e.regex, f"times/datelines.yaml ({e.id})"), FLAGS)
        for e in load("times/datelines.yaml", DatelineFile).entries
    }
