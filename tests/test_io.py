"""Readers (txt, folders, JSONL, CSV, Parquet, dates file), writers with resume, extract_files."""

from __future__ import annotations

import csv
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from vnextract import batch, io, tables
from vnextract.pipeline import check_doc_id, check_reference_date, check_text
from vnextract.records import Document, ExtractionError, Indicator, Quantity

GOOD = "Ngày 8/8/2022, tỷ lệ hồ sơ trực tuyến đạt 45,7%."


def stub_extract(text, *, doc_id=None, reference_date=None):
    """Stands in for the extraction layers (built in parallel): io is tested on its own."""
    text, doc_id, ref = check_text(text), check_doc_id(doc_id), check_reference_date(reference_date)
    start = text.find("45,7%")
    if start < 0:
        return Document(doc_id=doc_id, reference_date=ref)
    q = Quantity(start=start, end=start + 5, text="45,7%", kind="percent", value=45.7, unit="%")
    ind = Indicator(metric="tỷ lệ hồ sơ trực tuyến", value=q, sentence_start=0, sentence_end=len(text))
    return Document(doc_id=doc_id, reference_date=ref, quantities=[q], indicators=[ind])


@pytest.fixture(autouse=True)
def _stub_layers(monkeypatch):
    monkeypatch.setattr(batch, "extract", stub_extract)


