"""Paragraphs, sentences and words, as character spans of the normalized text.

underthesea returns strings without offsets, joins syllables with one space and may rewrite
characters; ``align`` maps such pieces back onto the text they came from. underthesea is imported
lazily so that ``import vnextract`` stays cheap.
"""

from __future__ import annotations

import struct
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import regex

from vnextract.segmenter import KnownFeatureTagger, crfsuite_attributes, parse_templates, word_segmenter
from vnextract.text import Span

_PARAGRAPH = regex.compile(r"[^\n]+")
_LOOKAHEAD = 16
_lock = threading.Lock()  # underthesea loads its models on first use and is not thread-safe then


class Token(NamedTuple):  # a tuple: built ~10,000 times per article, and cheap to build
    start: int
    end: int
    text: str
    tag: str | None = None  # POS tag when tagging was asked for


def paragraphs(norm: str) -> list[Span]:
    """Non-empty lines: news text puts one paragraph on a line."""
    spans = []
    for m in _PARAGRAPH.finditer(norm):
        s, e = m.start(), m.end()
        while s < e and norm[s].isspace():
            s += 1
        while e > s and norm[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append(Span(s, e))
    return spans


def align(text: str, pieces: Sequence[str], start: int = 0, end: int | None = None) -> list[Span | None]:
    """Locate each piece, in order, in ``text[start:end]``, ignoring white space inside pieces.

    A piece that cannot be found where expected (a tool rewrote it) gets ``None``; alignment resumes
    with the next piece, so one rewritten token never shifts the others.
    """
    end = len(text) if end is None else end
    spans: list[Span | None] = []
    pos = start
    for piece in pieces:
        i = pos
        while i < end and text[i].isspace():
            i += 1
        # Fast path: the piece is verbatim at the cursor (the usual case: norm has single spaces).
        if piece and text.startswith(piece, i, end) and not piece[0].isspace() and not piece[-1].isspace():
            spans.append(Span(i, i + len(piece)))
            pos = i + len(piece)
            continue
        chars = [c for c in piece if not c.isspace()]
        if not chars:
            spans.append(None)
            continue
        found = None
        # A tool may drop characters (it never adds many): look a few characters ahead before giving up.
        for j in range(i, min(end, i + _LOOKAHEAD)):
            found = _match_at(text, j, end, chars)
            if found is not None:
                i = j
                break
        if found is None:
            spans.append(None)  # rewritten: leave a hole rather than shift the following pieces
            continue
        spans.append(Span(i, found))
        pos = found
    return spans


def _match_at(text: str, i: int, end: int, chars: list[str]) -> int | None:
    k = 0
    while k < len(chars):
        if i >= end:
            return None
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c != chars[k] and c.lower() != chars[k].lower():
            return None
        i += 1
        k += 1
    return i


def _underthesea() -> Any:
    import underthesea

    return underthesea


def sentences(norm: str, paragraph: Span) -> list[Span]:
    """Sentences of one paragraph, as underthesea's sentence splitter cuts them, aligned to the text."""
    chunk = norm[paragraph.start : paragraph.end]
    abbreviations = _punkt_abbreviations()
    if abbreviations is None:  # an underthesea without the splitter we mirror: ask it and align
        with _lock:
            pieces = _underthesea().sent_tokenize(chunk)
        spans = [s for s in align(norm, pieces, paragraph.start, paragraph.end) if s is not None]
    else:
        offset = paragraph.start
        spans = [Span(offset + s, offset + e) for s, e in _punkt_split(chunk, abbreviations)]
    if not spans:
        return [paragraph]
    # Cover the paragraph without holes: a piece the splitter dropped joins the sentence before it.
    fixed: list[Span] = []
    for i, sp in enumerate(spans):
        s = paragraph.start if i == 0 else fixed[-1].end
        while s < sp.end and norm[s].isspace():
            s += 1
        e = spans[i + 1].start if i + 1 < len(spans) else paragraph.end
        while e > s and norm[e - 1].isspace():
            e -= 1
        fixed.append(Span(s, e))
    return fixed


_SENT_END_CHARS = ".?!"
_SENT_END = regex.compile(r"[.?!]")
_abbreviations: frozenset[str] | None = None
_abbreviations_loaded = False


def _punkt_abbreviations() -> frozenset[str] | None:
    """underthesea's sentence-splitter abbreviations, or None if its splitter is not the one we mirror."""
    global _abbreviations, _abbreviations_loaded
    if not _abbreviations_loaded:
        with _lock:
            try:
                from underthesea.pipeline import sent_tokenize as st

                st._load_model()
                tokenizer = st.sentence_tokenizer
                if type(tokenizer).__name__ == "PunktSentenceTokenizer":
                    _abbreviations = frozenset(tokenizer.abbrev_types)
            except (ImportError, AttributeError):
                _abbreviations = None
            _abbreviations_loaded = True
    return _abbreviations


def _punkt_split(text: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """underthesea's ``PunktSentenceTokenizer.sentences_from_text``, returning (start, end) offsets.

    The same decisions in the same order (tests compare both), but it jumps from one '.?!' to the next
    with a regex instead of visiting every character in Python, and finds the word before a period
    in amortized constant time (underthesea walks back over the whole "a.b.c..." run at every period).
    """
    spans: list[tuple[int, int]] = []
    n = len(text)

    def add(s: int, e: int) -> None:  # text[s:e].strip(), kept if not empty
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))

    max_abbreviation = max(map(len, abbreviations), default=0)
    walked_from, walked_to = -1, -1  # the last period whose preceding word was looked up, and where it began

    def preceding_word_start(pos: int) -> int:
        nonlocal walked_from, walked_to
        s = pos - 1
        while s >= 0 and (text[s].isalnum() or text[s] == "."):
            if s == walked_from:  # the same run as the last lookup: reuse where it began
                s = walked_to
                break
            s -= 1
        walked_from, walked_to = pos, s
        return s + 1

    def is_boundary(pos: int) -> bool:
        if text[pos] == ".":
            if 0 < pos < n - 1 and text[pos - 1].isdigit() and text[pos + 1].isdigit():
                return False  # 1.500.000
            start = preceding_word_start(pos)
            # str.lower never shortens a word, so a longer word cannot be a known abbreviation.
            if 0 < pos - start <= max_abbreviation and text[start:pos].lower() in abbreviations:
                return False
        return True

    if not text or not text.strip():
        return spans
    start = i = 0
    while i < n:
        m = _SENT_END.search(text, i)
        if m is None:
            break
        i = m.start()
        if text[i] == ".":
            dot_end = i
            while dot_end < n and text[dot_end] == ".":
                dot_end += 1
            if dot_end - i >= 3:  # an ellipsis ends a sentence only before the end or a capital
                after = dot_end
                while after < n and text[after] in " \t":
                    after += 1
                if after >= n or text[after].isupper():
                    add(start, dot_end)
                    while dot_end < n and text[dot_end] in " \t\n\r":
                        dot_end += 1
                    start = dot_end
                i = dot_end
                continue
        if is_boundary(i):
            end = i + 1
            while end < n and text[end] in _SENT_END_CHARS:
                end += 1
            add(start, end)
            while end < n and text[end] in " \t\n\r":
                end += 1
            start = i = end
            continue
        i += 1
    add(start, n)
    return spans


