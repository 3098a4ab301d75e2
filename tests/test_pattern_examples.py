"""Every example and counterexample in patterns/ runs through extract() (the Duckling idea:
the examples next to a rule are its tests)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from vnextract import extract
from vnextract.patterns import (
    DEFAULT_EXAMPLE_DATE,
    Counterexample,
    Example,
    all_pattern_files,
    layer_of,
    read_yaml,
)


def _collect() -> tuple[list[Any], list[Any]]:
    examples, counters = [], []
    for rel in all_pattern_files():
        layer = layer_of(rel)
        if layer is None:
            continue
        data = read_yaml(rel)
        for i, entry in enumerate(data["entries"]):
            if not isinstance(entry, dict):
                continue
            ident = entry.get("id", str(i))
            for k, ex in enumerate(entry.get("examples") or []):
                ex = Example.model_validate({"text": ex} if isinstance(ex, str) else ex)
                examples.append(pytest.param(layer, ex, id=f"{rel}:{ident}:{k}"))
            for k, ce in enumerate(entry.get("counterexamples") or []):
                ce = Counterexample.model_validate({"text": ce} if isinstance(ce, str) else ce)
                counters.append(pytest.param(layer, ce, id=f"{rel}:{ident}:not{k}"))
    return examples, counters


EXAMPLES, COUNTEREXAMPLES = _collect()


def _get(obj: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        obj = None if obj is None else obj.get(part)
    return obj


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, bool) or expected is None:
        return expected == actual
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return math.isclose(float(expected), float(actual), rel_tol=1e-6, abs_tol=1e-9)
    return str(expected) == str(actual)


def _mentions(layer: str, doc: Any) -> list[tuple[str, dict]]:
    """(text, record as JSON) for each mention of a layer; an indicator's text is its figure's."""
    dumped = doc.model_dump(mode="json")
    if layer != "indicators":
        return [(m["text"], m) for m in dumped[layer]]
    out = []
    for ind in dumped["indicators"]:
        figure = ind.get("value") or (ind.get("change") or {}).get("amount")
        out.append(((figure or {}).get("text", ""), ind))
    return out


def test_pattern_files_have_examples() -> None:
    assert EXAMPLES, "no examples found in patterns/"


@pytest.mark.parametrize(("layer", "example"), EXAMPLES)
def test_pattern_example(layer: str, example: Example) -> None:
    doc = extract(example.text, reference_date=example.reference_date or DEFAULT_EXAMPLE_DATE)
    found = _mentions(layer, doc)
    hits = [m for text, m in found if text == example.target]
    assert hits, f"no {layer} mention {example.target!r} in {example.text!r}; got {[t for t, _ in found]}"
    problems = []
    for m in hits:
        problems = [
            f"{k}: expected {v!r}, got {_get(m, k)!r}"
            for k, v in example.expect.items()
            if not _same(v, _get(m, k))
        ]
        if not problems:
            return
    pytest.fail(f"{example.target!r}: " + "; ".join(problems))


@pytest.mark.parametrize(("layer", "counter"), COUNTEREXAMPLES)
def test_pattern_counterexample(layer: str, counter: Counterexample) -> None:
    doc = extract(counter.text, reference_date=counter.reference_date or DEFAULT_EXAMPLE_DATE)
    found = _mentions(layer, doc)
    if counter.span is None:
        assert not found, f"expected no {layer} in {counter.text!r}, got {[t for t, _ in found]}"
        return
    lo = counter.text.index(counter.span)
    hi = lo + len(counter.span)
    bad = [m for _, m in found if "start" in m and m["start"] < hi and lo < m["end"]]
    if layer == "indicators":
        bad = [m for t, m in found if t and t in counter.span]
    assert not bad, f"expected no {layer} over {counter.span!r} in {counter.text!r}, got {bad}"
