"""Entity gazetteers: the data in patterns/entities/ and underthesea's province list, compiled once.

Every name the entity layer knows by heart is matched through one token trie over the normalized
text, built once (longest alias first, case folded); a match is then checked against the alias's case rule:
abbreviations and short names must keep their case ("EVN", "Hà Nội", or all capitals in a
dateline), long names may differ in case ("Cổng dịch vụ công quốc gia").
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import regex
from pydantic import ConfigDict, Field

from vnextract import patterns
from vnextract.patterns import PatternEntry, PatternFile, norm_key
from vnextract.text import normalize_text, normalize_word

GAZETTEER_FILES = (
    "entities/agencies.yaml",
    "entities/companies.yaml",
    "entities/systems.yaml",
    "entities/places.yaml",
    "entities/documents.yaml",
)
SECTORS_FILE = "entities/sectors.yaml"
LEXICON_FILES = ("entities/offices.yaml", "entities/names.yaml", "entities/rules.yaml")

# Aliases with at least this many syllables may be matched in any case ("trục liên thông văn bản
# quốc gia"); shorter ones only as written or in capitals.
FOLD_MIN_SYLLABLES = 3
# ... and when they start in lower case, they must be long enough not to be a generic phrase.
FOLD_LOWER_MIN_SYLLABLES = 5

_DASH_RE = regex.compile(r"\s*[-–—]\s*")


# ---------------------------------------------------------------- schemas


class GazetteerEntry(PatternEntry):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    label: Literal["PERSON", "ORG", "LOC", "DOCUMENT", "SYSTEM"]
    canonical: str
    aliases: list[str] = Field(default_factory=list)
    abbreviations: list[str] = Field(default_factory=list)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    local: bool = False  # a locality may follow ("Cục Thống kê tỉnh", "Công an tỉnh Phú Thọ")
    suffix: str | None = None  # optional regex tail ("Quốc hội khóa XV")
    number: str | None = None  # DOCUMENT number implied by the name
    # words that make the same letters something else: "Chính phủ số" is a concept, "đồng Việt Nam" a currency
    not_followed_by: list[str] = Field(default_factory=list)
    not_preceded_by: list[str] = Field(default_factory=list)


class GazetteerFile(PatternFile):
    entries: list[GazetteerEntry]


class SectorEntry(PatternEntry):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    name: str
    aliases: list[str] = Field(default_factory=list)
    abbreviations: list[str] = Field(default_factory=list)
    heads: list[str]
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class SectorFile(PatternFile):
    entries: list[SectorEntry]


class LexiconEntry(PatternEntry):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    kind: str
    phrases: list[str] = Field(default_factory=list)
    pattern: str | None = None
    expansions: dict[str, str] = Field(default_factory=dict)


class LexiconFile(PatternFile):
    entries: list[LexiconEntry]


# ---------------------------------------------------------------- compiled gazetteer


@dataclass(frozen=True, slots=True)
class Name:
    """One known name: what a matched alias stands for."""

    entry_id: str
    label: str
    canonical: str
    alias: str
    exact_case: bool
    local: bool = False
    suffix: str | None = None
    number: str | None = None
    not_followed_by: tuple[str, ...] = ()
    not_preceded_by: tuple[str, ...] = ()


def context_ok(text: str, start: int, end: int, name: Name) -> bool:
    """Named validator: the words around a match do not turn it into something else."""
    after = text[end : end + 20]
    if any(
        after.startswith(" " + w) and not after[len(w) + 1 : len(w) + 2].isalpha()
        for w in name.not_followed_by
    ):
        return False
    before = text[max(0, start - 20) : start]
    return not any(before.endswith(w + " ") for w in name.not_preceded_by)


def alias_key(text: str) -> str:
    """Lookup key of an alias or a matched span: its tokens, lower-cased, dashes folded."""
    return " ".join(tokens_of(norm_key(text)))


def syllables(text: str) -> int:
    return len(text.split())


def case_ok(matched: str, name: Name) -> bool:
    """Named validator: does the matched text respect the alias's case rule?"""
    alias = name.alias
    if matched == alias or _DASH_RE.sub("-", matched) == _DASH_RE.sub("-", alias):
        return True
    if matched == matched.upper() and matched.upper() == alias.upper() and syllables(alias) >= 2:
        return True  # a dateline or headline in capitals: "NGHỆ AN"
    if name.exact_case or syllables(alias) < FOLD_MIN_SYLLABLES:
        return False
    return matched[:1].isupper() or syllables(alias) >= FOLD_LOWER_MIN_SYLLABLES


