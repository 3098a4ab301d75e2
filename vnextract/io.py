"""Reading articles from files and writing results, for the command line and for scripts.

Inputs: ``.txt`` files, folders of them (recursively), JSONL (one article per line), CSV and
Parquet. A problem with one input (a missing file, bytes that are not UTF-8, a malformed JSONL
line, an empty or non-text article) becomes an error record naming the file, line and byte
offset; the other articles are read on.

Outputs: JSONL (one Document per line), or one flat table (``vnextract.tables``) as CSV or Parquet.
Every writer can resume an interrupted run: the JSONL file is its own log of finished documents;
tables are written as complete part files plus a manifest of the documents each part holds, and
merged into the output at the end.
"""

from __future__ import annotations

import csv
import json
import shutil
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vnextract import tables
from vnextract.batch import extract_stream
from vnextract.records import Document, ExtractionError

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
PARQUET_SUFFIXES = (".parquet", ".pq")
_PART_DOCS = 256  # documents per table part: what an interrupted run can lose at most


@dataclass(slots=True)
class Article:
    """One input article, or the reason it could not be read (``error`` set, ``text`` unusable)."""

    doc_id: str | None
    text: Any
    reference_date: Any = None
    source: str = ""
    index: int = 0
    error: str | None = None
    error_type: str | None = None

    def as_error(self) -> ExtractionError:
        return ExtractionError(
            doc_id=self.doc_id,
            index=self.index,
            error=self.error or "",
            error_type=self.error_type or "InputError",
            source=self.source,
        )


def _bad(source: str, error: str, error_type: str, doc_id: str | None = None, date: Any = None) -> Article:
    return Article(doc_id, None, date, source, error=error, error_type=error_type)


def _decode_error(where: str, exc: UnicodeDecodeError, base_offset: int = 0) -> str:
    return f"{where}: not valid UTF-8 at byte offset {base_offset + exc.start} ({exc.reason})"


def _id(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # CSV/Parquet readers turn integer ids with gaps into floats
    return str(value)


# --- reference dates -------------------------------------------------------------------------


@dataclass
class DateIndex:
    """Reference dates (and doc ids) for files, from a JSONL file with ``file``, ``doc_id``,
    ``reference_date`` fields (``corpus/articles.jsonl``). Looked up by the file's path relative to
    the folder given, by its name, or by doc id."""

    by_key: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def lookup(self, *keys: str | None) -> tuple[str | None, str | None] | None:
        for key in keys:
            if key is not None and key in self.by_key:
                return self.by_key[key]
        return None


def load_dates(path: str | Path, *, date_field: str = "reference_date") -> DateIndex:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"dates file not found: {path}")
    index = DateIndex()
    with path.open("rb") as f:
        for lineno, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as e:
                raise ValueError(f"{path} line {lineno}: not a JSON object ({e})") from None
            if not isinstance(row, dict):
                raise ValueError(f"{path} line {lineno}: not a JSON object")
            doc_id = _id(row.get("doc_id", row.get("id")))
            date = row.get(date_field, row.get("date"))
            entry = (doc_id, date)
            if row.get("file"):
                index.by_key[str(row["file"])] = entry
                index.by_key.setdefault(Path(str(row["file"])).name, entry)
            if doc_id is not None:
                index.by_key.setdefault(doc_id, entry)
    return index


# --- readers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fields:
    text: str = "text"
    id: str = "id"
    date: str = "date"


def _record_article(
    row: dict[str, Any], fields: Fields, default_id: str, source: str, dates: DateIndex | None
) -> Article:
    doc_id = _id(row.get(fields.id)) or default_id
    date = row.get(fields.date)
    if date is None and dates is not None and (hit := dates.lookup(doc_id)) is not None:
        date = hit[1]
    if fields.text not in row:
        return Article(
            doc_id, None, date, source, error=f"{source}: no field {fields.text!r}", error_type="MissingField"
        )
    text = row[fields.text]
    if isinstance(text, str) and not text.strip():
        return Article(doc_id, text, date, source, error=f"{source}: empty text", error_type="EmptyText")
    return Article(doc_id, text, date, source)


