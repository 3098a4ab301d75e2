"""The ``vnextract`` command: a thin layer over ``vnextract.io``, ``vnextract.evaluate`` and ``extract``.

    vnextract extract corpus --dates corpus/articles.jsonl -o out/corpus.jsonl
    vnextract extract articles.jsonl -o out/indicators.parquet --workers 4 --resume
    vnextract show "Tỷ lệ hồ sơ trực tuyến đạt 45,7% trong 6 tháng đầu năm 2022."
    vnextract eval corpus/gold --texts corpus
    vnextract schema

Exit codes: 0 success, 1 some articles failed (listed in the errors file), 2 bad usage.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

try:
    import typer
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.table import Table
    from rich.text import Text
except ImportError as e:  # the library works without them; the command does not
    raise ImportError(f"the vnextract command needs the cli extra: pip install 'vnextract[cli]' ({e})") from e

from vnextract import tables

app = typer.Typer(
    name="vnextract",
    help="Typed records (quantities, times, entities, indicators) from Vietnamese news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()

LAYER_STYLES = {
    "quantities": "bold black on bright_cyan",
    "times": "bold black on bright_yellow",
    "entities": "bold black on bright_green",
}


def _fail(message: str) -> typer.Exit:
    err.print(Text.assemble(("error: ", "bold red"), message))
    return typer.Exit(2)


@app.command("extract")
def extract_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(help=".txt files, folders of them, JSONL, CSV or Parquet files", show_default=False),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="output: .jsonl, .csv or .parquet")],
    table: Annotated[
        str, typer.Option(help="table for CSV/Parquet: indicators, quantities, times or entities")
    ] = "indicators",
    workers: Annotated[int, typer.Option(min=1, help="worker processes")] = 1,
    resume: Annotated[bool, typer.Option(help="skip doc ids already in the output, add the rest")] = False,
    dates: Annotated[
        Path | None, typer.Option(help="JSONL with file/doc_id/reference_date for each input file")
    ] = None,
    text_field: Annotated[str, typer.Option(help="text field of JSONL/CSV/Parquet records")] = "text",
    id_field: Annotated[str, typer.Option(help="doc id field of JSONL/CSV/Parquet records")] = "id",
    date_field: Annotated[
        str, typer.Option(help="reference date field of JSONL/CSV/Parquet records")
    ] = "date",
    errors: Annotated[Path | None, typer.Option(help="errors JSONL (default: OUTPUT.errors.jsonl)")] = None,
    progress: Annotated[bool, typer.Option(help="show a progress bar")] = True,
) -> None:
    """Extract every article of INPUTS into OUTPUT (JSONL documents, or a CSV/Parquet table)."""
    from vnextract import io

    if table not in tables.TABLES[:4]:
        raise _fail(f"unknown table {table!r}: choose indicators, quantities, times or entities")
    try:
        io.output_format(output)
        date_index = io.load_dates(dates) if dates else None
    except (ValueError, FileNotFoundError) as e:
        raise _fail(str(e)) from None
    fields = io.Fields(text=text_field, id=id_field, date=date_field)
    total = io.count_articles(inputs) if progress else None
    bar = Progress(
        TextColumn("[bold]extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
        console=err,
        disable=not progress,
        transient=True,
    )
    with bar:
        task = bar.add_task("extract", total=total, rate=0.0)

        def advance(n: int) -> None:
            bar.advance(task, n)
            elapsed = bar.tasks[0].elapsed or 0.0
            bar.update(task, rate=bar.tasks[0].completed / elapsed if elapsed else 0.0)

        summary = io.extract_files(
            inputs,
            output,
            table=table,
            workers=workers,
            resume=resume,
            fields=fields,
            dates=date_index,
            errors_path=errors,
            on_progress=advance,
        )
    _print_summary(summary, io.output_format(output), table)
    raise typer.Exit(1 if summary.errors else 0)


def _print_summary(summary: Any, fmt: str, table: str) -> None:
    grid = Table(title="vnextract extract", show_header=False, title_justify="left")
    grid.add_column(style="bold")
    grid.add_column(justify="right")
    grid.add_row("articles", f"{summary.articles - summary.errors:,} extracted")
    if summary.skipped:
        grid.add_row("skipped", f"{summary.skipped:,} already in the output")
    for layer, n in summary.records.items():
        grid.add_row(layer, f"{n:,}")
    grid.add_row("errors", f"[red]{summary.errors:,}[/]" if summary.errors else "0")
    grid.add_row("time", f"{summary.seconds:.1f} s ({summary.rate:.1f} articles/s)")
    what = "documents" if fmt == "jsonl" else f"{table} rows ({summary.rows_written:,})"
    grid.add_row("output", Text(f"{summary.output} ({what})"))
    if summary.errors:
        grid.add_row("errors file", Text(summary.errors_path))
    err.print(grid)


def _read_text_arg(text_or_file: str) -> str:
    path = Path(text_or_file)
    try:
        is_file = len(text_or_file) < 4096 and path.is_file()
    except OSError:
        is_file = False
    if not is_file:
        return text_or_file
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as e:
        raise _fail(f"{path}: not valid UTF-8 at byte offset {e.start} ({e.reason})") from None


@app.command("show")
def show_command(
    text: Annotated[str, typer.Argument(help="a text, or a file holding one", show_default=False)],
    date: Annotated[str | None, typer.Option(help="reference date YYYY-MM-DD")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the Document as JSON instead")] = False,
) -> None:
    """Show one text's extraction: highlighted mentions and a table of indicators."""
    from vnextract.pipeline import extract

    body = _read_text_arg(text)
    try:
        doc = extract(body, reference_date=date)
    except ValueError as e:
        raise _fail(str(e)) from None
    if as_json:
        typer.echo(json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    highlighted = Text(body)
    for layer, style in LAYER_STYLES.items():
        for m in getattr(doc, layer):
            highlighted.stylize(style, m.start, m.end)
    legend = Text(" ").join(Text(f" {layer} ", style) for layer, style in LAYER_STYLES.items())
    out.print(legend)
    out.print(highlighted)
    out.print(f"reference date: {doc.reference_date or '-'}")
    _print_mentions(doc)
    _print_indicators(doc)


def _row(grid: Table, *cells: Any) -> None:
    grid.add_row(*(Text(str(c)) for c in cells))  # article text is never read as rich markup


def _print_mentions(doc: Any) -> None:
    grid = Table(title="mentions", title_justify="left")
    for name in ("layer", "text", "type", "value"):
        grid.add_column(name)
    for q in doc.quantities:
        value = (
            f"{q.value:g}"
            + (f"–{q.upper:g}" if q.upper is not None else "")
            + (f"/{q.total:g}" if q.total else "")
        )
        _row(
            grid,
            "quantity",
            q.text,
            q.kind,
            f"{value} {q.unit or ''} {'' if q.approx == 'exact' else q.approx}",
        )
    for t in doc.times:
        _row(
            grid, "time", t.text, t.grain, f"{t.start_date} … {t.end_date} {t.modifier or ''} {t.part or ''}"
        )
    for e in doc.entities:
        _row(grid, "entity", e.text, e.label, e.canonical or e.role or e.number or "")
    if grid.row_count:
        out.print(grid)


def _print_indicators(doc: Any) -> None:
    grid = Table(title="indicators", title_justify="left")
    for name in ("metric", "value", "change", "period", "status", "location"):
        grid.add_column(name)
    for ind in doc.indicators:
        change = ""
        if ind.change:
            change = ind.change.direction + (f" {ind.change.amount.text}" if ind.change.amount else "")
            change += f" vs {ind.change.baseline}" if ind.change.baseline else ""
        _row(
            grid,
            ind.metric,
            ind.value.text if ind.value else "",
            change,
            ind.period.text if ind.period else "",
            ind.status,
            ind.location.text if ind.location else "",
        )
    out.print(grid if grid.row_count else "[dim]no indicators[/]")


@app.command("eval")
def eval_command(
    gold: Annotated[list[Path], typer.Argument(help="gold folder(s) or file(s)", show_default=False)],
    texts: Annotated[
        Path | None, typer.Option(help="folder of the texts (default: the gold folder's parent)")
    ] = None,
    show_errors: Annotated[bool, typer.Option("--errors", help="list misses and extras")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print the scores as JSON")] = False,
) -> None:
    """Score the library against gold annotations (P/R/F1 per layer, attribute accuracies)."""
    from vnextract import evaluate

    try:
        result = evaluate.evaluate(gold, texts=texts, errors=show_errors)
    except (FileNotFoundError, ValueError) as e:
        raise _fail(str(e)) from None
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    for line in [*result["errors"], *evaluate.report_lines(result)]:
        typer.echo(line)  # plain lines, never wrapped: the same as score.py prints


@app.command("schema")
def schema_command(
    model: Annotated[
        str, typer.Option(help="Document, ExtractionError, Indicator, Quantity, ...")
    ] = "Document",
) -> None:
    """Print the JSON Schema of the records."""
    from vnextract import records

    cls = getattr(records, model, None)
    if not isinstance(cls, type) or not issubclass(cls, records.Record):
        raise _fail(f"unknown model {model!r}")
    typer.echo(json.dumps(cls.model_json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