# Names are matched token by token through a trie: a token is a run of letters and digits or one
# other character, spaces between tokens do not count ("TP.HCM" = "TP. HCM"), dashes are one dash.
_WORD_CLASS = r"\p{L}\p{M}\p{N}"
_TOKEN = regex.compile(rf"[ \t]*(?:([{_WORD_CLASS}]+)|([^\s{_WORD_CLASS}]))")
_TOKEN_START = regex.compile(rf"[{_WORD_CLASS}]+|[^\s{_WORD_CLASS}]")
_FOLD_DASHES = str.maketrans({"–": "-", "—": "-"})
_NAMES = ""  # trie key under which a node keeps the names that end there (no token is empty)
_BEYOND_BMP = re.compile("[^\x00-\uffff]")


def _trie_key(token: str) -> str:
    """A token as the trie stores it: lower-cased, en and em dashes as '-'."""
    return token.lower().translate(_FOLD_DASHES)


def tokens_of(text: str) -> tuple[str, ...]:
    return tuple(_trie_key(m.group(1) or m.group(2)) for m in _TOKEN.finditer(text))


def folded(text: str) -> str | None:
    """The text lower-cased with dashes folded, offset for offset, so that every token's trie key is
    its own slice of it; None when that does not hold ("İ" lower-cases to two characters, "Σ"
    depends on its neighbours) or when a character lies beyond the Basic Multilingual Plane, which
    the stdlib-re scanner does not cover (those texts take the token-by-token path)."""
    if "\u0130" in text or "\u03a3" in text or _BEYOND_BMP.search(text):
        return None
    return text.lower().replace("–", "-").replace("—", "-")  # = translate(_FOLD_DASHES), much faster


# The regex module spends about a microsecond per token; the stdlib re scans a plain character trie
# several times faster. It has no \p{..} classes, so the regex module's own classes are spelled out
# for it, character ranges of the Basic Multilingual Plane: both modules then cut the same tokens.
@cache
def _bmp_class(pattern: str) -> str:
    """The characters of the BMP that ``pattern`` (a regex-module class) matches, as re class ranges."""
    plane = "".join(map(chr, range(0x10000)))
    ranges = []
    for m in regex.finditer(f"{pattern}+", plane):
        first, last = re.escape(plane[m.start()]), re.escape(plane[m.end() - 1])
        ranges.append(first if m.end() - m.start() == 1 else f"{first}-{last}")
    return "".join(ranges)


def char_trie_pattern(words: dict[str, str]) -> str:
    """One re alternation of ``words``, each followed by its own pattern, factored by characters
    (the stdlib re then tries one character class per position instead of every word)."""
    trie: dict = {}
    for word, after in words.items():
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[_NAMES] = after

    def emit(node: dict) -> str:
        alts = [node[_NAMES]] if _NAMES in node else []
        alts += [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch != _NAMES]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)


@dataclass(frozen=True)
class FoldedScanner:
    """stdlib-re patterns over a folded BMP text: where an alias may start, and its tokens."""

    # A token that is a whole alias's first key, or the first key of longer aliases only followed by
    # one of its second keys (most first keys, "các", "năm", "quốc", go no further): a superset of
    # where the trie walk finds a name, much smaller than every first key.
    starts: re.Pattern[str]
    token: re.Pattern[str]  # = _TOKEN

    @classmethod
    def build(cls, trie: dict) -> FoldedScanner:
        word, space = _bmp_class(f"[{_WORD_CLASS}]"), _bmp_class(r"\s")

        def is_word(key: str) -> bool:
            return regex.fullmatch(f"[{_WORD_CLASS}]+", key) is not None

        def then_second(node: dict) -> str:
            """Lookahead: one of the node's keys follows a word token (a second word needs a space)."""
            words = {k: "" for k in node if k != _NAMES and is_word(k)}
            puncts = [re.escape(k) for k in node if k != _NAMES and not is_word(k)]
            parts = [rf"[ \t]+{char_trie_pattern(words)}"] if words else []
            parts += [rf"[ \t]*(?:{'|'.join(puncts)})"] if puncts else []
            return f"(?={'|'.join(parts)})"

        firsts = [k for k in trie if k != _NAMES]
        whole = {k: "" for k in firsts if is_word(k) and _NAMES in trie[k]}
        inner = {k: then_second(trie[k]) for k in firsts if is_word(k) and _NAMES not in trie[k]}
        alts = [f"{char_trie_pattern(whole)}(?![{word}])"] if whole else []
        alts += [char_trie_pattern(inner)] if inner else []
        starts = [f"(?<![{word}])(?:{'|'.join(alts)})"] if alts else []
        starts += [re.escape(k) for k in firsts if not is_word(k)]  # one-character punctuation keys
        return cls(
            re.compile("|".join(starts) or "(?!)"),
            re.compile(rf"[ \t]*(?:([{word}]+)|([^{space}{word}]))"),
        )


