"""The pandas accessor, and the Spark mapInPandas wiring (checked with a stand-in Spark DataFrame)."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from vnextract import tables
from vnextract.batch import extract_frame
from vnextract.integrations import pandas as vx_pandas
from vnextract.integrations.spark import extract_spark

TEXTS = [
    "Ngày 8/8/2022, tỷ lệ hồ sơ trực tuyến đạt 45,7%, tăng 11% so với cùng kỳ.",
    "Bộ Thông tin và Truyền thông cho biết có 67.300 doanh nghiệp công nghệ số.",
]


def _articles():
    return pd.DataFrame({"id": ["a", "b"], "text": TEXTS, "date": ["2022-08-10", None]})


def test_integrations_pandas_accessor_is_extract_frame():
    assert vx_pandas.VnextractAccessor is not None
    got = _articles().vnextract.extract(table="quantities")
    pd.testing.assert_frame_equal(got, extract_frame(_articles(), table="quantities"))


class FakeSparkFrame:
    """What extract_spark uses of a pyspark DataFrame: ``columns`` and ``mapInPandas``."""

    def __init__(self, partitions: list[pd.DataFrame]):
        self.partitions = partitions
        self.columns = list(partitions[0].columns)

    def mapInPandas(self, fn, schema):  # pyspark's name
        self.schema = schema
        return list(fn(iter(self.partitions)))


@pytest.mark.parametrize("table", ["indicators", "entities"])
def test_integrations_spark_map_in_pandas(table):
    df = _articles()
    sdf = FakeSparkFrame([df.iloc[:1], df.iloc[1:]])
    outputs = extract_spark(sdf, table=table)
    assert sdf.schema == tables.spark_schema(table)
    got = pd.concat(outputs, ignore_index=True)
    pd.testing.assert_frame_equal(got, extract_frame(df, table=table))
    # Spark converts each batch through Arrow: the frames must convert to the table's Arrow types.
    for out in outputs:
        pa.Table.from_pandas(out, schema=tables.arrow_schema(table), preserve_index=False)


def test_integrations_spark_missing_optional_columns():
    sdf = FakeSparkFrame([pd.DataFrame({"text": TEXTS})])
    got = extract_spark(sdf, table="quantities")[0]
    assert got["doc_id"].isna().all()
