"""Dev harness: run the indicator linker on the GOLD quantities, times and entities and score it.

This isolates linking from the other layers: every figure, time and name is perfect, so the
scores measure only what ``link_indicators`` does. A development tool, never used by the library.

Usage (from the repository root):
    .venv/bin/python benchmarks/indicator_linking_on_gold.py corpus/gold corpus/extra [--errors]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from vnextract.context import Analysis, Extracted
from vnextract.indicators import link_indicators
from vnextract.records import Entity, Quantity, TimeExpression

SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"


def load_scorer() -> Any:
    spec = importlib.util.spec_from_file_location("vnx_score", SCORER)
    if spec is None or spec.loader is None:
        raise SystemExit(f"scorer not found at {SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        files += sorted(p.glob("*.json")) if p.is_dir() else [p]
    return files


def to_norm(an: Analysis, start: int, end: int) -> tuple[int, int]:
    """Map an original span to the normalized text."""
    return an.view.from_original(start, end)


def extracted(an: Analysis, items: list[dict], model: type) -> list[Extracted]:
    fields = set(model.model_fields)
    out = []
    for item in items:
        record = model.model_validate({k: v for k, v in item.items() if k in fields})
        s, e = to_norm(an, item["start"], item["end"])
        out.append(Extracted(s, e, record))
    return sorted(out, key=lambda x: x.start)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument(
        "--attr-errors", action="store_true", help="list matched indicators with a wrong attribute"
    )
    args = ap.parse_args()
    score = load_scorer()
    tallies: dict = defaultdict(score.Tally)
    errors: list[str] | None = [] if args.errors else None
    for f in gold_files(args.paths):
        gold = json.loads(f.read_text(encoding="utf-8"))
        text = (
            gold["text"] if "text" in gold else (f.parent.parent / gold["file"]).read_text(encoding="utf-8")
        )
        ref = dt.date.fromisoformat(gold["reference_date"]) if gold.get("reference_date") else None
        an = Analysis(text, ref)
        quantities = extracted(an, [q for q in gold["quantities"]], Quantity)
        times = extracted(an, gold["times"], TimeExpression)
        entities = extracted(an, gold["entities"], Entity)
        indicators = link_indicators(an, quantities, times, entities)
        pred = {"indicators": [i.model_dump(mode="json") for i in indicators]}
        if errors is not None:
            errors.append(f"# {gold.get('doc_id')}")
        score.score_doc({"indicators": gold["indicators"]}, pred, tallies, errors)
        if args.attr_errors:
            report_attributes(score, gold["indicators"], pred["indicators"], gold.get("doc_id"))
    if errors:
        print("\n".join(errors))
    print(tallies["indicators"].line("indicators"))


def report_attributes(score: Any, gold: list[dict], pred: list[dict], doc_id: str | None) -> None:
    for g in gold:
        if g.get("optional"):
            continue
        gq = g.get("value") or (g.get("change") or {}).get("amount")
        for p in pred:
            pq = p.get("value") or (p.get("change") or {}).get("amount")
            if gq and pq and score.q_match(gq, pq):
                problems = []
                if score.token_f1(g["metric"], p["metric"]) < 0.5:
                    problems.append(f"metric gold={g['metric']!r} pred={p['metric']!r}")
                if not score.t_value_match(g.get("period"), p.get("period")):
                    gp, pp = g.get("period") or {}, p.get("period") or {}
                    gold_period = f"{gp.get('text')}:{gp.get('start_date')}"
                    problems.append(f"period gold={gold_period} pred={pp.get('text')}:{pp.get('start_date')}")
                if g.get("status") != p.get("status"):
                    problems.append(f"status gold={g.get('status')} pred={p.get('status')}")
                gc, pc = g.get("change"), p.get("change")
                gd = gc and (gc["direction"], (gc.get("amount") or {}).get("text"))
                pd = pc and (pc["direction"], (pc.get("amount") or {}).get("text"))
                if gd != pd:
                    problems.append(f"change gold={gd} pred={pd}")
                if problems:
                    print(f"  [{doc_id}] {gq['text']!r}: " + " | ".join(problems), file=sys.stdout)
                break


if __name__ == "__main__":
    main()
