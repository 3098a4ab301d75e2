"""Many texts: ``extract_many`` streams Documents (or ExtractionError results) in input order.

Memory stays bounded whatever the length of the input: texts are read lazily and at most
``2 * n_process`` batches are in flight. With ``n_process > 1`` a pool of forked processes does the
work; underthesea is loaded in the parent first so that the forked workers share its models
instead of each loading them (and so that no worker loads them concurrently). One input that
fails, whatever the reason, comes out as an ``ExtractionError`` and the stream goes on.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING, Any

from vnextract.pipeline import check_doc_id, check_reference_date, check_text, extract
from vnextract.records import Document, ExtractionError

if TYPE_CHECKING:
    import pandas as pd

Result = Document | ExtractionError
_MISSING = object()
_WARM_UP_TEXT = "Ngày 8/8/2022, tỷ lệ hồ sơ trực tuyến đạt 45,7%, tăng 11% so với cùng kỳ."


@dataclass(frozen=True, slots=True)
class _Job:
    """One checked input, ready to send to a worker."""

    index: int
    text: str
    doc_id: str | None
    reference_date: dt.date | None


def _error(index: int, doc_id: Any, exc: BaseException) -> ExtractionError:
    return ExtractionError(
        doc_id=None if doc_id is None else str(doc_id),
        index=index,
        error=str(exc) or repr(exc),
        error_type=type(exc).__name__,
    )


def _inputs(items: Iterable[tuple[Any, Any, Any]]) -> Iterator[_Job | ExtractionError]:
    """Checked jobs, or errors for inputs that cannot even be sent (not text, bad date or id)."""
    for index, (text, doc_id, ref) in enumerate(items):
        try:
            yield _Job(index, check_text(text), check_doc_id(doc_id), check_reference_date(ref))
        except (TypeError, ValueError) as e:
            yield _error(index, doc_id, e)


def _zip(
    texts: Iterable[Any], reference_dates: Iterable[Any] | None, doc_ids: Iterable[Any] | None
) -> Iterator[tuple[Any, Any, Any]]:
    dates = iter(reference_dates) if reference_dates is not None else None
    ids = iter(doc_ids) if doc_ids is not None else None
    for index, text in enumerate(texts):
        doc_id = next(ids, _MISSING) if ids is not None else None
        ref = next(dates, _MISSING) if dates is not None else None
        if doc_id is _MISSING:
            raise ValueError(f"doc_ids has fewer items than texts (ran out at index {index})")
        if ref is _MISSING:
            raise ValueError(f"reference_dates has fewer items than texts (ran out at index {index})")
        yield text, doc_id, ref


def _run(job: _Job) -> Result:
    try:
        return extract(job.text, doc_id=job.doc_id, reference_date=job.reference_date)
    except Exception as e:  # one bad record must not stop the stream
        return _error(job.index, job.doc_id, e)


def _run_batch(jobs: list[_Job | ExtractionError]) -> list[Result]:
    return [job if isinstance(job, ExtractionError) else _run(job) for job in jobs]


@cache
def warm_up() -> None:
    """Load underthesea's models in this process (once), before forking workers that share them.

    A failure here is not raised: the same failure, if it is real, is reported for each text.
    """
    from vnextract.context import Analysis

    try:
        extract(_WARM_UP_TEXT, reference_date=dt.date(2022, 8, 10))
        from vnextract import gazetteer

        getattr(gazetteer, "warm_up", lambda: None)()  # every gazetteer, not only those the text needed
        an = Analysis(_WARM_UP_TEXT)
        for sentence in an.sentences:  # load the word and tag models even if no layer asked for them
            an.words(sentence)
            an.words(sentence, pos=True)
    except Exception:
        return


def _batches(items: Iterator[_Job | ExtractionError], size: int) -> Iterator[list[_Job | ExtractionError]]:
    while batch := list(islice(items, size)):
        yield batch


def _crashed(job: _Job, exc: BaseException) -> ExtractionError:
    return ExtractionError(
        doc_id=job.doc_id,
        index=job.index,
        error=f"the worker process died while extracting this text: {exc}",
        error_type=type(exc).__name__,
    )


class _Pool:
    """A process pool that can be replaced when a worker dies (killed, out of memory, a crash)."""

    def __init__(self, n_process: int) -> None:
        self.n_process = n_process
        # fork shares the parent's loaded models; where there is no fork (Windows), workers load their own.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.context = multiprocessing.get_context(method)
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.n_process, mp_context=self.context)

    def submit(self, batch: list[_Job | ExtractionError]) -> Future[list[Result]]:
        return self.executor.submit(_run_batch, batch)

    def renew(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def isolate(self, batch: list[_Job | ExtractionError]) -> list[Result]:
        """Run a batch whose worker died one text at a time: only the text that kills a worker fails."""
        results: list[Result] = []
        for job in batch:
            if isinstance(job, ExtractionError):
                results.append(job)
                continue
            try:
                results.extend(self.submit([job]).result())
            except BrokenProcessPool as e:
                results.append(_crashed(job, e))
                self.renew()
        return results


def _parallel(
    items: Iterator[_Job | ExtractionError], n_process: int, batch_size: int
) -> Iterator[Result]:
    batches = _batches(items, batch_size)
    first = next(batches, None)
    if first is None:
        return  # nothing to do: no need to load models or start processes
    warm_up()
    pool = _Pool(n_process)
    pending: deque[tuple[list[_Job | ExtractionError], Future[list[Result]]]] = deque()
    pending.append((first, pool.submit(first)))
    window = 2 * n_process  # batches in flight: what bounds memory, whatever the input length
    try:
        while True:
            while len(pending) < window and (batch := next(batches, None)) is not None:
                pending.append((batch, pool.submit(batch)))
            if not pending:
                return
            batch, future = pending.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:
                # Some worker died, not necessarily on this batch: the pool is unusable. Find the
                # text that kills a worker in this batch, then resend everything else still waiting.
                pool.renew()
                yield from pool.isolate(batch)
                pending = deque((b, pool.submit(b)) for b, _ in pending)
    finally:
        pool.executor.shutdown(wait=True, cancel_futures=True)


def extract_many(
    texts: Iterable[str],
    *,
    n_process: int = 1,
    batch_size: int = 4,
    reference_dates: Iterable[dt.date | str | None] | None = None,
    doc_ids: Iterable[str | None] | None = None,
) -> Iterator[Document | ExtractionError]:
    """Extract every text, yielding one result per input in input order.

    ``texts`` may be any iterable (a generator over millions of articles): it is read lazily.
    ``reference_dates`` and ``doc_ids``, when given, run alongside ``texts``. An input that fails
    (not a str, a bad date, an exception inside extraction) yields an ``ExtractionError`` carrying
    its ``index`` and ``doc_id``; the others are not affected. ``n_process > 1`` uses that many
    forked worker processes, each sent ``batch_size`` texts at a time.
    """
    return extract_stream(_zip(texts, reference_dates, doc_ids), n_process=n_process, batch_size=batch_size)


def extract_stream(
    items: Iterable[tuple[Any, Any, Any]], *, n_process: int = 1, batch_size: int = 4
) -> Iterator[Document | ExtractionError]:
    """``extract_many`` over ``(text, doc_id, reference_date)`` tuples, for callers reading records."""
    if n_process < 1:
        raise ValueError(f"n_process must be at least 1, got {n_process}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    jobs = _inputs(items)
    if n_process == 1:
        return (job if isinstance(job, ExtractionError) else _run(job) for job in jobs)
    return _parallel(jobs, n_process, batch_size)


def _cell(value: Any) -> Any:
    """A DataFrame cell as a plain Python value (missing -> None)."""
    import pandas as pd

    if value is None or isinstance(value, str | bytes):
        return value
    return None if pd.api.types.is_scalar(value) and pd.isna(value) else value


def extract_frame(
    df: pd.DataFrame,
    *,
    text_col: str = "text",
    id_col: str | None = "id",
    date_col: str | None = "date",
    table: str = "indicators",
    n_process: int = 1,
) -> pd.DataFrame:
    """pandas in, pandas out: extract every row's text and return the flat ``table`` of the results.

    Missing ``id_col``/``date_col`` columns mean no ids/dates. Rows that fail go to the ``errors``
    table only. The output columns and dtypes are ``vnextract.tables.COLUMNS[table]`` whatever the
    input, so this runs unchanged under Spark's ``mapInPandas`` (see ``extract_frames``).
    """
    from vnextract import tables

    tables.check_table(table)
    if text_col not in df.columns:
        raise KeyError(f"no column {text_col!r} in the frame (columns: {list(df.columns)})")
    texts = [_cell(v) for v in df[text_col]]
    ids = [_cell(v) for v in df[id_col]] if id_col and id_col in df.columns else None
    dates = [_cell(v) for v in df[date_col]] if date_col and date_col in df.columns else None
    results = extract_many(texts, n_process=n_process, reference_dates=dates, doc_ids=ids)
    return tables.to_dataframe(results, table, texts=texts)


def extract_frames(frames: Iterable[pd.DataFrame], **kwargs: Any) -> Iterator[pd.DataFrame]:
    """``extract_frame`` over an iterator of frames: the function Spark's ``mapInPandas`` wants."""
    for df in frames:
        yield extract_frame(df, **kwargs)
