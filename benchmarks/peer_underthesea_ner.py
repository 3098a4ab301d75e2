"""Peer check: underthesea ``ner`` against vnextract's entity layer on the same gold documents.

    .venv/bin/python benchmarks/peer_underthesea_ner.py

Documents: corpus/gold (texts in corpus/*.txt) and corpus/extra (texts inside the JSON files).
underthesea runs per sentence (the sentences vnextract's Analysis finds, so both see the same
units); its PER/ORG/LOC spans are mapped to PERSON/ORG/LOC and aligned back to character offsets.
Scoring follows shared/spec/records.md: a prediction matches a gold entity when the spans overlap and
the labels agree; optional gold items are neither missed nor false positives (a prediction overlapping
one is ignored). Two views: all labels (underthesea has no DOCUMENT or SYSTEM, so they count as its
misses) and PERSON/ORG/LOC only (gold DOCUMENT/SYSTEM items and vnextract's predictions of those
labels are left out), which is the fair comparison of the two taggers.

Speed: seconds over the same texts, sentence splitting excluded for both (Analysis sentences are
computed before timing); vnextract is timed on ``extract_entities`` alone.

Prints a table and writes ``benchmarks/results/peer_underthesea_ner.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

from vnextract import gazetteer as gz
from vnextract.context import Analysis
from vnextract.extractors.entities import extract_entities
from vnextract.tokenize import align

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
LABEL_MAP = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
PEER_LABELS = {"PERSON", "ORG", "LOC"}


def gold_documents() -> list[tuple[str, str, dict]]:
    docs = []
    for path in sorted((ROOT / "corpus/gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        docs.append((path.stem, (ROOT / "corpus" / gold["file"]).read_text(encoding="utf-8"), gold))
    for path in sorted((ROOT / "corpus/extra").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        docs.append((path.stem, gold["text"], gold))
    return docs


def underthesea_entities(an: Analysis) -> list[dict]:
    """underthesea ner per sentence, BIO chunks joined, mapped to our labels and original offsets."""
    import underthesea

    out = []
    for sent in an.sentences:
        tagged = underthesea.ner(an.text[sent.start : sent.end])
        spans = align(an.text, [t[0] for t in tagged], sent.start, sent.end)
        current: list[Any] | None = None
        for (_, _, _, tag), span in zip(tagged, spans, strict=True):
            kind = tag[2:] if tag != "O" else None
            if span is None or kind not in LABEL_MAP or tag.startswith("B-") or current is None:
                if current is not None:
                    out.append(current)
                    current = None
                if span is not None and kind in LABEL_MAP:
                    current = [span.start, span.end, LABEL_MAP[kind]]
                continue
            if LABEL_MAP[kind] == current[2]:
                current[1] = span.end
        if current is not None:
            out.append(current)
    entities = []
    for start, end, label in out:
        mention = an.mention(start, end)
        entities.append({**mention, "label": label})
    return entities


def overlap(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def score(gold: list[dict], pred: list[dict]) -> tuple[int, int, int]:
    """tp, fp, fn with the contract's rules (greedy, first match in order; optional items are neutral)."""
    used: set[int] = set()
    tp = fn = 0
    for g in gold:
        hit = next(
            (j for j, p in enumerate(pred) if j not in used and overlap(g, p) and g["label"] == p["label"]),
            None,
        )
        if hit is None:
            fn += 0 if g.get("optional") else 1
        else:
            used.add(hit)
            tp += 0 if g.get("optional") else 1
    fp = sum(
        1
        for j, p in enumerate(pred)
        if j not in used and not any(g.get("optional") and overlap(g, p) for g in gold)
    )
    return tp, fp, fn


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def main() -> None:
    totals: dict[str, list[int]] = {k: [0, 0, 0] for k in ("vn_all", "ut_all", "vn_peer", "ut_peer")}
    seconds = {"vnextract": 0.0, "underthesea": 0.0}
    chars = 0
    gz.warm_up()  # build the gazetteers before timing
    import underthesea

    underthesea.ner("Khởi động mô hình tại Hà Nội.")
    for _, text, gold in gold_documents():
        ref = gold.get("reference_date")
        an = Analysis(text, dt.date.fromisoformat(ref) if ref else None)
        _ = an.sentences  # sentence splitting is not part of either tagger's time
        chars += len(text)
        t0 = time.perf_counter()
        ours = [e.record.model_dump() for e in extract_entities(an)]
        seconds["vnextract"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        theirs = underthesea_entities(an)
        seconds["underthesea"] += time.perf_counter() - t0
        g_all = gold.get("entities", [])
        g_peer = [g for g in g_all if g["label"] in PEER_LABELS or g.get("optional")]
        for key, g, p in (
            ("vn_all", g_all, ours),
            ("ut_all", g_all, theirs),
            ("vn_peer", g_peer, [e for e in ours if e["label"] in PEER_LABELS]),
            ("ut_peer", g_peer, theirs),
        ):
            for i, v in enumerate(score(g, p)):
                totals[key][i] += v
    results = {
        "documents": len(gold_documents()),
        "chars": chars,
        "all_labels": {"vnextract": prf(*totals["vn_all"]), "underthesea_ner": prf(*totals["ut_all"])},
        "person_org_loc": {"vnextract": prf(*totals["vn_peer"]), "underthesea_ner": prf(*totals["ut_peer"])},
        "seconds": seconds,
        "chars_per_second": {k: chars / v if v else None for k, v in seconds.items()},
    }
    print(f"{'':28s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp/fp/fn")
    for view in ("all_labels", "person_org_loc"):
        for tool, m in results[view].items():
            name = f"{tool} ({view})"
            print(f"{name:28s} {m['p']:6.3f} {m['r']:6.3f} {m['f1']:6.3f}   {m['tp']}/{m['fp']}/{m['fn']}")
    for tool, sec in seconds.items():
        print(f"{tool:28s} {sec:6.2f} s   {chars / sec / 1024:8.1f} KB/s ({chars} chars)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "peer_underthesea_ner.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
