"""quotes.spark on a local Spark session: the DataFrame path gives what quotes.Extractor gives."""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

from quotes import get_extractor  # noqa: E402
from quotes.spark import detect_format, extract_quotes_df, spark_extract  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "000_c6d2c87ce24b5f97.txt").read_text(encoding="utf-8")
COUNCIL = ("Harbour council votes to close Pier Road\n\n"
           "“We will appeal,” said Dana Whitlock, a council spokeswoman. “The decision was rushed.”\n\n"
           "Residents were unconvinced. Local shopkeeper Omar Reyes told reporters: “Nobody asked us. "
           "Not once.”\n")
MATCH = ("Rovers sack manager after cup exit\n\n"
         "The club's chairman, Ellen Marsh, said the board had “lost confidence” in the coaching staff.\n\n"
         "\"It is a sad day,\" Marsh said. \"But we owe the supporters a team that competes.\"\n\n"
         "The outgoing manager, Tom Kerr, thanked the players. \"They gave me everything,\" he said.\n")
DOCS = [("seed", SEED), ("council", COUNCIL), ("match", MATCH)]
COLUMNS = ["doc_id", "quote_id", "start", "end", "text", "kind", "speaker_id", "speaker_name", "addressee",
           "cue", "rule", "confidence"]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers must see quotes and the model
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[1]").appName("quotes-test")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "1")
               .config("spark.default.parallelism", "1")
               .config("spark.driver.memory", "1g")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def expected_rows() -> list[tuple]:
    """What the Extractor gives, written out independently of quotes.spark."""
    ex = get_extractor()
    rows = []
    for doc_id, text in DOCS:
        result = ex(text, doc_id)
        for q in result.quotes:
            who = result.speaker(q.speaker)
            rows.append((doc_id, q.id, q.start, q.end, q.text, q.kind, q.speaker, who.name if who else None,
                         q.addressee, q.cue, q.rule, q.confidence))
    return rows


def _tuples(df) -> list[tuple]:
    return [tuple(r[c] for c in COLUMNS) for r in df.collect()]


def _key(row: tuple) -> tuple:
    return (row[0], int(row[1][1:]))


def test_dataframe_rows_equal_extractor(spark):
    df = spark.createDataFrame(DOCS + [("empty", None)], "id string, text string")
    out = extract_quotes_df(df)
    assert out.columns == COLUMNS
    got = sorted(_tuples(out), key=_key)
    want = sorted(expected_rows(), key=_key)
    assert got == want
    # The engine's answers, not just agreement: the made-up stories attribute to their speakers.
    speakers = {(r[0], r[4]): r[7] for r in got}
    assert speakers[("council", "We will appeal,")] == "Dana Whitlock"
    assert speakers[("council", "Nobody asked us. Not once.")] == "Omar Reyes"
    assert speakers[("match", "They gave me everything,")] == "Tom Kerr"
    assert {r[0] for r in got} == {"seed", "council", "match"}
    for doc_id, text in DOCS:  # offsets index the original text
        for r in got:
            if r[0] == doc_id:
                assert r[4] in text[r[2]:r[3]]


def test_spark_extract_jsonl_to_parquet(spark, tmp_path):
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in DOCS),
                   encoding="utf-8")
    assert detect_format(str(src)) == "json"
    dest = tmp_path / "quotes.parquet"
    assert spark_extract(str(src), str(dest), spark=spark) == str(dest)
    assert detect_format(str(dest)) == "parquet"
    back = spark.read.parquet(str(dest))
    assert sorted(_tuples(back), key=_key) == sorted(expected_rows(), key=_key)


def test_detect_format_refuses_unknown(tmp_path):
    with pytest.raises(ValueError):
        detect_format(str(tmp_path / "docs.csv"))


def test_spark_extract_command_matches_the_library(spark, tmp_path):
    from typer.testing import CliRunner

    from quotes.cli import app

    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in DOCS),
                   encoding="utf-8")
    dest = tmp_path / "cli.parquet"
    result = CliRunner().invoke(app, ["spark-extract", str(src), str(dest)])
    assert result.exit_code == 0, result.output
    back = spark.read.parquet(str(dest))
    assert sorted(_tuples(back), key=_key) == sorted(expected_rows(), key=_key)
