"""``kg spark`` on the bundled example corpus gives the local build's graph, as Parquet and neo4j-admin CSV.

One local[2] Spark session and one job run for the whole module (Spark start-up dominates).
"""

from __future__ import annotations

import csv
import math
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark")

from kg import api
from kg.graph import build_graph
from kg.sources import ReadReport
from kg.stores.import_csv import export_neo4j_import

FIXTURES = Path(__file__).parent / "fixtures" / "spark"
EDGE_PROPS = ("sentence", "field", "start", "end", "rule", "confidence", "surface")


@pytest.fixture(scope="module")
def spark():
    from kg.spark.session import get_session

    session = get_session("local[2]", app="kg-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def spark_out(spark, tmp_path_factory):
    from kg.spark.job import run

    out = tmp_path_factory.mktemp("spark") / "out"
    result = run(spark, [str(api.CORPUS_DIR)], str(out))
    return out, result


@pytest.fixture(scope="module")
def local_graph():
    papers = api.read_inputs(None, ReadReport())
    return build_graph(api.extract_and_resolve(papers))


def _rows(spark, out: Path, table: str) -> list[dict]:
    return [r.asDict() for r in spark.read.parquet(str(out / "parquet" / table)).collect()]


def _norm(value):
    if isinstance(value, list | tuple):
        return tuple(value)
    if isinstance(value, float) and not math.isnan(value):
        return round(value, 9)
    return value


def _local_nodes(graph, labels: set[str]) -> dict[str, dict]:
    return {n: {k: _norm(v) for k, v in a.items() if k != "label"} for n, a in graph.nodes(data=True)
            if a["label"] in labels}  # fmt: skip


def test_spark_entities_ids_names_aliases_equal_the_local_build(spark, spark_out, local_graph):
    out, _ = spark_out
    expected = _local_nodes(local_graph, {"Method", "Benchmark"})
    got = {}
    for row in _rows(spark, out, "entities"):
        label = row.pop("label")
        if label == "Method":
            row.pop("modality"), row.pop("task")
        got[row["id"]] = {k: _norm(v) for k, v in row.items()}
    assert got == expected


def test_spark_edges_with_their_evidence_equal_the_local_build(spark, spark_out, local_graph):
    out, _ = spark_out
    expected = {
        (u, k, v): tuple(_norm(a.get(p)) for p in EDGE_PROPS)
        for u, v, k, a in local_graph.edges(keys=True, data=True)
    }
    got = {
        (r["start_id"], r["type"], r["end_id"]): tuple(_norm(r[p]) for p in EDGE_PROPS)
        for r in _rows(spark, out, "edges")
    }
    assert len(got) == len(_rows(spark, out, "edges"))
    assert got == expected


def test_spark_papers_and_links_equal_the_local_build(spark, spark_out, local_graph):
    out, result = spark_out
    papers = {r["id"]: r for r in _rows(spark, out, "papers")}
    expected_papers = _local_nodes(local_graph, {"Paper"})
    assert set(papers) == set(expected_papers)
    for pid, props in expected_papers.items():
        assert papers[pid]["title"] == props["title"]
        assert papers[pid]["abstract"] == props["abstract"]
        assert papers[pid]["date"] == props["date"]
    links = {r["id"]: {k: _norm(v) for k, v in r.items()} for r in _rows(spark, out, "links")}
    assert links == _local_nodes(local_graph, {"Link"})
    assert (result.read, result.distinct) == (133, 120)


def test_partitions_hold_about_twenty_thousand_papers_and_at_least_one_per_core():
    from kg.spark.job import partition_count

    assert partition_count(1_000_000, 4) == 50
    assert partition_count(120, 4) == 4
    assert partition_count(2_700_000, 200) == 200


def test_how_papers_are_partitioned_does_not_change_the_graph(spark, spark_out, tmp_path):
    from kg.spark.job import run

    out, _ = spark_out
    run(spark, [str(api.CORPUS_DIR)], str(tmp_path / "out"), partitions=7)
    for table in ("entities", "edges", "papers", "links"):
        got, expected = (sorted(map(repr, _rows(spark, o, table))) for o in (tmp_path / "out", out))
        assert got == expected, table


def test_neo4j_import_shards_use_the_import_csv_headers_and_hold_every_row(spark_out, local_graph, tmp_path):
    out, _ = spark_out
    local = export_neo4j_import(local_graph, tmp_path / "local")
    shards = out / "neo4j-import"
    for local_file in local.nodes + local.relationships:
        with local_file.open(encoding="utf-8", newline="") as fh:
            local_rows = list(csv.reader(fh))
        shard = shards / local_file.stem
        with (shard / "header.csv").open(encoding="utf-8", newline="") as fh:
            assert next(csv.reader(fh)) == local_rows[0], local_file.name
        rows = []
        for part in sorted(shard.glob("part-*.csv")):
            with part.open(encoding="utf-8", newline="") as fh:
                rows += list(csv.reader(fh))
        assert sorted(r[0] for r in rows) == sorted(r[0] for r in local_rows[1:]), local_file.name
    script = (shards / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in script
    assert "--nodes=/import/nodes_Paper/header.csv,/import/nodes_Paper/part-" in script


def test_a_bad_jsonl_line_is_skipped_naming_file_and_line_and_the_rest_is_kept(spark, tmp_path):
    from kg.spark.job import run

    result = run(spark, [str(FIXTURES / "mixed.jsonl")], str(tmp_path / "out"))
    assert result.distinct == 2
    assert [(Path(s.source).name, s.line) for s in result.skipped] == [("mixed.jsonl", 2)]
    titles = {r.title for r in spark.read.parquet(str(tmp_path / "out" / "parquet" / "papers")).collect()}
    assert titles == {"Masked Autoencoders Are Scalable Vision Learners", "Deep Residual Learning"}


def test_the_job_file_runs_under_spark_submit(tmp_path):
    from pyspark.find_spark_home import _find_spark_home

    submit = Path(_find_spark_home()) / "bin" / "spark-submit"
    job = Path(__file__).resolve().parents[1] / "kg" / "spark" / "job.py"
    env = {"PYSPARK_PYTHON": sys.executable, "PATH": "/usr/bin:/bin", "SPARK_LOCAL_IP": "127.0.0.1"}
    done = subprocess.run(
        [str(submit), "--master", "local[1]", "--conf", "spark.ui.enabled=false", str(job),
         str(FIXTURES / "mixed.jsonl"), str(tmp_path / "out")],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "papers: 2 read" in done.stdout
    assert list((tmp_path / "out" / "neo4j-import" / "nodes_Paper").glob("part-*.csv"))


@pytest.mark.parametrize("name", ["snapshot.json", "array.json", "mixed.jsonl", "titles.jsonl"])
def test_spark_reads_the_same_papers_as_the_local_readers(spark, name):
    from kg.sources import read_papers
    from kg.spark.read import first_occurrences, list_inputs, read_tagged

    path = FIXTURES / name
    report = ReadReport()
    local = [(p.id, p.title, p.abstract, p.line, p.date) for p in read_papers([path], report)]
    tagged = read_tagged(spark, list_inputs(spark, [str(path)]))
    papers, conflicts = first_occurrences(tagged)
    got = sorted(papers.collect(), key=lambda item: item[0])
    assert [(p.id, p.title, p.abstract, p.line, p.date) for _, p in got] == local
    assert sorted(str(c) for c in conflicts.collect()) == sorted(str(c) for c in report.conflicts)
    assert {p.source for _, p in got} <= {str(path)}