@dataclass(frozen=True)
class Gazetteer:
    trie: dict
    names: dict[str, list[Name]]
    scanner: FoldedScanner

    def match_at(self, text: str, pos: int) -> tuple[int, list[Name]] | None:
        """The longest known name that starts at ``pos`` and passes its case rule: (end, names)."""
        return self._walk(text, text, pos, _TOKEN, _trie_key)

    def _match_folded(self, text: str, fold: str, pos: int) -> tuple[int, list[Name]] | None:
        """``match_at`` with the keys read off ``folded(text)`` by the stdlib-re tokenizer."""
        return self._walk(text, fold, pos, self.scanner.token, None)

    def _walk(
        self,
        text: str,
        source: str,
        pos: int,
        token: re.Pattern[str] | regex.Pattern[str],
        key: Callable[[str], str] | None,
    ) -> tuple[int, list[Name]] | None:
        """Walk the trie over ``source``'s tokens from ``pos`` (``key`` folds each token, if needed)."""
        node, p, hits = self.trie, pos, []
        while (m := token.match(source, p)) is not None:
            word = m.group(1) or m.group(2)
            node = node.get(key(word) if key else word)
            if node is None:
                break
            p = m.end()
            if _NAMES in node:
                hits.append((p, node[_NAMES]))
        return self._longest_valid(text, pos, hits)

    @staticmethod
    def _longest_valid(
        text: str, pos: int, hits: list[tuple[int, list[Name]]]
    ) -> tuple[int, list[Name]] | None:
        for end, names in reversed(hits):
            matched = text[pos:end]
            valid = [n for n in names if case_ok(matched, n)]
            if valid:
                return end, valid
        return None

    def scan(self, text: str) -> list[tuple[int, int, list[Name]]]:
        """Every known name in the text (they may overlap): (start, end, names)."""
        out = []
        fold = folded(text)
        if fold is None:
            root = self.trie
            for m in _TOKEN_START.finditer(text):
                if _trie_key(m.group()) in root:
                    hit = self.match_at(text, m.start())
                    if hit:
                        out.append((m.start(), hit[0], hit[1]))
            return out
        # one re scan finds where a name may start; the trie is walked from there only
        for m in self.scanner.starts.finditer(fold):
            hit = self._match_folded(text, fold, m.start())
            if hit:
                out.append((m.start(), hit[0], hit[1]))
        return out


@cache
def mapping_data() -> dict:
    """underthesea's administrative-unit data (63 provinces before July 2025, 34 after, districts)."""
    import underthesea

    path = Path(underthesea.__file__).parent / "address" / "data" / "mapping.json"
    with path.open(encoding="utf-8") as f:
        return json.load(f)


# the data writes some levels in title case ("Thị Xã Mường Lay"): match the level word in any case
_DISTRICT_PREFIX = regex.compile(r"^(?i:Huyện|Quận|Thị xã|Thành phố) ")
_WARD_PREFIX = regex.compile(r"^(?i:Xã|Phường|Thị trấn|Đặc khu) ")


@cache
def provinces() -> dict[str, str]:
    """Province short names (normalized) -> canonical short name, old and new."""
    data = mapping_data()
    out: dict[str, str] = {}
    for table in ("old_province_names", "province_names"):
        for item in data[table].values():
            short = normalize_text(item["short"])
            out[short] = short
    for entry in load_gazetteers_raw()[3].entries:  # places.yaml: extra province spellings
        for alias in entry.aliases:
            if entry.canonical in out:
                out[normalize_text(alias)] = entry.canonical
    return out


def _place_name(name: str) -> str:
    """A place name from underthesea's data, normalized like the text (cheaper than normalize_text)."""
    return " ".join(normalize_word(w) for w in name.split())


def warm_up() -> None:
    """Load and build every gazetteer now (first-call latency otherwise lands on the first text)."""
    gazetteer()
    districts()
    wards()


