"""The named query library: headers document each query for Neo4j Browser users and type its parameters."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.graph.model import graph_model, schema_dir
from kg.stores.cypher_library import LibraryError, load_library, parse_query_file, split_statements
from kg.stores.load_plan import node_statement

FIXTURES = Path(__file__).parent / "fixtures" / "stores"
REQUIRED = {
    "papers_sharing_benchmarks", "shared_benchmark_pairs", "benchmark_popularity", "benchmark_methods",
    "method_lineage", "papers_with_code", "find_entity",
}  # fmt: skip


def test_the_library_has_the_queries_the_issue_asks_for():
    assert set(load_library().queries) >= REQUIRED


def test_every_query_documents_its_purpose_parameters_and_browser_param_lines():
    for query in load_library().queries.values():
        assert query.purpose.endswith("."), query.name
        assert len(query.browser_params) == len(query.params), query.name
        for line in query.browser_params:
            assert line.startswith(":param ") and "=>" in line
        assert not query.text.lstrip().startswith("//")


def test_parameters_are_converted_by_their_declared_type():
    library = load_library()
    assert library.get("shared_benchmark_pairs").bind({"k": "3"}) == {"k": 3}
    assert library.get("find_entity").bind({"alias": "UCF-101"}) == {"alias": "UCF-101"}


def test_a_bad_parameter_value_names_the_query_and_parameter():
    with pytest.raises(LibraryError, match=r"shared_benchmark_pairs: parameter k='two' is not of type int"):
        load_library().get("shared_benchmark_pairs").bind({"k": "two"})


def test_unknown_and_missing_parameters_are_refused():
    query = load_library().get("papers_sharing_benchmarks")
    with pytest.raises(LibraryError, match=r"unknown parameter\(s\) \['paper'\]"):
        query.bind({"paper": "x"})
    with pytest.raises(LibraryError, match=r"missing parameter\(s\) \['paper_id'\]"):
        query.bind({})


def test_an_unknown_query_name_lists_the_known_ones():
    with pytest.raises(LibraryError, match="no library query 'nope'; known: benchmark_methods"):
        load_library().get("nope")


def test_a_malformed_header_is_reported_with_file_and_line():
    path = FIXTURES / "bad_header.cypher"
    with pytest.raises(LibraryError, match=rf"{path}:2: expected 'name \(type\) - doc'"):
        parse_query_file(path)


def test_a_parameter_used_but_not_declared_is_reported():
    path = FIXTURES / "undeclared_param.cypher"
    with pytest.raises(LibraryError, match=rf"{path}:3: parameters used \['paper_id'\] but declared \[\]"):
        parse_query_file(path)


def test_ddl_files_split_into_statements_without_comments():
    text = "// note\nCREATE INDEX a FOR (n:Paper) ON (n.id);\n\n// more\n"
    text += "CREATE INDEX b FOR (n:Link) ON (n.id);\n"
    assert split_statements(text) == [
        "CREATE INDEX a FOR (n:Paper) ON (n.id)",
        "CREATE INDEX b FOR (n:Link) ON (n.id)",
    ]


def test_kg_schema_dir_moves_the_model_and_the_query_library_together(tmp_path, monkeypatch):
    schema = tmp_path / "schema"
    shutil.copytree(schema_dir(), schema)
    model = json.loads((schema / "model.json").read_text())
    model["nodes"]["Paper"]["properties"]["venue"] = "string"
    (schema / "model.json").write_text(json.dumps(model))
    (schema / "queries" / "find_entity.cypher").unlink()
    monkeypatch.setenv("KG_SCHEMA_DIR", str(schema))
    assert "venue" in graph_model().node_properties["Paper"]
    assert "n.venue = row[" in node_statement("Paper")
    assert "find_entity" not in load_library().queries
    monkeypatch.delenv("KG_SCHEMA_DIR")
    assert "venue" not in graph_model().node_properties["Paper"]
