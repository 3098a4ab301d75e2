"""The vnextract command: extract, show, eval, schema; exit codes and error reports."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from vnextract import tables
from vnextract.cli import app
from vnextract.records import Document

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Ngày 8/8/2022, tỷ lệ hồ sơ trực tuyến đạt 45,7%, tăng 11% so với cùng kỳ."
runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path):
    """Two corpus articles and their dates file, as `vnextract extract corpus --dates ...` sees them."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    lines = (ROOT / "corpus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    for line in lines:
        name = json.loads(line)["file"]
        shutil.copy(ROOT / "corpus" / name, folder / name)
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_cli_extract_folder_with_dates_to_jsonl(corpus, tmp_path):
    out = tmp_path / "out" / "corpus.jsonl"
    result = _run("extract", corpus, "--dates", corpus / "articles.jsonl", "-o", out, "--no-progress")
    assert result.exit_code == 0, result.output
    expected = [json.loads(line) for line in (corpus / "articles.jsonl").read_text().splitlines()]
    docs = [Document.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d.doc_id for d in docs] == [e["doc_id"] for e in expected]
    assert [str(d.reference_date) for d in docs] == [e["reference_date"] for e in expected]
    assert "2 extracted" in result.output and "errors" in result.output
    assert (out.parent / "corpus.errors.jsonl").read_text() == ""


def test_cli_extract_errors_give_exit_code_1_and_an_errors_file(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        json.dumps({"id": "a", "text": TEXT}).encode()
        + b"\n"
        + b'{"id": "b", "text": \n'
        + b'{"id": "c", "text": 3}\n'
    )
    out = tmp_path / "docs.jsonl"
    errors = tmp_path / "problems.jsonl"
    result = _run("extract", source, tmp_path / "missing.txt", "-o", out, "--errors", errors, "--no-progress")
    assert result.exit_code == 1
    reported = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [r["error_type"] for r in reported] == ["MalformedJSON", "TypeError", "FileNotFoundError"]
    assert "line 2" in reported[0]["error"] and "missing.txt" in reported[2]["error"]
    assert [json.loads(line)["doc_id"] for line in out.read_text().splitlines()] == ["a"]


@pytest.mark.parametrize("table", ["indicators", "quantities", "times", "entities"])
def test_cli_extract_parquet_table_has_the_explicit_schema(corpus, tmp_path, table):
    out = tmp_path / f"{table}.parquet"
    result = _run("extract", corpus, "-o", out, "--table", table, "--no-progress")
    assert result.exit_code == 0, result.output
    assert pq.read_table(out).schema == tables.arrow_schema(table)


def test_cli_extract_csv(corpus, tmp_path):
    out = tmp_path / "q.csv"
    assert _run("extract", corpus, "-o", out, "--table", "quantities", "--no-progress").exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(tables.COLUMNS["quantities"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.xlsx"], "cannot tell the output format"),
        (["-o", "x.jsonl", "--table", "people"], "unknown table"),
        (["-o", "x.jsonl", "--dates", "nope.jsonl"], "dates file not found"),
    ],
)
def test_cli_extract_usage_errors_exit_2(tmp_path, args, message):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = _run("extract", tmp_path / "a.txt", *args)
    assert result.exit_code == 2
    assert message in result.output


def test_cli_show_text_and_json():
    shown = _run("show", TEXT, "--date", "2022-08-10")
    assert shown.exit_code == 0 and "45,7%" in shown.output
    as_json = _run("show", TEXT, "--date", "2022-08-10", "--json")
    doc = Document.model_validate_json(as_json.output)
    assert doc.reference_date.isoformat() == "2022-08-10"


def test_cli_show_reads_a_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = _run("show", path, "--json")
    assert result.exit_code == 0 and json.loads(result.output)["doc_id"] is None


def test_cli_show_bad_date_exit_2():
    result = _run("show", TEXT, "--date", "2022-13-40")
    assert result.exit_code == 2 and "ISO date" in result.output


def test_cli_eval_prints_one_line_per_layer():
    result = _run("eval", ROOT / "corpus" / "gold", "--texts", ROOT / "corpus")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines[:4]] == ["quantities", "times", "entities", "indicators"]
    assert lines[4].startswith("docs=5 ")


def test_cli_eval_json():
    result = _run("eval", ROOT / "corpus" / "gold", "--json")
    assert set(json.loads(result.output)["layers"]) == {"quantities", "times", "entities", "indicators"}


def test_cli_schema_is_the_document_json_schema():
    result = _run("schema")
    assert json.loads(result.output) == Document.model_json_schema()
    assert _run("schema", "--model", "Nope").exit_code == 2


def test_cli_entry_point_is_installed():
    script = Path(sys.executable).parent / "vnextract"
    result = subprocess.run([script, "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "extract" in result.stdout
