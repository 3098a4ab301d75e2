"""Which stage grows faster than linear on an adversarial input: per-stage time at n and 2n.

    .venv/bin/python benchmarks/scaling.py                      # every case of tests/test_robustness.py
    .venv/bin/python benchmarks/scaling.py "percent list" --n 400 --profile

For each case the input is grown until extract() costs ``--min-s``, then timed at n and 2n with the stage
functions wrapped (exclusive times, as in run.py); a stage whose time more than triples is flagged.
``--profile`` adds a pyinstrument profile of the 2n run (the functions that dominate).
Writes ``benchmarks/results/scaling.json``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import StageTimer, instrument, uninstrument  # noqa: E402


def robustness_cases() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("robustness_cases", ROOT / "tests" / "test_robustness.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["robustness_cases"] = module
    spec.loader.exec_module(module)
    return module.CASES


def timed(text: str) -> tuple[float, dict[str, float]]:
    from vnextract import extract

    timer = StageTimer()
    restore = instrument(timer)
    try:
        t0 = time.process_time()
        extract(text, reference_date="2022-08-10")
        total = time.process_time() - t0
    finally:
        uninstrument(restore)
    stages = dict(timer.exclusive)
    stages["other"] = total - sum(stages.values())
    return total, stages


def profile(text: str) -> str:
    from pyinstrument import Profiler

    from vnextract import extract

    profiler = Profiler(interval=0.001)
    profiler.start()
    extract(text, reference_date="2022-08-10")
    profiler.stop()
    return profiler.output_text(unicode=True, color=False, show_all=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases", nargs="*", help="case names (default: all)")
    ap.add_argument("--n", type=int, default=None, help="start at this n instead of growing")
    ap.add_argument("--min-s", type=float, default=0.15)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    from vnextract import extract

    extract("Ngày 8-8-2022, GRDP tăng 8,5%.", reference_date="2022-08-10")
    cases = robustness_cases()
    results: dict[str, Any] = {}
    for name in args.cases or list(cases):
        make, n, max_n = cases[name]
        if args.n:
            n = args.n
        t, stages = timed(make(n))
        while args.n is None and t < args.min_s and n * 2 <= max_n:
            n *= 2
            t, stages = timed(make(n))
        t2, stages2 = timed(make(2 * n))
        ratio = t2 / max(t, 1e-3)
        flag = "  SUPERLINEAR" if ratio >= 3 else ""
        print(f"\n{name}: n={n} {t:.3f} s -> 2n {t2:.3f} s (x{ratio:.1f}){flag}")
        rows = []
        for stage in sorted(stages2, key=lambda k: -stages2[k]):
            a, b = stages.get(stage, 0.0), stages2[stage]
            if b < 0.005:
                continue
            r = b / max(a, 1e-4)
            rows.append({"stage": stage, "n_s": a, "2n_s": b, "ratio": r})
            print(f"  {stage:45s} {a:8.3f} {b:8.3f}  x{r:.1f}{'  <--' if r >= 3 and b > 0.05 else ''}")
        results[name] = {"n": n, "n_s": t, "2n_s": t2, "ratio": ratio, "stages": rows}
        if args.profile:
            text = profile(make(2 * n))
            results[name]["profile"] = text
            print(text)
    out = ROOT / "benchmarks" / "results" / "scaling.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    if not args.profile:
        out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
