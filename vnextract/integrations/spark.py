"""Spark: extraction with ``mapInPandas``, the output schema given explicitly.

    from vnextract.integrations.spark import extract_spark
    indicators = extract_spark(spark.read.parquet("articles/"), table="indicators")
    indicators.write.parquet("out/indicators/")

Every executor needs vnextract installed (``vnextract[pandas]``); each Python worker loads
underthesea once. pyspark is not a dependency of vnextract: this module only calls the DataFrame
it is given.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from vnextract.batch import extract_frames
from vnextract.tables import check_table, spark_schema


def extract_spark(
    sdf: Any,
    *,
    table: str = "indicators",
    text_col: str = "text",
    id_col: str | None = "id",
    date_col: str | None = "date",
) -> Any:
    """A Spark DataFrame of ``table`` (columns of ``vnextract.tables.COLUMNS``) from one of articles."""
    check_table(table)
    columns = set(sdf.columns)
    fn = partial(
        _frames,
        table=table,
        text_col=text_col,
        id_col=id_col if id_col in columns else None,
        date_col=date_col if date_col in columns else None,
    )
    return sdf.mapInPandas(fn, schema=spark_schema(table))


def _frames(frames: Iterator[Any], **kwargs: Any) -> Iterator[Any]:
    return extract_frames(frames, **kwargs)
