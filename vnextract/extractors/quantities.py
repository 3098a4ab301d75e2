"""Quantities: numbers with their scale, unit, qualifier and kind."""

from __future__ import annotations

from vnextract.context import Analysis, Extracted
from vnextract.records import Quantity
from vnextract.text import Span


def extract_quantities(an: Analysis, blocked: list[Span]) -> list[Extracted[Quantity]]:
    """Every quantity of the text that does not overlap a ``blocked`` span (times, names)."""
    return []
