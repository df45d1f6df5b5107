"""Paper identity: the id a source gives decides; a title is optional and merges only with its abstract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.records import Paper
from kg.sources import ReadReport, read_papers
from kg.sources.identity import Identities, abstract_sketch, resemblance
from kg.sources.ids import abstract_id, source_id, title_id

ABSTRACT = (
    "We study the effect of warm restarts on the convergence of stochastic gradient descent for "
    "deep residual networks trained on image data, and find that two restarts are enough."
)
OTHER = (
    "This paper describes a benchmark of question answering over tables collected from "
    "government reports, with a baseline reader and an error analysis of its failures."
)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def read(path: Path) -> tuple[list[Paper], ReadReport]:
    report = ReadReport()
    return list(read_papers([path], report)), report


@pytest.mark.parametrize(
    ("value", "scheme", "expected"),
    [
        ("arxiv:2102.08864v4", None, "arxiv:2102.08864"),
        ("2102.08864v4", "arxiv", "arxiv:2102.08864"),
        ("10.1145/3368089.3409754", None, "doi:10.1145/3368089.3409754"),
        ("https://doi.org/10.1145/ABC.1", "doi", "doi:10.1145/abc.1"),
        ("doi:10.48550/arXiv.2401.1", None, "doi:10.48550/arxiv.2401.1"),
        ("https://openalex.org/W2741809807", None, "openalex:W2741809807"),
        ("https://paperswithcode.com/paper/attention-is-all-you-need", None, "pwc:attention-is-all-you-need"),
        ("pwc-test-0001", None, "id:pwc-test-0001"),
        ("S2:12345", None, "s2:12345"),
        ("title:0123456789abcdef", None, "title:0123456789abcdef"),
        (42, None, "id:42"),
    ],
)
def test_source_ids_are_namespaced_by_their_scheme(value, scheme, expected):
    assert source_id(value, scheme) == expected


@pytest.mark.parametrize("value", [None, "", "  ", "https://example.org/some/page"])
def test_empty_values_and_web_pages_are_not_ids(value):
    assert source_id(value) is None


def test_a_record_without_a_title_is_kept_under_the_id_its_source_gives(tmp_path):
    papers, report = read(
        write_jsonl(tmp_path / "p.jsonl", [{"id": "pwc-test-0001", "title": None, "abstract": ABSTRACT}])
    )
    [paper] = papers
    assert (paper.id, paper.ids, paper.title) == ("id:pwc-test-0001", ("id:pwc-test-0001",), None)
    assert report.skipped == []


def test_a_paper_without_a_title_is_named_by_the_first_words_of_its_abstract_marked_as_such(tmp_path):
    [paper], _ = read(write_jsonl(tmp_path / "p.jsonl", [{"id": "x1", "abstract": ABSTRACT}]))
    assert paper.name == "“We study the effect of warm restarts on…” (no title)"
    assert Paper("t", "A Title", ABSTRACT, "s", 1).name == "A Title"


def test_every_id_a_record_gives_is_kept_best_first(tmp_path):
    record = {
        "id": "local-7",
        "doi": "10.1000/XYZ",
        "url": "https://arxiv.org/abs/2401.01234v2",
        "paper_url": "https://paperswithcode.com/paper/xyz",
        "abstract": ABSTRACT,
    }
    [paper], _ = read(write_jsonl(tmp_path / "p.jsonl", [record]))
    assert paper.id == "arxiv:2401.01234"
    assert paper.ids == ("arxiv:2401.01234", "doi:10.1000/xyz", "pwc:xyz", "id:local-7")


def test_with_neither_title_nor_id_the_id_comes_from_the_abstract_and_a_copy_is_a_duplicate(tmp_path):
    records = [{"abstract": ABSTRACT}, {"abstract": "  " + ABSTRACT.upper()}]
    papers, report = read(write_jsonl(tmp_path / "p.jsonl", records))
    assert [p.id for p in papers] == [abstract_id(ABSTRACT)]
    assert report.duplicates == 1


def test_one_title_with_different_abstracts_is_two_papers_and_a_reported_conflict(tmp_path):
    records = [{"title": "Untitled", "abstract": ABSTRACT}, {"title": "UNTITLED.", "abstract": OTHER}]
    papers, report = read(write_jsonl(tmp_path / "p.jsonl", records))
    assert [p.id for p in papers] == [title_id("Untitled"), abstract_id(OTHER)]
    [conflict] = report.conflicts
    assert (conflict.line, conflict.other_line, conflict.reason) == (2, 1, "a different abstract")
    assert "conflict" in report.summary() and f"{tmp_path / 'p.jsonl'}:2" in report.summary()


def test_one_title_with_agreeing_abstracts_is_one_paper(tmp_path):
    respaced = ABSTRACT.replace(" ", "  ").replace("descent", "descent,")
    records = [
        {"title": "Warm Restarts", "abstract": ABSTRACT},
        {"title": "warm restarts", "abstract": respaced},
    ]
    papers, report = read(write_jsonl(tmp_path / "p.jsonl", records))
    assert len(papers) == 1 and report.duplicates == 1 and report.conflicts == []


def test_ids_decide_before_titles(tmp_path):
    same = {"title": "Warm Restarts", "abstract": ABSTRACT}
    records = [
        {"id": "2401.00001", **same},
        {"id": "2401.00002", **same},
        {"id": "2401.00001", "abstract": OTHER},
    ]
    papers, report = read(write_jsonl(tmp_path / "p.jsonl", records))
    assert [p.id for p in papers] == ["arxiv:2401.00001", "arxiv:2401.00002"]
    assert report.duplicates == 1  # the third: an id seen before, whatever its text
    assert [c.reason for c in report.conflicts] == ["a different arxiv id"]


def test_a_title_only_record_agreeing_with_an_earlier_paper_with_an_id_is_that_paper(tmp_path):
    records = [
        {"id": "2401.00001", "title": "Warm Restarts", "abstract": ABSTRACT},
        {"title": "Warm Restarts", "abstract": ABSTRACT},
    ]
    papers, report = read(write_jsonl(tmp_path / "p.jsonl", records))
    assert [p.id for p in papers] == ["arxiv:2401.00001"] and report.duplicates == 1


def test_an_abstract_truncated_to_two_thirds_still_agrees_and_another_text_does_not():
    words = ABSTRACT.split()
    truncated = " ".join(words[: 2 * len(words) // 3])
    assert resemblance(abstract_sketch(ABSTRACT), abstract_sketch(truncated)) >= 0.5
    assert resemblance(abstract_sketch(ABSTRACT), abstract_sketch(OTHER)) == 0.0


def test_verdicts_depend_only_on_records_seen_before():
    first = Paper(title_id("T"), "T", ABSTRACT, "a", 1)
    again = Paper(title_id("T"), "T", ABSTRACT, "b", 9)
    identities = Identities()
    assert identities.admit(first).paper == first
    verdict = identities.admit(again)
    assert verdict.paper is None and verdict.duplicate_of == first.id
