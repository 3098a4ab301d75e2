"""Time expressions: find, then resolve against the reference date."""

from __future__ import annotations

import datetime as dt

from vnextract.context import Analysis, Extracted
from vnextract.records import TimeExpression


def find_reference_date(an: Analysis) -> dt.date | None:
    """The article's own dateline in its opening lines, if any."""
    return None


def extract_times(an: Analysis) -> list[Extracted[TimeExpression]]:
    return []
