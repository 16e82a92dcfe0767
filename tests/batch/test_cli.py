"""`storydesk batch` as a user meets it: a summary, a resumed rerun, clear refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from storydesk.cli import main
from storydesk.store.sqlite import Store
from tests.conftest import CORPUS


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, " ".join(result.output.split())


def test_batch_reports_what_it_did_and_resumes_when_run_again(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    args = ("batch", str(CORPUS), str(tmp_path / "missing.jsonl"), "--db", db, "--workers",
            "1", "--embedder", "lexical", "--quiet")
    code, output = invoke(*args)
    assert code == 0, output
    assert "Batch on the local engine: 8 partition(s)" in output
    assert "10 accepted, 0 duplicate, 1 rejected" in output
    assert "2 new story(ies)" in output
    assert "multi-source story(ies)" in output
    parts = Path(f"{db}.work/parts")
    assert Path(f"{db}.work/plan.json").exists()
    assert len(list(parts.glob("*.fingerprint.done"))) == 8
    assert not list(parts.glob("*.db"))  # merged partitions' files are removed

    code, output = invoke(*args)
    assert code == 0, output
    assert "resumed: 8 partition(s) already merged, 0 more already prepared" in output
    assert "0 accepted, 0 duplicate, 0 rejected" in output

    code, output = invoke(*args, "--partitions", "3")
    assert code == 2
    assert "holds a run cut into 8 partitions; leave out --partitions to resume it" in output


def test_ledger_and_analysis_on_dask_match_the_local_engine(tmp_path: Path) -> None:
    local, dask = str(tmp_path / "local.db"), str(tmp_path / "dask.db")
    code, output = invoke("batch", str(CORPUS), "--db", local, "--workers", "1",
                          "--embedder", "lexical", "--no-analysis", "--quiet")
    assert code == 0, output
    shutil.copy(local, dask)
    for db, engine in ((local, "local"), (dask, "dask")):
        for command in ("ledger", "analyse"):
            code, output = invoke(command, "--db", db, "--engine", engine, "--jobs", "2",
                                  "--quiet")
            assert code == 0, output
    results = []
    for db in (local, dask):
        with Store(db) as store:
            quotes = store.conn.execute("SELECT seq, position, text, speaker FROM quotes "
                                        "ORDER BY seq, position").fetchall()
            analyses = store.conn.execute("SELECT story, analysis FROM analyses "
                                          "ORDER BY story").fetchall()
        results.append(([tuple(q) for q in quotes], [tuple(a) for a in analyses]))
    assert results[0][0] and results[0][1]
    assert results[0] == results[1]


def test_parquet_export_holds_the_same_records_as_jsonl(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    db, parquet = str(tmp_path / "news.db"), tmp_path / "articles.parquet"
    code, output = invoke("batch", str(CORPUS), "--db", db, "--workers", "1", "--embedder",
                          "lexical", "--quiet")
    assert code == 0, output
    code, output = invoke("export", "--db", db, "--format", "parquet", "-o", str(parquet))
    assert code == 0, output
    jsonl = CliRunner().invoke(main, ["export", "--db", db], catch_exceptions=False).output
    expected = {r["id"]: r for r in map(json.loads, jsonl.splitlines())}
    rows = pq.read_table(parquet).to_pylist()
    assert len(rows) == len(expected) == 10
    for row in rows:
        record = expected[row["id"]]
        for name in ("story", "copy_of", "outlet", "title", "text", "authors", "headings"):
            assert row[name] == record[name], name
        assert json.loads(row["quotes"]) == record["quotes"]
    assert any(row["copy_of"] for row in rows)

    code, output = invoke("export", "--db", db, "--format", "parquet")
    assert code == 2 and "give --output FILE.parquet" in output
