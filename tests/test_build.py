"""kg build / kg extract end to end: real readers, extractor, resolution, graph and files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg import api
from kg.cli import main
from kg.stores.files import read_graph_json

FIXTURES = Path(__file__).parent / "fixtures" / "core"


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """One ``python -m kg build`` of the bundled corpus, shared by the assertions below."""
    out = tmp_path_factory.mktemp("build") / "out"
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return out, done


def test_build_of_the_bundled_corpus_exits_0_and_prints_a_summary(corpus_build):
    _, done = corpus_build
    assert done.returncode == 0, done.stderr
    assert "papers: 120 (133 records read, 13 duplicates, 0 skipped)" in done.stdout
    assert "nodes: Benchmark" in done.stdout
    assert "edges: " in done.stdout
    assert "top benchmarks: " in done.stdout


def test_build_writes_one_record_per_distinct_paper_with_resolved_ids(corpus_build):
    out, _ = corpus_build
    records = [json.loads(line) for line in (out / "papers.jsonl").read_text().splitlines()]
    assert len(records) == 120
    mentions = [m for r in records for f in ("proposed", "methods", "benchmarks") for m in r[f]]
    assert mentions
    assert all(m["id"] and m["id"].split(":", 1)[0] in ("method", "benchmark") for m in mentions)


def test_build_writes_graph_files_that_agree_with_the_records(corpus_build):
    out, _ = corpus_build
    graph = read_graph_json(out / "graph.json")
    papers = [n for n, a in graph.nodes(data=True) if a["label"] == "Paper"]
    assert len(papers) == 120
    assert (out / "graph.graphml").stat().st_size > 0
    records = [json.loads(line) for line in (out / "papers.jsonl").read_text().splitlines()]
    for record in records:
        for mention in record["benchmarks"]:
            assert graph.has_edge(record["id"], mention["id"], key="EVALUATED_ON")


def test_build_loads_the_embedded_store_and_writes_the_views_under_views(corpus_build):
    out, done = corpus_build
    store_line = next(line for line in done.stdout.splitlines() if line.startswith("embedded store:"))
    assert "Paper 120" in store_line
    assert (out / "graph.rdb").exists()
    assert {"index.html", "overview.html", "shared_benchmarks.html"} <= {
        p.name for p in (out / "views").iterdir()
    }


def test_progress_bar_stays_off_when_stderr_is_not_a_terminal(corpus_build):
    _, done = corpus_build
    assert "extract:" not in done.stderr


def test_api_build_without_store_and_views_writes_only_the_files(tmp_path):
    result = api.build([FIXTURES / "papers.jsonl"], tmp_path, store=False, views=False)
    assert {p.name for p in result.files} == {"papers.jsonl", "graph.json", "graph.graphml"}
    assert result.report.distinct == 2
    assert result.graph.number_of_nodes() > 2


def test_extract_writes_per_paper_records_with_ids(tmp_path, capsys):
    out = tmp_path / "records.jsonl"
    assert main(["extract", str(FIXTURES / "papers.jsonl"), "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["title"] for r in records] == ["FooNet: Fast Vision Models", "Scaling Masked Autoencoders"]
    assert all(m["id"] for r in records for m in r["methods"] + r["benchmarks"])
    assert "wrote 2 records" in capsys.readouterr().out


def test_summary_names_each_skipped_record_by_file_and_line_and_keeps_the_good_ones(tmp_path):
    source = FIXTURES / "one_bad_line.jsonl"
    result = api.build([source], tmp_path, store=False, views=False)
    summary = api.format_summary(result)
    assert "papers: 2 (2 records read, 0 duplicates, 1 skipped)" in summary
    assert f"skipped {source}:2:" in summary
    assert "top benchmarks: ImageNet (2)" in summary


def test_ids_on_the_bundled_corpus_do_not_depend_on_paper_order():
    from kg.extract import extract_papers
    from kg.resolve import resolve
    from kg.sources import ReadReport

    papers = api.read_inputs(None, ReadReport())
    extractions = list(extract_papers(papers))
    vocab = api.default_vocabulary()

    def ids(exs) -> dict[tuple[str, str, str], str]:
        resolution = resolve(exs, vocab)
        return {
            (ex.paper.id, m.kind, m.name): m.id
            for ex in resolution.extractions
            for m in ex.methods + ex.benchmarks
        }

    forward = ids(extractions)
    backward = ids(list(reversed(extractions)))
    assert forward == backward
    assert len(set(forward.values())) > 100


REAL = Path(__file__).parent / "fixtures" / "real"


@pytest.fixture(scope="module")
def real_build(tmp_path_factory) -> tuple[Path, api.BuildResult]:
    """``kg build`` of 200 real abstracts: 160 with an id and no title, 40 arXiv records with both."""
    out = tmp_path_factory.mktemp("real") / "out"
    return out, api.build([REAL / "papers.jsonl"], out, store=False)


def test_records_with_an_id_and_no_title_are_all_built_under_their_own_ids(real_build):
    out, result = real_build
    given = [json.loads(line)["id"] for line in (REAL / "papers.jsonl").open()]
    records = [json.loads(line) for line in (out / "papers.jsonl").open()]
    assert (result.report.read, result.report.distinct, len(records)) == (200, 200, 200)
    assert [r["id"] for r in records][:3] == ["id:pwc-test-1090", "id:pwc-test-0516", "arxiv:2102.08864"]
    assert len({r["id"] for r in records}) == 200 and given[2] == "arxiv:2102.08864v4"


def test_a_paper_without_a_title_is_shown_by_a_marked_label_and_no_title_rule_runs(real_build):
    out, _ = real_build
    graph = read_graph_json(out / "graph.json")
    paper = graph.nodes["id:pwc-test-1090"]
    assert paper["title"] is None and paper["name"].startswith("“Recently research has started")
    assert paper["name"].endswith("” (no title)")
    records = [json.loads(line) for line in (out / "papers.jsonl").open()]
    untitled = [r for r in records if r["title"] is None]
    evidence = [
        e
        for r in untitled
        for f in ("proposed", "methods", "benchmarks")
        for m in r[f]
        for e in m["evidence"]
    ]
    assert len(untitled) == 160 and evidence
    assert {e["field"] for e in evidence} == {"abstract"}
    assert not any(e["rule"].startswith("title") for e in evidence)
    assert "Recently research has started" in (out / "views" / "overview.html").read_text()


def test_eval_pairs_real_gold_and_predictions_by_id_with_none_left_unpaired(real_build, capsys):
    out, _ = real_build
    assert main(["eval", str(REAL / "gold.jsonl"), str(out / "papers.jsonl")]) == 0
    printed = capsys.readouterr().out
    assert (
        "papers scored: 200, gold papers with no prediction: 0, predictions with no gold paper: 0" in printed
    )