def _write_jsonl(path, lines):
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def test_io_folder_is_read_recursively_with_relative_ids(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("\ufeff" + GOOD, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    articles = list(io.iter_articles([tmp_path]))
    assert [a.doc_id for a in articles] == ["b", "sub/a"]
    assert [a.index for a in articles] == [0, 1]
    assert all(a.text == GOOD and a.error is None for a in articles)  # the BOM is not part of the text


def test_io_dates_file_gives_reference_dates_and_ids(tmp_path):
    (tmp_path / "x1.txt").write_text(GOOD, encoding="utf-8")
    dates = _write_jsonl(
        tmp_path / "articles.jsonl",
        [json.dumps({"file": "x1.txt", "doc_id": "article-1", "reference_date": "2022-08-08"}).encode()],
    )
    [article] = io.iter_articles([tmp_path], dates=io.load_dates(dates))
    assert (article.doc_id, article.reference_date) == ("article-1", "2022-08-08")


@pytest.mark.parametrize(
    ("line", "error_type", "message"),
    [
        (b'{"id": "a", "text": "abc', "MalformedJSON", "line 2: malformed JSON"),
        (b'["not", "an", "object"]', "MalformedJSON", "line 2: expected a JSON object"),
        (b'{"id": "a", "text": "ab\xff\xfe"}', "EncodingError", "line 2: not valid UTF-8 at byte offset 47"),
        (b'{"id": "a", "body": "abc"}', "MissingField", "no field 'text'"),
        (b'{"id": "a", "text": "  "}', "EmptyText", "empty text"),
    ],
)
def test_io_jsonl_problems_name_file_line_and_offset(tmp_path, line, error_type, message):
    first = json.dumps(
        {"id": "ok", "text": GOOD}
    ).encode()  # 24 bytes + newline before line 2? computed below
    path = _write_jsonl(tmp_path / "in.jsonl", [first, line, first.replace(b'"ok"', b'"ok2"')])
    articles = list(io.iter_articles([path]))
    assert [a.error is None for a in articles] == [True, False, True]
    bad = articles[1]
    assert bad.error_type == error_type
    if error_type == "EncodingError":
        offset = len(first) + 1 + line.index(b"\xff")
        message = f"line 2: not valid UTF-8 at byte offset {offset}"
    assert message in bad.error and str(path) in bad.error
    assert bad.source == f"{path} line 2"


def test_io_jsonl_non_text_is_passed_on_for_extraction_to_reject(tmp_path):
    path = _write_jsonl(tmp_path / "in.jsonl", [b'{"id": 7, "text": 12345, "date": "2022-01-01"}'])
    [article] = io.iter_articles([path])
    assert article.error is None and article.text == 12345 and article.doc_id == "7"


def test_io_jsonl_with_a_byte_order_mark(tmp_path):
    path = _write_jsonl(
        tmp_path / "in.jsonl", [b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": GOOD}).encode()]
    )
    [article] = io.iter_articles([path])
    assert article.error is None and article.text == GOOD


def test_io_jsonl_custom_fields_and_default_ids(tmp_path):
    path = _write_jsonl(tmp_path / "news.jsonl", [json.dumps({"body": GOOD, "day": "2022-08-08"}).encode()])
    [article] = io.iter_articles([path], fields=io.Fields(text="body", id="key", date="day"))
    assert (article.doc_id, article.text, article.reference_date) == ("news:1", GOOD, "2022-08-08")


def test_io_missing_file_and_bad_txt_encoding_are_errors_not_crashes(tmp_path):
    (tmp_path / "bad.txt").write_bytes("Tỷ lệ".encode() + b"\xc3\x28")
    articles = list(io.iter_articles([tmp_path / "nope.txt", tmp_path / "bad.txt", tmp_path / "nope.xlsx"]))
    assert [a.error_type for a in articles] == ["FileNotFoundError", "EncodingError", "FileNotFoundError"]
    assert f"not valid UTF-8 at byte offset {len('Tỷ lệ'.encode())}" in articles[1].error


def test_io_unsupported_suffix(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"PK")
    [article] = io.iter_articles([tmp_path / "a.xlsx"])
    assert article.error_type == "UnsupportedInput"


def test_io_csv_rows_with_multiline_text_and_a_bad_line(tmp_path):
    path = tmp_path / "in.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "date"])
        w.writerow(["a", GOOD + "\nDòng hai.", "2022-08-10"])
        w.writerow(["b", GOOD, ""])
    path.write_bytes(path.read_bytes() + b"c,bad \xff text,\n" + b"d," + GOOD.encode() + b",\n")
    articles = list(io.iter_articles([path]))
    assert [a.doc_id for a in articles] == ["a", "b", None, "d"]
    assert articles[0].text == GOOD + "\nDòng hai."
    assert articles[2].error_type == "EncodingError" and "line 5" in articles[2].error


def test_io_parquet_rows(tmp_path):
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "text": [GOOD, None], "date": ["2022-08-10", None]}), path)
    articles = list(io.iter_articles([path]))
    assert [(a.doc_id, a.text, a.reference_date) for a in articles] == [
        ("a", GOOD, "2022-08-10"),
        ("b", None, None),
    ]


def test_io_corrupt_parquet_is_reported(tmp_path):
    (tmp_path / "broken.parquet").write_bytes(b"not parquet at all")
    [article] = io.iter_articles([tmp_path / "broken.parquet"])
    assert article.error is not None and "broken.parquet" in article.error


@pytest.mark.parametrize(("name", "fmt"), [("a.jsonl", "jsonl"), ("a.CSV", "csv"), ("a.parquet", "parquet")])
def test_io_output_format_from_suffix(name, fmt):
    assert io.output_format(name) == fmt


def test_io_output_format_unknown():
    with pytest.raises(ValueError, match=r"use \.jsonl, \.csv or \.parquet"):
        io.output_format("out.xlsx")


def _input_file(tmp_path, n=6, broken=True):
    lines = [json.dumps({"id": f"d{i}", "text": f"{GOOD} Bài số {i}."}).encode() for i in range(n)]
    if broken:
        lines.insert(2, b'{"id": "x", "text": ')
        lines.insert(4, b'{"id": "y", "text": 5}')
    return _write_jsonl(tmp_path / "in.jsonl", lines)


