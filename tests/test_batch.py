"""extract_many: order, laziness, bounded memory, failure isolation, process pool; extract_frame."""

from __future__ import annotations

import datetime as dt
import itertools
import os

import pandas as pd
import pytest

from vnextract import batch, extract, extract_many, tables
from vnextract.records import Document, ExtractionError

TEXTS = [
    "Ngày 8/8/2022, tỷ lệ hồ sơ trực tuyến đạt 45,7%, tăng 11% so với cùng kỳ.",
    "Đến năm 2025, phấn đấu 80% hộ gia đình sử dụng Internet cáp quang.",
    "Bộ Thông tin và Truyền thông cho biết có 67.300 doanh nghiệp công nghệ số.",
]


def _dump(results):
    return [r.model_dump(mode="json") for r in results]


@pytest.mark.parametrize("n_process", [1, 2])
def test_batch_same_results_as_extract_in_order(n_process):
    texts = TEXTS * 5
    ids = [f"d{i}" for i in range(len(texts))]
    got = list(
        extract_many(
            texts, n_process=n_process, batch_size=2, doc_ids=ids, reference_dates=["2022-08-10"] * 15
        )
    )
    expected = [extract(t, doc_id=i, reference_date="2022-08-10") for t, i in zip(texts, ids, strict=True)]
    assert _dump(got) == _dump(expected)


@pytest.mark.parametrize("n_process", [1, 2])
@pytest.mark.parametrize(
    ("bad", "error_type"),
    [(None, "TypeError"), (b"bytes", "TypeError"), (42, "TypeError")],
)
def test_batch_non_text_becomes_an_error_and_the_rest_goes_on(n_process, bad, error_type):
    results = list(extract_many([TEXTS[0], bad, TEXTS[1]], n_process=n_process, doc_ids=["a", "b", "c"]))
    assert [type(r) for r in results] == [Document, ExtractionError, Document]
    assert results[1].doc_id == "b" and results[1].index == 1 and results[1].error_type == error_type
    assert [results[0].doc_id, results[2].doc_id] == ["a", "c"]


def test_batch_bad_reference_date_is_an_error_of_that_text_only():
    results = list(extract_many(TEXTS[:2], reference_dates=["2022-13-45", dt.date(2022, 8, 10)]))
    assert isinstance(results[0], ExtractionError) and "ISO date" in results[0].error
    assert isinstance(results[1], Document) and results[1].reference_date == dt.date(2022, 8, 10)


def _exploding_extract(text, **kwargs):
    if text == "BOOM":
        raise RuntimeError("exploded")
    if text == "CRASH":
        os._exit(3)  # a worker dying (killed, out of memory) rather than raising
    return extract(text, **kwargs)


@pytest.mark.parametrize("n_process", [1, 2])
def test_batch_exception_inside_extraction_is_isolated(monkeypatch, n_process):
    monkeypatch.setattr(batch, "extract", _exploding_extract)
    texts = [TEXTS[0], "BOOM", TEXTS[1], TEXTS[2]] * 3
    results = list(extract_many(texts, n_process=n_process, batch_size=2))
    errors = [r for r in results if isinstance(r, ExtractionError)]
    assert [e.index for e in errors] == [1, 5, 9]
    assert {e.error for e in errors} == {"exploded"} and {e.error_type for e in errors} == {"RuntimeError"}
    assert sum(isinstance(r, Document) for r in results) == 9


def test_batch_worker_death_fails_only_the_text_that_killed_it(monkeypatch):
    monkeypatch.setattr(batch, "extract", _exploding_extract)
    texts = [TEXTS[0], TEXTS[1], "CRASH", TEXTS[2]] + TEXTS * 4
    results = list(
        extract_many(texts, n_process=2, batch_size=3, doc_ids=[str(i) for i in range(len(texts))])
    )
    assert len(results) == len(texts)
    assert [r.doc_id for r in results] == [str(i) for i in range(len(texts))]
    errors = [r for r in results if isinstance(r, ExtractionError)]
    assert [e.index for e in errors] == [2]
    assert errors[0].error_type == "BrokenProcessPool"


@pytest.mark.parametrize("n_process", [1, 2])
def test_batch_reads_input_lazily_with_a_bounded_window(n_process):
    pulled = itertools.count()

    def endless():
        while True:
            next(pulled)
            yield TEXTS[0]

    stream = extract_many(endless(), n_process=n_process, batch_size=4)
    first = list(itertools.islice(stream, 3))
    stream.close()
    assert len(first) == 3
    assert next(pulled) <= 2 * n_process * 4 + 4 + 1  # window of batches, plus the batch being cut


def test_batch_rejects_ids_shorter_than_texts():
    with pytest.raises(ValueError, match="doc_ids has fewer items"):
        list(extract_many(TEXTS, doc_ids=["a"]))


@pytest.mark.parametrize(("argument", "value"), [("n_process", 0), ("batch_size", 0)])
def test_batch_rejects_bad_arguments_at_call_time(argument, value):
    with pytest.raises(ValueError, match=argument):
        extract_many(TEXTS, **{argument: value})


@pytest.mark.parametrize("table", ["indicators", "quantities", "times", "entities", "errors"])
def test_batch_extract_frame_returns_the_stable_table(table):
    df = pd.DataFrame(
        {
            "text": [TEXTS[0], None, TEXTS[2]],
            "id": [1, 2, 3],
            "date": [pd.Timestamp("2022-08-10"), pd.NaT, "2022-08-10"],
        }
    )
    out = batch.extract_frame(df, table=table)
    assert list(out.columns) == list(tables.COLUMNS[table])
    assert out.dtypes.astype(str).to_dict() == tables.pandas_dtypes(table)
    if table == "errors":
        assert out["doc_id"].tolist() == ["2"] and out["error_type"].tolist() == ["TypeError"]
    expected = tables.to_dataframe(
        extract_many(
            [TEXTS[0], None, TEXTS[2]],
            doc_ids=["1", "2", "3"],
            reference_dates=["2022-08-10", None, "2022-08-10"],
        ),
        table,
        texts=[TEXTS[0], None, TEXTS[2]],
    )
    pd.testing.assert_frame_equal(out, expected)


def test_batch_extract_frames_maps_an_iterator_of_frames():
    frames = [pd.DataFrame({"text": [t]}) for t in TEXTS]
    outs = list(batch.extract_frames(iter(frames), table="quantities"))
    assert len(outs) == 3 and all(list(o.columns) == list(tables.COLUMNS["quantities"]) for o in outs)


def test_batch_extract_frame_needs_the_text_column():
    with pytest.raises(KeyError, match="no column 'body'"):
        batch.extract_frame(pd.DataFrame({"text": ["x"]}), text_col="body")
