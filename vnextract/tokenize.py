"""Paragraphs, sentences and words, as character spans of the normalized text.

underthesea returns strings without offsets, joins syllables with one space and may rewrite
characters; ``align`` maps such pieces back onto the text they came from. underthesea is imported
lazily so that ``import vnextract`` stays cheap.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import regex

from vnextract.text import Span

_PARAGRAPH = regex.compile(r"[^\n]+")
_LOOKAHEAD = 16
_lock = threading.Lock()  # underthesea loads its models on first use and is not thread-safe then


@dataclass(frozen=True, slots=True)
class Token:
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
        chars = [c for c in piece if not c.isspace()]
        if not chars:
            spans.append(None)
            continue
        i = pos
        while i < end and text[i].isspace():
            i += 1
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
    """Sentences of one paragraph, from underthesea's sentence splitter, aligned to the text."""
    chunk = norm[paragraph.start : paragraph.end]
    with _lock:
        pieces = _underthesea().sent_tokenize(chunk)
    spans = [s for s in align(norm, pieces, paragraph.start, paragraph.end) if s is not None]
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


def words(norm: str, sentence: Span, *, pos: bool = False) -> list[Token]:
    """underthesea's words (and POS tags if asked) for one sentence, aligned to the text."""
    chunk = norm[sentence.start : sentence.end]
    ut = _underthesea()
    with _lock:
        if pos:
            tagged = ut.pos_tag(chunk)
            pieces = [w for w, _ in tagged]
            tags: list[str | None] = [t for _, t in tagged]
        else:
            pieces = ut.word_tokenize(chunk, use_token_normalize=False)
            tags = [None] * len(pieces)
    tokens = []
    for tag, sp in zip(tags, align(norm, pieces, sentence.start, sentence.end), strict=True):
        if sp is not None:
            tokens.append(Token(sp.start, sp.end, norm[sp.start : sp.end], tag))
    return tokens
