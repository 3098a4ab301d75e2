"""vnextract: typed records (quantities, times, entities, indicators) from Vietnamese news.

    from vnextract import extract
    doc = extract(text, reference_date="2022-08-10")
"""

from vnextract.batch import extract_many
from vnextract.pipeline import extract
from vnextract.records import (
    Change,
    Document,
    Entity,
    ExtractionError,
    Indicator,
    Quantity,
    TimeExpression,
)

__version__ = "0.1.0"

__all__ = [
    "Change",
    "Document",
    "Entity",
    "ExtractionError",
    "Indicator",
    "Quantity",
    "TimeExpression",
    "__version__",
    "extract",
    "extract_many",
]
