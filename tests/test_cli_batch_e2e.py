"""End to end: 2,000 articles (and broken records) through `vnextract extract --workers 2`.

The articles are built from short paragraphs of the corpus, shuffled and varied; broken records
(empty, non-text, bytes that are not UTF-8, malformed JSONL lines, a missing text field) are mixed
in. Checks: every good article comes out once, in order, with the records ``extract()`` gives; every
broken one is in the errors file; a run killed midway completes with ``--resume`` without
duplicates; the Parquet output has the explicit schema and concatenates with another run's.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from vnextract import extract, tables
from vnextract.io import read_documents

ROOT = Path(__file__).resolve().parent.parent
VNEXTRACT = Path(sys.executable).parent / "vnextract"
N_ARTICLES = 2000
SAMPLE = 150  # articles re-extracted with extract() in this process and compared record for record

pytestmark = pytest.mark.slow


def _paragraphs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    texts += [
        json.loads(p.read_text(encoding="utf-8"))["text"]
        for p in sorted((ROOT / "corpus" / "extra").glob("d*.json"))
    ]
    return [line.strip() for text in texts for line in text.splitlines() if 40 <= len(line.strip()) <= 220]


def _vary(paragraph: str, rng: random.Random) -> str:
    """Change one number so that articles differ while keeping the shapes the corpus has."""
    numbers = list(re.finditer(r"\d+", paragraph))
    if not numbers:
        return paragraph
    m = rng.choice(numbers)
    return paragraph[: m.start()] + str(rng.randint(1, 99)) + paragraph[m.end() :]


BROKEN = [
    b'{"id": "empty", "text": ""}',
    b'{"id": "blank", "text": "   \\n  "}',
    b'{"id": "number", "text": 12345}',
    b'{"id": "null", "text": null}',
    b'{"id": "list", "text": ["a", "b"]}',
    b'{"id": "no-text", "body": "T\xc3\xa1ch"}',
    b'{"id": "latin1", "text": "T\xe1ch bi\xeat"}',
    b'{"id": "cut", "text": "Ng\xc3\xa0y 8/8',
    b"not json at all",
    b'{"id": "bad-date", "text": "T\xc3\xa1ch", "date": "2022-02-30"}',
]


@pytest.fixture(scope="module")
def workload(tmp_path_factory):
    rng = random.Random(20240519)
    paragraphs = _paragraphs()
    folder = tmp_path_factory.mktemp("e2e")
    lines: list[bytes] = []
    good: list[dict] = []
    for i in range(N_ARTICLES):
        picked = rng.sample(paragraphs, rng.choice([1, 1, 2]))
        text = "\n".join(_vary(p, rng) for p in picked)
        record = {"id": f"a{i:05d}", "text": text}
        if rng.random() < 0.5:
            record["date"] = f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        good.append(record)
        lines.append(json.dumps(record, ensure_ascii=False).encode("utf-8"))
    broken_lines = []
    for raw in BROKEN:
        at = rng.randrange(len(lines) + 1)
        lines.insert(at, raw)
    for n, raw in enumerate(lines, 1):
        if raw in BROKEN:
            broken_lines.append(n)
    source = folder / "articles.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    return {"folder": folder, "source": source, "good": good, "broken_lines": broken_lines}


def _extract_cli(*args: Path | str, check_rc: int | None = 1) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [VNEXTRACT, "extract", *map(str, args), "--workers", "2", "--no-progress"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if check_rc is not None:
        assert result.returncode == check_rc, result.stderr
    return result


def _errors_sources(path: Path) -> list[str]:
    return [json.loads(line)["source"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_e2e_jsonl_interrupted_then_resumed(workload):
    source, out = workload["source"], workload["folder"] / "out.jsonl"
    process = subprocess.Popen(
        [VNEXTRACT, "extract", source, "-o", out, "--workers", "2", "--no-progress"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill below reaches its workers too
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and process.poll() is None:
            if out.exists() and out.stat().st_size and out.read_bytes().count(b"\n") >= N_ARTICLES // 3:
                break
            time.sleep(0.05)
        assert process.poll() is None, "the run finished before it could be interrupted"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    interrupted = out.read_bytes().count(b"\n")
    assert N_ARTICLES // 3 <= interrupted < N_ARTICLES

    result = _extract_cli(source, "-o", out, "--resume")
    assert "skipped" in result.stderr

    docs = list(read_documents(out))  # every line re-validates into the record models
    good = workload["good"]
    assert [d.doc_id for d in docs] == [g["id"] for g in good]  # each once, in input order
    # The same records as extract() gives, on a sample spread over the whole run.
    for i in range(0, N_ARTICLES, N_ARTICLES // SAMPLE):
        expected = extract(good[i]["text"], doc_id=good[i]["id"], reference_date=good[i].get("date"))
        assert docs[i].model_dump(mode="json") == expected.model_dump(mode="json"), good[i]["id"]

    errors = workload["folder"] / "out.errors.jsonl"
    expected_sources = [f"{source} line {n}" for n in workload["broken_lines"]]
    assert sorted(_errors_sources(errors)) == sorted(expected_sources)


def test_e2e_parquet_table_and_concatenation(workload):
    source, folder = workload["source"], workload["folder"]
    out = folder / "indicators.parquet"
    result = _extract_cli(source, "-o", out, "--table", "indicators")
    assert f"{N_ARTICLES:,} extracted" in result.stderr
    table = pq.read_table(out)
    assert table.schema == tables.arrow_schema("indicators")
    assert sorted(_errors_sources(folder / "indicators.errors.jsonl")) == sorted(
        f"{source} line {n}" for n in workload["broken_lines"]
    )
    # The rows are what the JSONL documents flatten to (the JSONL run is checked against extract()).
    jsonl = folder / "out.jsonl"
    if jsonl.exists():
        texts = {g["id"]: g["text"] for g in workload["good"]}
        expected = [
            row for doc in read_documents(jsonl) for row in tables.indicator_rows(doc, texts[doc.doc_id])
        ]
        assert table.to_pylist() == expected

    # A second run (here: only broken records, so zero rows) concatenates with the first.
    broken_only = folder / "broken.jsonl"
    broken_only.write_bytes(b"\n".join(BROKEN) + b"\n")
    empty_out = folder / "empty.parquet"
    _extract_cli(broken_only, "-o", empty_out)
    both = pa.concat_tables([pq.read_table(out), pq.read_table(empty_out)])
    assert both.num_rows == table.num_rows and both.schema == table.schema
