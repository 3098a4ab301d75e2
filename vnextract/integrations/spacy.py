"""spaCy: an underthesea tokenizer for Vietnamese and a ``vnextract`` pipeline component.

    import spacy
    nlp = spacy.blank("vi")            # underthesea words, no pyvi needed
    nlp.add_pipe("vnextract", config={"reference_date": "2022-08-10"})
    doc = nlp(text)
    doc.spans["vnextract"]             # quantities, times and entities (may overlap across layers)
    doc.ents                           # the entity layer (PERSON, ORG, LOC, DOCUMENT, SYSTEM)
    doc._.vnextract                    # the vnextract Document, indicators included

Installing vnextract registers, through entry points, the factory ``vnextract``, the tokenizer
``vnextract.UndertheseaTokenizer.v1`` and the language class for ``"vi"`` that uses it (spaCy's
own ``spacy.lang.vi.Vietnamese`` with pyvi stays available by that name). spaCy imports this
module whenever it builds a pipeline, so underthesea and the extractors are imported lazily.
"""

from __future__ import annotations

from typing import Any

from spacy.lang.vi import Vietnamese as SpacyVietnamese
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import DummyTokenizer, filter_spans, get_words_and_spaces, load_config_from_str, registry
from spacy.vocab import Vocab

SPANS_KEY = "vnextract"
TOKENIZER_NAME = "vnextract.UndertheseaTokenizer.v1"

if not Doc.has_extension("vnextract"):
    Doc.set_extension("vnextract", default=None)  # the Document the component extracted
if not Doc.has_extension("vnextract_date"):
    Doc.set_extension("vnextract_date", default=None)  # a per-doc reference date, set before the component


class UndertheseaTokenizer(DummyTokenizer):
    """Words from underthesea's ``word_tokenize`` (multi-syllable words are one token: "chuyển đổi").

    Characters underthesea rewrites or drops become tokens of their own, split at white space, so
    ``doc.text`` is always the input.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __reduce__(self) -> tuple[Any, ...]:
        return UndertheseaTokenizer, (self.vocab,)

    def __call__(self, text: str) -> Doc:
        words, spaces = get_words_and_spaces(word_strings(text), text)
        return Doc(self.vocab, words=words, spaces=spaces)


def word_strings(text: str) -> list[str]:
    """underthesea's words as exact substrings of ``text``, covering every non-space character."""
    from vnextract import tokenize

    words: list[str] = []
    pos = 0
    for line in tokenize.paragraphs(text):
        pieces = tokenize.segment(text, line)  # underthesea's words (through vnextract's segmenter)
        for span in tokenize.align(text, pieces, line.start, line.end):
            if span is None:
                continue
            words += text[pos : span.start].split()  # what underthesea left out
            words.append(text[span.start : span.end])
            pos = span.end
    words += text[pos:].split()
    return words


@registry.tokenizers(TOKENIZER_NAME)
def create_tokenizer() -> Any:
    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab)

    return make


class VietnameseDefaults(SpacyVietnamese.Defaults):  # type: ignore[name-defined,misc]
    config = load_config_from_str(f'[nlp]\n\n[nlp.tokenizer]\n@tokenizers = "{TOKENIZER_NAME}"\n')


class Vietnamese(Language):
    """spaCy's Vietnamese, tokenized by underthesea: what ``spacy.blank("vi")`` builds."""

    lang = "vi"
    Defaults = VietnameseDefaults


def quantity_label(kind: str) -> str:
    return kind.upper()


class VnextractComponent:
    """Runs ``vnextract.extract`` on ``doc.text`` and writes the results onto the Doc."""

    def __init__(self, nlp: Language, name: str, reference_date: str | None, spans_key: str, set_ents: bool):
        self.name = name
        self.reference_date = reference_date
        self.spans_key = spans_key
        self.set_ents = set_ents

    def __call__(self, doc: Doc) -> Doc:
        from vnextract.pipeline import extract

        record = extract(doc.text, reference_date=doc._.vnextract_date or self.reference_date)
        doc._.vnextract = record
        mentions: list[Span] = []
        entities: list[Span] = []
        for layer in ("quantities", "times", "entities"):
            for m in getattr(record, layer):
                label = (
                    m.label if layer == "entities" else "TIME" if layer == "times" else quantity_label(m.kind)
                )
                span = doc.char_span(m.start, m.end, label=label, alignment_mode="expand")
                if span is None:
                    continue
                mentions.append(span)
                if layer == "entities":
                    entities.append(span)
        doc.spans[self.spans_key] = sorted(mentions, key=lambda s: (s.start, s.end))
        if self.set_ents:
            doc.ents = filter_spans(entities)
        return doc


@Language.factory(
    "vnextract",
    default_config={"reference_date": None, "spans_key": SPANS_KEY, "set_ents": True},
)
def make_vnextract(
    nlp: Language, name: str, reference_date: str | None, spans_key: str, set_ents: bool
) -> VnextractComponent:
    return VnextractComponent(nlp, name, reference_date, spans_key, set_ents)
