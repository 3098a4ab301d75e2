"""Thread safety: extract() from many threads gives what it gives sequentially, also on a cold start."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from vnextract import extract

ROOT = Path(__file__).resolve().parent.parent
N_THREADS = 8


def _texts() -> list[str]:
    gold = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    extra = [json.loads(p.read_text(encoding="utf-8"))["text"]
             for p in sorted((ROOT / "corpus/extra").glob("*.json"))]
    # Whole articles plus short pieces: threads then interleave long and short calls.
    pieces = [p for t in extra[:4] for p in t.split("\n") if len(p) > 40][:16]
    return gold[:3] + extra[:2] + pieces


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


@pytest.fixture(scope="module")
def sequential(texts: list[str]) -> list[str]:
    return [extract(t, reference_date="2022-08-10").model_dump_json() for t in texts]


def test_threads_concurrent_extract_matches_sequential(texts: list[str], sequential: list[str]) -> None:
    # Every thread runs every text, each from a different starting point, so different texts overlap.
    def run(shift: int) -> list[tuple[int, str]]:
        order = [(i + shift) % len(texts) for i in range(len(texts))]
        return [(i, extract(texts[i], reference_date="2022-08-10").model_dump_json()) for i in order]

    with ThreadPoolExecutor(max_workers=N_THREADS) as pool:
        results = list(pool.map(run, range(N_THREADS)))
    for per_thread in results:
        for i, got in per_thread:
            assert got == sequential[i], f"text {i} differs when extracted concurrently"


def test_threads_same_text_from_all_threads(texts: list[str], sequential: list[str]) -> None:
    with ThreadPoolExecutor(max_workers=N_THREADS) as pool:
        got = list(pool.map(lambda _: extract(texts[0], reference_date="2022-08-10").model_dump_json(),
                            range(N_THREADS * 2)))
    assert set(got) == {sequential[0]}


COLD = r"""
import json, sys
from concurrent.futures import ThreadPoolExecutor
texts = json.loads(sys.stdin.read())
import vnextract  # nothing loaded yet: models, patterns and caches are first built under concurrency
with ThreadPoolExecutor(max_workers=8) as pool:
    concurrent = list(pool.map(lambda t: vnextract.extract(t, reference_date="2022-08-10").model_dump_json(),
                               texts * 2))
sequential = [vnextract.extract(t, reference_date="2022-08-10").model_dump_json() for t in texts]
print(json.dumps(concurrent == sequential * 2))
"""


def test_threads_cold_start_under_concurrency(texts: list[str]) -> None:
    sample = [t for t in texts if len(t) < 600][:8]
    run = subprocess.run([sys.executable, "-c", COLD], input=json.dumps(sample), capture_output=True,
                         text=True, timeout=300, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    assert json.loads(run.stdout.strip().splitlines()[-1]) is True
