"""The order of the stages: text view -> times, entities -> quantities -> indicators -> Document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from vnextract.context import Analysis
from vnextract.extractors.entities import extract_entities
from vnextract.extractors.quantities import extract_quantities
from vnextract.extractors.times import extract_times, find_reference_date
from vnextract.indicators import link_indicators
from vnextract.records import Document


def check_text(text: Any, argument: str = "text") -> str:
    """The input text, or a TypeError that says what was passed and what to do."""
    if isinstance(text, str):
        return text
    if isinstance(text, bytes | bytearray | memoryview):
        raise TypeError(
            f"{argument} must be str, got {type(text).__name__}: decode it first, e.g. data.decode('utf-8')"
        )
    raise TypeError(f"{argument} must be str, got {type(text).__name__}")


def check_reference_date(value: Any, argument: str = "reference_date") -> dt.date | None:
    """A date, a datetime (its date is used) or an ISO 'YYYY-MM-DD' string; anything else is an error."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{argument} must be an ISO date 'YYYY-MM-DD', got {value!r}") from None
    raise TypeError(f"{argument} must be a datetime.date or an ISO date string, got {type(value).__name__}")


def check_doc_id(value: Any, argument: str = "doc_id") -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"{argument} must be str or None, got {type(value).__name__}")


def extract(text: str, *, doc_id: str | None = None, reference_date: dt.date | str | None = None) -> Document:
    """Extract quantities, times, entities and indicators from one Vietnamese text.

    ``reference_date`` resolves partial dates ("25/12", "năm nay"); without it the article's own
    dateline is used when one is found. Offsets in the result refer to ``text`` as given.
    """
    text = check_text(text)
    doc_id = check_doc_id(doc_id)
    ref = check_reference_date(reference_date)
    an = Analysis(text, ref)
    if ref is None:
        an.reference_date = find_reference_date(an)
    times = extract_times(an)
    entities = extract_entities(an)
    # A number inside a time expression or a name is not a quantity: those spans are taken first.
    blocked = [t.span for t in times] + [e.span for e in entities]
    quantities = extract_quantities(an, blocked)
    indicators = link_indicators(an, quantities, times, entities)
    return Document(
        doc_id=doc_id,
        reference_date=an.reference_date,
        quantities=[q.record for q in quantities],
        times=[t.record for t in times],
        entities=[e.record for e in entities],
        indicators=indicators,
    )
