"""Dask: extraction over a ``dask.bag`` or a ``dask.dataframe``, on one machine or a cluster.

    from dask.distributed import Client
    import dask.bag as db, dask.dataframe as dd
    from vnextract.integrations.dask import extract_bag, extract_dataframe

    client = Client("scheduler:8786")                     # or LocalCluster() for one machine
    docs = extract_bag(db.read_text("articles/*.jsonl").map(json.loads))   # Documents / ExtractionErrors
    table = extract_dataframe(dd.read_parquet("articles/"), table="indicators")
    table.to_parquet("out/indicators/")                    # the explicit columns of vnextract.tables

Each partition runs ``vnextract.extract_many`` in the worker; the worker loads underthesea's models
once, on its first partition. Workers need vnextract installed (``pip install vnextract[dask]``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from vnextract import tables
from vnextract.batch import extract_frame, extract_stream
from vnextract.records import Document, ExtractionError

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd


def _item(
    element: Any, text_key: str, id_key: str, date_key: str, reference_date: Any
) -> tuple[Any, Any, Any]:
    """A bag element (a text, or a mapping with text/id/date) as (text, doc_id, reference_date)."""
    if isinstance(element, dict):
        return element.get(text_key), element.get(id_key), element.get(date_key, reference_date)
    return element, None, reference_date


def extract_partition(
    elements: Iterable[Any],
    *,
    text_key: str = "text",
    id_key: str = "id",
    date_key: str = "date",
    reference_date: Any = None,
) -> list[Document | ExtractionError]:
    """Extract one partition; one result per element, in order (errors included)."""
    items = (_item(e, text_key, id_key, date_key, reference_date) for e in elements)
    return list(extract_stream(items))


def extract_bag(
    bag: db.Bag,
    *,
    text_key: str = "text",
    id_key: str = "id",
    date_key: str = "date",
    reference_date: Any = None,
) -> db.Bag:
    """A bag of Documents (or ExtractionErrors) from a bag of texts or of dicts with text/id/date."""
    return bag.map_partitions(
        extract_partition, text_key=text_key, id_key=id_key, date_key=date_key, reference_date=reference_date
    )


def documents_to_json(bag: db.Bag) -> db.Bag:
    """Contract JSON dicts (``model_dump(mode="json")``), e.g. for ``.map(json.dumps).to_textfiles``."""
    return bag.map(lambda result: result.model_dump(mode="json"))


def extract_dataframe(
    ddf: dd.DataFrame,
    *,
    text_col: str = "text",
    id_col: str | None = "id",
    date_col: str | None = "date",
    table: str = "indicators",
) -> dd.DataFrame:
    """The flat ``table`` of every row's extraction, with the columns and dtypes of ``vnextract.tables``."""
    return ddf.map_partitions(
        extract_frame,
        text_col=text_col,
        id_col=id_col,
        date_col=date_col,
        table=table,
        meta=tables.empty_frame(table),
        align_dataframes=False,
    )
