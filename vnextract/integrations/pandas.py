"""pandas helpers: DataFrames of records, and extraction over a DataFrame's text column.

from vnextract.integrations.pandas import extract_frame, to_dataframe
indicators = extract_frame(articles, text_col="text", id_col="id", date_col="date")

import vnextract.integrations.pandas       # registers the ``.vnextract`` accessor
indicators = articles.vnextract.extract(table="indicators", n_process=4)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from vnextract.batch import extract_frame, extract_frames
from vnextract.tables import COLUMNS, empty_frame, pandas_dtypes, to_dataframe

__all__ = ["COLUMNS", "VnextractAccessor", "empty_frame", "extract_frame", "extract_frames", "pandas_dtypes",
           "to_dataframe"]  # fmt: skip


@pd.api.extensions.register_dataframe_accessor("vnextract")
class VnextractAccessor:
    """``df.vnextract.extract(...)``: ``extract_frame`` on this DataFrame."""

    def __init__(self, df: pd.DataFrame) -> None:
        self._df = df

    def extract(self, table: str = "indicators", **kwargs: Any) -> pd.DataFrame:
        return extract_frame(self._df, table=table, **kwargs)