def segment(norm: str, sentence: Span) -> list[str]:
    """underthesea's words of one sentence as strings: ``word_tokenize(..., use_token_normalize=False)``."""
    return _word_tokenize(norm[sentence.start : sentence.end], use_token_normalize=False)


def _word_tokenize(chunk: str, *, use_token_normalize: bool) -> list[str]:
    """underthesea's ``word_tokenize``, through the faster mirror of it when underthesea's model allows."""
    segmenter = word_segmenter()
    if segmenter is not None:
        return segmenter(chunk, use_token_normalize=use_token_normalize)
    ut = _underthesea()
    with _lock:
        return ut.word_tokenize(chunk, use_token_normalize=use_token_normalize)


def words(norm: str, sentence: Span, *, pos: bool = False, plain: list[str] | None = None) -> list[Token]:
    """underthesea's words (and POS tags if asked) for one sentence, aligned to the text.

    ``plain``: this sentence's ``segment()``, if already computed; it is reused instead of segmenting again,
    also for POS tagging when underthesea's token normalization would leave every syllable unchanged
    (then ``pos_tag``'s own segmentation is the same; otherwise it is redone as ``pos_tag`` does).
    """
    chunk = norm[sentence.start : sentence.end]
    tags: list[str | None]
    if not pos:
        pieces = plain if plain is not None else segment(norm, sentence)
        tags = [None] * len(pieces)
    else:
        pieces, tags = _pos_tag(chunk, plain)
    tokens = []
    for tag, sp in zip(tags, align(norm, pieces, sentence.start, sentence.end), strict=True):
        if sp is not None:
            tokens.append(Token(sp.start, sp.end, norm[sp.start : sp.end], tag))
    return tokens


