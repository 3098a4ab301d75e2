"""Flat tables: stable columns and dtypes, explicit Arrow schema, rows from real records."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from vnextract import tables
from vnextract.records import Change, Document, Entity, ExtractionError, Indicator, Quantity, TimeExpression

TEXT = "Trong 6 tháng đầu năm 2022, tỷ lệ hồ sơ trực tuyến của tỉnh Lào Cai đạt 45,7%, gấp 1,6 lần cùng kỳ."


def _span(text: str, piece: str) -> dict:
    start = text.index(piece)
    return {"start": start, "end": start + len(piece), "text": piece}


def sample_document(doc_id: str = "d1", text: str = TEXT) -> Document:
    value = Quantity(**_span(text, "45,7%"), kind="percent", value=45.7, unit="%")
    amount = Quantity(**_span(text, "gấp 1,6 lần"), kind="multiplier", value=1.6)
    period = TimeExpression(
        **_span(text, "6 tháng đầu năm 2022"),
        grain="half",
        start_date=dt.date(2022, 1, 1),
        end_date=dt.date(2022, 6, 30),
        datetime=dt.datetime(2022, 1, 1, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))),
    )
    place = Entity(**_span(text, "tỉnh Lào Cai"), label="LOC", canonical="Lào Cai")
    indicator = Indicator(
        metric="tỷ lệ hồ sơ trực tuyến",
        value=value,
        change=Change(direction="increase", amount=amount, baseline="cùng kỳ"),
        period=period,
        location=place,
        sentence_start=0,
        sentence_end=len(text),
    )
    amountless = Indicator(
        metric="số hồ sơ",
        change=Change(direction="decrease"),
        sentence_start=0,
        sentence_end=5,
        status="target",
    )
    return Document(
        doc_id=doc_id,
        quantities=[value, amount],
        times=[period],
        entities=[place],
        indicators=[indicator, amountless],
    )


def test_tables_indicator_rows_flatten_the_record():
    row = tables.indicator_rows(sample_document(), TEXT)[0]
    assert list(row) == list(tables.COLUMNS["indicators"])
    assert row["value"] == 45.7 and row["unit"] == "%" and row["kind"] == "percent"
    assert row["period_start"] == dt.date(2022, 1, 1) and row["period_end"] == dt.date(2022, 6, 30)
    assert row["change_direction"] == "increase" and row["change_amount"] == 1.6
    assert row["change_kind"] == "multiplier" and row["baseline"] == "cùng kỳ"
    assert row["location"] == "Lào Cai"
    assert row["text"] == TEXT
    assert TEXT[row["value_start"] : row["value_end"]] == "45,7%"


def test_tables_document_indicator_rows_delegates():
    assert sample_document().indicator_rows(TEXT) == tables.indicator_rows(sample_document(), TEXT)


def test_tables_indicator_without_value_has_missing_cells():
    row = tables.indicator_rows(sample_document())[1]
    assert row["value"] is None and row["value_start"] is None and row["change_amount"] is None
    assert row["text"] is None  # no input text given


@pytest.mark.parametrize("table", ["indicators", "quantities", "times", "entities", "errors"])
def test_tables_frame_columns_and_dtypes_are_stable(table):
    docs = [sample_document("a"), ExtractionError(doc_id="b", index=1, error="boom", error_type="TypeError")]
    full = tables.to_dataframe(docs, table, texts=[TEXT, None])
    empty = tables.to_dataframe([], table)
    assert list(full.columns) == list(tables.COLUMNS[table])
    assert (
        full.dtypes.astype(str).to_dict() == empty.dtypes.astype(str).to_dict() == tables.pandas_dtypes(table)
    )


@pytest.mark.parametrize(
    ("table", "rows"), [("indicators", 2), ("quantities", 2), ("times", 1), ("entities", 1), ("errors", 1)]
)
def test_tables_row_counts(table, rows):
    docs = [sample_document("a"), ExtractionError(doc_id="b", index=1, error="boom", error_type="TypeError")]
    assert len(tables.to_dataframe(docs, table)) == rows


def test_tables_times_datetime_is_iso_text():
    row = tables.rows(sample_document(), "times")[0]
    assert row["datetime"] == "2022-01-01T08:30:00+07:00"
    assert row["start_date"] == dt.date(2022, 1, 1)


def test_tables_unknown_table_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown table 'people'"):
        tables.rows(sample_document(), "people")


@pytest.mark.parametrize("table", ["indicators", "quantities", "times", "entities"])
def test_tables_parquet_files_concatenate_even_when_empty(tmp_path, table):
    full = tables.rows_to_arrow(tables.rows(sample_document(), table, TEXT), table)
    empty = tables.rows_to_arrow([], table)
    pq.write_table(full, tmp_path / "a.parquet")
    pq.write_table(empty, tmp_path / "b.parquet")
    merged = pa.concat_tables([pq.read_table(tmp_path / "a.parquet"), pq.read_table(tmp_path / "b.parquet")])
    assert merged.schema == tables.arrow_schema(table)
    assert merged.num_rows == full.num_rows
    assert pq.read_table(tmp_path).num_rows == full.num_rows  # the folder reads as one dataset


def test_tables_arrow_dates_are_date32():
    schema = tables.arrow_schema("indicators")
    assert schema.field("period_start").type == pa.date32()
    assert schema.field("sentence_start").type == pa.int64()


def test_tables_spark_schema_lists_every_column():
    ddl = tables.spark_schema("indicators")
    assert ddl.startswith("`doc_id` string, `metric` string, `value` double")
    assert "`period_start` date" in ddl and ddl.count("`") == 2 * len(tables.COLUMNS["indicators"])


def test_tables_frame_dates_are_datetimes():
    df = tables.to_dataframe([sample_document()], "indicators")
    assert df.loc[0, "period_start"] == pd.Timestamp("2022-01-01")
    assert pd.isna(df.loc[1, "period_start"])
