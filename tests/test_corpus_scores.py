"""The library's scores on the development gold never fall below tests/thresholds.json.

After an improvement, raise the thresholds (never lower them) with:
    .venv/bin/python tests/test_corpus_scores.py --raise
"""

from __future__ import annotations

import json
import math
import sys
from functools import cache
from pathlib import Path

import pytest

from vnextract import evaluate

ROOT = Path(__file__).resolve().parent.parent
THRESHOLDS_FILE = Path(__file__).parent / "thresholds.json"
THRESHOLDS = json.loads(THRESHOLDS_FILE.read_text(encoding="utf-8"))
CASES = [
    (gold, layer, metric, minimum)
    for gold, layers in THRESHOLDS.items()
    if not gold.startswith("_")
    for layer, metrics in layers.items()
    for metric, minimum in metrics.items()
]


@cache
def scores(gold: str) -> dict:
    return evaluate.evaluate(ROOT / gold, texts=ROOT / "corpus")


def metric_value(layer_scores: dict, metric: str) -> float:
    """p, r, f1, or attr.NAME: the accuracy of an attribute among matches."""
    if metric.startswith("attr."):
        right, total = layer_scores["attr"].get(metric.removeprefix("attr."), (0, 0))
        return right / total if total else 1.0
    return layer_scores[metric]


def test_corpus_scores_thresholds_cover_every_layer():
    for gold, layers in THRESHOLDS.items():
        if not gold.startswith("_"):
            assert set(layers) == set(evaluate.LAYERS), gold
            assert all({"p", "r", "f1"} <= set(metrics) for metrics in layers.values()), gold


@pytest.mark.parametrize(
    ("gold", "layer", "metric", "minimum"), CASES, ids=[f"{g}:{la}:{m}" for g, la, m, _ in CASES]
)
def test_corpus_scores_at_least_threshold(gold, layer, metric, minimum):
    got = metric_value(scores(gold)["layers"][layer], metric)
    assert got >= minimum, f"{gold} {layer} {metric} = {got:.3f} fell below {minimum}"


def raise_thresholds() -> dict:
    """Each threshold becomes max(itself, today's score rounded down to 2 decimals)."""
    updated = dict(THRESHOLDS)
    for gold, layers in THRESHOLDS.items():
        if gold.startswith("_"):
            continue
        result = scores(gold)["layers"]
        for layer, metrics in layers.items():
            names = set(metrics) | {f"attr.{a}" for a in result[layer]["attr"]}
            for metric in sorted(names):
                now = math.floor(metric_value(result[layer], metric) * 100) / 100
                metrics[metric] = max(metrics.get(metric, 0.0), now)
    return updated


if __name__ == "__main__":
    if sys.argv[1:] != ["--raise"]:
        sys.exit(__doc__)
    THRESHOLDS_FILE.write_text(
        json.dumps(raise_thresholds(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(THRESHOLDS_FILE.read_text(encoding="utf-8"))