def _read_txt(path: Path, doc_id: str, rel: str, dates: DateIndex | None) -> Article:
    date = None
    if dates is not None and (hit := dates.lookup(rel, path.name, doc_id)) is not None:
        doc_id, date = hit[0] or doc_id, hit[1]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        return _bad(str(path), _decode_error(str(path), e), "EncodingError", doc_id, date)
    if not text.strip():
        return Article(doc_id, text, date, str(path), error=f"{path}: empty text", error_type="EmptyText")
    return Article(doc_id, text, date, str(path))


def _read_jsonl(path: Path, fields: Fields, dates: DateIndex | None) -> Iterator[Article]:
    offset = 0
    with path.open("rb") as f:
        for lineno, raw in enumerate(f, 1):
            where = f"{path} line {lineno}"
            line_offset, offset = offset, offset + len(raw)
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8-sig" if lineno == 1 else "utf-8"))
            except UnicodeDecodeError as e:
                yield Article(
                    None,
                    None,
                    None,
                    where,
                    error=_decode_error(where, e, line_offset),
                    error_type="EncodingError",
                )
                continue
            except json.JSONDecodeError as e:
                yield Article(
                    None,
                    None,
                    None,
                    where,
                    error=f"{where}: malformed JSON ({e})",
                    error_type="MalformedJSON",
                )
                continue
            if not isinstance(row, dict):
                yield Article(
                    None,
                    None,
                    None,
                    where,
                    error=f"{where}: expected a JSON object, got {type(row).__name__}",
                    error_type="MalformedJSON",
                )
                continue
            yield _record_article(row, fields, f"{path.stem}:{lineno}", where, dates)


def _decoded_lines(path: Path, f: Any, bad: list[Article]) -> Iterator[str]:
    """The file's lines as text; a line that is not UTF-8 is reported in ``bad`` and skipped."""
    offset = 0
    for lineno, raw in enumerate(f, 1):
        line_offset, offset = offset, offset + len(raw)
        try:
            yield raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as e:
            where = f"{path} line {lineno}"
            bad.append(
                Article(
                    None,
                    None,
                    None,
                    where,
                    error=_decode_error(where, e, line_offset),
                    error_type="EncodingError",
                )
            )


def _read_csv(path: Path, fields: Fields, dates: DateIndex | None) -> Iterator[Article]:
    csv.field_size_limit(2**31 - 1)  # articles are longer than csv's default 128 KB field limit
    bad: list[Article] = []
    with path.open("rb") as f:
        reader = csv.DictReader(_decoded_lines(path, f, bad))
        for rownum, row in enumerate(reader, 1):
            yield from bad
            bad.clear()
            where = f"{path} row {rownum} (line {reader.line_num})"
            yield _record_article(row, fields, f"{path.stem}:{rownum}", where, dates)
        yield from bad


def _read_parquet(path: Path, fields: Fields, dates: DateIndex | None) -> Iterator[Article]:
    import pyarrow.parquet as pq

    file = pq.ParquetFile(path)
    wanted = [c for c in (fields.text, fields.id, fields.date) if c in file.schema_arrow.names]
    rownum = 0
    for batch in file.iter_batches(batch_size=1024, columns=wanted):
        for row in batch.to_pylist():
            rownum += 1
            yield _record_article(row, fields, f"{path.stem}:{rownum}", f"{path} row {rownum}", dates)


def iter_articles(
    paths: Iterable[str | Path], *, fields: Fields = Fields(), dates: DateIndex | None = None
) -> Iterator[Article]:
    """Every article of the inputs, in order, with ``index`` numbering them from 0.

    Folders are searched recursively for ``.txt`` files (in sorted path order); a text file's doc
    id is its path relative to the folder, without the suffix (its name for a file given directly).
    """
    for index, article in enumerate(_iter_paths(paths, fields, dates)):
        article.index = index
        yield article


