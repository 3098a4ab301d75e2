"""Indicators: link each reported figure to its metric, period, change, status and location."""

from __future__ import annotations

from vnextract.context import Analysis, Extracted
from vnextract.records import Entity, Indicator, Quantity, TimeExpression


def link_indicators(
    an: Analysis,
    quantities: list[Extracted[Quantity]],
    times: list[Extracted[TimeExpression]],
    entities: list[Extracted[Entity]],
) -> list[Indicator]:
    return []
