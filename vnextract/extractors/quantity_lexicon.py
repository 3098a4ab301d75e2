"""The quantity layer's data: pattern-file schemas and the regexes compiled from them (once per process)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import regex
from pydantic import ConfigDict, Field

from vnextract.numbers import number_words
from vnextract.patterns import PatternEntry, PatternFile, load, norm_key

QuantityUnitKind = Literal["percent", "money", "measure", "duration", "multiplier"]
ApproxValue = Literal["more_than", "about", "less_than", "nearly", "at_least", "at_most"]
ContextRole = Literal[
    "name_before",
    "phone_before",
    "time_before",
    "not_counted",
    "classifier",
    "compound_noun",
    "address_noun",
    "list_noun",
    "not_counted_spelled",
    "not_counted_tag",
    "fraction_before",
    "weekday_before",
    "rank_trigger",
    "rank_continuation",
    "rank_direct",
    "ordinal_lead",
    "repeat_noun",
    "multiplier_lead",
    "multiplier_cue",
    "multiplier_cue_after",
    "multiplier_word",
    "range_start",
    "range_link",
    "per_marker",
    "per_phrase",
    "fraction_word",
    "whole_marker",
    "stage_before",
]


class UnitEntry(PatternEntry):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    kind: QuantityUnitKind
    forms: list[str]
    unit: str | None = None
    glued: bool = False
    not_before: list[str] = Field(default_factory=list)
    drop_when_not_unit: bool = False
    digits_after_mean_time: bool = False


class UnitsFile(PatternFile):
    entries: list[UnitEntry]


class QualifierEntry(PatternEntry):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    approx: ApproxValue
    forms: list[str]
    not_after: list[str] = Field(default_factory=list)
    unless_followed_by: list[str] = Field(default_factory=list)
    # "trên 1 ha" is "per hectare", not "more than one hectare": one unit of something is a denominator.
    not_before_one: bool = False
    # ... unless the word before the qualifier states an amount: "dài trên 1 km" is more than one km.
    amount_words: list[str] = Field(default_factory=list)


class QualifiersFile(PatternFile):
    entries: list[QualifierEntry]


class ContextEntry(PatternEntry):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    role: ContextRole
    forms: list[str]
    value: float | None = None
    unless_after: list[str] = Field(default_factory=list)


class ContextFile(PatternFile):
    entries: list[ContextEntry]


class ShapeEntry(PatternEntry):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    regex: str


class ShapesFile(PatternFile):
    entries: list[ShapeEntry]


@dataclass(frozen=True, slots=True)
class UnitInfo:
    entry_id: str
    kind: QuantityUnitKind
    unit: str | None
    glued: bool
    not_before: frozenset[str]
    drop_when_not_unit: bool
    digits_after_mean_time: bool


@dataclass(frozen=True, slots=True)
class QualifierInfo:
    approx: ApproxValue
    not_after: frozenset[str]
    unless_followed_by: tuple[str, ...]
    not_before_one: bool = False
    amount_words: frozenset[str] = frozenset()


def _alternation(forms: list[str]) -> str:
    """Forms as one regex alternation, longest first; spaces inside a form match any white space.

    A form in lower case matches any case ("Hơn", "hơn"); others match as written ("MW").
    """
    parts = []
    for form in sorted(set(forms), key=len, reverse=True):
        body = r"\s+".join(regex.escape(piece) for piece in form.split())
        parts.append(f"(?i:{body})" if form == form.lower() else body)
    return "|".join(parts) if parts else r"(?!)"


def _word_alternation(words: list[str]) -> str:
    """Lower-case words (runs of letters) as one case-insensitive alternation factored by characters.

    A word is always followed by a space or a non-letter in the shapes that use it ("{words}"), so
    at most one word can match at a place, whatever the order: factoring changes no match, and the
    regex module then tests one character per place instead of every word (a quarter faster).
    """
    if not all(_LETTERS.fullmatch(w) and w == w.lower() for w in words):
        return _alternation(words)
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = ["" if ch == "" else regex.escape(ch) + emit(child) for ch, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return f"(?i:{emit(trie)})" if words else r"(?!)"


_LETTERS = regex.compile(r"\p{L}+")


def _norm_forms(forms: list[str]) -> list[str]:
    return [norm_key(f) if f == f.lower() else f for f in forms]


@dataclass(frozen=True)
class EndAnchored:
    """A pattern whose every match ends where the searched window ends (it ends in ``\\Z``).

    A forward search tries every start in the window; the reverse-mode twin tries only the one place
    where a match can end, so it tells cheaply whether there is a match at all. Most searches find
    none; the others run the forward search, whose match is the one the rules were written for.
    """

    forward: regex.Pattern[str]
    reverse: regex.Pattern[str]

    @classmethod
    def compile(cls, pattern: str) -> EndAnchored:
        return cls(regex.compile(pattern), regex.compile(pattern, flags=regex.REVERSE))

    def search(self, text: str, pos: int, endpos: int) -> Any:
        """= ``forward.search(text, pos, endpos)``."""
        if self.reverse.match(text, pos, endpos) is None:
            return None
        return self.forward.search(text, pos, endpos)


_WORDS_ONLY = regex.compile(r"\p{L}+(?:\s+\p{L}+)*")


@dataclass(frozen=True)
class FormsBefore:
    """ "One of these forms just before here": the end-anchored pattern, and the last words of the
    forms, case-folded.

    A form made of words ends with a whole run of letters (its start is not inside a word, and its
    pieces are split by spaces), so a form can end before a position only if the run of letters
    and digits there is one of ``last_words``: letters that match case-insensitively fold to the
    same letter (the caller compares words whose case-folding keeps their length, see last_key).
    For such forms the reverse-mode match is also the forward search's match: every form that
    matches there covers whole words before the position, so the longer the form, the earlier it
    starts, and the alternation tries the longest forms first, as a forward search finds the
    earliest start.
    """

    pattern: EndAnchored
    last_words: frozenset[str] | None  # None when some form is not made of words: no shortcut

    @classmethod
    def compile(cls, forms: list[str]) -> FormsBefore:
        pattern = EndAnchored.compile(rf"(?<![\p{{L}}\p{{N}}])(?P<form>{_alternation(forms)})\s*\Z")
        # single spaces: the alternation's order by length is the order by number of characters matched
        if not all(_WORDS_ONLY.fullmatch(f) and f == " ".join(f.split()) for f in forms):
            return cls(pattern, None)
        last = [f.split()[-1] for f in forms]
        if any(len(w.casefold()) != len(w) for w in last):
            return cls(pattern, None)  # a letter that folds to several: compare through the regex only
        return cls(pattern, frozenset(w.casefold() for w in last))

    def search(self, text: str, pos: int, endpos: int) -> Any:
        """= ``pattern.forward.search(text, pos, endpos)`` (callers first test ``last_words``)."""
        if self.last_words is None:
            return self.pattern.search(text, pos, endpos)
        return self.pattern.reverse.match(text, pos, endpos)


@dataclass(frozen=True)
class Lexicon:
    units: dict[str, UnitInfo]  # form key -> unit
    unit_re: regex.Pattern[str]
    qualifiers: dict[str, QualifierInfo]
    qualifier_re: FormsBefore
    before: dict[str, FormsBefore]  # role -> "one of these forms just before here"
    unless_after: dict[str, frozenset[str]]  # role -> words that undo the role's forms
    words: dict[str, frozenset[str]]  # role -> forms (normalized, lower case)
    forms: dict[str, frozenset[str]]  # role -> forms exactly as written (POS tags)
    multiplier_words: dict[str, float]
    multiplier_word_re: regex.Pattern[str]
    scale_re: regex.Pattern[str]
    scale_not_before: dict[str, frozenset[str]]
    link_re: regex.Pattern[str]
    fraction_re: regex.Pattern[str]
    shapes: dict[str, regex.Pattern[str]]
    ending: dict[str, EndAnchored]  # the shapes that end in \Z ("word_before", "sentence_edge"...)

    def unit_for(self, matched: str) -> UnitInfo | None:
        key = " ".join(matched.split())
        return self.units.get(key) or self.units.get(norm_key(key))

    def qualifier_for(self, matched: str) -> QualifierInfo | None:
        return self.qualifiers.get(norm_key(" ".join(matched.split())))


@cache
def lexicon() -> Lexicon:
    units_file = load("quantities/units.yaml", UnitsFile)
    quals_file = load("quantities/qualifiers.yaml", QualifiersFile)
    ctx_file = load("quantities/context.yaml", ContextFile)
    shapes_file = load("quantities/shapes.yaml", ShapesFile)

    units: dict[str, UnitInfo] = {}
    unit_forms: list[str] = []
    for u in units_file.entries:
        info = UnitInfo(u.id, u.kind, u.unit, u.glued, frozenset(norm_key(w) for w in u.not_before),
                        u.drop_when_not_unit, u.digits_after_mean_time)
        for form in _norm_forms(u.forms):
            units[form] = info
            unit_forms.append(form)
    unit_re = regex.compile(rf"(?P<space>\s*)(?P<form>{_alternation(unit_forms)})(?![\p{{L}}\p{{N}}])")

    qualifiers: dict[str, QualifierInfo] = {}
    qual_forms: list[str] = []
    for q in quals_file.entries:
        info_q = QualifierInfo(q.approx, frozenset(norm_key(w) for w in q.not_after),
                               tuple(norm_key(w) for w in q.unless_followed_by), q.not_before_one,
                               frozenset(norm_key(w) for w in q.amount_words))
        for form in q.forms:
            qualifiers[norm_key(form)] = info_q
            qual_forms.append(norm_key(form))
    qualifier_re = FormsBefore.compile(qual_forms)

    by_role: dict[str, list[str]] = {}
    unless: dict[str, set[str]] = {}
    multiplier_words: dict[str, float] = {}
    for c in ctx_file.entries:
        forms = _norm_forms(c.forms)
        by_role.setdefault(c.role, []).extend(forms)
        unless.setdefault(c.role, set()).update(norm_key(w) for w in c.unless_after)
        if c.role == "multiplier_word" and c.value is not None:
            for f in forms:
                multiplier_words[norm_key(f)] = c.value
    before = {role: FormsBefore.compile(forms) for role, forms in by_role.items()}
    words = {role: frozenset(norm_key(f) for f in forms) for role, forms in by_role.items()}

    nw = number_words()
    scales = sorted(w for w, v in nw.items() if v.role == "scale")
    scale_re = regex.compile(rf"\s+(?P<scale>{_alternation(scales)})(?![\p{{L}}\p{{N}}])")
    scale_not_before = {w: nw[w].not_before for w in scales}

    links = by_role.get("range_link", [])
    dashes = [f for f in links if not f[0].isalpha()]
    wordy = [f for f in links if f[0].isalpha()]
    # A range never spans a line break: "2021\n- 2022" is a list item, not "2021-2022".
    link_re = regex.compile(
        rf"(?:[^\S\n]*(?:{_alternation(dashes)})[^\S\n]*|[^\S\n]+(?:{_alternation(wordy)})[^\S\n]+)(?=[±\d\p{{L}}])"
    )
    fraction_re = regex.compile(rf"\s+(?:{_alternation(by_role.get('fraction_word', []))})\s+")

    word_alt = _word_alternation(sorted(nw))
    fill = {
        "{words}": word_alt,
        "{lead}": "",
        "{markers}": _alternation(by_role.get("per_marker", [])),
        "{phrases}": _alternation(by_role.get("per_phrase", [])),
        "{list_nouns}": _alternation(by_role.get("list_noun", [])),
    }
    shapes: dict[str, regex.Pattern[str]] = {}
    for s in shapes_file.entries:
        pattern = s.regex
        lead_role = {"ordinal": "ordinal_lead", "repeat_ordinal": "repeat_noun"}.get(s.id)
        for key, value in fill.items():
            if key == "{lead}" and lead_role:
                value = _alternation(by_role.get(lead_role, []))
            pattern = pattern.replace(key, value)
        shapes[s.id] = regex.compile(pattern)

    return Lexicon(
        units=units,
        unit_re=unit_re,
        qualifiers=qualifiers,
        qualifier_re=qualifier_re,
        before=before,
        unless_after={k: frozenset(v) for k, v in unless.items()},
        words=words,
        forms={role: frozenset(fs) for role, fs in by_role.items()},
        multiplier_words=multiplier_words,
        multiplier_word_re=regex.compile(
            rf"(?<![\p{{L}}\p{{N}}])(?:{_alternation(list(multiplier_words))})(?![\p{{L}}\p{{N}}])"
        ),
        scale_re=scale_re,
        scale_not_before=scale_not_before,
        link_re=link_re,
        fraction_re=fraction_re,
        shapes=shapes,
        ending={k: EndAnchored.compile(p.pattern) for k, p in shapes.items() if p.pattern.endswith(r"\Z")},
    )
