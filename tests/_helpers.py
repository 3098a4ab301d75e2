"""Lookups the spec tests share: the entity with a given text, the indicator of a given figure."""

from __future__ import annotations

import datetime as dt

from vnextract import extract
from vnextract.records import Document, Entity, Indicator


def find_entity(text: str, span: str, reference_date: dt.date) -> Entity:
    """The entity whose text is exactly ``span``; fails with what was found instead."""
    found = extract(text, reference_date=reference_date).entities
    hits = [e for e in found if e.text == span]
    assert hits, f"no entity {span!r} in {text!r}; got {[e.text for e in found]}"
    return hits[0]


def indicator_by_figure(doc: Document, figure: str) -> Indicator:
    """The indicator whose value (or, without one, change amount) is the mention ``figure``."""
    for ind in doc.indicators:
        found = ind.value or (ind.change.amount if ind.change else None)
        if found is not None and found.text == figure:
            return ind
    raise AssertionError(f"no indicator for {figure!r}")
