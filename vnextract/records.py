"""The record contract (shared/spec/records.md) as frozen pydantic v2 models.

Field names and meanings follow the contract exactly; fields the contract does not name
(``rule_id``, ``error``) are additions, which the contract allows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

QuantityKind = Literal[
    "percent", "count", "measure", "money", "fraction", "multiplier", "rank", "ordinal", "duration", "number"
]
Approx = Literal["exact", "about", "more_than", "less_than", "nearly", "at_least", "at_most"]
Grain = Literal["second", "minute", "hour", "day", "week", "month", "quarter", "half", "year"]
Modifier = Literal["since", "until", "before", "after"]
Part = Literal["early", "mid", "late"]
EntityLabel = Literal["PERSON", "ORG", "LOC", "DOCUMENT", "SYSTEM"]
Status = Literal["actual", "estimate", "target"]
Direction = Literal["increase", "decrease"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Mention(Record):
    """A span of the caller's original string: ``input[start:end] == text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    rule_id: str | None = Field(default=None, description="the pattern or rule that found this mention")


class Quantity(Mention):
    kind: QuantityKind
    value: float
    upper: float | None = None
    total: float | None = None
    unit: str | None = None
    approx: Approx = "exact"
    per: str | None = None


class TimeExpression(Mention):
    grain: Grain
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    datetime: dt.datetime | None = None
    modifier: Modifier | None = None
    part: Part | None = None
    year_inferred: bool = False


class Entity(Mention):
    label: EntityLabel
    canonical: str | None = None
    role: str | None = None
    number: str | None = None


class Change(Record):
    direction: Direction
    amount: Quantity | None = None
    baseline: str | None = None
    baseline_period: TimeExpression | None = None


class Indicator(Record):
    metric: str
    value: Quantity | None = None
    change: Change | None = None
    period: TimeExpression | None = None
    status: Status = "actual"
    location: Entity | None = None
    sentence_start: int = Field(ge=0)
    sentence_end: int = Field(ge=0)


class Document(Record):
    doc_id: str | None = None
    reference_date: dt.date | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)

    def indicator_rows(self, text: str | None = None) -> list[dict[str, Any]]:
        """One flat dict per indicator: the shape of the CSV/Parquet table and DataFrames."""
        from vnextract.tables import indicator_rows

        return indicator_rows(self, text)


class ExtractionError(Record):
    """What ``extract_many`` yields for an input that could not be processed."""

    doc_id: str | None = None
    index: int
    error: str
    error_type: str
    source: str | None = Field(default=None, description="where the input came from: file, file:line")
