"""Entities: people with their offices, agencies, places, legal documents, national systems.

Everything runs on characters of ``an.text`` (no tagger): one token trie of every known name
(gazetteer.py), a few rules that build names from a known head ("Sở ...", "UBND tỉnh ...",
"Quyết định số ..."), and person names found next to a cue (an office, an honorific, a rank).
Candidates of all rules are resolved together: the longest (outermost) name wins.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from vnextract import gazetteer as gz
from vnextract.context import Analysis, Candidate, Extracted, resolve_overlaps
from vnextract.records import Entity

NAME_PRIORITY = 20
PERSON_PRIORITY = 30  # a cued person name beats a place or district spelled the same ("Long Biên")
MAX_NAME_WORDS = 16  # a built name longer than this is a runaway walk, not a name
MAX_PERSON_SYLLABLES = 4
MAX_TAILS = 4  # horizon and year tails of one document name ("đến năm 2025, định hướng đến năm 2030")

# ---------------------------------------------------------------- compiled rules (built once)


def _alternation(phrases: list[str]) -> str:
    return "|".join(regex.escape(p).replace(r"\ ", " ") for p in sorted(set(phrases), key=len, reverse=True))


@dataclass(frozen=True)
class Headed:
    """A rule regex and the head phrases its matches start with ("tỉnh", "Quyết định").

    To scan a text, a stdlib-re search for the heads (one character trie, several times faster than
    the regex module trying the whole rule at every position) finds the only places to try it.
    """

    rx: regex.Pattern[str]
    heads: re.Pattern[str]

    @classmethod
    def compile(cls, pattern: str, heads: list[str]) -> Headed:
        if not all(heads):
            raise ValueError("a head phrase cannot be empty")
        return cls(regex.compile(pattern), re.compile(gz.char_trie_pattern(dict.fromkeys(heads, ""))))

    def match(self, text: str, pos: int = 0) -> Any:
        return self.rx.match(text, pos)

    def finditer(self, text: str, overlapped: bool = False) -> Iterator[Any]:
        """The matches of ``rx.finditer(text, overlapped=overlapped)`` that start with a head: all of
        them when every match does (the rules' heads are their leading alternation)."""
        pos = 0
        while (head := self.heads.search(text, pos)) is not None:
            m = self.rx.match(text, head.start())
            if m is None:
                pos = head.start() + 1
            else:
                yield m
                pos = head.start() + 1 if overlapped else m.end()


@dataclass(frozen=True)
class PhraseSet:
    """Multi-word phrases (word tuples, in order of preference), indexed by their first word."""

    phrases: tuple[tuple[str, ...], ...]
    by_first: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def of(cls, phrases: Iterable[tuple[str, ...]]) -> PhraseSet:
        ordered = tuple(phrases)
        if not all(ordered):
            raise ValueError("a phrase needs at least one word")
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in ordered:
            by_first.setdefault(phrase[0], []).append(phrase)
        return cls(ordered, {w: tuple(ps) for w, ps in by_first.items()})


@dataclass(frozen=True)
class Rules:
    word: regex.Pattern[str]
    cap_syllable: regex.Pattern[str]
    surname_syllable: Headed  # = cap_syllable, scanned only where a family name is written
    caps_syllable: regex.Pattern[str]
    name_hyphen_tail: regex.Pattern[str]
    place_dash: regex.Pattern[str]
    roman: regex.Pattern[str]
    doc_numbered: Headed
    doc_numbered_lower: Headed
    doc_number_tail: regex.Pattern[str]
    horizon_tail: regex.Pattern[str]
    year_tail: regex.Pattern[str]
    local_gov: regex.Pattern[str]
    place_prefix: Headed
    bare_unit: regex.Pattern[str]
    office: Headed
    office_before: regex.Pattern[str]
    office_modifier: regex.Pattern[str]
    office_joiner: regex.Pattern[str]
    cue_before: regex.Pattern[str]
    agency_head: Headed
    event_head: Headed
    bare_head: regex.Pattern[str]
    street: regex.Pattern[str]
    short_name_cue: Headed
    landmark: Headed
    cap_syllable_before: regex.Pattern[str]
    inner_dash: regex.Pattern[str]
    system_head: Headed
    system_head_named: Headed
    national_markers: PhraseSet
    brand: regex.Pattern[str]
    role_separator: regex.Pattern[str]
    cap_run_before: regex.Pattern[str]
    cap_run_after: regex.Pattern[str]
    byline: regex.Pattern[str]
    doc_head: Headed
    quoted_title: regex.Pattern[str]
    doc_heads_year: frozenset[str]
    doc_heads_lower: frozenset[str]
    province_prefixes: frozenset[str]
    district_prefixes: frozenset[str]
    ward_prefixes: frozenset[str]
    surnames: frozenset[str]
    stops: frozenset[str]
    stop_phrases: PhraseSet
    determiners: frozenset[str]
    generic_local_gov: frozenset[str]
    company_forms: frozenset[str]
    compounds: frozenset[tuple[str, str]]
    after_unit_number: frozenset[str]
    time_words: frozenset[str]
    place_levels: frozenset[str]
    rank: regex.Pattern[str]
    vi_syllable: regex.Pattern[str]
    company_words: frozenset[str]
    not_agencies: PhraseSet
    continuations: PhraseSet
    comma_pairs: tuple[tuple[str, str], ...]
    expansions: dict[str, str]


@cache
def rules() -> Rules:
    lx = gz.lexicon()
    b, a = r"(?<![\p{L}\p{N}_])", r"(?![\p{L}\p{N}_])"

    def words(entry_id: str) -> list[str]:
        return [gz.normalize_text(p) for p in lx[entry_id].phrases]

    prov, dist, ward = words("province_prefixes"), words("district_prefixes"), words("ward_prefixes")
    levels = prov + dist + ward
    numbered, numbered_lower = words("doc_types_numbered"), words("doc_types_numbered_lower")
    agency_heads, event_heads = words("agency_heads"), words("event_heads")
    honorifics, landmarks = words("short_name_honorifics"), words("landmark_kinds")
    system_kinds, systems_named = words("system_kinds"), words("system_heads_named")
    doc_heads = words("doc_heads_named") + words("doc_heads_lowercase_of_org")
    cap_word = gz.fragment("CAP_WORD")
    offices = gz.phrases_of("office")
    cues = gz.phrases_of("honorific") + gz.phrases_of("rank")
    continuations = PhraseSet.of(
        sorted({tuple(p.split()) for p in words("name_continuations")}, key=len, reverse=True)
    )
    return Rules(
        word=regex.compile(gz.fragment("WORD")),
        cap_syllable=regex.compile(f"{gz.fragment('CAP_SYLLABLE')}{a}"),
        surname_syllable=Headed.compile(f"{gz.fragment('CAP_SYLLABLE')}{a}", words("surnames")),
        caps_syllable=regex.compile(gz.fragment("CAPS_SYLLABLE")),
        name_hyphen_tail=regex.compile(gz.fragment("NAME_HYPHEN_TAIL")),
        place_dash=regex.compile(gz.fragment("PLACE_DASH")),
        roman=regex.compile(gz.fragment("ROMAN")),
        doc_numbered=Headed.compile(
            f"{b}(?P<type>{_alternation(numbered)})(?: số)? (?P<number>{gz.fragment('DOC_NUMBER')})",
            numbered,
        ),
        doc_numbered_lower=Headed.compile(
            f"{b}(?P<type>{_alternation(numbered_lower)})(?: số)? (?P<number>{gz.fragment('DOC_CODE')})",
            numbered_lower,
        ),
        doc_number_tail=regex.compile(f" số (?P<number>{gz.fragment('DOC_NUMBER')})"),
        horizon_tail=regex.compile(gz.fragment("HORIZON_TAIL")),
        year_tail=regex.compile(f"{gz.fragment('YEAR_TAIL')}{a}"),
        local_gov=regex.compile(f"{b}{gz.fragment('LOCAL_GOV')}{a}"),
        place_prefix=Headed.compile(f"{b}(?P<prefix>{_alternation(levels)}) (?=\\p{{Lu}})", levels),
        bare_unit=regex.compile(f"(?:{_alternation(prov + dist)}){a}(?! \\p{{Lu}})"),
        office=Headed.compile(f"{b}(?:{_alternation(offices)}){a}", offices),
        office_before=regex.compile(f"{b}(?:{_alternation(offices)}) $"),
        office_joiner=regex.compile(f" (?:{_alternation(words('office_joiners'))}) "),
        office_modifier=regex.compile(f" (?:{_alternation(words('office_modifiers'))}){a}"),
        cue_before=regex.compile(f"(?:^|(?<=[^\\p{{L}}]))(?:{_alternation(cues)}) $"),
        agency_head=Headed.compile(f"{b}(?:{_alternation(agency_heads)}) (?=\\p{{Lu}})", agency_heads),
        event_head=Headed.compile(f"{b}(?:{_alternation(event_heads)}) (?=\\p{{Lu}})", event_heads),
        bare_head=regex.compile(f"(?:{_alternation(words('agency_heads'))}){a}"),
        street=regex.compile(gz.fragment("STREET")),
        short_name_cue=Headed.compile(f"{b}(?:{_alternation(honorifics)}) (?=\\p{{Lu}})", honorifics),
        landmark=Headed.compile(
            f"{b}(?:{_alternation(landmarks)}) {cap_word}(?: {cap_word}){{0,3}}{a}",
            landmarks,
        ),
        cap_syllable_before=regex.compile(f"(?<![\\p{{L}}\\p{{N}}]){gz.fragment('CAP_SYLLABLE')} $"),
        inner_dash=regex.compile(gz.fragment("INNER_DASH")),
        system_head=Headed.compile(f"{b}(?:{_alternation(system_kinds)}) ", system_kinds),
        system_head_named=Headed.compile(
            f"{b}(?:{_alternation(systems_named)}) (?=\\p{{Ll}})", systems_named
        ),
        national_markers=PhraseSet.of(tuple(p.split()) for p in words("national_markers")),
        brand=regex.compile(gz.fragment("BRAND")),
        role_separator=regex.compile(gz.fragment("ROLE_SEPARATOR")),
        cap_run_before=regex.compile(
            f"(?<![\\p{{L}}\\p{{N}}])(?P<name>{gz.fragment('CAP_RUN')})(?P<sep> [-–—] )?$"
        ),
        cap_run_after=regex.compile(f" [-–—] (?P<name>{gz.fragment('CAP_RUN')})(?![\\p{{L}}\\p{{N}}])"),
        byline=regex.compile(gz.fragment("BYLINE")),
        doc_head=Headed.compile(f"{b}(?:{_alternation(doc_heads)}) ", doc_heads),
        quoted_title=regex.compile(gz.fragment("QUOTED_TITLE")),
        doc_heads_year=frozenset(words("doc_heads_taking_year")),
        doc_heads_lower=frozenset(words("doc_heads_lowercase_of_org")),
        province_prefixes=frozenset(prov),
        district_prefixes=frozenset(dist),
        ward_prefixes=frozenset(ward),
        surnames=frozenset(words("surnames")),
        stops=frozenset(w for w in words("name_stops") if " " not in w),
        stop_phrases=PhraseSet.of(tuple(w.split()) for w in words("name_stops") if " " in w),
        determiners=frozenset(words("determiners")),
        generic_local_gov=frozenset(words("generic_local_gov") + words("determiners")),
        company_forms=frozenset(words("company_forms")),
        compounds=frozenset(tuple(p.split()) for p in words("name_compounds")),
        after_unit_number=frozenset(words("after_unit_number")),
        time_words=frozenset(words("time_words")),
        place_levels=frozenset(prov + dist + ward),
        vi_syllable=regex.compile(gz.fragment("VI_SYLLABLE")),
        company_words=frozenset(words("company_words")),
        rank=regex.compile(f"(?:{_alternation(gz.phrases_of('rank'))}) "),
        not_agencies=PhraseSet.of(tuple(w.split()) for w in words("not_agencies")),
        continuations=continuations,
        comma_pairs=tuple((a, b) for a, b in (p.split(", ", 1) for p in words("comma_pairs"))),
        expansions={gz.normalize_text(k): v for k, v in lx["abbreviation_expansions"].expansions.items()},
    )


# ---------------------------------------------------------------- small named validators


def is_capitalized(word: str) -> bool:
    return word[:1].isupper()


def next_word(text: str, pos: int) -> tuple[int, int] | None:
    """The word that starts after exactly one space at ``pos`` (None at punctuation or line end)."""
    if pos >= len(text) or text[pos] != " ":
        return None
    m = rules().word.match(text, pos + 1)
    return (m.start(), m.end()) if m else None


def place_after(text: str, pos: int, prefix: str | None) -> tuple[int, str] | None:
    """The longest known place name starting at ``pos`` (a run of capitalised syllables).

    Which places count depends on the administrative word before it: a province after "tỉnh", a
    province or district-level city after "thành phố", a district after "huyện", a ward after "xã".
    """
    r = rules()
    ends: list[int] = []
    p = pos
    while len(ends) < 5:
        m = r.cap_syllable.match(text, p) or r.caps_syllable.match(text, p)
        if not m:
            break
        ends.append(m.end())
        # a province like "Bà Rịa - Vũng Tàu" keeps its dash
        dash = r.place_dash.match(text, m.end())
        if text.startswith(" ", m.end()) and m.end() + 1 < len(text) and text[m.end() + 1].isupper():
            p = m.end() + 1
        elif dash:
            p = dash.end()
        else:
            break
    sets: list[dict[str, str] | frozenset[str]] = []
    if prefix is None or prefix in r.province_prefixes:
        sets.append(gz.provinces())
    if prefix is not None and prefix in r.district_prefixes:
        sets.append(gz.districts())
    if prefix is not None and prefix in r.ward_prefixes:
        sets.append(gz.wards())
    for end in reversed(ends):
        name = text[pos:end]
        if name.isupper() and len(name) > 2:
            name = name.title()  # "LÂM ĐỒNG" in a header is "Lâm Đồng"
        for known in sets:
            if name in known:
                canonical = known[name] if isinstance(known, dict) else name
                return end, canonical
    return None


def locality_after(text: str, pos: int) -> tuple[int, str]:
    """An agency's locality right after it: " tỉnh Phú Thọ", " thành phố", " Hà Nội" (or nothing)."""
    r = rules()
    if not text.startswith(" ", pos):
        return pos, ""
    hit = gz.gazetteer().match_at(text, pos + 1)
    if hit and any(is_province_name(n) for n in hit[1]):
        return hit[0], text[pos : hit[0]]  # "UBND TP.HCM", "Sở Công Thương TP HCM", "Sở Y tế Hà Nội"
    m = r.place_prefix.match(text, pos + 1)
    if m:
        place = place_after(text, m.end(), m.group("prefix"))
        if place:
            return place[0], text[pos : place[0]]
        return m.end() - 1, text[pos : m.end() - 1]
    place = place_after(text, pos + 1, None)
    if place:
        return place[0], text[pos : place[0]]
    unit = r.bare_unit.match(text, pos + 1)
    if unit:
        return unit.end(), text[pos : unit.end()]  # a bare "tỉnh" / "thành phố" closing the name
    return pos, ""


def canonical_locality(locality: str) -> str:
    """Canonical spelling of a locality from ``locality_after``: " TP HCM" -> " Thành phố Hồ Chí Minh"."""
    if not locality:
        return ""
    if locality.isupper():
        locality = recase_caps_locality(locality)
    hit = gz.gazetteer().match_at(locality, 1)
    if hit and hit[0] == len(locality):
        provinces = [n for n in hit[1] if is_province_name(n)]
        if provinces:
            return " " + provinces[0].canonical
    return expand_abbreviations(locality)


def recase_caps_locality(locality: str) -> str:
    """ " TỈNH LÂM ĐỒNG" -> " tỉnh Lâm Đồng": the level word in lower case, the name in title case."""
    r = rules()
    level_words = {w.lower() for p in r.place_levels for w in p.split()}
    words = locality.split(" ")
    out, leading = [], True
    for w in words:
        if w in r.expansions:
            out.append(w)  # "TP", "UBND": abbreviations keep their capitals
        elif leading and w.lower() in level_words:
            out.append(w.lower())
        else:
            leading = leading and not w  # the first word that is not a level ends the level
            out.append(w.title())
    return " ".join(out)


def continues_capitalized(text: str, end: int) -> bool:
    """Named validator: a capitalised syllable follows, so the name goes on beyond a known place."""
    if not (text.startswith(" ", end) and rules().cap_syllable.match(text, end + 1)):
        return False
    return not starts_other_name(text, end + 1)  # "tại Hà Nội Thủ tướng ...": the place ends there


def inside_capitalized_run(text: str, start: int, end: int) -> bool:
    """Named validator: a capitalised syllable stands right before or right after the span."""
    r = rules()
    before = r.cap_syllable_before.search(text, max(0, start - 12), start)
    if before and sentence_initial(text, before.start()):
        before = None  # "Tại Mỹ, ...": the capital is the sentence's, not a name's
    after = text.startswith(" ", end) and r.cap_syllable.match(text, end + 1)
    return bool(before or after)


def sentence_initial(text: str, pos: int) -> bool:
    """Named validator: nothing but sentence punctuation or a line break before ``pos``."""
    head = text[max(0, pos - 3) : pos].rstrip(" ")
    return not head or head[-1] in ".!?:;\n\"'(“-–—"


def is_province_name(name: gz.Name) -> bool:
    """A province or centrally-run city, under any of its names ("TP.HCM", "Thủ đô Hà Nội")."""
    if name.label != "LOC":
        return False
    provinces = gz.provinces()
    return name.canonical in provinces or any(name.canonical.endswith(" " + p) for p in provinces.values())


def starts_person_name(text: str, pos: int) -> bool:
    """A family name followed by another capitalised syllable that is not a known place."""
    r = rules()
    m = r.cap_syllable.match(text, pos)
    if not m or m.group() not in r.surnames:
        return False
    if not (text.startswith(" ", m.end()) and r.cap_syllable.match(text, m.end() + 1)):
        return False
    return place_after(text, pos, None) is None


def walk_name(text: str, pos: int, *, doc_head: str | None = None) -> tuple[int, dict]:
    """Extend a name from ``pos`` (just after its head) over the words that belong to it.

    Capitalised words continue a name unless a person's name starts there; lower-case words
    continue it unless they are a stop word (a verb, a preposition: "cho biết", "tại", "đã");
    "và" / "của" continue only before a capitalised word. Documents also take their horizon
    ("đến năm 2025, định hướng đến năm 2030"), a year when their type takes one, a number
    ("số 41/2024/QH15") and a final Roman numeral ("Quy hoạch điện VIII").
    """
    r = rules()
    info: dict = {
        "words": 0,
        "capitalized_first": False,
        "capitalized": False,
        "linked": False,
        "tail": False,
        "number": None,
    }
    end, tails = pos, 0
    while info["words"] < MAX_NAME_WORDS:
        if doc_head is not None:
            tail = r.horizon_tail.match(text, end)
            if not tail and doc_head in r.doc_heads_year:
                tail = r.year_tail.match(text, end)
            if tail and tails < MAX_TAILS:
                end, info["tail"] = tail.end(), True
                tails += 1
                continue
            num = r.doc_number_tail.match(text, end)
            if num:
                end, info["number"] = num.end(), num.group("number")
                break
        dash = r.inner_dash.match(text, end) if info["words"] else None
        if dash and next_word(text, dash.end()) and not starts_other_name(text, dash.end() + 1):
            end = dash.end()  # "kinh tế - xã hội", "Công nghiệp - Viễn thông"
        w = next_word(text, end)
        if w is None:
            if text.startswith(", ", end) and doc_head is None:
                nxt = next_word(text, end + 1)
                # "Ủy ban Khoa học, Công nghệ và Môi trường": a comma inside a list of capitalised words
                if (
                    nxt
                    and is_capitalized(text[nxt[0] : nxt[1]])
                    and not starts_other_name(text, nxt[0])
                    and (_comma_list_continues(text, nxt[1]))
                ):
                    end = nxt[1]
                    info["words"] += 1
                    continue
                pair = _comma_pair_end(text, end)
                if pair:
                    end = pair  # "Cục Phòng, chống tệ nạn xã hội": one term written with a comma
                    info["words"] += 1
                    continue
            break
        word = text[w[0] : w[1]]
        if word[0].isdigit():
            if doc_head is None and info["capitalized"] and unit_number_at(text, w[0], w[1]):
                end = w[1]  # "Ban Chỉ đạo 389", "Quân khu 7": a number closes a unit's name
                info["words"] += 1
            break
        if info["tail"] and word != "của":
            break  # "Bộ luật Lao động 2019 quy định": after its year or horizon only the owner follows
        if r.roman.fullmatch(word):
            end = w[1]
            info["number"] = word if doc_head is not None else info["number"]
            info["words"] += 1
            continue
        if is_capitalized(word):
            if info["words"] and starts_other_name(text, w[0]):
                hit = gz.gazetteer().match_at(text, w[0])
                if hit and all(n.label == "LOC" for n in hit[1]):
                    if not continues_capitalized(text, hit[0]):
                        end = hit[0]  # "Trường Đại học Bách khoa Hà Nội": a place closes the name
                        info["words"] += 1
                        info["capitalized"] = True
                        if doc_head is not None:
                            end = _tails_end(text, end, doc_head, info)  # "Quy hoạch tỉnh X thời kỳ ..."
                        break
                    # "Ban Quản lý dự án Mỹ Thuận": the place is only the start of a longer word
                elif (
                    hit
                    and all(n.label == "ORG" for n in hit[1])
                    and (after_company_form(text, w[0]) or all(n.exact_case for n in hit[1]))
                ):
                    # "Công ty TNHH Samsung Electronics Việt Nam", "Tổng công ty Bảo hiểm Bảo Việt": a brand
                    # or abbreviation right after a name is part of it
                    end = hit[0]
                    info["words"] += 1
                    continue
                else:
                    break
            if info["words"] == 0 and word in r.stops:
                break
            if info["words"] and starts_person_name(text, w[0]):
                break  # "Bộ Xây dựng Hồ Đức Toàn" (but "Bệnh viện Bạch Mai" starts with a family name)
            info["capitalized_first"] = info["capitalized_first"] or info["words"] == 0
            info["capitalized"] = True
            end = w[1]
            info["words"] += 1
            continue
        phrase = _continuation_at(text, w[0])
        stop_phrase = _phrase_at(text, w[0], r.stop_phrases)
        if phrase and stop_phrase and stop_phrase >= phrase:
            break  # "công bố" is a verb although "công" alone may go on a name ("dịch vụ công")
        if phrase:
            end = phrase
            info["words"] += 1
            continue
        if word in ("và", "của", "về"):
            nxt = next_word(text, w[1])
            if nxt is None:
                break
            following = text[nxt[0] : nxt[1]]
            if word == "về" and not following[0].isdigit() and following not in r.stops:
                info["linked"] = True
                end = nxt[1]
                info["words"] += 2
                continue
            if word == "của" and is_capitalized(following) and not starts_person_name(text, nxt[0]):
                # "Kế hoạch hoạt động của Ủy ban ...": the outer name takes the agency, and ends with it
                info["linked"] = True
                end = owner_end(text, nxt[0])
                info["words"] += 2
                if doc_head in r.doc_heads_year:
                    tail = r.year_tail.match(text, end)
                    end = tail.end() if tail else end
                break
            if word == "và" and is_capitalized(following) and not starts_other_name(text, nxt[0]):
                end = nxt[1]
                info["words"] += 2
                continue
            break
        stop = word in r.stops or _phrase_at(text, w[0], r.stop_phrases)
        if stop and not compound_with_previous(text, w[0]):
            break
        end = w[1]
        info["words"] += 1
    return end, info


def unit_number_at(text: str, start: int, end: int) -> bool:
    """Named validator: a short plain number that ends a unit's name, then punctuation or a verb follows."""
    if end - start > 4 or not text[start:end].isdigit():
        return False
    nxt = next_word(text, end)
    if nxt is None:
        return end >= len(text) or text[end] in ",.;:)\n"
    following = text[nxt[0] : nxt[1]]
    r = rules()
    if _phrase_at(text, nxt[0], r.stop_phrases):
        return True  # "Bộ Tư lệnh Quân khu 7 phối hợp"
    return following in r.after_unit_number or (following in r.stops and following not in r.time_words)


def compound_with_previous(text: str, pos: int) -> bool:
    """Named validator: the word at ``pos`` ends a two-word noun with the word before ("Đăng ký")."""
    previous = text[max(0, pos - 12) : pos].split()
    m = rules().word.match(text, pos)
    return bool(previous and m) and (previous[-1], m.group()) in rules().compounds


def inside_code(text: str, start: int, end: int) -> bool:
    """Named validator: capitals glued by "-" or "/" to another code part ("QĐ-UBND", "UBND-KT", "TT-NHNN")
    belong to a document number ("ASEAN-Nhật Bản" is not one: "Nhật" is a word)."""
    if start > 0 and text[start - 1] in "-/":
        before = text[max(0, start - 20) : start - 1].rsplit(" ", 1)[-1]
        if _is_code_part(before.replace("/", "-").rsplit("-", 1)[-1]):
            return True
    if end < len(text) - 1 and text[end] in "-/":
        after = text[end + 1 : end + 20].split(" ", 1)[0]
        return _is_code_part(after.replace("/", "-").split("-", 1)[0])
    return False


def _is_code_part(part: str) -> bool:
    """A part of a document code: digits or capitals only ("2024", "QĐ", "NĐ", "KT")."""
    return bool(part) and part.isalnum() and part == part.upper()


def after_surname(text: str, pos: int) -> bool:
    """Named validator: a family name stands right before ``pos`` and is not where a sentence starts."""
    r = rules()
    m = r.cap_syllable_before.search(text, max(0, pos - 12), pos)
    return bool(m and m.group().rstrip() in r.surnames and not sentence_initial(text, m.start()))


def after_company_form(text: str, pos: int) -> bool:
    """Named validator: a legal form ("TNHH", "Cổ phần", "TMCP") stands right before ``pos``."""
    before = text[max(0, pos - 20) : pos]
    return any(before.endswith(f" {form} ") for form in rules().company_forms)


def _tails_end(text: str, end: int, doc_head: str, info: dict) -> int:
    """End of the horizon and year tails of a document name that follow ``end``."""
    r = rules()
    for _ in range(MAX_TAILS):
        tail = r.horizon_tail.match(text, end)
        if not tail and doc_head in r.doc_heads_year:
            tail = r.year_tail.match(text, end)
        if not tail:
            break
        end, info["tail"] = tail.end(), True
    return end


def starts_other_name(text: str, pos: int) -> bool:
    """Does a name of its own start here ("... và UBND tỉnh", "... và Bộ Y tế", "... và Phạm Văn A")?"""
    r = rules()
    if starts_person_name(text, pos):
        return True
    if any(rx.match(text, pos) for rx in (r.agency_head, r.local_gov, r.doc_head, r.office)):
        return True
    return gz.gazetteer().match_at(text, pos) is not None


def owner_end(text: str, pos: int) -> int:
    """End of the name after "của": a known name, a local government or agency, else capitalised words."""
    r = rules()
    hit = gz.gazetteer().match_at(text, pos)
    ends = [hit[0]] if hit else []
    lg = r.local_gov.match(text, pos)
    if lg:
        ends.append(locality_after(text, lg.end())[0])
    head = r.agency_head.match(text, pos)
    if head:
        ends.append(walk_name(text, head.end() - 1)[0])
    if ends:
        return max(ends)
    bare = r.bare_head.match(text, pos)
    if bare:
        return bare.end()  # "của Ủy ban năm 2022": the agency named by its head
    end = pos
    while (c := r.cap_syllable.match(text, end)) is not None:
        end = c.end()
        if not (text.startswith(" ", end) and r.cap_syllable.match(text, end + 1)):
            break
        end += 1
    return end


def _comma_list_continues(text: str, pos: int) -> bool:
    """After ", X" a list inside a name goes on with "và Y" or ", Y" ("Khoa học, Công nghệ và Môi trường")."""
    stops = rules().stops
    w = next_word(text, pos)
    for _ in range(3):  # "Xúc tiến Đầu tư, Thương mại và Du lịch": a few lower-case words may come first
        if w is None:
            return False
        word = text[w[0] : w[1]]
        if word in ("và", "của"):
            nxt = next_word(text, w[1])
            return bool(nxt and is_capitalized(text[nxt[0] : nxt[1]]))
        if is_capitalized(word) or word in stops:
            return False
        w = next_word(text, w[1])
    return False


def _comma_pair_end(text: str, end: int) -> int | None:
    """End of a comma pair ("phòng, chống") whose first word ends at ``end``, else None."""
    start = text.rfind(" ", 0, end) + 1
    for first, second in rules().comma_pairs:
        if text[start:end] == first and text.startswith(f", {second}", end):
            after = end + 2 + len(second)
            if after == len(text) or not text[after].isalnum():
                return after
    return None


def _continuation_at(text: str, pos: int) -> int | None:
    """End of a multi-word phrase that keeps a name going although it starts with a stop word."""
    return _phrase_at(text, pos, rules().continuations)


def _phrase_at(text: str, pos: int, phrases: PhraseSet) -> int | None:
    """End of the first of ``phrases`` written at ``pos``, else None."""
    word = rules().word
    first = word.match(text, pos)
    if first is None:
        return None
    for phrase in phrases.by_first.get(first.group(), ()):  # only phrases that start with this word
        p = first.end()
        for part in phrase[1:]:
            if not text.startswith(" ", p):
                break
            m = word.match(text, p + 1)
            if not m or m.group() != part:
                break
            p = m.end()
        else:
            return p
    return None


def expand_abbreviations(name: str) -> str:
    """Canonical spelling of a local name: "UBND tỉnh" -> "Ủy ban nhân dân tỉnh"."""
    words = name.split(" ")
    return " ".join(rules().expansions.get(w, w) for w in words)


# ---------------------------------------------------------------- candidate finders


def _cand(
    start: int, end: int, rule_id: str, label: str, canonical: str | None, **extra: object
) -> Candidate:
    data = {"label": label, "canonical": canonical, **extra}
    return Candidate(start, end, rule_id, NAME_PRIORITY, data)


@cache
def _suffix_regex(suffix: str) -> regex.Pattern[str]:
    return regex.compile(gz.expand_fragments(suffix))


def gazetteer_candidates(text: str) -> list[Candidate]:
    out = []
    for m_start, m_end, names in gz.gazetteer().scan(text):
        for name in names:
            if not gz.context_ok(text, m_start, m_end, name):
                continue
            if name.entry_id in ("province", "district") and continues_capitalized(text, m_end):
                continue  # "Tân Sơn Nhất" is not the district Tân Sơn
            if name.entry_id in ("province", "district") and after_surname(text, m_start):
                continue  # "Nguyễn Hòa Bình" is a person, not the province Hòa Bình
            if name.alias.isupper() and inside_code(text, m_start, m_end):
                continue  # "05/2024/TT-NHNN", "1234/UBND-KT": the letters are a document code
            if text[m_start].islower() and counted(text, m_start):
                continue  # "các sở giáo dục và đào tạo": a kind of body, not one body
            one_syllable_place = name.label == "LOC" and gz.syllables(name.alias) == 1
            if one_syllable_place and inside_capitalized_run(text, m_start, m_end):
                continue  # "Lâm Thị Mỹ", "Vũ Đức Đam": a one-syllable country inside a name
            start, end, canonical = m_start, m_end, name.canonical
            level = name.alias.rsplit(" ", 1)[-1]  # "Công an xã", "BHXH tỉnh": the alias may name a level
            if name.alias.startswith(name.canonical + " "):
                canonical = expand_abbreviations(name.alias)
            elif name.local and level in rules().province_prefixes:
                canonical = f"{name.canonical} {expand_abbreviations(level)}"  # "BHXH tỉnh" -> "... tỉnh"
            if name.suffix:
                sm = _suffix_regex(name.suffix).match(text, end)
                if sm:
                    end = sm.end()
                    canonical = name.canonical + text[m_end:end]
            named_level = name.local and end == m_end and level in rules().place_levels
            place = place_after(text, end + 1, level) if named_level and text.startswith(" ", end) else None
            if place:
                end, canonical = place[0], f"{canonical} {place[1]}"  # "Công an xã Ea Kar"
            elif name.local:
                end2, locality = locality_after(text, end)
                if locality:
                    end, canonical = end2, canonical + canonical_locality(locality)
            out.append(
                _cand(start, end, f"gazetteer:{name.entry_id}", name.label, canonical, number=name.number)
            )
            break
    return out


def place_candidates(text: str) -> list[Candidate]:
    """ "tỉnh Thái Bình", "TP. Nha Trang", "quận Hoàng Mai": an administrative word and a known place."""
    out = []
    for m in rules().place_prefix.finditer(text, overlapped=True):
        place = place_after(text, m.end(), m.group("prefix"))
        if place:
            out.append(_cand(m.start(), place[0], "place:prefixed", "LOC", place[1]))
    return out


def generic_level_after(text: str, pos: int) -> bool:
    """Named validator: a determiner or "cấp" follows at ``pos`` ("UBND các xã", "HĐND cấp huyện")."""
    w = next_word(text, pos)
    return w is not None and text[w[0] : w[1]] in rules().generic_local_gov


def local_government_candidates(text: str) -> list[Candidate]:
    """ "UBND tỉnh Bắc Giang", "HĐND tỉnh", "Tỉnh ủy", "UBND Thành phố"."""
    out = []
    for m in rules().local_gov.finditer(text, overlapped=True):
        if inside_code(text, m.start(), m.end()):
            continue
        end, locality = locality_after(text, m.end())
        if not locality and generic_level_after(text, m.end()):
            continue  # "UBND các xã", "UBND cấp xã": a kind of body, not one body
        canonical = expand_abbreviations(m.group()) + canonical_locality(locality)
        out.append(_cand(m.start(), end, "local_government", "ORG", canonical))
    return out


def agency_candidates(text: str, known_starts: set[int]) -> list[Candidate]:
    """Agencies built from a known head when the name is not in a list: "Cục Quản lý đăng ký kinh doanh"."""
    out = []
    for m in rules().agency_head.finditer(text, overlapped=True):
        if m.start() in known_starts:
            continue  # the gazetteer knows where this name ends
        if bare_head_before_person(text, m.start(), m.end()):
            continue
        if _phrase_at(text, m.start(), rules().not_agencies):
            continue  # "Vụ Đông Xuân": a crop season
        end, info = walk_name(text, m.end() - 1)
        if info["words"] == 0 or not info["capitalized_first"]:
            continue
        name = text[m.start() : end]
        out.append(_cand(m.start(), end, "agency:head", "ORG", expand_abbreviations(name)))
    return out


def bare_head_before_person(text: str, start: int, name_start: int) -> bool:
    """Named validator: "Chủ nhiệm Ủy ban Phan Văn Mãi": after an office, a bare head and then a person."""
    r = rules()
    if not r.office_before.search(text, max(0, start - 40), start):
        return False
    return person_name_at(text, name_start, need_surname=True) is not None


def numbered_document_candidates(text: str) -> list[Candidate]:
    out = []
    r = rules()
    # in lower case ("theo quyết định số 123/QĐ-UBND") only with a coded number, which no count has
    matches = [*r.doc_numbered.finditer(text, overlapped=True), *r.doc_numbered_lower.finditer(text)]
    for m in matches:
        number = m.group("number")
        doc_type = m.group("type")
        if number.isdigit() and (w := next_word(text, m.end())) and text[w[0] : w[1]] in r.time_words:
            continue  # "Kế hoạch 5 năm", "Báo cáo 6 tháng": a duration or a period, not a number
        canonical = f"{doc_type[:1].upper()}{doc_type[1:]} số {number}"  # "Quyết định 293" -> "... số 293"
        out.append(_cand(m.start(), m.end(), "document:numbered", "DOCUMENT", canonical, number=number))
    return out


def counted(text: str, start: int) -> bool:
    """Named validator: "9 Nghị quyết", "các Chương trình" count documents, they do not name one."""
    before = text[max(0, start - 12) : start].split()
    return bool(before) and (before[-1].isdigit() or before[-1].lower() in rules().determiners)


def named_document_candidates(text: str, known_starts: set[int]) -> list[Candidate]:
    """ "Luật Chuyển đổi số", "Nghị quyết về dự toán ngân sách nhà nước năm 2025", "Quy hoạch điện VIII"."""
    r = rules()
    out = []
    for m in r.doc_head.finditer(text, overlapped=True):
        if m.start() in known_starts or counted(text, m.start()):
            continue
        head = m.group()[:-1]
        quoted = r.quoted_title.match(text, m.end())
        if quoted and head not in r.doc_heads_lower:
            # 'Chương trình "Mỗi xã một sản phẩm"': the title in quotes is the name, numbers and all
            info = {"tail": False}
            end = _tails_end(text, quoted.end(), head, info)
            name = text[m.start() : end]
            out.append(_cand(m.start(), end, "document:quoted", "DOCUMENT", name[:1].upper() + name[1:]))
            continue
        end, info = walk_name(text, m.end() - 1, doc_head=head)
        if end == m.end() - 1:
            continue
        if head in r.doc_heads_lower:
            if not info["linked"]:
                continue  # "kế hoạch" in lower case is a document only as "kế hoạch ... của <agency>"
        elif not info["words"] and not info["number"]:
            continue  # "Chương trình giai đoạn 2021-2024": a period, no name
        elif not (
            info["capitalized"] or info["linked"] or info["tail"] or info["number"]
        ) and not is_national(text, m.end(), end):
            continue  # a lower-case name needs a link, a tail, a number or a national marker
        name = text[m.start() : end]
        canonical = name[:1].upper() + name[1:]
        out.append(_cand(m.start(), end, "document:named", "DOCUMENT", canonical, number=info["number"]))
    return out


def is_national(text: str, start: int, end: int) -> bool:
    """Named validator: a national marker ("quốc gia") stands among the words of text[start:end]."""
    markers = rules().national_markers
    words = list(rules().word.finditer(text, start, end))
    if any(a.group() == "và" and b.group()[:1].isupper() for a, b in itertools.pairwise(words)):
        return False  # "Đề án và Hội nghị ... quốc gia": two things joined, not one national name
    return any(_phrase_at(text, m.start(), markers) for m in words)


def neighbour_place_candidates(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Unlisted places known by their neighbour: "Phố Nối (Hưng Yên)", "đoạn Vĩnh Hảo - Phan Thiết"."""
    r = rules()
    out = []
    for c in cands:
        if c.data.get("label") != "LOC":
            continue
        # "X (Province)": X is a place in that province unless it is a person's name
        if text[c.start - 2 : c.start] == " (" and text.startswith(")", c.end):
            run = r.cap_run_before.search(text, max(0, c.start - 40), c.start - 2)
            if run and (run["name"] in gz.wards() or not starts_person_name(text, run.start("name"))):
                out.append(
                    _cand(run.start("name"), run.end("name"), "place:with_province", "LOC", run["name"])
                )
        # "X - Y" routes: the other end is a place when it is a known ward or district name
        before = r.cap_run_before.search(text, max(0, c.start - 40), c.start)
        if before and before["sep"] and before["name"] in gz.wards():
            out.append(_cand(before.start("name"), before.end("name"), "place:route", "LOC", before["name"]))
        after = r.cap_run_after.match(text, c.end)
        if after and after["name"] in gz.wards():
            out.append(_cand(after.start("name"), after.end("name"), "place:route", "LOC", after["name"]))
    return out


def system_candidates(text: str, known_starts: set[int]) -> list[Candidate]:
    """Named apps and platforms after their kind: "ứng dụng Góp ý Đà Nẵng", "hệ thống đo kiểm i-Speed"."""
    r = rules()
    out = []
    for m in r.system_head_named.finditer(text):
        end, info = walk_name(text, m.end() - 1)
        if info["words"] and m.start() not in known_starts:
            name = text[m.start() : end]
            out.append(_cand(m.start(), end, "system:named", "SYSTEM", name[:1].upper() + name[1:]))
    for m in r.system_head.finditer(text):
        start = m.end()
        if start in known_starts or not r.brand.match(text, start):
            continue
        end, info = walk_name(text, start - 1)
        if info["words"]:
            name = text[start:end]
            out.append(_cand(start, end, "system:after_kind", "SYSTEM", name))
    return out


def landmark_candidates(text: str) -> list[Candidate]:
    """Places named after their kind: "cửa khẩu quốc tế Hữu Nghị", "Vịnh Hạ Long", "quần đảo Trường Sa"."""
    out = []
    for m in rules().landmark.finditer(text):
        name = m.group()
        out.append(_cand(m.start(), m.end(), "place:landmark", "LOC", name[:1].upper() + name[1:]))
    return out


def event_spans(text: str) -> list[tuple[int, int]]:
    """Spans of event names ("Tuần Du lịch Hạ Long 2025"): no entity, but they hold the places in them."""
    out = []
    for m in rules().event_head.finditer(text):
        end, info = walk_name(text, m.end() - 1)
        if info["words"]:
            out.append((m.start(), end))
    return out


def outside_events(cands: list[Candidate], events: list[tuple[int, int]]) -> list[Candidate]:
    """Drop the places that only name an event they stand inside ("Lễ hội Hoa Đà Lạt")."""
    if not events:
        return cands
    return [
        c
        for c in cands
        if c.data.get("label") != "LOC" or not any(s <= c.start and c.end <= e for s, e in events)
    ]


def street_candidates(text: str) -> list[Candidate]:
    """ "số 24 Trần Phú", "đường Lê Lai": streets are named after people, but they are places."""
    out = []
    for m in rules().street.finditer(text):
        start, end = m.span("name")
        out.append(
            Candidate(
                start, end, "place:street", PERSON_PRIORITY + 1, {"label": "LOC", "canonical": m["name"]}
            )
        )
    return out


def byline_candidates(an: Analysis) -> list[Candidate]:
    """The last paragraph is the author's name alone ("Thu Hoa"): a person, even if a place is spelled so."""
    if not an.paragraphs:
        return []
    last = an.paragraphs[-1]
    m = rules().byline.fullmatch(an.text, last.start, last.end)
    if not m or m["name"] in gz.provinces():
        return []
    start, end = m.span("name")
    return [
        Candidate(start, end, "person:byline", PERSON_PRIORITY, {"label": "PERSON", "canonical": m["name"]})
    ]


# ---------------------------------------------------------------- people


def person_name_at(text: str, pos: int, *, need_surname: bool) -> int | None:
    """End of a person's name (two to four capitalised syllables) starting at ``pos``."""
    r = rules()
    end, count, p = pos, 0, pos
    first = None
    while count < MAX_PERSON_SYLLABLES + 1:
        m = r.cap_syllable.match(text, p)
        if not m:
            break
        first = first or m.group()
        count += 1
        end = m.end()
        if (tail := r.name_hyphen_tail.match(text, end)) is not None:
            end = tail.end()  # "Jae-myung"
        if not (text.startswith(" ", end) and end + 1 < len(text) and text[end + 1].isupper()):
            break
        p = end + 1
    if count < 2 or count > MAX_PERSON_SYLLABLES:
        return None
    # after an office, "Marc Knapper" is a name without a Vietnamese family name
    # without a family name a name after an office is foreign ("Marc Knapper"), never "Products Việt Nam"
    if first not in r.surnames and (need_surname or not foreign_name(text[pos:end])):
        return None
    if gz.lookup(text[pos:end]) or place_after(text, pos, None):
        return None  # a known name or place, not a person
    return end


def foreign_name(name: str) -> bool:
    """Named validator: no word has Vietnamese marks and one is not a Vietnamese syllable ("Ito Naoki")."""
    words = name.split()
    words = [w.replace("-", "") for w in words]
    if not all(w.isascii() and w.isalpha() and w[1:].islower() for w in words):
        return False
    if any(w in rules().company_words for w in words):
        return False  # "Grab Vietnam": a company
    vi = rules().vi_syllable
    return any(not vi.fullmatch(w.lower()) for w in words)


class _Spans:
    """Candidates indexed by start, to find the agency that follows an office."""

    def __init__(self, cands: list[Candidate]) -> None:
        self.by_start: dict[int, int] = {}
        for c in cands:
            if c.data.get("label") in ("ORG", "LOC", "SYSTEM") and c.end > self.by_start.get(c.start, -1):
                self.by_start[c.start] = c.end

    def longest_at(self, pos: int) -> int | None:
        return self.by_start.get(pos)


def office_span(text: str, pos: int, spans: _Spans) -> tuple[int, int] | None:
    """An office starting at ``pos``: its title, "Thường trực", and the agency right after it."""
    r = rules()
    m = r.office.match(text, pos)
    if not m:
        return None
    end = m.end()
    mod = r.office_modifier.match(text, end)
    if mod:
        end = mod.end()
    if text.startswith(" ", end):
        agency_end = spans.longest_at(end + 1)
        if agency_end:
            end = agency_end
        elif (bare := r.bare_head.match(text, end + 1)) is not None:
            end = bare.end()  # "Phó Giám đốc Sở": the agency named by its head only
        elif r.cap_syllable.match(text, end + 1) and not starts_person_name(text, end + 1):
            end = walk_name(text, end)[0]  # "Trưởng phòng Cảnh sát hình sự": an unlisted unit
    joiner = r.office_joiner.match(text, end)
    if joiner and (second := office_span(text, joiner.end(), spans)) is not None:
        end = second[1]  # "Phó Tổng Thư ký kiêm Chánh Văn phòng ...": both offices
    return m.start(), end


def office_after(text: str, end: int, spans: _Spans) -> str | None:
    """The office written after a name and a separator: ", Tổng Giám đốc EVN", " – Chủ tịch UBND huyện"."""
    sep = rules().role_separator.match(text, end)
    if sep:
        office = office_span(text, sep.end(), spans)
        if office:
            return text[office[0] : office[1]]
    return None


def listed_names(text: str, pos: int) -> list[tuple[int, int]]:
    """Person names listed from ``pos``, separated by ", " or " và ", up to the first that is not one."""
    out = []
    while (end := person_name_at(text, pos, need_surname=True)) is not None:
        out.append((pos, end))
        sep = next((s for s in (", ", " và ") if text.startswith(s, end)), None)
        if sep is None:
            break
        pos = end + len(sep)
    return out


def person_candidates(text: str, cands: list[Candidate]) -> list[Candidate]:
    r = rules()
    spans = _Spans(cands)
    found: dict[int, Candidate] = {}

    # 1. Office before the name: "Thủ tướng Chính phủ Phạm Minh Chính".
    for m in r.office.finditer(text, overlapped=True):
        office = office_span(text, m.start(), spans)
        if office is None:
            continue
        if text.startswith(": ", office[1]):
            # "các Phó Thủ tướng: Nguyễn Hòa Bình, Trần Hồng Hà": the office heads a list of names
            role = text[office[0] : office[1]]
            for start, end in listed_names(text, office[1] + 2):
                found.setdefault(start, _person(start, end, text, role, "person:office_list"))
            continue
        if not text.startswith(" ", office[1]):
            continue
        start = office[1] + 1
        if rank := r.rank.match(text, start):
            start = rank.end()  # "Trưởng Công an xã Đại úy Võ Văn Bình": the rank is not part of the role
        end = person_name_at(text, start, need_surname=False)
        if end is None:
            continue
        if start in found:
            continue  # "Phó Chủ tịch UBND tỉnh X": the office that starts first is the whole office
        role = text[office[0] : office[1]]
        found[start] = _person(start, end, text, role, "person:office_before")

    # 2. Honorific or rank before the name, maybe an office after it: "Ông Trần Hữu Lộc, Tổng Giám đốc ...".
    # 3. A family name followed by ", <office>": "...; Trần Quốc Nam, Phó Bí thư Tỉnh ủy".
    # (a capitalised syllable never holds another one, so those starting with a family name are the
    # same matches as in a scan of every capitalised syllable)
    for m in r.surname_syllable.finditer(text):
        start = m.start()
        if start in found or m.group() not in r.surnames:
            continue
        end = person_name_at(text, start, need_surname=True)
        if end is None:
            continue
        cued = bool(r.cue_before.search(text, max(0, start - 20), start))
        role = office_after(text, end, spans)
        if cued or role:
            found[start] = _person(start, end, text, role, "person:cue" if cued else "person:office_after")
        elif len(text[start:end].split()) >= 3 and gz.gazetteer().match_at(text, start) is None:
            # "Nguyễn Văn An cho biết": a full name alone; any listed name or place over it wins
            found[start] = _person(start, end, text, None, "person:full_name", priority=NAME_PRIORITY - 5)

    # 4. "ông Tuấn", "bà Knapper": a form of address makes any capitalised name a person.
    for m in r.short_name_cue.finditer(text):
        start = m.end()
        if start in found or gz.gazetteer().match_at(text, start) or place_after(text, start, None):
            continue
        if gz.gazetteer().match_at(text, m.start()) or place_after(text, m.start(), None):
            continue  # "Bà Rịa - Vũng Tàu" is a province, not "bà" + a name
        end = start
        while (c := r.cap_syllable.match(text, end + (end > start))) is not None and c.start() - start < 40:
            end = c.end()
            if not text.startswith(" ", end):
                break
        if end > start and len(text[start:end].split()) <= MAX_PERSON_SYLLABLES:
            found[start] = _person(start, end, text, office_after(text, end, spans), "person:addressed")
    return list(found.values())


def _person(
    start: int, end: int, text: str, role: str | None, rule_id: str, priority: int = PERSON_PRIORITY
) -> Candidate:
    return Candidate(
        start, end, rule_id, priority, {"label": "PERSON", "canonical": text[start:end], "role": role}
    )


# ---------------------------------------------------------------- the layer


def extract_entities(an: Analysis) -> list[Extracted[Entity]]:
    text = an.text
    cands = gazetteer_candidates(text)
    cands += place_candidates(text)
    cands += local_government_candidates(text)
    cands += numbered_document_candidates(text)
    cands += landmark_candidates(text)
    known_starts = {c.start for c in cands}
    cands += named_document_candidates(text, known_starts)
    cands += agency_candidates(text, known_starts)
    cands += system_candidates(text, known_starts)
    cands += neighbour_place_candidates(text, cands)
    cands += person_candidates(text, cands)
    cands += street_candidates(text)
    cands += byline_candidates(an)
    kept = resolve_overlaps(outside_events(cands, event_spans(text)))
    out = []
    for c in kept:
        d = c.data
        record = Entity(
            **an.mention(c.start, c.end),
            rule_id=c.rule_id,
            label=d["label"],
            canonical=d.get("canonical"),
            role=d.get("role") if d["label"] == "PERSON" else None,
            number=d.get("number") if d["label"] == "DOCUMENT" else None,
        )
        out.append(Extracted(c.start, c.end, record))
    return out
