"""Peer check: dateparser's ``search_dates(text, languages=["vi"])`` against vnextract's time layer.

Both run on the development gold (corpus/gold + corpus/extra) with each document's reference date.
A prediction matches a gold time when the spans overlap and the dates agree: for vnextract the
same start_date and end_date (the scorer's rule); for dateparser, which gives one datetime and no
span, its substring is located in the text (left to right) and its date must fall inside the gold
period. Optional gold items are neither missed nor false positives (score.py's rule). Prints a
table and writes benchmarks/results/peer_dateparser.json.

    .venv/bin/python benchmarks/peer_dateparser.py
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

from vnextract.context import Analysis
from vnextract.extractors.times import extract_times, find_reference_date

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "results" / "peer_dateparser.json"


def load_docs() -> list[dict]:
    docs = []
    for path in sorted((ROOT / "corpus" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        gold["text"] = (ROOT / "corpus" / gold["file"]).read_text(encoding="utf-8")
        docs.append(gold)
    for path in sorted((ROOT / "corpus" / "extra").glob("d*.json")):
        docs.append(json.loads(path.read_text(encoding="utf-8")))
    return docs


def overlap(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def tally(gold: list[dict], pred: list[dict], same_value) -> dict[str, int]:
    """Greedy one-to-one alignment in text order, as in shared/tools/score.py."""
    used: set[int] = set()
    tp = fn = fp = 0
    for g in gold:
        hits = (j for j, p in enumerate(pred) if j not in used and overlap(g, p) and same_value(g, p))
        hit = next(hits, None)
        if hit is None:
            fn += 0 if g.get("optional") else 1
        else:
            used.add(hit)
            tp += 0 if g.get("optional") else 1
    for j, p in enumerate(pred):
        if j not in used and not any(g.get("optional") and overlap(g, p) for g in gold):
            fp += 1
    return {"tp": tp, "fp": fp, "fn": fn}


def vnextract_times(text: str, reference: dt.date | None) -> list[dict]:
    an = Analysis(text, reference)
    return [t.record.model_dump(mode="json") for t in extract_times(an)]


def dateparser_times(text: str, reference: dt.date | None) -> list[dict]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime.combine(reference, dt.time())} if reference else {}
    found = search_dates(text, languages=["vi"], settings=settings) or []
    out, cursor = [], 0
    for substring, stamp in found:
        start = text.find(substring, cursor)
        if start < 0:
            start = text.find(substring)
        if start < 0:
            continue
        cursor = start + len(substring)
        out.append({"start": start, "end": start + len(substring), "text": substring, "date": stamp.date()})
    return out


def same_period(g: dict, p: dict) -> bool:
    return g.get("start_date") == p.get("start_date") and g.get("end_date") == p.get("end_date")


def date_inside(g: dict, p: dict) -> bool:
    if not g.get("start_date") or not g.get("end_date"):
        return False
    return dt.date.fromisoformat(g["start_date"]) <= p["date"] <= dt.date.fromisoformat(g["end_date"])


def prf(c: dict[str, int]) -> dict[str, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def main() -> None:
    docs = load_docs()
    systems = {"vnextract": (vnextract_times, same_period), "dateparser": (dateparser_times, date_inside)}
    chars = sum(len(d["text"]) for d in docs)
    results: dict[str, dict] = {}
    for name, (run, same_value) in systems.items():
        run(docs[0]["text"][:200], dt.date(2022, 1, 1))  # warm up: load data and models once
        counts = {"tp": 0, "fp": 0, "fn": 0}
        seconds = 0.0
        for d in docs:
            ref = dt.date.fromisoformat(d["reference_date"]) if d.get("reference_date") else None
            t0 = time.perf_counter()
            pred = run(d["text"], ref)
            seconds += time.perf_counter() - t0
            for k, v in tally(d["times"], pred, same_value).items():
                counts[k] += v
        results[name] = {**counts, **prf(counts), "seconds": seconds, "chars_per_second": chars / seconds}
    # the reference date itself: vnextract's dateline finder against the gold reference dates
    found = [find_reference_date(Analysis(d["text"])) for d in docs]
    results["vnextract"]["reference_dates_found"] = sum(f is not None for f in found)
    results["vnextract"]["reference_dates_right"] = sum(
        f is not None and f.isoformat() == d.get("reference_date") for f, d in zip(found, docs, strict=True)
    )
    report = {"docs": len(docs), "chars": chars, "match_rule": __doc__.split("\n\n")[1], "systems": results}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"{len(docs)} documents, {chars} characters")
    header = ("system", "P", "R", "F1", "tp", "fp", "fn", "sec", "chars/s")
    print("{:12s} {:>6s} {:>6s} {:>6s} {:>5s} {:>5s} {:>5s} {:>7s} {:>9s}".format(*header))
    for name, r in results.items():
        print(
            f"{name:12s} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['tp']:5d} {r['fp']:5d} "
            f"{r['fn']:5d} {r['seconds']:7.2f} {r['chars_per_second']:9.0f}"
        )
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
