"""Which functions dominate extract() on the corpus: cProfile, grouped by layer.

    .venv/bin/python benchmarks/profile_layers.py [--top 15] [--repeat 1]

Prints, per layer (the vnextract module a function lives in), its own time and the functions with the
largest own time, plus the heaviest library functions (underthesea, regex, pydantic). cProfile inflates
many small calls: use the shares to find what to fix, and benchmarks/run.py for throughput.
Writes ``benchmarks/results/profile_layers.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import corpus_texts  # noqa: E402


def layer_of(filename: str) -> str:
    path = filename.replace("\\", "/")
    if "/vnextract/" in path:
        return "vnextract." + path.rsplit("/vnextract/", 1)[1].removesuffix(".py").replace("/", ".")
    for lib in ("underthesea_core", "underthesea", "regex", "pydantic", "yaml"):
        if f"/{lib}/" in path or f"/{lib}." in path:
            return lib
    return "builtins/other" if path.startswith("~") or "<" in path else "stdlib/other"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    from vnextract import extract

    texts = corpus_texts() * args.repeat
    extract(texts[0])  # models and patterns loaded outside the profile
    profiler = cProfile.Profile()
    profiler.enable()
    for t in texts:
        extract(t)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())  # type: ignore[attr-defined]
    by_layer: dict[str, float] = defaultdict(float)
    functions: dict[str, list[tuple[float, int, str]]] = defaultdict(list)
    for (filename, line, name), (_, ncalls, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        layer = layer_of(filename)
        by_layer[layer] += tottime
        functions[layer].append((tottime, ncalls, f"{name}:{line}"))
    result: dict[str, Any] = {"total_own_s": total, "layers": {}}
    print(f"own time under cProfile: {total:.2f} s for {len(texts)} articles")
    for layer, own in sorted(by_layer.items(), key=lambda kv: -kv[1]):
        if own < 0.01 * total:
            continue
        top = sorted(functions[layer], reverse=True)[: args.top]
        print(f"\n{layer}: {own:.2f} s ({100 * own / total:.1f}%)")
        for tottime, ncalls, where in top:
            if tottime >= 0.002 * total:
                print(f"  {tottime:7.3f} s  {ncalls:8d} calls  {where}")
        result["layers"][layer] = {
            "own_s": own, "share": own / total,
            "top": [{"own_s": t, "calls": c, "function": w} for t, c, w in top],
        }
    out = ROOT / "benchmarks" / "results" / "profile_layers.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