def _iter_paths(paths: Iterable[str | Path], fields: Fields, dates: DateIndex | None) -> Iterator[Article]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.is_file() and file.suffix.lower() in TEXT_SUFFIXES:
                    rel = file.relative_to(path).as_posix()
                    yield _read_txt(file, rel[: -len(file.suffix)], rel, dates)
            continue
        if not path.exists():
            yield Article(
                None,
                None,
                None,
                str(path),
                error=f"{path}: no such file or folder",
                error_type="FileNotFoundError",
            )
            continue
        suffix = path.suffix.lower()
        try:
            if suffix in JSONL_SUFFIXES:
                yield from _read_jsonl(path, fields, dates)
            elif suffix in CSV_SUFFIXES:
                yield from _read_csv(path, fields, dates)
            elif suffix in PARQUET_SUFFIXES:
                yield from _read_parquet(path, fields, dates)
            elif suffix in TEXT_SUFFIXES or not suffix:
                yield _read_txt(path, path.stem, path.name, dates)
            else:
                why = f"{path}: unsupported type {suffix!r} (use .txt, .jsonl, .csv, .parquet or a folder)"
                yield _bad(str(path), why, "UnsupportedInput")
        except (OSError, ValueError, csv.Error) as e:  # unreadable, corrupt Parquet: report, read the others
            yield Article(None, None, None, str(path), error=f"{path}: {e}", error_type=type(e).__name__)


# --- writers ---------------------------------------------------------------------------------


def output_format(path: str | Path) -> str:
    """``jsonl``, ``csv`` or ``parquet`` from the output's suffix."""
    suffix = Path(path).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    raise ValueError(f"cannot tell the output format of {path}: use .jsonl, .csv or .parquet")


def default_errors_path(out: str | Path) -> Path:
    out = Path(out)
    return out.with_name(out.stem + ".errors.jsonl")


def read_documents(path: str | Path) -> Iterator[Document]:
    """Documents back from a JSONL output, validated into the record models."""
    with Path(path).open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield Document.model_validate_json(line)


class JsonlSink:
    """One Document per line; with ``resume`` it appends after the documents already there."""

    def __init__(self, path: Path, *, resume: bool = False) -> None:
        self.path = path
        self.done: set[str] = _jsonl_done(path) if resume and path.exists() else set()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = path.open("a" if resume else "w", encoding="utf-8")
        self.records = 0

    def write(self, doc: Document, text: str) -> None:
        self._file.write(doc.model_dump_json() + "\n")
        self._file.flush()  # an interrupted run keeps every finished document
        self.records += 1

    def close(self) -> None:
        self._file.close()

    def abort(self) -> None:
        self._file.close()


def _jsonl_done(path: Path) -> set[str]:
    """doc ids already written; a last line cut short by an interruption is removed."""
    done: set[str] = set()
    good_end = 0
    with path.open("rb") as f:
        for raw in f:
            try:
                if not raw.endswith(b"\n"):
                    raise ValueError("unterminated line")
                doc_id = json.loads(raw).get("doc_id")
            except ValueError:
                break
            if doc_id is not None:
                done.add(doc_id)
            good_end += len(raw)
    with path.open("r+b") as f:
        f.truncate(good_end)
    return done


