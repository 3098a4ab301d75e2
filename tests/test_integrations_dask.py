"""Dask: extraction over a bag and a dataframe on a local 2-process distributed cluster."""

from __future__ import annotations

import pandas as pd
import pytest

from vnextract import extract, tables
from vnextract.records import Document, ExtractionError

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

from vnextract.integrations.dask import documents_to_json, extract_bag, extract_dataframe  # noqa: E402

pytestmark = pytest.mark.slow  # a cluster of two processes, each loading underthesea

TEXTS = [
    "Ngày 8/8/2022, tỷ lệ hồ sơ trực tuyến đạt 45,7%, tăng 11% so với cùng kỳ.",
    "Đến năm 2025, phấn đấu 80% hộ gia đình sử dụng Internet cáp quang.",
    "Bộ Thông tin và Truyền thông cho biết có 67.300 doanh nghiệp công nghệ số.",
    "UBND tỉnh Lào Cai giải ngân 1.200 tỷ đồng trong 6 tháng đầu năm 2022.",
]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    )
    with cluster, distributed.Client(cluster) as c:
        yield c


def _json(results):
    return [r.model_dump(mode="json") for r in results]


def test_integrations_dask_bag_of_texts_and_records(client):
    elements = [
        TEXTS[0],
        {"text": TEXTS[1], "id": "b", "date": "2022-08-10"},
        42,
        {"text": TEXTS[2], "id": "c"},
    ]
    results = extract_bag(db.from_sequence(elements, npartitions=2), reference_date="2022-08-10").compute()
    assert [type(r) for r in results] == [Document, Document, ExtractionError, Document], results
    assert results[2].error_type == "TypeError"
    expected = [
        extract(TEXTS[0], reference_date="2022-08-10"),
        extract(TEXTS[1], doc_id="b", reference_date="2022-08-10"),
        extract(TEXTS[2], doc_id="c", reference_date="2022-08-10"),
    ]
    assert _json([results[0], results[1], results[3]]) == _json(expected)


def test_integrations_dask_bag_to_json(client):
    dumped = documents_to_json(extract_bag(db.from_sequence(TEXTS, npartitions=2))).compute()
    assert [Document.model_validate(d) for d in dumped] == [extract(t) for t in TEXTS]


@pytest.mark.parametrize("table", ["indicators", "quantities"])
def test_integrations_dask_dataframe_table(client, table):
    df = pd.DataFrame({"text": TEXTS, "id": [f"d{i}" for i in range(4)], "date": ["2022-08-10"] * 4})
    got = extract_dataframe(dd.from_pandas(df, npartitions=2), table=table).compute().reset_index(drop=True)
    assert list(got.columns) == list(tables.COLUMNS[table])
    assert got.dtypes.astype(str).to_dict() == tables.pandas_dtypes(table)
    docs = [extract(t, doc_id=i, reference_date="2022-08-10") for t, i in zip(TEXTS, df["id"], strict=True)]
    expected = tables.to_dataframe(docs, table, texts=TEXTS)
    pd.testing.assert_frame_equal(got, expected)
