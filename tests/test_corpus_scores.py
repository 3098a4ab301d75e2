"""The library's scores on the development gold never fall below tests/thresholds.json."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from vnextract import evaluate

ROOT = Path(__file__).resolve().parent.parent
THRESHOLDS = json.loads((Path(__file__).parent / "thresholds.json").read_text(encoding="utf-8"))
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


def test_corpus_scores_thresholds_cover_every_layer():
    for gold, layers in THRESHOLDS.items():
        if not gold.startswith("_"):
            assert set(layers) == set(evaluate.LAYERS), gold


@pytest.mark.parametrize(
    ("gold", "layer", "metric", "minimum"), CASES, ids=[f"{g}:{la}:{m}" for g, la, m, _ in CASES]
)
def test_corpus_scores_at_least_threshold(gold, layer, metric, minimum):
    got = scores(gold)["layers"][layer][metric]
    assert got >= minimum, f"{gold} {layer} {metric} = {got:.3f} fell below {minimum}"