def _pos_tag(chunk: str, plain: list[str] | None) -> tuple[list[str], list[str | None]]:
    """Exactly ``underthesea.pos_tag(chunk)``, minus the work already done or done quadratically there."""
    tagger = _pos_tagger()
    if tagger is None:  # an underthesea whose tagger we do not mirror: ask it
        with _lock:
            tagged = _underthesea().pos_tag(chunk)
        return [w for w, _ in tagged], [t for _, t in tagged]
    if plain is not None and _unchanged_by_token_normalize(plain):
        pieces = plain
    else:
        pieces = _word_tokenize(chunk, use_token_normalize=True)  # what pos_tag segments with
    return pieces, list(tagger.tag(pieces))


_tagger: KnownFeatureTagger | None = None
_tagger_loaded = False


def _pos_tagger() -> KnownFeatureTagger | None:
    """underthesea's CRF POS model with its parsed feature templates, or None if they moved."""
    global _tagger, _tagger_loaded
    if not _tagger_loaded:
        with _lock:
            try:
                from underthesea.pipeline.pos_tag import model_crf, tagged_feature

                # Only the model file underthesea's predictor loads: its name is a constant there.
                if _POS_MODEL not in model_crf.CRFPOSTagPredictor._decorated.__init__.__code__.co_consts:
                    raise AttributeError(f"underthesea's POS predictor no longer loads {_POS_MODEL}")
                predictor = model_crf.CRFPOSTagPredictor.Instance()
                # underthesea formats each function's result with an f-string ("True", not True);
                # the word-level tests repeat across sentences and are cached.
                functions = {
                    name: lru_cache(maxsize=1 << 13)(_as_text(function))  # bounded: see segmenter
                    for name, function in (
                        ("lower", tagged_feature.text_lower),
                        ("istitle", tagged_feature.text_istitle),
                        ("isallcap", tagged_feature.text_isallcap),
                        ("isdigit", tagged_feature.text_isdigit),
                        ("is_in_dict", tagged_feature.text_is_in_dict),
                    )
                }
                templates = parse_templates(predictor.transformer.template, functions)
                attributes = crfsuite_attributes(Path(model_crf.__file__).parent / _POS_MODEL)
                _tagger = KnownFeatureTagger(predictor.model, templates, attributes)
            except (ImportError, AttributeError, OSError, struct.error, UnicodeDecodeError):
                _tagger = None
            _tagger_loaded = True
    return _tagger


_POS_MODEL = "pos_crf_2017_10_11.bin"


def _as_text(function: Callable[[str], Any]) -> Callable[[str], str]:
    def text(word: str) -> str:
        return f"{function(word)}"

    return text


def _unchanged_by_token_normalize(pieces: list[str]) -> bool:
    return all(map(_syllable_unchanged, " ".join(pieces).split(" ")))


@lru_cache(maxsize=65536)
def _syllable_unchanged(syllable: str) -> bool:
    from underthesea.pipeline.text_normalize import token_normalize

    return token_normalize(syllable) == syllable
