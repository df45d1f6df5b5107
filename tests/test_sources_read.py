"""read_papers / read_file: format by name, directories, dedup by id, whole-file errors."""

import gzip
import json
import shutil
from pathlib import Path

import pytest

from kg.records import Paper
from kg.sources import ReadReport, SourceError, read_file, read_papers

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
CORPUS = Path(__file__).parents[1] / "kg" / "data" / "corpus"
DUMPS = sorted(CORPUS.glob("*.txt"))


def test_the_two_bundled_dumps_hold_133_papers_of_which_120_are_distinct():
    report = ReadReport()
    papers = list(read_papers(DUMPS, report))
    assert len(papers) == 120
    assert len({p.id for p in papers}) == 120
    assert (report.read, report.duplicates, report.distinct) == (133, 13, 120)
    assert [(f.read, f.duplicates) for f in report.files.values()] == [(70, 0), (63, 13)]
    assert report.skipped == []


def test_first_occurrence_of_a_duplicate_wins():
    papers = list(read_papers(DUMPS))
    shared = next(p for p in papers if p.title == "Discrete Key-Value Bottleneck")
    assert shared.source == str(DUMPS[0])
    assert shared.date == "Aug 14"


def test_a_directory_is_read_file_by_file_in_name_order(tmp_path):
    for dump in reversed(DUMPS):
        shutil.copy(dump, tmp_path / dump.name)
    (tmp_path / "notes.md").write_text("not an input")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nNot read at all. Two sentences.\n")
    report = ReadReport()
    assert len(list(read_papers(tmp_path, report))) == 120
    assert [Path(s).name for s in report.files] == [d.name for d in DUMPS]


def test_a_single_path_is_accepted_as_well_as_a_list():
    assert len(list(read_papers(str(DUMPS[0])))) == 70


def test_same_paper_from_different_formats_is_one_paper_when_the_arxiv_id_matches():
    report = ReadReport()
    papers = list(read_papers([FIXTURES / "arxiv_atom.xml", FIXTURES / "arxiv_snapshot.jsonl"], report))
    ids = [p.id for p in papers]
    assert ids.count("arxiv:hep-th/9901001") == 1
    assert ids.count("arxiv:1706.03762") == 1  # repeated inside the snapshot file too
    assert report.duplicates == 2


def test_paper_source_is_the_path_as_given():
    (paper, *_) = read_file(str(FIXTURES / "papers.csv"))
    assert isinstance(paper, Paper)
    assert paper.source == str(FIXTURES / "papers.csv")


def test_gzip_compressed_inputs_are_read_by_their_inner_suffix(tmp_path):
    path = tmp_path / "snapshot.jsonl.gz"
    path.write_bytes(gzip.compress((FIXTURES / "arxiv_snapshot.jsonl").read_bytes()))
    assert [p.id for p in read_file(path)][:2] == ["arxiv:0704.0001", "arxiv:1706.03762"]


