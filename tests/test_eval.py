"""vnextract.evaluate gives the numbers of the reference scorer (shared/tools/score.py)."""

from __future__ import annotations

import copy
import importlib.util
import json
import random
from collections import defaultdict
from pathlib import Path

import pytest

from vnextract import evaluate

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIRS = [ROOT / "corpus" / "gold", ROOT / "corpus" / "extra"]
REFERENCE_SCORER = ROOT.parent / "shared" / "tools" / "score.py"


def _gold_files():
    return [f for d in GOLD_DIRS for f in sorted(d.glob("*.json"))]


def _perturb(gold: dict, seed: int) -> dict:
    """A plausible prediction: some items dropped, some values or labels wrong, optional flags gone."""
    rng = random.Random(seed)
    pred = copy.deepcopy(gold)
    for layer in evaluate.LAYERS:
        items = []
        for item in pred.get(layer, []):
            item.pop("optional", None)
            roll = rng.random()
            if roll < 0.15:
                continue
            if roll < 0.25 and "value" in item and isinstance(item["value"], int | float):
                item["value"] = item["value"] * 2
            elif roll < 0.3 and "label" in item:
                item["label"] = "ORG" if item["label"] != "ORG" else "LOC"
            elif roll < 0.35 and "start_date" in item:
                item["start_date"] = None
            elif roll < 0.45 and layer == "indicators":
                item["metric"] = "khác hẳn"
                item["status"] = "target"
            elif roll < 0.5 and "kind" in item:
                item["unit"] = "zzz"
                item["approx"] = "about"
            items.append(item)
        pred[layer] = items
    return pred


def _load_reference():
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE_SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not REFERENCE_SCORER.exists(), reason="the reference scorer is not beside the repository")
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_eval_same_numbers_as_reference_scorer(seed):
    ref = _load_reference()
    ours: dict = defaultdict(evaluate.Tally)
    theirs: dict = defaultdict(ref.Tally)
    our_errors: list[str] = []
    their_errors: list[str] = []
    for i, file in enumerate(_gold_files()):
        gold = json.loads(file.read_text(encoding="utf-8"))
        pred = _perturb(gold, seed * 1000 + i)
        evaluate.score_document(gold, pred, ours, our_errors)
        ref.score_doc(gold, pred, theirs, their_errors)
    for layer in evaluate.LAYERS:
        assert ours[layer].as_dict() == theirs[layer].as_dict(), layer
        assert evaluate.layer_line(layer, ours[layer].as_dict()) == theirs[layer].line(layer)
    assert our_errors == their_errors


@pytest.mark.parametrize("gold_dir", GOLD_DIRS, ids=lambda p: p.name)
def test_eval_gold_against_itself_is_perfect(gold_dir):
    def echo_gold(text, *, doc_id=None, reference_date=None):
        file = next(
            f
            for f in gold_dir.glob("*.json")
            if json.loads(f.read_text(encoding="utf-8"))["doc_id"] == doc_id
        )
        return json.loads(file.read_text(encoding="utf-8"))

    result = evaluate.evaluate(gold_dir, texts=ROOT / "corpus", extract_fn=echo_gold)
    for layer in evaluate.LAYERS:
        scores = result["layers"][layer]
        assert scores["fp"] == scores["fn"] == 0 and scores["f1"] == 1.0, layer
        assert all(right == total for right, total in scores["attr"].values()), layer


def test_eval_report_lines_have_the_reference_format():
    result = evaluate.evaluate(GOLD_DIRS[0], texts=ROOT / "corpus", extract_fn=lambda text, **kw: {})
    lines = evaluate.report_lines(result)
    assert [line.split()[0] for line in lines[:4]] == list(evaluate.LAYERS)
    assert lines[0].startswith("quantities  P=0.000 R=0.000 F1=0.000 (tp=0 fp=0 fn=")
    assert lines[4].startswith("docs=5 chars=")


def test_eval_missing_gold_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="gold file or folder not found"):
        evaluate.evaluate(tmp_path / "nope")


@pytest.mark.parametrize(
    ("gold", "pred", "ok"),
    [
        ("văn bản", "văn bản điện tử", True),
        ("doanh nghiệp", "người", False),
        (None, None, True),
        ("km", None, False),
        ("%", None, True),
    ],
)
def test_eval_unit_is_a_word_prefix(gold, pred, ok):
    assert evaluate.unit_ok(gold, pred) is ok
