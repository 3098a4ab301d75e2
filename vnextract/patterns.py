"""Load and validate the data in ``patterns/`` (lexicons and pattern files), once per process.

Every file is YAML: a mapping with an ``entries`` list (plus any header keys its schema allows).
Each layer module declares a pydantic model for its files and loads them with ``load``; a broken
file raises ``PatternError`` naming the file and the entry. Entries may carry ``examples`` and
``counterexamples`` (schemas below); ``tests/test_pattern_examples.py`` runs every one of them
through ``extract``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from vnextract.text import normalize_text

M = TypeVar("M", bound=BaseModel)

LAYERS = ("quantities", "times", "entities", "indicators")
DEFAULT_EXAMPLE_DATE = dt.date(2022, 8, 10)  # the contract's reference date for its time table


class PatternError(ValueError):
    """A file in patterns/ is missing, unreadable or does not match its schema."""


class Example(BaseModel):
    """An input and the mention it must produce in the file's layer.

    ``span`` is the mention's exact text (default: the whole input, stripped); ``expect`` lists
    fields the mention must have, dotted for nested fields ("change.direction"); values compare in
    JSON form (dates as "YYYY-MM-DD"), numbers with a relative tolerance of 1e-6.
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)
    text: str
    span: str | None = None
    expect: dict[str, Any] = Field(default_factory=dict)
    reference_date: dt.date | None = None

    @property
    def target(self) -> str:
        return self.span if self.span is not None else self.text.strip()


class Counterexample(BaseModel):
    """An input where the layer must find nothing (overlapping ``span`` if given)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    text: str
    span: str | None = None
    reference_date: dt.date | None = None
    why: str | None = None


def _coerce_examples(value: Any) -> Any:
    # A bare string is shorthand for {text: ...}.
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


class PatternEntry(BaseModel):
    """Base of every entry: an id, and examples that document and test it."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    id: str
    examples: list[Example] = Field(default_factory=list)
    counterexamples: list[Counterexample] = Field(default_factory=list)

    @field_validator("examples", "counterexamples", mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return _coerce_examples(value)


class PatternFile(BaseModel):
    """Base of every file: a description and its entries."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    description: str = ""
    entries: list[Any]


def patterns_dir() -> Path:
    """patterns/ inside the installed package (wheel), else the repository's top-level folder."""
    packaged = resources.files("vnextract") / "patterns"
    if packaged.is_dir():
        return Path(str(packaged))
    repo = Path(__file__).resolve().parent.parent / "patterns"
    if repo.is_dir():
        return repo
    raise PatternError(f"patterns/ not found: looked in {packaged} and {repo}")


# libyaml's parser (in PyYAML's wheels) with PyYAML's safe constructors: the same data, ~9x faster to
# load, which is most of the first call's latency; the pure-Python loader where libyaml is missing.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def read_yaml(relpath: str) -> dict[str, Any]:
    path = patterns_dir() / relpath
    try:
        with path.open(encoding="utf-8") as f:
            data = yaml.load(f, Loader=_SAFE_LOADER)
    except FileNotFoundError as e:
        raise PatternError(f"{relpath}: no such pattern file in {patterns_dir()}") from e
    except yaml.YAMLError as e:
        raise PatternError(f"{relpath}: not valid YAML: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise PatternError(f"{relpath}: expected a mapping with an 'entries' list")
    return data


def load(relpath: str, file_model: type[M]) -> M:
    """Read ``patterns/<relpath>`` and validate it with ``file_model``; cached per process.

    Errors name the file, the entry's index and id, and the field.
    """
    return _load_cached(relpath, file_model)  # type: ignore[return-value]


@cache
def _load_cached(relpath: str, file_model: type[BaseModel]) -> BaseModel:
    data = read_yaml(relpath)
    try:
        return file_model.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        loc = list(first["loc"])
        where = relpath
        if len(loc) >= 2 and loc[0] == "entries" and isinstance(loc[1], int):
            entry = data["entries"][loc[1]]
            ident = entry.get("id") if isinstance(entry, dict) else None
            where += f": entry {loc[1]}" + (f" ({ident})" if ident else "")
            loc = loc[2:]
        field_path = ".".join(str(x) for x in loc)
        detail = f"{field_path or 'value'}: {first['msg']} ({e.error_count()} error(s))"
        raise PatternError(f"{where}: {detail}") from e


def all_pattern_files() -> list[str]:
    """Every YAML file under patterns/, as paths relative to it."""
    root = patterns_dir()
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.yaml"))


def layer_of(relpath: str) -> str | None:
    head = relpath.split("/", 1)[0]
    return head if head in LAYERS else None


def norm_key(phrase: str) -> str:
    """How lexicon keys are compared: normalized like the text, lower-cased."""
    return normalize_text(phrase).lower()
