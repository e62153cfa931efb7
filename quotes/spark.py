"""Quote extraction on Apache Spark: one row per quote, from a DataFrame of documents.

    from quotes.spark import extract_quotes_df, spark_extract
    quotes_df = extract_quotes_df(docs_df, text_col="text", id_col="id")
    spark_extract("articles.jsonl", "quotes.parquet")

Needs pyspark (the ``spark`` extras); pyspark is imported only inside these functions, so
``import quotes`` never needs it. Each partition of documents is handled by one
``mapPartitions`` call on the executors (classic Spark; Spark Connect has no RDD API), whose
Python worker loads the Extractor once (``quotes.get_extractor`` caches it per process, and
Spark reuses its Python workers), never once per row or per partition. Within a partition
the documents stream through ``nlp.pipe`` in batches, as in ``quotes extract``.

On a cluster the executors need this package, its rules and the spaCy model installed in
the Python they run (see benchmarks/README.md, "Running on a Spark cluster").
"""
from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from .model import DEFAULT_MODEL

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["QUOTE_COLUMNS", "extract_quotes_df", "spark_extract", "quote_rows", "detect_format"]

# (name, Spark SQL type): the output schema, one row per quote.
QUOTE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("doc_id", "string"), ("quote_id", "string"), ("start", "int"), ("end", "int"), ("text", "string"),
    ("kind", "string"), ("speaker_id", "string"), ("speaker_name", "string"), ("addressee", "string"),
    ("cue", "string"), ("rule", "string"), ("confidence", "double"),
)
_JSON_SUFFIXES = (".jsonl", ".json", ".ndjson")


def _schema_ddl() -> str:
    return ", ".join(f"`{name}` {kind}" for name, kind in QUOTE_COLUMNS)


def quote_rows(result, doc_id: str) -> list[dict[str, Any]]:
    """The output rows of one Result (plain Python; also used by the tests)."""
    rows = []
    for q in result.quotes:
        speaker = result.speaker(q.speaker)
        rows.append({"doc_id": doc_id, "quote_id": q.id, "start": q.start, "end": q.end, "text": q.text,
                     "kind": q.kind, "speaker_id": q.speaker, "speaker_name": speaker.name if speaker else None,
                     "addressee": q.addressee, "cue": q.cue, "rule": q.rule, "confidence": float(q.confidence)})
    return rows


def _extract_partition(rows: Iterator[Any], *, model: str, rules: str | None, on_error: str,
                       batch_size: int) -> Iterator[tuple]:
    """mapPartitions body, run on the executors: (doc_id, text) rows → one tuple per quote."""
    from . import get_extractor
    from .batch import extract_documents
    from .inputs import Document

    extractor = get_extractor(model, rules)  # cached per Python worker process
    documents = (Document(str(doc_id), text) if isinstance(text, str) else Document(str(doc_id), None, "no text")
                 for doc_id, text in rows)
    names = [name for name, _ in QUOTE_COLUMNS]
    for outcome in extract_documents(extractor, documents, jobs=1, batch_size=batch_size):
        if outcome.error is not None:
            if outcome.error == "no text":
                continue
            if on_error == "raise":
                raise RuntimeError(f"quotes: document {outcome.document.id}: {outcome.error}")
            print(f"quotes: skipped document {outcome.document.id}: {outcome.error}", file=sys.stderr)
            continue
        for row in quote_rows(outcome.result, outcome.document.id):
            yield tuple(row[name] for name in names)


def extract_quotes_df(df: "DataFrame", text_col: str = "text", id_col: str = "id", model: str = DEFAULT_MODEL,
                      rules: str | os.PathLike | None = None, on_error: str = "skip",
                      batch_size: int = 8) -> "DataFrame":
    """One row per quote found in df[text_col]: doc_id, quote_id, start, end, text, kind,
    speaker_id, speaker_name, addressee, cue, rule, confidence.

    Offsets are character (code point) indices into each document's text, as everywhere in
    quotes. Documents with a null text give no rows. A document the engine fails on is
    skipped and reported on the executor's stderr (on_error="skip") or fails the job
    (on_error="raise"). rules is a rules directory that must exist on every executor."""
    from pyspark.sql import functions as F

    if on_error not in ("skip", "raise"):
        raise ValueError("on_error must be 'skip' or 'raise'")
    for col in (text_col, id_col):
        if col not in df.columns:
            raise ValueError(f"column {col!r} not in the DataFrame (columns: {', '.join(df.columns)})")
    docs = df.select(F.col(id_col).cast("string").alias("doc_id"), F.col(text_col).cast("string").alias("text"))
    body = partial(_extract_partition, model=model, rules=str(rules) if rules else None, on_error=on_error,
                   batch_size=batch_size)
    return df.sparkSession.createDataFrame(docs.rdd.mapPartitions(body), _schema_ddl())


def detect_format(path: str) -> str:
    """'json' or 'parquet', from the path's extension or, for a local directory, its files."""
    lowered = path.rstrip("/").lower()
    if lowered.endswith(_JSON_SUFFIXES):
        return "json"
    if lowered.endswith(".parquet"):
        return "parquet"
    local = Path(path[len("file://"):] if path.startswith("file://") else path)
    if local.is_dir():
        names = [p.name.lower() for p in local.rglob("*") if p.is_file() and not p.name.startswith(("_", "."))]
        if any(n.endswith(".parquet") for n in names):
            return "parquet"
        if any(n.endswith(_JSON_SUFFIXES) for n in names):
            return "json"
    raise ValueError(f"cannot tell whether {path!r} is JSONL or Parquet: name it *.jsonl / *.parquet "
                     "or pass input_format='json' or 'parquet'")


def _session(spark: "SparkSession | None") -> "SparkSession":
    from pyspark.sql import SparkSession

    if spark is not None:
        return spark
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    # A session made here runs locally unless spark-submit configured a master; its Python
    # workers must be this interpreter, which has quotes and the model installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return SparkSession.builder.appName("quotes").getOrCreate()


def spark_extract(input_path: str, output_path: str, text_col: str = "text", id_col: str = "id",
                  model: str = DEFAULT_MODEL, rules: str | os.PathLike | None = None,
                  input_format: str | None = None, mode: str = "overwrite", on_error: str = "skip",
                  spark: "SparkSession | None" = None) -> str:
    """Read documents (JSONL or Parquet, told by extension or directory content, or by
    input_format), extract quotes and write them as Parquet to output_path. Returns output_path."""
    session = _session(spark)
    fmt = input_format or detect_format(str(input_path))
    if fmt == "json":
        docs = session.read.json(str(input_path))
    elif fmt == "parquet":
        docs = session.read.parquet(str(input_path))
    else:
        raise ValueError("input_format must be 'json' or 'parquet'")
    out = extract_quotes_df(docs, text_col=text_col, id_col=id_col, model=model, rules=rules, on_error=on_error)
    out.write.mode(mode).parquet(str(output_path))
    return str(output_path)
