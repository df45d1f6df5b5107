"""``kg load``, ``kg query`` and ``kg export neo4j-import`` against the embedded store."""

from __future__ import annotations

import csv
import json

import pytest
import store_fixtures as fx

from kg.cli import main
from kg.stores.files import write_graph_json


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """An ``out/`` folder as ``kg build`` leaves it: graph.json, loaded into the store by ``kg load``."""
    out = tmp_path_factory.mktemp("out")
    write_graph_json(fx.tiny_graph(), out / "graph.json")
    assert main(["load", "--db", str(out), "--batch-size", "4"]) == 0
    return out


@pytest.fixture(autouse=True)
def no_neo4j_env(monkeypatch):
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)


def query(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["query", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_load_prints_what_it_created_and_what_the_store_holds(built, capsys):
    assert main(["load", "--db", str(built)]) == 0
    out = capsys.readouterr().out
    assert "0 nodes and 0 relationships created" in out
    assert "Paper 4, Method 2, Benchmark 4, Link 2" in out


def test_query_prints_a_readable_table(built, capsys):
    code, out, _ = query(
        capsys, "--db", str(built), "MATCH (b:Benchmark) RETURN b.name AS name ORDER BY name"
    )
    assert code == 0
    assert out.splitlines() == [
        " name",
        "-----------",
        " COCO",
        " ImageNet",
        " TinyBench",
        " UCF-101",
        "(4 rows)",
    ]


def test_a_library_query_takes_typed_parameters_and_prints_json(built, capsys):
    code, out, _ = query(capsys, "--db", str(built), "--name", "shared_benchmark_pairs", "--param", "k=3",
                         "--format", "json")  # fmt: skip
    assert code == 0
    assert json.loads(out) == [
        {"paper_a": "arxiv:2401.00001", "paper_b": "arxiv:2401.00002", "shared_count": 3,
         "benchmarks": ["COCO", "ImageNet", "UCF-101"]}
    ]  # fmt: skip


def test_csv_output_keeps_text_with_quotes_and_newlines_intact(built, capsys):
    code, out, _ = query(capsys, "--db", str(built), "MATCH (p:Paper) WHERE p.id = $id RETURN p.id, p.title",
                         "--param", "id=arxiv:2401.00003", "--format", "csv")  # fmt: skip
    assert code == 0
    assert list(csv.reader(out.splitlines(keepends=True))) == [
        ["p.id", "p.title"],
        ["arxiv:2401.00003", fx.NASTY],
    ]


def test_query_list_shows_every_library_query_with_its_parameters(built, capsys):
    code, out, _ = query(capsys, "--list")
    assert code == 0
    assert "kg query --name papers_sharing_benchmarks --param paper_id=<string>" in out
    assert "kg query --name shared_benchmark_pairs --param k=<int>" in out


def test_query_errors_are_one_clear_line(built, capsys):
    code, _, err = query(capsys, "--db", str(built), "--name", "nope")
    assert (code, err.startswith("kg: error: no library query 'nope'")) == (1, True)
    code, _, err = query(capsys, "--db", str(built), "MATCH (n) RETURN n.x +")
    assert code == 1 and "query failed" in err and "Traceback" not in err
    code, _, err = query(capsys, "--db", str(built), "--name", "find_entity", "--param", "alias")
    assert code == 1 and "expected KEY=VALUE" in err


def test_query_without_a_store_says_how_to_make_one(tmp_path, capsys):
    code, _, err = query(capsys, "--db", str(tmp_path), "MATCH (n) RETURN n")
    assert code == 1
    assert f"{tmp_path}: no embedded store here; run `kg build --out {tmp_path}` first" in err


def test_query_is_read_only_on_the_embedded_store(built, capsys):
    code, _, err = query(capsys, "--db", str(built), "CREATE (:Paper {id: 'new'})")
    assert code == 1 and "kg: error:" in err


def test_export_neo4j_import_writes_admin_import_csvs_and_the_command(built, tmp_path, capsys):
    target = tmp_path / "import"
    assert main(["export", "neo4j-import", str(target), "--db", str(built)]) == 0
    out = capsys.readouterr().out
    assert "neo4j-admin database import full" in out
    with (target / "nodes_Paper.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["id:ID(Paper)", ":LABEL"]
    assert "authors:string[]" in rows[0]
    assert [r[1] for r in rows[1:]] == ["Paper"] * 4
    title = rows[0].index("title")
    assert fx.NASTY in [r[title] for r in rows[1:]]
    with (target / "rels_Paper_EVALUATED_ON_Benchmark.csv").open(newline="", encoding="utf-8") as handle:
        rels = list(csv.reader(handle))
    assert rels[0][:3] == [":START_ID(Paper)", ":END_ID(Benchmark)", ":TYPE"]
    assert "confidence:float" in rels[0] and "start:int" in rels[0]
    assert len(rels) - 1 == 9
    script = (target / "import.sh").read_text()
    assert "--nodes=/import/nodes_Paper.csv" in script
    assert "--relationships=/import/rels_Paper_EVALUATED_ON_Benchmark.csv" in script
    assert "--multiline-fields=true" in script and script.rstrip().endswith(" neo4j")


def test_export_targets_the_database_of_neo4j_database_like_the_other_neo4j_commands(
    built, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("NEO4J_DATABASE", "papers")
    assert main(["export", "neo4j-import", str(tmp_path / "a"), "--db", str(built)]) == 0
    assert (tmp_path / "a" / "import.sh").read_text().rstrip().endswith(" papers")
    args = ["export", "neo4j-import", str(tmp_path / "b"), "--db", str(built), "--database", "kg"]
    assert main(args) == 0
    assert (tmp_path / "b" / "import.sh").read_text().rstrip().endswith(" kg")


def test_export_reads_the_store_when_there_is_no_graph_json(built, tmp_path, capsys):
    (tmp_path / "db").mkdir()
    assert main(["load", "--db", str(tmp_path / "db"), "--graph", str(built / "graph.json")]) == 0
    assert main(["export", "neo4j-import", str(tmp_path / "csv"), "--db", str(tmp_path / "db")]) == 0
    assert len((tmp_path / "csv" / "nodes_Benchmark.csv").read_text().splitlines()) == 5


def test_the_array_delimiter_avoids_characters_found_in_list_values(tmp_path):
    from kg.stores.import_csv import export_neo4j_import

    graph = fx.tiny_graph()
    graph.nodes["method:bert"]["aliases"] = ["BERT", "BERT|base"]
    files = export_neo4j_import(graph, tmp_path)
    assert files.array_delimiter == ";"
    assert "--array-delimiter=;" in files.command()
    assert "BERT;BERT|base" in (tmp_path / "nodes_Method.csv").read_text()
