"""JSONL, CSV, arXiv Atom and arXiv snapshot readers: fields mapped, bad records skipped with their line."""

import json
from pathlib import Path

from kg.sources import ReadReport, read_file

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def read(name_or_path, report=None):
    report = report if report is not None else ReadReport()
    path = name_or_path if isinstance(name_or_path, Path) else FIXTURES / name_or_path
    return list(read_file(path, report)), report


def skipped(report):
    return [(s.line, s.reason) for s in report.skipped]


# JSON Lines


def test_jsonl_maps_fields_and_collapses_line_breaks():
    papers, _ = read("papers.jsonl")
    first = papers[0]
    assert first.id == "arxiv:2401.01234"
    assert first.title == "Masked Autoencoders Are Scalable Vision Learners"
    assert first.abstract == "We show that masked autoencoders (MAE) are scalable self-supervised learners."
    assert first.date == "2024-01-03"
    assert first.authors == ("Kaiming He", "Xinlei Chen")
    assert first.line == 1


def test_jsonl_authors_as_a_string_are_split_on_semicolons():
    papers, _ = read("papers.jsonl")
    assert papers[1].authors == ("Ada Lovelace", "Alan Turing")
    assert papers[1].id.startswith("title:")
    assert papers[1].url == "https://example.org/paper"


def test_jsonl_takes_the_arxiv_id_from_a_pdf_url():
    papers, _ = read("papers.jsonl")
    assert papers[2].id == "arxiv:2305.10001"
    assert papers[2].line == 5


def test_jsonl_bad_lines_are_skipped_with_their_numbers_and_good_ones_kept():
    papers, report = read("papers.jsonl")
    assert len(papers) == 3
    assert [line for line, _ in skipped(report)] == [3, 6, 7]
    assert skipped(report)[0][1].startswith("bad JSON")
    assert "not an object" in skipped(report)[1][1]
    assert skipped(report)[2][1] == "no abstract"


def test_json_array_file_is_read_with_the_line_of_each_object(tmp_path):
    path = tmp_path / "papers.json"
    path.write_text(
        '[\n  {"title": "One", "abstract": "First."},\n\n  {"title": "Two",\n   "abstract": "Second."},'
        '\n  {"title": "Three"}\n]\n'
    )
    papers, report = read(path)
    assert [(p.title, p.line) for p in papers] == [("One", 2), ("Two", 4)]
    assert skipped(report) == [(6, "no abstract")]


def test_jsonl_accepts_summary_and_published_aliases_and_name_objects(tmp_path):
    path = tmp_path / "p.ndjson"
    record = {"Title": "T", "summary": "S.", "published": "2020-05-01", "authors": [{"name": "A B"}]}
    path.write_text(json.dumps(record) + "\n")
    (paper,), _ = read(path)
    assert (paper.abstract, paper.date, paper.authors) == ("S.", "2020-05-01", ("A B",))


# CSV


def test_csv_rows_become_papers_with_ids_dates_and_authors():
    papers, _ = read("papers.csv")
    first = papers[0]
    assert (first.id, first.date, first.line) == ("arxiv:1512.03385", "2015-12-10", 2)
    assert first.authors == ("Kaiming He", "Xiangyu Zhang", "Shaoqing Ren")


def test_csv_quoted_cells_may_span_lines_and_lines_count_from_the_row_start():
    papers, _ = read("papers.csv")
    multi = papers[1]
    assert multi.title == "A quoted abstract over two lines?"
    assert multi.abstract.startswith("Yes: the cell spans two lines")
    assert multi.id == "arxiv:hep-th/9901001"
    assert multi.line == 3
    assert multi.authors == ("Smith", "John")  # no ";": commas split
    assert (papers[2].id, papers[2].line) == ("arxiv:math.GT/0309136", 7)


def test_csv_row_without_abstract_is_skipped_with_its_line():
    _, report = read("papers.csv")
    assert skipped(report) == [(6, "CSV row: no abstract")]


