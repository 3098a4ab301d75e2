"""Check that a speed change leaves every output unchanged: record extract() outputs once, compare after.

    .venv/bin/python benchmarks/same_output.py record /tmp/baseline.jsonl   # before the change
    .venv/bin/python benchmarks/same_output.py compare /tmp/baseline.jsonl  # after: lists what differs

The texts: every dev document (corpus/*.txt and corpus/extra/*.json) with and without its reference
date, every paragraph of them alone, and seeded shuffles of paragraphs from different documents (new
neighbours for the linker's inheritance rules). Outputs are whole ``Document`` JSON, so any change in
any field of any record shows up. This is a tool for optimisation work, not a test: the baseline is the
code before the change, whatever its quality.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def documents() -> list[tuple[str, str, str | None]]:
    """(name, text, reference date) of every dev document."""
    dates = {}
    for line in (ROOT / "corpus/articles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            dates[row["file"]] = row.get("reference_date")
    articles = sorted((ROOT / "corpus").glob("*.txt"))
    docs = [(p.name, p.read_text(encoding="utf-8"), dates.get(p.name)) for p in articles]
    for p in sorted((ROOT / "corpus/extra").glob("*.json")):
        row = json.loads(p.read_text(encoding="utf-8"))
        docs.append((p.name, row["text"], row.get("reference_date")))
    return docs


def cases(shuffles: int = 60) -> Iterator[tuple[str, str, str | None]]:
    docs = documents()
    paragraphs = []
    for name, text, date in docs:
        yield f"{name}+date", text, date
        yield f"{name}-date", text, None
        for i, para in enumerate(p for p in text.split("\n") if p.strip()):
            paragraphs.append((para, date))
            yield f"{name}#p{i}", para, date
    rng = random.Random(20261123)
    for k in range(shuffles):
        picked = rng.sample(paragraphs, 6)
        yield f"shuffle{k}", "\n".join(p for p, _ in picked), picked[0][1]


def outputs() -> Iterator[tuple[str, str]]:
    from vnextract import extract

    for key, text, date in cases():
        yield key, extract(text, reference_date=date).model_dump_json()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    t0 = time.perf_counter()
    if args.action == "record":
        with args.path.open("w", encoding="utf-8") as out:
            n = 0
            for key, doc in outputs():
                out.write(json.dumps({"key": key, "doc": doc}, ensure_ascii=False) + "\n")
                n += 1
        print(f"recorded {n} outputs in {time.perf_counter() - t0:.1f} s: {args.path}")
        return 0
    baseline = {}
    for line in args.path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        baseline[row["key"]] = row["doc"]
    differ = []
    n = 0
    for key, doc in outputs():
        n += 1
        if baseline.get(key) != doc:
            differ.append((key, baseline.get(key), doc))
    for key, old, new in differ[:10]:
        print(f"DIFFERS {key}")
        old_d, new_d = json.loads(old or "{}"), json.loads(new)
        for layer in ("quantities", "times", "entities", "indicators"):
            a = {json.dumps(r, sort_keys=True, ensure_ascii=False) for r in old_d.get(layer, [])}
            b = {json.dumps(r, sort_keys=True, ensure_ascii=False) for r in new_d.get(layer, [])}
            for r in sorted(a - b)[:3]:
                print(f"  - {layer}: {r[:400]}")
            for r in sorted(b - a)[:3]:
                print(f"  + {layer}: {r[:400]}")
    print(f"{n} outputs compared in {time.perf_counter() - t0:.1f} s: {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