class TableSink:
    """One flat table (CSV or Parquet) written as complete parts, merged into ``path`` at close."""

    def __init__(self, path: Path, table: str, fmt: str, *, resume: bool = False) -> None:
        self.path, self.table, self.fmt = path, tables.check_table(table), fmt
        self.parts_dir = path.with_name(path.name + ".parts")
        self.manifest = self.parts_dir / "manifest.jsonl"
        self.done: set[str] = set()
        self.records = 0
        self._rows: list[dict[str, Any]] = []
        self._ids: list[str | None] = []
        path.parent.mkdir(parents=True, exist_ok=True)
        if not resume:
            shutil.rmtree(self.parts_dir, ignore_errors=True)
        elif not self.parts_dir.exists() and path.exists():
            self._adopt_previous_output()
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        self._parts = self._read_manifest()

    def _part_path(self, n: int) -> Path:
        return self.parts_dir / f"part-{n:06d}.{self.fmt}"

    def _read_manifest(self) -> list[Path]:
        parts = []
        if self.manifest.exists():
            good: list[str] = []
            for line in self.manifest.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:
                    break  # cut short by an interruption: that part is written again
                good.append(line + "\n")
                parts.append(self.parts_dir / entry["part"])
                self.done.update(i for i in entry["doc_ids"] if i is not None)
            self.manifest.write_text("".join(good), encoding="utf-8")
        listed = set(parts)
        for stray in self.parts_dir.glob("part-*"):
            if stray not in listed:
                stray.unlink()  # written, but the run stopped before recording it
        return parts

    def _adopt_previous_output(self) -> None:
        """A finished output resumed: it becomes the first part; its doc ids are done. (Documents
        without rows are not known and run again, which adds no rows.)"""
        self.parts_dir.mkdir(parents=True)
        part = self._part_path(0)
        shutil.copyfile(self.path, part)
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            ids = pq.read_table(part, columns=["doc_id"]).column("doc_id").to_pylist()
        else:
            with part.open(encoding="utf-8", newline="") as f:
                ids = [row.get("doc_id") for row in csv.DictReader(f)]
        self._append_manifest(part, sorted({i for i in ids if i}))

    def _append_manifest(self, part: Path, ids: list[str | None]) -> None:
        with self.manifest.open("a", encoding="utf-8") as f:
            f.write(json.dumps({"part": part.name, "doc_ids": ids}, ensure_ascii=False) + "\n")

    def write(self, doc: Document, text: str) -> None:
        new = tables.rows(doc, self.table, text)
        self._rows.extend(new)
        self._ids.append(doc.doc_id)
        self.records += len(new)
        if len(self._ids) >= _PART_DOCS:
            self._flush()

    def _flush(self) -> None:
        if not self._ids:
            return
        part = self._part_path(len(self._parts))
        tmp = part.with_name(part.name + ".tmp")
        self._write_file(tmp, self._rows)
        tmp.replace(part)
        self._append_manifest(part, self._ids)
        self._parts.append(part)
        self._rows, self._ids = [], []

    def _write_file(self, path: Path, rows: list[dict[str, Any]]) -> None:
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(tables.rows_to_arrow(rows, self.table), path)
        else:
            names = list(tables.COLUMNS[self.table])
            with path.open("w", encoding="utf-8", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(names)
                writer.writerows([tables.csv_value(r.get(n)) for n in names] for r in rows)

    def abort(self) -> None:
        """An interrupted run: keep what is finished as parts, for ``resume``."""
        self._flush()

    def close(self) -> None:
        """Merge the parts into the output (an empty table when there are none)."""
        self._flush()
        tmp = self.path.with_name(self.path.name + ".tmp")
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            schema = tables.arrow_schema(self.table)
            with pq.ParquetWriter(tmp, schema) as writer:
                for part in self._parts:
                    writer.write_table(pq.read_table(part, schema=schema))
        else:
            with tmp.open("w", encoding="utf-8", newline="") as out:
                csv.writer(out).writerow(list(tables.COLUMNS[self.table]))
                for part in self._parts:
                    with part.open(encoding="utf-8", newline="") as f:
                        f.readline()  # the part's header
                        shutil.copyfileobj(f, out)
        tmp.replace(self.path)
        shutil.rmtree(self.parts_dir, ignore_errors=True)


def open_sink(out: str | Path, *, table: str = "indicators", resume: bool = False) -> JsonlSink | TableSink:
    out = Path(out)
    fmt = output_format(out)
    if fmt == "jsonl":
        return JsonlSink(out, resume=resume)
    return TableSink(out, table, fmt, resume=resume)


# --- the whole run ---------------------------------------------------------------------------


@dataclass
class RunSummary:
    articles: int = 0  # articles read this run (done + errors)
    skipped: int = 0  # already in the output (resume)
    errors: int = 0
    records: dict[str, int] = field(default_factory=lambda: dict.fromkeys(tables.TABLES[:4], 0))
    rows_written: int = 0
    seconds: float = 0.0
    output: str = ""
    errors_path: str = ""

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """A quick count of the articles the inputs hold, for a progress bar (None if it would be slow)."""
    total = 0
    for given in paths:
        path = Path(given)
        if path.is_dir():
            total += sum(1 for f in path.rglob("*") if f.suffix.lower() in TEXT_SUFFIXES and f.is_file())
        elif not path.exists() or path.suffix.lower() in TEXT_SUFFIXES:
            total += 1
        elif path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as f:
                total += sum(1 for line in f if line.strip())
        elif path.suffix.lower() in PARQUET_SUFFIXES:
            try:
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            except Exception:
                return None
        else:
            return None
    return total


def extract_files(
    inputs: Iterable[str | Path],
    out: str | Path,
    *,
    table: str = "indicators",
    workers: int = 1,
    resume: bool = False,
    fields: Fields = Fields(),
    dates: DateIndex | None = None,
    errors_path: str | Path | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> RunSummary:
    """Extract every article of ``inputs`` into ``out``; problems go to the errors JSONL file.

    With ``resume``, documents whose doc id is already in ``out`` are skipped and the rest are
    added. The errors file is rewritten each run: it lists what this run could not extract.
    """
    inputs = list(inputs)
    started = time.perf_counter()
    summary = RunSummary(output=str(out))
    sink = open_sink(out, table=table, resume=resume)
    errors_file = Path(errors_path) if errors_path else default_errors_path(out)
    summary.errors_path = str(errors_file)
    errors_file.parent.mkdir(parents=True, exist_ok=True)
    in_flight: deque[Article] = deque()

    with errors_file.open("w", encoding="utf-8") as errors_out:

        def report(error: ExtractionError) -> None:
            errors_out.write(error.model_dump_json() + "\n")
            errors_out.flush()
            summary.errors += 1
            summary.articles += 1
            if on_progress:
                on_progress(1)

        def to_extract() -> Iterator[tuple[Any, Any, Any]]:
            for article in iter_articles(inputs, fields=fields, dates=dates):
                if article.doc_id is not None and article.doc_id in sink.done:
                    summary.skipped += 1
                    continue
                if article.error is not None:
                    report(article.as_error())
                    continue
                in_flight.append(article)
                yield article.text, article.doc_id, article.reference_date

        try:
            for result in extract_stream(to_extract(), n_process=workers):
                article = in_flight.popleft()
                if isinstance(result, ExtractionError):
                    report(result.model_copy(update={"index": article.index, "source": article.source}))
                    continue
                sink.write(result, article.text)
                summary.articles += 1
                for layer in summary.records:
                    summary.records[layer] += len(getattr(result, layer))
                if on_progress:
                    on_progress(1)
        except BaseException:
            sink.abort()
            raise
        sink.close()
    summary.rows_written = sink.records
    summary.seconds = time.perf_counter() - started
    return summary


def write_jsonl(results: Iterable[Document | ExtractionError], path: str | Path) -> int:
    """Write results as JSONL (errors included, one per line); returns the number of lines."""
    n = 0
    with Path(path).open("w", encoding="utf-8") as f:
        for result in results:
            f.write(result.model_dump_json() + "\n")
            n += 1
    return n