def test_a_utf8_bom_is_ignored(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbftitle,abstract\nA Title,An abstract.\n")
    assert [p.title for p in read_file(path)] == ["A Title"]


def test_missing_file_raises_source_error_naming_it(tmp_path):
    missing = tmp_path / "nope.jsonl"
    with pytest.raises(SourceError, match=r"nope\.jsonl: no such file"):
        list(read_papers([missing]))


def test_unknown_format_raises_source_error_naming_the_file(tmp_path):
    path = tmp_path / "papers.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(SourceError, match=r"papers\.pdf: unknown input format"):
        list(read_file(path))


@pytest.mark.parametrize(
    ("name", "first_line"),
    [("dump.txt", "Aug 14"), ("papers.csv", "title,abstract"), ("feed.xml", "<feed>"), ("papers.jsonl", "")],
)
def test_every_format_rejects_a_file_that_is_not_utf8_naming_file_and_line(tmp_path, name, first_line):
    path = tmp_path / name
    path.write_bytes(f"{first_line}\n\nCafé\n".encode("latin-1"))
    with pytest.raises(SourceError, match=rf"{name}:3: not UTF-8 text \(byte 0xe9 at column 4\)"):
        list(read_file(path))


def test_a_directory_given_to_read_file_is_an_error(tmp_path):
    with pytest.raises(SourceError, match="is a directory"):
        list(read_file(tmp_path))


def test_undecodable_file_raises_source_error_with_file_and_line_after_yielding_the_good_part(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(
        b'{"title": "Fine", "abstract": "Good line."}\n{"title": "Caf\xe9", "abstract": "Latin-1 line."}\n'
    )
    papers = []
    with pytest.raises(SourceError, match=r"latin1\.jsonl:2: not UTF-8"):
        papers.extend(read_file(path))
    assert [p.title for p in papers] == ["Fine"]


def test_corrupt_gzip_raises_source_error(tmp_path):
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(b"not gzip at all")
    with pytest.raises(SourceError, match=r"bad\.jsonl\.gz"):
        list(read_file(path))


def test_empty_files_yield_nothing_and_report_nothing(tmp_path):
    report = ReadReport()
    for name in ("e.txt", "e.jsonl", "e.csv", "e.xml"):
        (tmp_path / name).write_text("")
    assert list(read_papers(tmp_path, report)) == []
    assert report.skipped == []
    assert len(report.files) == 4


def test_report_summary_names_every_file_and_skipped_line():
    report = ReadReport()
    list(read_papers([FIXTURES / "papers.jsonl", FIXTURES / "papers.csv"], report))
    summary = report.summary()
    assert "papers.jsonl: 3 read, 0 duplicates, 3 skipped" in summary
    assert "total: 6 read, 6 distinct, 0 duplicates, 4 skipped" in summary
    assert f"{FIXTURES / 'papers.csv'}:6: CSV row: no abstract" in summary


LATEX_ABSTRACT = (
    r"We present \textbf{S}parse \textbf{R}outing (SR), a {\em simple} router. It lowers the"
    r" $\chi^2$ gap of MI-$\alpha$ baselines by 12\% and costs $5 to $8 per run."
)
LATEX_CLEANED = (
    "We present Sparse Routing (SR), a simple router. It lowers the"
    " chi^2 gap of MI-alpha baselines by 12% and costs $5 to $8 per run."
)


@pytest.mark.parametrize(
    ("name", "write"),
    [
        ("papers.jsonl", lambda t, a: json.dumps({"title": t, "abstract": a}) + "\n"),
        ("papers.csv", lambda t, a: "title,abstract\n" + f'"{t}","{a}"\n'),
        ("dump.txt", lambda t, a: f"{t}\n\n{a}\n"),
    ],
)
def test_every_reader_removes_latex_markup_but_keeps_the_words_it_wraps(tmp_path, name, write):
    path = tmp_path / name
    path.write_text(write(r"\emph{SR}: Routing Sparsely", LATEX_ABSTRACT), encoding="utf-8")
    [paper] = read_file(path)
    assert paper.title == "SR: Routing Sparsely"
    assert paper.abstract == LATEX_CLEANED


def test_evidence_offsets_index_the_cleaned_abstract(tmp_path):
    from kg.extract.pipeline import extract_paper

    path = tmp_path / "papers.jsonl"
    path.write_text(json.dumps({"title": "Routing", "abstract": LATEX_ABSTRACT}) + "\n", encoding="utf-8")
    [paper] = read_file(path)
    ex = extract_paper(paper)
    spans = [(e.start, e.end, m.name) for m in ex.proposed for e in m.evidence if e.field == "abstract"]
    assert spans and all(paper.abstract[s:e] in (name, "Sparse Routing") for s, e, name in spans)


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        (r"beats it by sim7\% after tuning", "beats it by ~7% after tuning"),
        (r"a \textbf{fast} and {\bf small} model", "a fast and small model"),
        (r"sim2real transfer costs \$5", "sim2real transfer costs $5"),
        (r"the Fran\c{c}ois model", r"the Fran\c{c}ois model"),
    ],
)
def test_latex_residue_is_cleaned_where_readers_normalise_text(raw, cleaned):
    from kg.text import normalize_text

    assert normalize_text(raw) == cleaned
