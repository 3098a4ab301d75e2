"""Scoring against gold files, with the contract's rules (shared/spec/records.md, "Scoring").

A port of the project's reference scorer ``score.py`` into importable functions: the numbers are
the same. Gold files are JSON documents with the four layers; the text is under ``text`` or in the
file named by ``file`` (looked up in ``texts``, default: the gold folder's parent).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

LAYERS = ("quantities", "times", "entities", "indicators")
_WORD = re.compile(r"\w+")
# Kinds that differ only in what the unit is (a counted noun, a unit of measurement, none) match
# each other; the exact kind is scored separately among matches.
_KIND_FAMILY = {"count": "amount", "measure": "amount", "number": "amount"}

Json = dict[str, Any]
Match = Callable[[Json, Json], bool]


def num_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def overlap(a: Json, b: Json) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def words(s: str | None) -> list[str]:
    return _WORD.findall((s or "").lower())


def unit_ok(gold: str | None, pred: str | None) -> bool:
    """Units agree when one is a word-prefix of the other (case-insensitive)."""
    g, p = words(gold), words(pred)
    if not g and not p:
        return True
    if not g or not p:
        return False
    n = min(len(g), len(p))
    return g[:n] == p[:n]


def token_f1(gold: str | None, pred: str | None) -> float:
    a, b = words(gold), words(pred)
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    if common == 0:
        return 0.0
    p, r = common / len(b), common / len(a)
    return 2 * p * r / (p + r)


def same_kind(a: str | None, b: str | None) -> bool:
    return _KIND_FAMILY.get(a, a) == _KIND_FAMILY.get(b, b)  # type: ignore[arg-type]


def q_value_match(g: Json, p: Json) -> bool:
    """Value-level match: kind family, value, upper and total agree."""
    return (
        same_kind(g["kind"], p.get("kind"))
        and num_eq(g["value"], p.get("value"))
        and num_eq(g.get("upper"), p.get("upper"))
        and num_eq(g.get("total"), p.get("total"))
    )


def q_match(g: Json, p: Json) -> bool:
    return overlap(g, p) and q_value_match(g, p)


def t_match(g: Json, p: Json) -> bool:
    return (
        overlap(g, p)
        and g.get("start_date") == p.get("start_date")
        and g.get("end_date") == p.get("end_date")
    )


def t_value_match(g: Json | None, p: Json | None) -> bool:
    if g is None or p is None:
        return g is None and p is None
    return g.get("start_date") == p.get("start_date") and g.get("end_date") == p.get("end_date")


def e_match(g: Json, p: Json) -> bool:
    return overlap(g, p) and g["label"] == p.get("label")


class Tally:
    """Matches, false positives and misses of one layer, and attribute accuracies among matches."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.attr: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # name -> [right, total]

    def attr_add(self, name: str, ok: Any) -> None:
        self.attr[name][1] += 1
        self.attr[name][0] += int(bool(ok))

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def as_dict(self) -> Json:
        p, r, f = self.prf()
        return {
            "p": p,
            "r": r,
            "f1": f,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "attr": {k: list(v) for k, v in self.attr.items()},
        }


def _short(m: Json) -> Json:
    keys = ("kind", "value", "upper", "total", "unit", "start_date", "end_date", "label")
    return {k: m.get(k) for k in keys if m.get(k) is not None}


def _align(
    gold: list[Json],
    pred: list[Json],
    match: Match,
    tally: Tally,
    on_match: Callable[[Json, Json], None] | None = None,
    errors: list[str] | None = None,
    layer: str = "",
    near: Match | None = None,
) -> None:
    """Greedy matching in gold order, each prediction used once (as score.py does)."""
    used: set[int] = set()
    for g in gold:
        hit = next((j for j, p in enumerate(pred) if j not in used and match(g, p)), None)
        if hit is None:
            if not g.get("optional"):
                tally.fn += 1
                if errors is not None:
                    errors.append(f"  miss {layer}: {g.get('text') or g.get('metric')!r} {_short(g)}")
        else:
            used.add(hit)
            if not g.get("optional"):
                tally.tp += 1
                if on_match:
                    on_match(g, pred[hit])
    near_fn = near or overlap
    for j, p in enumerate(pred):
        if j in used:
            continue
        # a prediction at the place of an optional gold item is not a false positive, whatever its value
        if any(g.get("optional") and near_fn(g, p) for g in gold):
            continue
        tally.fp += 1
        if errors is not None:
            errors.append(f"  extra {layer}: {p.get('text') or p.get('metric')!r} {_short(p)}")


def _indicator_quantity(ind: Json) -> Json | None:
    return ind.get("value") or (ind.get("change") or {}).get("amount")


