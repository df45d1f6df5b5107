"""Quality floors on abstracts written for these tests and annotated by the guidelines.

The real gold set lives outside the repository; this fixture keeps the same scoring
path (extract -> papers.jsonl -> evaluate) under test with invented papers.
"""

import json
from pathlib import Path

import pytest

from kg.evaluate import evaluate
from kg.extract import build_nlp, extract_papers
from kg.records import Paper
from kg.stores.papers_jsonl import read_records, write_papers_jsonl

GOLD = Path(__file__).parent / "fixtures" / "extract" / "mini_gold.jsonl"
CORPUS = Path(__file__).resolve().parent.parent / "kg" / "data" / "corpus"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    records = [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]
    papers = [
        Paper(id=f"mini:{i}", title=r["title"], abstract=r["abstract"], source=str(GOLD), line=i + 1)
        for i, r in enumerate(records)
    ]
    pred = tmp_path_factory.mktemp("mini") / "papers.jsonl"
    write_papers_jsonl(extract_papers(papers, nlp=build_nlp()), pred)
    return evaluate(GOLD, pred)


@pytest.mark.parametrize(
    ("field", "floor"), [("proposed", 0.9), ("methods", 0.85), ("benchmarks", 0.85), ("links", 1.0)]
)
def test_f1_floor_on_invented_abstracts(report, field, floor):
    assert report.fields[field].f1 >= floor


def test_records_round_trip_with_provenance_and_evidence(tmp_path):
    paper = Paper(
        id="p1",
        title="GlowNet: Bright Features",
        abstract="We use BERT. See https://github.com/a/b.",
        source="x.txt",
        line=7,
    )
    path = tmp_path / "papers.jsonl"
    write_papers_jsonl(extract_papers([paper], nlp=build_nlp()), path)
    (record,) = read_records(path)
    assert record["source"] == "x.txt:7" and record["links"] == ["https://github.com/a/b"]
    assert record["proposed"][0]["name"] == "GlowNet" and record["proposed"][0]["type"] == "method"
    assert record["link_details"][0]["kind"] == "code"
    assert {"field", "start", "end", "sentence", "rule", "confidence"} <= set(
        record["methods"][0]["evidence"][0]
    )


def test_read_records_reports_bad_lines_or_skips_them(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"title": "a"}\nnot json\n{"title": "b"}\n')
    with pytest.raises(ValueError, match=r"p.jsonl:2"):
        list(read_records(path))
    skipped = []
    assert [r["title"] for r in read_records(path, skipped)] == ["a", "b"]
    assert skipped[0].line == 2