def test_csv_missing_abstract_column_skips_the_file_with_a_reason_on_line_1():
    papers, report = read("missing_column.csv")
    assert papers == []
    assert skipped(report) == [(1, "CSV header has no abstract column; file not read")]


def test_csv_row_with_more_cells_than_the_header_is_skipped(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("title,abstract\nA,B.\nC,D.,surplus\nE,F.\n")
    papers, report = read(path)
    assert [p.title for p in papers] == ["A", "E"]
    assert skipped(report) == [(3, "CSV row has 3 cells, header has 2")]


# arXiv Atom


def test_atom_entries_give_ids_without_version_collapsed_text_and_categories():
    papers, _ = read("arxiv_atom.xml")
    mae = papers[0]
    assert mae.id == "arxiv:2111.06377"
    assert mae.title == "Masked Autoencoders Are Scalable Vision Learners"
    assert mae.abstract == (
        "This paper shows that masked autoencoders (MAE) are scalable self-supervised learners "
        "for computer vision & more."
    )
    assert (mae.date, mae.url) == ("2021-11-11", "http://arxiv.org/abs/2111.06377v3")
    assert mae.authors == ("Kaiming He", "Xinlei Chen")
    assert mae.categories == ("cs.CV", "cs.LG")  # primary first, no repeats


def test_atom_paper_line_is_the_line_of_its_entry_element():
    papers, _ = read("arxiv_atom.xml")
    assert [p.line for p in papers] == [6, 33]
    assert papers[1].id == "arxiv:hep-th/9901001"


def test_atom_entry_without_summary_is_skipped():
    _, report = read("arxiv_atom.xml")
    assert skipped(report) == [(27, "Atom entry without summary")]


def test_atom_truncated_feed_keeps_entries_before_the_break(tmp_path):
    text = (FIXTURES / "arxiv_atom.xml").read_text()
    path = tmp_path / "cut.atom"
    path.write_text(text[: text.index("<title>An Old-Style")])
    papers, report = read(path)
    assert [p.id for p in papers] == ["arxiv:2111.06377"]
    (line, reason), *_ = skipped(report)[1:]
    assert reason.startswith("XML error") and line > 27


def test_atom_api_error_entry_is_reported_not_read(tmp_path):
    path = tmp_path / "error.xml"
    path.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
        "<id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>"
        "<summary>incorrect id format for 1234</summary></entry></feed>"
    )
    papers, report = read(path)
    assert papers == []
    assert skipped(report) == [(1, "arXiv API error entry: incorrect id format for 1234")]


def test_atom_entity_declarations_are_refused(tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa">]>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&a;</title><summary>s</summary></entry></feed>'
    )
    papers, report = read(path)
    assert papers == []
    assert "entity declarations are not accepted" in skipped(report)[0][1]


# arXiv metadata snapshot


def test_snapshot_records_are_detected_by_their_keys_and_mapped():
    papers, _ = read("arxiv_snapshot.jsonl")
    first = papers[0]
    assert first.id == "arxiv:0704.0001"
    assert (
        first.title == "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies"
    )
    assert first.abstract.startswith("A fully differential calculation")
    assert not first.abstract.endswith(" ")
    assert first.date == "2007-04-02"  # v1 submission, not update_date
    assert first.url == "https://arxiv.org/abs/0704.0001"
    assert first.authors == ("C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C. -P. Yuan")
    assert papers[1].categories == ("cs.CL", "cs.LG")


def test_snapshot_without_versions_uses_update_date_and_tex_author_string():
    papers, _ = read("arxiv_snapshot.jsonl")
    old = papers[3]
    assert old.id == "arxiv:hep-th/9901001"
    assert old.date == "2008-02-03"
    assert old.authors == ("M. Müller", "F. François")


def test_snapshot_record_with_empty_abstract_is_skipped():
    papers, report = read("arxiv_snapshot.jsonl")
    assert len(papers) == 4  # read_file keeps the repeated record; read_papers drops it
    assert skipped(report) == [(5, "arXiv snapshot record without abstract")]