def score_document(
    gold: Json, pred: Json, tallies: dict[str, Tally], errors: list[str] | None = None
) -> None:
    """Add one document's matches to ``tallies`` (gold and prediction as contract JSON)."""
    T = tallies

    def quantity_attrs(g: Json, p: Json) -> None:
        T["quantities"].attr_add("kind", g["kind"] == p.get("kind"))
        T["quantities"].attr_add("unit", unit_ok(g.get("unit"), p.get("unit")))
        T["quantities"].attr_add("approx", g.get("approx", "exact") == p.get("approx", "exact"))

    def time_attrs(g: Json, p: Json) -> None:
        T["times"].attr_add("grain", g.get("grain") == p.get("grain"))
        T["times"].attr_add("modifier", g.get("modifier") == p.get("modifier"))
        T["times"].attr_add("part", g.get("part") == p.get("part"))

    def entity_attrs(g: Json, p: Json) -> None:
        T["entities"].attr_add("strict_span", g["start"] == p.get("start") and g["end"] == p.get("end"))
        if g.get("role"):
            T["entities"].attr_add("role", token_f1(g["role"], p.get("role") or "") >= 0.5)

    def i_match(g: Json, p: Json) -> bool:
        gq, pq = _indicator_quantity(g), _indicator_quantity(p)
        return gq is not None and pq is not None and q_match(gq, pq)

    def i_near(g: Json, p: Json) -> bool:
        gq, pq = _indicator_quantity(g), _indicator_quantity(p)
        return gq is not None and pq is not None and overlap(gq, pq)

    def indicator_attrs(g: Json, p: Json) -> None:
        T["indicators"].attr_add("metric", token_f1(g["metric"], p.get("metric") or "") >= 0.5)
        T["indicators"].attr_add("period", t_value_match(g.get("period"), p.get("period")))
        T["indicators"].attr_add("status", g.get("status") == p.get("status"))
        gc, pc = g.get("change"), p.get("change")
        if gc is None or pc is None:
            ok = gc is None and pc is None
        else:
            ga, pa = gc.get("amount"), pc.get("amount")
            same_amount = (ga is None and pa is None) or (
                ga is not None and pa is not None and q_value_match(ga, pa)
            )
            ok = gc["direction"] == pc.get("direction") and same_amount
        T["indicators"].attr_add("change", ok)

    _align(gold.get("quantities", []), pred.get("quantities", []), q_match, T["quantities"], quantity_attrs,
           errors, "quantity")  # fmt: skip
    _align(gold.get("times", []), pred.get("times", []), t_match, T["times"], time_attrs, errors, "time")
    _align(gold.get("entities", []), pred.get("entities", []), e_match, T["entities"], entity_attrs,
           errors, "entity")  # fmt: skip
    _align(gold.get("indicators", []), pred.get("indicators", []), i_match, T["indicators"], indicator_attrs,
           errors, "indicator", near=i_near)  # fmt: skip


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files += sorted(path.glob("*.json"))
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"gold file or folder not found: {path}")
    return files


def _gold_text(file: Path, gold: Json, texts: str | Path | None) -> str:
    if "text" in gold:
        return gold["text"]
    folder = Path(texts) if texts else file.parent.parent
    return (folder / gold["file"]).read_text(encoding="utf-8")


def evaluate(
    gold: str | Path | Iterable[str | Path],
    *,
    texts: str | Path | None = None,
    errors: bool = False,
    extract_fn: Callable[..., Any] | None = None,
) -> Json:
    """Run the library on every gold document and score it.

    Returns ``{"layers": {layer: {p, r, f1, tp, fp, fn, attr: {name: [right, total]}}}, "docs",
    "chars", "seconds", "errors"}`` where ``errors`` (when asked) lists misses and extras per
    document, as score.py's ``--errors`` prints them.
    """
    if extract_fn is None:
        from vnextract.pipeline import extract as extract_fn
    paths = [gold] if isinstance(gold, str | Path) else list(gold)
    tallies: dict[str, Tally] = defaultdict(Tally)
    messages: list[str] | None = [] if errors else None
    seconds, chars = 0.0, 0
    files = gold_files(paths)
    for file in files:
        g = json.loads(file.read_text(encoding="utf-8"))
        text = _gold_text(file, g, texts)
        ref = g.get("reference_date")
        started = time.perf_counter()
        doc = extract_fn(
            text, doc_id=g.get("doc_id"), reference_date=dt.date.fromisoformat(ref) if ref else None
        )
        seconds += time.perf_counter() - started
        chars += len(text)
        pred = doc.model_dump(mode="json") if hasattr(doc, "model_dump") else doc
        if messages is not None:
            messages.append(f"# {g.get('doc_id')}")
        score_document(g, pred, tallies, messages)
    return {
        "layers": {layer: tallies[layer].as_dict() for layer in LAYERS},
        "docs": len(files),
        "chars": chars,
        "seconds": seconds,
        "errors": messages or [],
    }


def score_prediction(gold: Json, pred: Json) -> Json:
    """Score one saved prediction (contract JSON) against one gold document."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    score_document(gold, pred, tallies)
    return {"layers": {layer: tallies[layer].as_dict() for layer in LAYERS}}


def layer_line(name: str, scores: Json) -> str:
    """One layer as score.py prints it."""
    attrs = " ".join(f"{k}={v[0]}/{v[1]}" for k, v in sorted(scores["attr"].items()))
    return (
        f"{name:11s} P={scores['p']:.3f} R={scores['r']:.3f} F1={scores['f1']:.3f} "
        f"(tp={scores['tp']} fp={scores['fp']} fn={scores['fn']}) {attrs}"
    )


def report_lines(result: Json) -> list[str]:
    lines = [layer_line(layer, result["layers"][layer]) for layer in LAYERS]
    if result.get("chars"):
        lines.append(f"docs={result['docs']} chars={result['chars']} seconds={result['seconds']:.2f}")
    return lines
