"""vnextract.segmenter stands in for underthesea's word_tokenize: it must give exactly underthesea's words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnextract import segmenter, tokenize
from vnextract.context import Analysis

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    extra = sorted((ROOT / "corpus/extra").glob("*.json"))
    texts += [json.loads(p.read_text(encoding="utf-8"))["text"] for p in extra]
    return texts


def reference(chunk: str, normalize: bool) -> list[str]:
    from underthesea import word_tokenize

    return word_tokenize(chunk, use_token_normalize=normalize)


def test_segmenter_loads_for_the_installed_underthesea() -> None:
    # If this fails, underthesea changed its model or templates: the pipeline still works (it falls
    # back to underthesea itself) but loses the speed-up; update vnextract/segmenter.py.
    assert segmenter.word_segmenter() is not None


@pytest.mark.parametrize("normalize", [False, True])
def test_segmenter_equals_underthesea_on_every_corpus_sentence(normalize: bool) -> None:
    seg = segmenter.word_segmenter()
    assert seg is not None
    checked = 0
    for text in corpus():
        an = Analysis(text)
        for s in an.sentences:
            chunk = an.text[s.start : s.end]
            assert seg(chunk, use_token_normalize=normalize) == reference(chunk, normalize), chunk
            checked += 1
    assert checked > 400


@pytest.mark.parametrize("normalize", [False, True])
def test_segmenter_equals_underthesea_on_whole_articles(normalize: bool) -> None:
    seg = segmenter.word_segmenter()
    assert seg is not None
    for text in corpus()[:8]:
        assert seg(text, use_token_normalize=normalize) == reference(text, normalize)


syllables = st.sampled_from([
    "Hoà", "hoá", "Thủ tướng", "Phạm Minh Chính", "tăng", "8,5%", "năm", "2022", "TP.HCM", "UBND", "ko", "dc",
    "ng", ",", ".", "(", ")", "Ông", "BÀ", "e-mail", "1/2", "-12", "+7", "2147483648", "ǅa", "ß", "İstanbul",
    "١٢", "²", "KH&CN", "a.b@gov.vn", "https://x.vn/a", "10:30", "15/3/2024", "Ω", "ĐÀ NẴNG", "hồ sơ",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(syllables, min_size=1, max_size=40).map(" ".join), st.text(max_size=80)))
def test_segmenter_equals_underthesea_on_generated_text(text: str) -> None:
    seg = segmenter.word_segmenter()
    assert seg is not None
    for normalize in (False, True):
        try:
            expected = reference(text, normalize)
        except BaseException:  # underthesea's Rust featurizer panics on some inputs: nothing to mirror
            continue
        assert seg(text, use_token_normalize=normalize) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", "True"), ("-12", "True"), ("+7", "True"), ("2147483647", "True"), ("2147483648", "False"),
     ("-2147483648", "True"), ("1.200", "False"), ("١٢", "False"), ("²", "False"), ("", "False"),
     ("-", "False"), ("0000000000012", "True"), ("-0", "True"), ("9" * 100_000, "False")],
)
def test_isdigit_follows_rust_i32_parsing(text: str, expected: str) -> None:
    assert segmenter._rust_isdigit(text) == expected
    if text:  # underthesea_core itself panics on an empty token
        assert rust_feature("T[0].isdigit", text) == expected


def rust_feature(template: str, token: str) -> str:
    from underthesea_core import CRFFeaturizer

    return CRFFeaturizer([template], set()).process([[[token]]])[0][0][0].split("=", 1)[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Hà", "True"), ("hà", "False"), ("1.200", "True"), ("-", "True"), ("ǅa", "False"), ("ß", "False"),
     ("Hà Nội", "True"), ("Hà nội", "False"), ("ĐÀ", "True")],
)
def test_istitle_follows_underthesea_core(text: str, expected: str) -> None:
    assert segmenter._rust_istitle(text) == expected == rust_feature("T[0].istitle", text)


def test_pipeline_falls_back_to_underthesea_without_the_mirror(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Tỷ lệ hồ sơ xử lý trực tuyến đạt 36,9%, tăng khoảng 10% so với cùng kỳ."
    an = Analysis(text)
    sentence = an.sentences[0]
    fast = tokenize.segment(an.text, sentence)
    monkeypatch.setattr(tokenize, "word_segmenter", lambda: None)
    assert tokenize.segment(an.text, sentence) == fast == reference(text, False)


def test_segmenter_refuses_to_load_when_its_features_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segmenter, "_rust_istitle", lambda text: "True")
    with pytest.raises(AttributeError, match="differ from underthesea"):
        segmenter.WordSegmenter()


def test_build_features_marks_sentence_edges_like_underthesea() -> None:
    templates = segmenter.parse_templates(["T[-1]", "T[0,1]", "T[1,2].lower"], {"lower": str.lower})
    rows = segmenter.build_features(["Ab", "Cd", "Ef"], templates)
    assert rows == [
        ["T[-1]=BOS", "T[0,1]=Ab Cd", "T[1,2].lower=cd ef"],
        ["T[-1]=Ab", "T[0,1]=Cd Ef", "T[1,2].lower=EOS"],
        ["T[-1]=Cd", "T[0,1]=EOS", "T[1,2].lower=EOS"],
    ]
    with pytest.raises(AttributeError):
        segmenter.parse_templates(["T[0].unknown"], {})


def test_known_feature_tagger_keeps_only_model_attributes_in_order() -> None:
    class Recorder:
        def tag(self, rows: list[list[str]]) -> list[str]:
            self.rows = rows
            return ["X"] * len(rows)

    templates = segmenter.parse_templates(["T[-1]", "T[0]", "T[0].lower"], {"lower": str.lower})
    recorder = Recorder()
    attributes = ["T[0]=Ab", "T[-1]=BOS", "T[0].lower=cd", "W=x"]
    tagger = segmenter.KnownFeatureTagger(recorder, templates, attributes)
    assert tagger.tag(["Ab", "Cd"]) == ["X", "X"]
    assert recorder.rows == [["T[-1]=BOS", "T[0]=Ab"], ["T[0].lower=cd"]]
    assert tagger.tag([]) == []


def test_known_features_give_underthesea_labels_on_the_corpus() -> None:
    seg = segmenter.word_segmenter()
    assert seg is not None
    crf = seg._crf
    for text in corpus()[:10]:
        tokens = seg.tokens(text)
        assert crf.tag(tokens) == list(crf.tagger.tag(segmenter.build_features(tokens, crf.templates)))


def test_crfsuite_attributes_reads_the_models_attribute_database(tmp_path: Path) -> None:
    seg = segmenter.word_segmenter()
    assert seg is not None
    import underthesea.pipeline.word_tokenize as ws

    model = Path(ws.__file__).parent / "models" / segmenter._MODEL / "models.bin"
    attributes = segmenter.crfsuite_attributes(model)
    assert len(attributes) == len(set(attributes)) > 10_000
    assert "T[0].is_in_dict=False" in attributes and "T[-2]=BOS" in attributes
    bad = tmp_path / "x.bin"
    bad.write_bytes(b"not a model" * 10)
    with pytest.raises(AttributeError, match="not a CRFsuite model"):
        segmenter.crfsuite_attributes(bad)