@cache
def districts() -> dict[str, str]:
    """District-level names before July 2025 (without "Huyện", "Quận"...), normalized."""
    out: dict[str, str] = {}
    for row in mapping_data()["ward_mapping"]:
        name = _place_name(_DISTRICT_PREFIX.sub("", row["old_district"]))
        out[name] = name
    return out


@cache
def wards() -> frozenset[str]:
    out: set[str] = set()
    for row in mapping_data()["ward_mapping"]:
        for key in ("old_ward", "new_ward"):
            out.add(_place_name(_WARD_PREFIX.sub("", row[key])))
    return frozenset(out)


@cache
def load_gazetteers_raw() -> tuple[GazetteerFile, ...]:
    return tuple(patterns.load(rel, GazetteerFile) for rel in GAZETTEER_FILES)


@cache
def lexicon() -> dict[str, LexiconEntry]:
    """Every word list and regex fragment of offices.yaml, names.yaml and rules.yaml, by id."""
    out: dict[str, LexiconEntry] = {}
    for rel in LEXICON_FILES:
        for entry in patterns.load(rel, LexiconFile).entries:
            out[entry.id] = entry
    return out


def phrases_of(kind: str) -> list[str]:
    """All phrases of the lexicon entries of one kind, normalized."""
    return [normalize_text(p) for e in lexicon().values() if e.kind == kind for p in e.phrases]


@cache
def fragment(name: str) -> str:
    """A regex fragment from rules.yaml with its {NAME} references expanded."""
    entry = lexicon()[name]
    if entry.pattern is None:
        raise patterns.PatternError(f"entities/rules.yaml: {name} has no pattern")
    return expand_fragments(entry.pattern)


_FRAGMENT_REF = regex.compile(r"(?<!\\[pP])\{([A-Z][A-Z_]+)\}")  # {NAME}, not \p{Lu}


def expand_fragments(pattern: str) -> str:
    """Replace each {NAME} in a pattern by the fragment of that id in rules.yaml."""
    return _FRAGMENT_REF.sub(lambda m: fragment(m.group(1)), pattern)


def all_names() -> list[Name]:
    """Every alias of every gazetteer entry, sector-built agency and province / district name."""
    names: list[Name] = []
    for file in load_gazetteers_raw():
        for e in file.entries:
            context = (
                tuple(normalize_text(w) for w in e.not_followed_by),
                tuple(normalize_text(w) for w in e.not_preceded_by),
            )
            for alias in e.aliases:
                names.append(
                    Name(
                        e.id,
                        e.label,
                        e.canonical,
                        normalize_text(alias),
                        False,
                        e.local,
                        e.suffix,
                        e.number,
                        *context,
                    )
                )
            for abbr in e.abbreviations:
                names.append(
                    Name(
                        e.id,
                        e.label,
                        e.canonical,
                        normalize_text(abbr),
                        True,
                        e.local,
                        e.suffix,
                        e.number,
                        *context,
                    )
                )
    for s in patterns.load(SECTORS_FILE, SectorFile).entries:
        for head in s.heads:
            canonical = f"{head} {s.name}"
            local = head == "Sở"
            for alias in [s.name, *s.aliases]:
                names.append(
                    Name(f"{s.id}:{head}", "ORG", canonical, normalize_text(f"{head} {alias}"), False, local)
                )
            for abbr in s.abbreviations:
                names.append(
                    Name(f"{s.id}:{head}", "ORG", canonical, normalize_text(f"{head} {abbr}"), True, local)
                )
    not_bare = {normalize_text(p) for p in lexicon()["not_bare_places"].phrases}
    for short, canonical in provinces().items():
        if short not in not_bare:
            names.append(Name("province", "LOC", canonical, short, True))
    known = {alias_key(n.alias) for n in names}
    for name, canonical in districts().items():
        if syllables(name) >= 2 and alias_key(name) not in known and name not in not_bare:
            names.append(Name("district", "LOC", canonical, name, True))
    return names


@cache
def gazetteer() -> Gazetteer:
    by_key: dict[str, list[Name]] = {}
    trie: dict = {}
    for n in all_names():
        by_key.setdefault(alias_key(n.alias), []).append(n)
        node = trie
        for token in tokens_of(n.alias):
            node = node.setdefault(token, {})
        node.setdefault(_NAMES, []).append(n)
    return Gazetteer(trie, by_key, FoldedScanner.build(trie))


def lookup(matched: str) -> list[Name]:
    """Known names whose alias the matched text spells, respecting each alias's case rule."""
    return [n for n in gazetteer().names.get(alias_key(matched), []) if case_ok(matched, n)]
