"""spaCy: spacy.blank("vi") tokenizes with underthesea; the vnextract component fills spans, ents, doc._."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import spacy
from spacy import displacy
from spacy.tokens import Doc

import vnextract.pipeline
from vnextract.integrations.spacy import UndertheseaTokenizer, Vietnamese
from vnextract.records import Document, Entity, Quantity, TimeExpression

TEXT = (
    "Ngày 8/8/2022, UBND tỉnh Lào Cai cho biết  tỷ lệ hồ sơ trực tuyến đạt 45,7%.\n"
    "Bộ Thông tin và Truyền thông."
)


def _span(piece: str) -> dict:
    start = TEXT.index(piece)
    return {"start": start, "end": start + len(piece), "text": piece}


def fake_extract(text, *, doc_id=None, reference_date=None):
    """Fixed records (the layers are built in parallel): the component's wiring is what is tested."""
    return Document(
        doc_id=doc_id,
        reference_date=vnextract.pipeline.check_reference_date(reference_date),
        quantities=[Quantity(**_span("45,7%"), kind="percent", value=45.7, unit="%")],
        times=[TimeExpression(**_span("Ngày 8/8/2022"), grain="day")],
        entities=[
            Entity(**_span("UBND tỉnh Lào Cai"), label="ORG"),
            Entity(**_span("Bộ Thông tin và Truyền thông"), label="ORG"),
            Entity(**{**_span("Thông tin"), "label": "LOC"}),  # overlaps: kept in spans, not in ents
        ],
    )


def test_integrations_spacy_blank_vi_uses_underthesea():
    nlp = spacy.blank("vi")
    assert isinstance(nlp, Vietnamese)
    assert isinstance(nlp.tokenizer, UndertheseaTokenizer)
    doc = nlp(TEXT)
    assert doc.text == TEXT
    words = [t.text for t in doc]
    assert "tỷ lệ" in words and "trực tuyến" in words  # multi-syllable words are single tokens


def test_integrations_spacy_tokenizer_keeps_odd_whitespace():
    nlp = spacy.blank("vi")
    for text in ["", "   ", "a  b\n\n c ", "45,7%  ,\t x"]:
        assert nlp(text).text == text


def test_integrations_spacy_component_writes_spans_ents_and_records(monkeypatch):
    monkeypatch.setattr(vnextract.pipeline, "extract", fake_extract)
    nlp = spacy.blank("vi")
    nlp.add_pipe("vnextract", config={"reference_date": "2022-08-10"})
    doc = nlp(TEXT)
    assert isinstance(doc._.vnextract, Document)
    assert doc._.vnextract.reference_date == dt.date(2022, 8, 10)
    spans = [(s.text, s.label_) for s in doc.spans["vnextract"]]
    assert ("45,7%", "PERCENT") in spans and ("Ngày 8/8/2022", "TIME") in spans
    assert ("Thông tin", "LOC") in spans
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("UBND tỉnh Lào Cai", "ORG"),
        ("Bộ Thông tin và Truyền thông", "ORG"),
    ]


def test_integrations_spacy_per_doc_reference_date(monkeypatch):
    monkeypatch.setattr(vnextract.pipeline, "extract", fake_extract)
    nlp = spacy.blank("vi")
    nlp.add_pipe("vnextract")
    doc = nlp.make_doc(TEXT)
    doc._.vnextract_date = "2024-05-19"
    assert nlp(doc)._.vnextract.reference_date == dt.date(2024, 5, 19)


def test_integrations_spacy_real_extraction_offsets_align():
    nlp = spacy.blank("vi")
    nlp.add_pipe("vnextract", config={"reference_date": "2022-08-10"})
    doc = nlp(TEXT)
    record = doc._.vnextract
    for mention in [*record.quantities, *record.times, *record.entities]:
        assert TEXT[mention.start : mention.end] == mention.text
    assert len(doc.spans["vnextract"]) == len(record.quantities) + len(record.times) + len(record.entities)


def test_integrations_spacy_displacy_renders_the_spans(monkeypatch):
    monkeypatch.setattr(vnextract.pipeline, "extract", fake_extract)
    nlp = spacy.blank("vi")
    nlp.add_pipe("vnextract")
    html = displacy.render(nlp(TEXT), style="span", options={"spans_key": "vnextract"}, jupyter=False)
    assert "PERCENT" in html and "ORG" in html


def test_integrations_spacy_pipeline_serializes(tmp_path):
    nlp = spacy.blank("vi")
    nlp.add_pipe("vnextract", config={"reference_date": "2022-08-10"})
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["vnextract"] and isinstance(loaded.tokenizer, UndertheseaTokenizer)
    assert isinstance(loaded(TEXT), Doc)


def test_integrations_spacy_other_pipelines_do_not_load_underthesea():
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('en'); nlp.add_pipe('sentencizer')\n"
        "print('underthesea' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
