"""The `quotes` command line: thin commands over the library. Data goes to stdout,
diagnostics to stderr. Exit codes: 0 ok, 1 some documents failed or checks failed,
2 bad rules or usage."""
from __future__ import annotations

import json
import os
import signal
import sys
import threading
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import List, Optional

import click
import typer

from .batch import default_jobs, extract_documents
from .errors import QuotesError, RuleFileError
from .extractor import Extractor
from .inputs import iter_documents
from .longtext import extract_long
from .model import DEFAULT_MODEL
from .output import make_writer
from .rulebook import load_rulebook

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Find every quotation in English news, who said it, to whom, and the rule that decided.")
rules_app = typer.Typer(no_args_is_help=True, help="Validate, list and test rule files.")
app.add_typer(rules_app, name="rules")


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


RulesOpt = typer.Option(None, "--rules", help="Rules directory (default: the packaged rules).")
ModelOpt = typer.Option(DEFAULT_MODEL, "--model", help="spaCy pipeline to load (name or path).")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _extractor(rules: Optional[Path], model: str) -> Extractor:
    try:
        return Extractor(model=model, rules=rules)
    except RuleFileError as err:
        _err(str(err))
        raise typer.Exit(2)
    except QuotesError as err:
        _err(str(err))
        raise typer.Exit(2 if err.code in ("Q002", "Q004") else 1)


@app.command()
def extract(
    files: List[str] = typer.Argument(..., help="Text files, directories (*.txt, recursively), JSONL files of "
                                      '{"id", "text"} records, or - for standard input.'),
    fmt: Format = typer.Option(Format.json, "--format", "-f", help="json, jsonl, csv or table."),
    rules: Optional[Path] = RulesOpt,
    model: str = ModelOpt,
    jobs: int = typer.Option(0, "--jobs", "-j", help="Processes for parsing (0: all cores for corpora, 1 for one file)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or warnings."),
):
    """Extract quotes, speakers and addressees."""
    extractor = _extractor(rules, model)
    single = len(files) == 1 and (files[0] == "-" or (Path(files[0]).is_file() and not files[0].endswith(".jsonl")))
    jobs = jobs or (1 if single else default_jobs())
    writer = make_writer(fmt.value, sys.stdout, many=not single)
    failures: list[tuple[str, str]] = []
    outcomes = extract_documents(extractor, _warned(iter_documents(files), quiet), jobs=jobs)
    try:
        with _progress(outcomes, quiet) as stream:
            for outcome in stream:
                with _deferred_interrupt():
                    _write(writer, outcome, failures)
        with _deferred_interrupt():
            writer.close()
    except KeyboardInterrupt:
        _close_quietly(writer)
        _stop(outcomes)
        _err("interrupted")
        _report(failures)
        raise typer.Exit(130)
    except BrokenPipeError:  # `quotes extract … | head`: the reader has gone, stop quietly
        _silence_stdout()
        raise typer.Exit(1 if failures else 0)
    if failures:
        _report(failures)
        raise typer.Exit(1)


def _write(writer, outcome, failures: list[tuple[str, str]]) -> None:
    if outcome.error:
        failures.append((outcome.document.id, outcome.error))
        _err(f"error: {outcome.document.id}: {outcome.error}")
        writer.error(outcome.document.id, outcome.error)
    else:
        writer.result(outcome.result)


def _report(failures: list[tuple[str, str]]) -> None:
    if failures:
        _err(f"{len(failures)} document(s) failed:\n" + "\n".join(f"  {d}: {r}" for d, r in failures))


def _close_quietly(writer) -> None:
    try:
        writer.close()
        sys.stdout.flush()
    except (OSError, ValueError):
        pass


def _stop(outcomes) -> None:
    """Close the document stream so worker processes (--jobs > 1) are stopped and joined."""
    try:
        outcomes.close()
    except (Exception, KeyboardInterrupt):  # noqa: BLE001 - a second Ctrl-C while stopping
        pass


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


