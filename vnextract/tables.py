"""Flat tables of the records: one row per indicator, quantity, time or entity.

The column names and types below are the stable shape of the CSV/Parquet outputs and of the
DataFrames ``to_dataframe`` returns. Parquet files are written with ``arrow_schema(table)``, an
explicit schema, so files from different batches (even ones with zero rows) concatenate.
pandas and pyarrow are imported lazily: the row functions need neither.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal

from vnextract.records import Document, ExtractionError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

TableName = Literal["indicators", "quantities", "times", "entities", "errors"]
ColumnType = Literal["str", "float", "int", "date", "bool"]

# Column name -> logical type; the order is the column order of every output.
COLUMNS: dict[str, dict[str, ColumnType]] = {
    "indicators": {
        "doc_id": "str",
        "metric": "str",
        "value": "float",
        "unit": "str",
        "kind": "str",
        "approx": "str",
        "period_start": "date",
        "period_end": "date",
        "period_text": "str",
        "status": "str",
        "change_direction": "str",
        "change_amount": "float",
        "change_unit": "str",
        "change_kind": "str",
        "baseline": "str",
        "location": "str",
        "sentence_start": "int",
        "sentence_end": "int",
        "text": "str",
        "value_start": "int",
        "value_end": "int",
    },
    "quantities": {
        "doc_id": "str",
        "start": "int",
        "end": "int",
        "text": "str",
        "kind": "str",
        "value": "float",
        "upper": "float",
        "total": "float",
        "unit": "str",
        "approx": "str",
        "per": "str",
        "rule_id": "str",
    },
    "times": {
        "doc_id": "str",
        "start": "int",
        "end": "int",
        "text": "str",
        "grain": "str",
        "start_date": "date",
        "end_date": "date",
        "datetime": "str",  # ISO 8601 with its own offset: one column cannot hold several time zones
        "modifier": "str",
        "part": "str",
        "year_inferred": "bool",
        "rule_id": "str",
    },
    "entities": {
        "doc_id": "str",
        "start": "int",
        "end": "int",
        "text": "str",
        "label": "str",
        "canonical": "str",
        "role": "str",
        "number": "str",
        "rule_id": "str",
    },
    "errors": {
        "doc_id": "str",
        "index": "int",
        "source": "str",
        "error": "str",
        "error_type": "str",
    },
}
TABLES: tuple[str, ...] = tuple(COLUMNS)

# pandas dtypes: nullable extension types, so a missing value never turns an int column into floats.
_PANDAS_DTYPES: dict[ColumnType, str] = {
    "str": "string",
    "float": "Float64",
    "int": "Int64",
    "date": "datetime64[s]",
    "bool": "boolean",
}
_SPARK_TYPES: dict[ColumnType, str] = {
    "str": "string",
    "float": "double",
    "int": "bigint",
    "date": "date",
    "bool": "boolean",
}


def check_table(table: str) -> str:
    if table not in COLUMNS:
        raise ValueError(f"unknown table {table!r}: choose one of {', '.join(TABLES)}")
    return table


def indicator_rows(doc: Document, text: str | None = None) -> list[dict[str, Any]]:
    """One flat dict per indicator; ``text`` (the document's input) fills the source sentence."""
    rows = []
    for ind in doc.indicators:
        value, change, period = ind.value, ind.change, ind.period
        amount = change.amount if change else None
        rows.append(
            {
                "doc_id": doc.doc_id,
                "metric": ind.metric,
                "value": value.value if value else None,
                "unit": value.unit if value else None,
                "kind": value.kind if value else None,
                "approx": value.approx if value else None,
                "period_start": period.start_date if period else None,
                "period_end": period.end_date if period else None,
                "period_text": period.text if period else None,
                "status": ind.status,
                "change_direction": change.direction if change else None,
                "change_amount": amount.value if amount else None,
                "change_unit": amount.unit if amount else None,
                "change_kind": amount.kind if amount else None,
                "baseline": change.baseline if change else None,
                "location": (ind.location.canonical or ind.location.text) if ind.location else None,
                "sentence_start": ind.sentence_start,
                "sentence_end": ind.sentence_end,
                "text": text[ind.sentence_start : ind.sentence_end] if text is not None else None,
                "value_start": value.start if value else None,
                "value_end": value.end if value else None,
            }
        )
    return rows


def _mention_rows(doc: Document, layer: str) -> list[dict[str, Any]]:
    names = COLUMNS[layer]
    rows = []
    for mention in getattr(doc, layer):
        fields = mention.model_dump()
        row = {name: fields.get(name) for name in names}
        row["doc_id"] = doc.doc_id
        if layer == "times" and row["datetime"] is not None:
            row["datetime"] = row["datetime"].isoformat()
        rows.append(row)
    return rows


def error_rows(error: ExtractionError) -> list[dict[str, Any]]:
    return [{name: getattr(error, name, None) for name in COLUMNS["errors"]}]


def rows(
    result: Document | ExtractionError, table: str = "indicators", text: str | None = None
) -> list[dict[str, Any]]:
    """The rows one extraction result contributes to ``table`` (errors only to the errors table)."""
    check_table(table)
    if isinstance(result, ExtractionError):
        return error_rows(result) if table == "errors" else []
    if table == "errors":
        return []
    if table == "indicators":
        return indicator_rows(result, text)
    return _mention_rows(result, table)


def iter_rows(
    results: Iterable[Document | ExtractionError],
    table: str = "indicators",
    texts: Iterable[str | None] | None = None,
) -> Iterator[dict[str, Any]]:
    text_iter = iter(texts) if texts is not None else None
    for result in results:
        text = next(text_iter, None) if text_iter is not None else None
        yield from rows(result, table, text)


def to_dataframe(
    docs: Iterable[Document | ExtractionError],
    table: str = "indicators",
    texts: Iterable[str | None] | None = None,
) -> pd.DataFrame:
    """A DataFrame of ``table`` with the stable columns and dtypes of ``COLUMNS``.

    ``texts`` (the inputs, in the order of ``docs``) fills the indicators' ``text`` column with the
    source sentence. Extraction errors only appear in the ``errors`` table.
    """
    return rows_to_frame(list(iter_rows(docs, check_table(table), texts)), table)


def empty_frame(table: str) -> pd.DataFrame:
    return rows_to_frame([], table)


def rows_to_frame(records: list[dict[str, Any]], table: str) -> pd.DataFrame:
    import pandas as pd

    columns = COLUMNS[check_table(table)]
    data = {}
    for name, kind in columns.items():
        values = [r.get(name) for r in records]
        if kind == "date":
            data[name] = pd.Series(pd.to_datetime(values), dtype=_PANDAS_DTYPES[kind])
        else:
            data[name] = pd.Series(pd.array(values, dtype=_PANDAS_DTYPES[kind]))
    return pd.DataFrame(data, columns=list(columns))


def pandas_dtypes(table: str) -> dict[str, str]:
    return {name: _PANDAS_DTYPES[kind] for name, kind in COLUMNS[check_table(table)].items()}


def arrow_schema(table: str) -> pa.Schema:
    """The explicit Parquet schema of ``table``."""
    import pyarrow as pa

    types = {
        "str": pa.string(),
        "float": pa.float64(),
        "int": pa.int64(),
        "date": pa.date32(),
        "bool": pa.bool_(),
    }
    return pa.schema([pa.field(name, types[kind]) for name, kind in COLUMNS[check_table(table)].items()])


def rows_to_arrow(records: list[dict[str, Any]], table: str) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pylist(records, schema=arrow_schema(table))


def spark_schema(table: str) -> str:
    """The DDL schema string for Spark (``df.mapInPandas(fn, schema=spark_schema("indicators"))``)."""
    return ", ".join(f"`{name}` {_SPARK_TYPES[kind]}" for name, kind in COLUMNS[check_table(table)].items())


def csv_value(value: Any) -> Any:
    """How a cell is written to CSV: dates as ISO, missing as empty."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