def test_io_extract_files_jsonl_and_errors(tmp_path):
    out = tmp_path / "out" / "docs.jsonl"
    summary = io.extract_files([_input_file(tmp_path)], out)
    docs = list(io.read_documents(out))
    assert [d.doc_id for d in docs] == [f"d{i}" for i in range(6)]
    errors = [
        ExtractionError.model_validate_json(line)
        for line in io.default_errors_path(out).read_text().splitlines()
    ]
    assert [(e.doc_id, e.error_type) for e in errors] == [(None, "MalformedJSON"), ("y", "TypeError")]
    assert errors[1].index == 4 and errors[1].source.endswith("in.jsonl line 5")
    assert (summary.articles, summary.errors, summary.skipped) == (8, 2, 0)


def test_io_jsonl_resume_drops_a_cut_line_and_skips_done_ids(tmp_path):
    out = tmp_path / "docs.jsonl"
    source = _input_file(tmp_path, broken=False)
    io.extract_files([source], out)
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:3]) + lines[3][:20])  # interrupted while writing the 4th document
    summary = io.extract_files([source], out, resume=True)
    assert summary.skipped == 3 and summary.articles == 3
    assert [d.doc_id for d in io.read_documents(out)] == [f"d{i}" for i in range(6)]


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_io_table_output_and_resume(tmp_path, monkeypatch, suffix):
    monkeypatch.setattr(io, "_PART_DOCS", 2)
    source = _input_file(tmp_path, broken=False)
    out = tmp_path / f"q.{suffix}"
    io.extract_files([source], out, table="quantities")
    first = _read_table(out, suffix)
    # Resume a finished output: nothing is written twice.
    summary = io.extract_files([source], out, table="quantities", resume=True)
    assert _read_table(out, suffix) == first
    assert summary.errors == 0
    assert not out.with_name(out.name + ".parts").exists()


def _read_table(path, suffix):
    if suffix == "parquet":
        table = pq.read_table(path)
        assert table.schema == tables.arrow_schema(table_name_of(table))
        return table.to_pylist()
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def table_name_of(table):
    return next(name for name in tables.TABLES if list(tables.COLUMNS[name]) == table.schema.names)


def test_io_table_interrupted_run_resumes_from_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(io, "_PART_DOCS", 2)
    source = _input_file(tmp_path, broken=False)
    out = tmp_path / "ind.parquet"
    seen = []

    def stop_after_three(n):
        seen.append(n)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        io.extract_files([source], out, on_progress=stop_after_three)
    parts = out.with_name(out.name + ".parts")
    assert parts.exists() and not out.exists()
    summary = io.extract_files([source], out, resume=True)
    assert summary.skipped == 3 and summary.articles == 3
    assert pq.read_table(out).schema == tables.arrow_schema("indicators")
    assert not parts.exists()


def test_io_jsonl_documents_revalidate(tmp_path):
    out = tmp_path / "docs.jsonl"
    io.extract_files([_input_file(tmp_path, broken=False)], out)
    for line in out.read_text(encoding="utf-8").splitlines():
        assert isinstance(Document.model_validate_json(line), Document)


def test_io_count_articles(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    assert io.count_articles([tmp_path, _input_file(tmp_path)]) == 1 + 8


def test_io_table_resume_after_a_cut_manifest_line(tmp_path, monkeypatch):
    monkeypatch.setattr(io, "_PART_DOCS", 2)
    source = _input_file(tmp_path, broken=False)
    out = tmp_path / "q.csv"
    calls = []

    def stop_after_five(n):
        calls.append(n)
        if len(calls) == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        io.extract_files([source], out, table="quantities", on_progress=stop_after_five)
    manifest = out.with_name(out.name + ".parts") / "manifest.jsonl"
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    manifest.write_text(lines[0] + lines[1][:10], encoding="utf-8")  # the second entry was cut
    summary = io.extract_files([source], out, table="quantities", resume=True)
    assert summary.skipped == 2
    ids = [row["doc_id"] for row in _read_table(out, "csv")]
    assert ids == [f"d{i}" for i in range(6)]
