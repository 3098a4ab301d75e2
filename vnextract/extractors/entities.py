"""Entities: people with their offices, agencies, places, legal documents, national systems."""

from __future__ import annotations

from vnextract.context import Analysis, Extracted
from vnextract.records import Entity


def extract_entities(an: Analysis) -> list[Extracted[Entity]]:
    return []