@contextmanager
def _deferred_interrupt():
    """Hold Ctrl-C while one document is written, so the output never ends mid-record."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = []
    previous = signal.signal(signal.SIGINT, lambda *_: caught.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _warned(documents, quiet: bool):
    for doc in documents:
        if doc.warning and not quiet:
            _err(f"warning: {doc.id}: {doc.warning}")
        yield doc


def _progress(items, quiet: bool):
    show = not quiet and sys.stderr.isatty()
    return click.progressbar(items, label="quotes", file=sys.stderr, show_pos=True) if show else _Plain(items)


class _Plain:
    def __init__(self, items):
        self.items = items

    def __enter__(self):
        return self.items

    def __exit__(self, *exc):
        return False


@app.command()
def explain(file: str = typer.Argument(..., help="A text file, or - for standard input."),
            rules: Optional[Path] = RulesOpt, model: str = ModelOpt):
    """Each quote with the rule that decided it and why."""
    extractor = _extractor(rules, model)
    doc = next(iter_documents([file]))
    if doc.error:
        _err(f"error: {doc.id}: {doc.error}")
        raise typer.Exit(1)
    result = extract_long(extractor, doc.text, doc.id)
    for q in result.quotes:
        typer.echo(_explanation(extractor, doc.text, q, result))


def _explanation(extractor: Extractor, text: str, q, result) -> str:
    speaker = result.speaker(q.speaker)
    lines = [f"{q.id} [{q.start}:{q.end}] {q.kind}: {q.open_mark}{_short(q.text, 100)}{q.close_mark}"]
    if q.rule:
        rule = extractor.rulebook.rule(q.rule)
        lines.append(f"  rule     {q.rule} ({extractor.rulebook.sources.get(q.rule, '?')}, priority {rule.priority}): "
                     f"{rule.description}")
    else:
        lines.append("  rule     none decided: no cue, no structure and not a fragment")
    if speaker:
        where = f" at [{q.speaker_start}:{q.speaker_end}]" if q.speaker_start is not None else ""
        lines.append(f"  speaker  {speaker.name} ({speaker.id}) named here as '{q.speaker_text}'{where}")
    else:
        lines.append("  speaker  none")
    if q.cue:
        lines.append(f"  cue      {q.cue}")
    if q.addressee:
        addressee = result.speaker(q.addressee)
        lines.append(f"  to       {addressee.name if addressee else q.addressee}")
    if q.group != q.id:
        lines.append(f"  part of  {q.group}")
    lines.append(f"  context  …{_short(text[max(0, q.start - 80):q.start], 80, left=True)}⟦quote⟧"
                 f"{_short(text[q.end:q.end + 80], 80)}…")
    lines.append(f"  confidence {q.confidence}")
    return "\n".join(lines) + "\n"


def _short(s: str, n: int, left: bool = False) -> str:
    s = " ".join(s.split())
    if len(s) <= n:
        return s
    return "…" + s[-n:] if left else s[:n] + "…"


@rules_app.command("check")
def rules_check(directory: Optional[Path] = typer.Argument(None, help="Rules directory (default: packaged).")):
    """Validate rule files; list every problem with file, line and rule id."""
    try:
        book = load_rulebook(directory)
    except RuleFileError as err:
        _err(str(err))
        raise typer.Exit(2)
    lexicons = sum(len(v) for v in book.lexicons.values())
    typer.echo(f"ok: {len(book.rules)} rules, {len(book.lexicons)} lexicons ({lexicons} terms), "
               f"{len(book.marks)} quote-mark pairs in {book.directory}")


@rules_app.command("list")
def rules_list(directory: Optional[Path] = typer.Argument(None, help="Rules directory (default: packaged)."),
               as_json: bool = typer.Option(False, "--json", help="Machine-readable.")):
    """List the rules in sieve order."""
    try:
        book = load_rulebook(directory)
    except RuleFileError as err:
        _err(str(err))
        raise typer.Exit(2)
    if as_json:
        typer.echo(json.dumps([{**r.model_dump(exclude={"pattern", "examples"}), "source": book.sources[r.id],
                                "examples": len(r.examples)} for r in book.rules], indent=1))
        return
    for r in book.rules:
        typer.echo(f"{r.priority:>3}  {r.id:<26} {r.kind:<10} {r.direction:<13} {r.description}")


@rules_app.command("test")
def rules_test(directory: Optional[Path] = typer.Argument(None, help="Rules directory (default: packaged)."),
               model: str = ModelOpt):
    """Run every rule's examples through the whole engine."""
    from .examples import run_examples

    extractor = _extractor(directory, model)
    failed = 0
    total = 0
    for outcome in run_examples(extractor):
        total += 1
        if not outcome.ok:
            failed += 1
            typer.echo(f"FAIL {outcome.rule}: {_short(outcome.example, 70)}\n      " + "; ".join(outcome.problems))
    typer.echo(f"{total - failed} passed, {failed} failed")
    if failed:
        raise typer.Exit(1)


@app.command("eval")
def evaluate_cmd(gold: List[Path] = typer.Argument(..., help="Gold JSONL (or JSON) files."),
                 rules: Optional[Path] = RulesOpt, model: str = ModelOpt,
                 fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
                 errors: bool = typer.Option(False, "--errors", help="List every miss with its context.")):
    """Score the engine against gold annotations."""
    from .evaluate import evaluate

    extractor = _extractor(rules, model)
    try:
        reports = {str(g): evaluate(g, extractor) for g in gold}
    except QuotesError as err:
        _err(str(err))
        raise typer.Exit(2)
    if fmt == "json":
        typer.echo(json.dumps({k: r.to_dict() for k, r in reports.items()}, indent=1, ensure_ascii=False))
        return
    for name, report in reports.items():
        typer.echo(f"== {name}\n{report.format_text(errors)}")


@app.command("spark-extract")
def spark_extract_cmd(
    input_path: str = typer.Argument(..., help="JSONL or Parquet of {id, text} records (file or directory)."),
    output_path: str = typer.Argument(..., help="Where to write the quotes as Parquet (one row per quote)."),
    text_col: str = typer.Option("text", "--text-col"), id_col: str = typer.Option("id", "--id-col"),
    rules: Optional[Path] = RulesOpt, model: str = ModelOpt,
):
    """Extract quotes from a corpus with PySpark (needs the spark extra: pip install 'quotes[spark]')."""
    try:
        from .spark import spark_extract
        import pyspark  # noqa: F401
    except ImportError:
        _err("spark-extract needs PySpark: pip install 'quotes[spark]'")
        raise typer.Exit(2)
    written = spark_extract(input_path, output_path, text_col=text_col, id_col=id_col, model=model,
                            rules=str(rules) if rules else None)
    _err(f"wrote {written}")


def main() -> None:  # pragma: no cover
    app()
