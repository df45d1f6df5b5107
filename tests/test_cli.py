"""The kg command line: subcommands, exit codes, and errors that name the file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg import api
from kg.cli import build_parser, main, neo4j_target

FIXTURES = Path(__file__).parent / "fixtures" / "core"


def test_python_dash_m_kg_shows_the_subcommands():
    done = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, check=True)
    for command in ("build", "extract", "eval", "vocab"):
        assert command in done.stdout


def test_quiet_is_accepted_before_and_after_the_subcommand():
    parser = build_parser()
    assert parser.parse_args(["-q", "eval", "g", "p"]).quiet is True
    assert parser.parse_args(["eval", "g", "p", "-q"]).quiet is True
    assert parser.parse_args(["eval", "g", "p"]).quiet is False


def test_eval_prints_the_scorers_table(capsys):
    gold, pred, canonical = FIXTURES / "gold.jsonl", FIXTURES / "pred.jsonl", FIXTURES / "canonical.json"
    assert main(["eval", str(gold), str(pred), "--canonical", str(canonical)]) == 0
    out = capsys.readouterr().out
    assert "benchmarks" in out and "micro" in out
    assert "FN  COCO" not in out


def test_eval_misses_lists_each_miss_by_paper(capsys):
    assert main(["eval", str(FIXTURES / "gold.jsonl"), str(FIXTURES / "pred.jsonl"), "--misses"]) == 0
    out = capsys.readouterr().out
    assert "## FooNet: Fast Vision Models" in out
    assert "FP  Transformer" in out


def test_build_with_an_unreadable_input_exits_2_naming_the_file(tmp_path, capsys):
    bad = tmp_path / "papers.bin"
    bad.write_bytes(b"\xff\xfe garbage")
    assert main(["build", str(bad), "--out", str(tmp_path / "out"), "--no-store", "--no-views"]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err
    assert "Traceback" not in err


def test_build_with_a_missing_input_exits_2_naming_it(tmp_path, capsys):
    missing = tmp_path / "nope.jsonl"
    assert main(["build", str(missing), "--out", str(tmp_path / "out"), "--no-store", "--no-views"]) == 2
    assert str(missing) in capsys.readouterr().err


def test_eval_with_a_missing_gold_file_exits_2(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "gold.jsonl"), str(FIXTURES / "pred.jsonl")]) == 2
    assert "gold.jsonl" in capsys.readouterr().err


def test_unknown_subcommand_is_a_usage_error():
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2


def test_vocab_import_writes_the_kept_entries_into_the_given_folder(tmp_path, capsys):
    assert main(["vocab", "import", str(FIXTURES / "pwc_methods.json"), "--into", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "kept 1" in out
    assert "Zorblax Attention" in (tmp_path / "methods.jsonl").read_text()


def test_vocab_import_of_a_file_that_is_not_json_exits_2_naming_it(tmp_path, capsys):
    bad = tmp_path / "methods.json"
    bad.write_text("[{not json")
    assert main(["vocab", "import", str(bad), "--into", str(tmp_path / "vocab")]) == 2
    assert str(bad) in capsys.readouterr().err


def test_vocab_import_into_a_folder_with_a_broken_vocabulary_line_exits_2_naming_file_and_line(
    tmp_path, capsys
):
    into = tmp_path / "vocab"
    into.mkdir()
    (into / "methods.jsonl").write_text('{"name": "Fine"}\n{broken\n')
    assert main(["vocab", "import", str(FIXTURES / "pwc_methods.json"), "--into", str(into)]) == 2
    err = capsys.readouterr().err
    assert f"{into / 'methods.jsonl'}:2:" in err
    assert "Traceback" not in err


def test_vocab_import_of_a_json_object_instead_of_a_list_exits_2_naming_file_and_line(tmp_path, capsys):
    bad = tmp_path / "datasets.json"
    bad.write_text('{"name": "x"}')
    assert main(["vocab", "import", str(bad), "--into", str(tmp_path / "vocab")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kg: error: {bad}:1: expected a JSON list")
    assert "Traceback" not in err


def test_vocab_import_help_names_the_folder_it_really_writes_by_default(capsys):
    with pytest.raises(SystemExit):
        main(["vocab", "import", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "$KG_VOCAB_DIR, else $XDG_DATA_HOME/kg/vocab, else ~/.local/share/kg/vocab" in help_text


@pytest.mark.parametrize(
    "flags",
    [
        ["--neo4j", "bolt://h:7687", "--user", "alice", "--database", "kg"],
        ["--neo4j", "bolt://h:7687", "--neo4j-user", "alice", "--neo4j-database", "kg"],
    ],
)
def test_build_takes_the_same_neo4j_options_as_the_store_commands(flags):
    args = build_parser().parse_args(["build", "--out", "x", *flags])
    assert neo4j_target(args) == api.Neo4jTarget("bolt://h:7687", user="alice", database="kg")
    store_args = build_parser().parse_args(["query", "--list", *flags])
    assert (store_args.neo4j, store_args.user, store_args.database) == ("bolt://h:7687", "alice", "kg")


def test_build_neo4j_without_a_uri_leaves_it_to_neo4j_uri_and_without_the_flag_loads_nothing():
    assert neo4j_target(build_parser().parse_args(["build", "--out", "x", "--neo4j"])) == api.Neo4jTarget()
    assert neo4j_target(build_parser().parse_args(["build", "--out", "x"])) is None


def test_output_piped_into_a_reader_that_already_left_ends_quietly():
    """`kg eval ... | head`: a closed pipe is no traceback."""
    gold = FIXTURES / "gold.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "eval", str(gold), str(gold), "--misses"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    proc.stdout.close()  # the reader leaves before kg has printed anything
    stderr = proc.stderr.read()
    assert proc.wait(timeout=120) != 0
    assert "Traceback" not in stderr


def test_build_stream_writes_records_and_import_csv_but_no_in_memory_outputs(tmp_path, capsys):
    assert main(["build", "--stream", "--out", str(tmp_path), str(FIXTURES / "papers.jsonl"), "-q"]) == 0
    assert (tmp_path / "papers.jsonl").stat().st_size > 0
    assert (tmp_path / "neo4j-import" / "import.sh").exists()
    assert not (tmp_path / "graph.json").exists()
    assert "papers:" in capsys.readouterr().out


def test_spark_is_a_kg_command():
    assert "spark" in build_parser()._subparsers._group_actions[0].choices
