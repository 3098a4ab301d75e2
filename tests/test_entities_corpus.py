"""The entity layer on the development gold: invariants of every mention and scores that only go up."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

import pytest

from vnextract.context import Analysis
from vnextract.extractors.entities import extract_entities

ROOT = Path(__file__).resolve().parent.parent


@cache
def documents() -> list[tuple[str, str, dict]]:
    docs = []
    for path in sorted((ROOT / "corpus/gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        docs.append(("gold", (ROOT / "corpus" / gold["file"]).read_text(encoding="utf-8"), gold))
    for path in sorted((ROOT / "corpus/extra").glob("d*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        docs.append(("extra", gold["text"], gold))
    return docs


@cache
def predictions(index: int) -> list[dict]:
    _, text, gold = documents()[index]
    ref = gold.get("reference_date")
    an = Analysis(text, dt.date.fromisoformat(ref) if ref else None)
    return [e.record.model_dump() for e in extract_entities(an)]


@pytest.mark.parametrize("index", range(35))
def test_mentions_are_exact_sorted_and_disjoint(index: int) -> None:
    _, text, _ = documents()[index]
    previous_end = 0
    for e in predictions(index):
        assert text[e["start"] : e["end"]] == e["text"]
        assert e["start"] >= previous_end, f"overlap or disorder at {e['text']!r}"
        previous_end = e["end"]
        assert e["role"] is None or e["label"] == "PERSON"
        assert e["number"] is None or e["label"] == "DOCUMENT"


def _f1(subset: str) -> tuple[float, float, float]:
    tp = fp = fn = 0
    role_ok = role_all = 0
    for i, (name, _, gold) in enumerate(documents()):
        if name != subset:
            continue
        pred, used = predictions(i), set()
        for g in gold["entities"]:
            hit = next(
                (
                    j
                    for j, p in enumerate(pred)
                    if j not in used
                    and p["start"] < g["end"]
                    and g["start"] < p["end"]
                    and p["label"] == g["label"]
                ),
                None,
            )
            if hit is None:
                fn += not g.get("optional")
                continue
            used.add(hit)
            if not g.get("optional"):
                tp += 1
                if g.get("role"):
                    role_all += 1
                    role_ok += bool(pred[hit]["role"])
        fp += sum(
            1
            for j, p in enumerate(pred)
            if j not in used
            and not any(
                g.get("optional") and p["start"] < g["end"] and g["start"] < p["end"]
                for g in gold["entities"]
            )
        )
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return 2 * precision * recall / (precision + recall), role_ok / role_all, recall


@pytest.mark.parametrize(("subset", "min_f1"), [("gold", 0.97), ("extra", 0.97)])
def test_corpus_scores_do_not_go_down(subset: str, min_f1: float) -> None:
    f1, roles, _ = _f1(subset)
    assert f1 >= min_f1
    assert roles >= 0.95
