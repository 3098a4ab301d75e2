"""Many texts: ``extract_many`` streams Documents (or ExtractionError results) in input order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from vnextract.pipeline import extract
from vnextract.records import Document, ExtractionError


def extract_many(
    texts: Iterable[str],
    *,
    n_process: int = 1,
    batch_size: int = 32,
    reference_dates: Iterable[dt.date | str | None] | None = None,
    doc_ids: Iterable[str | None] | None = None,
) -> Iterator[Document | ExtractionError]:
    """Sequential placeholder until the batch issue lands: one result per input, in order."""
    dates = iter(reference_dates) if reference_dates is not None else None
    ids = iter(doc_ids) if doc_ids is not None else None
    for i, text in enumerate(texts):
        doc_id = next(ids) if ids is not None else None
        ref = next(dates) if dates is not None else None
        try:
            yield extract(text, doc_id=doc_id, reference_date=ref)
        except Exception as e:  # one bad record must not stop the stream
            yield ExtractionError(doc_id=doc_id, index=i, error=str(e), error_type=type(e).__name__)
