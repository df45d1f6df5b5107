"""Hugging Face Daily Papers dumps: titles and abstracts told apart by shape, page chrome ignored."""

from pathlib import Path

import pytest

from kg.sources import ReadReport, read_file
from kg.sources.hf_daily import paragraph_kind, parse_date

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
CORPUS = Path(__file__).parents[1] / "kg" / "data" / "corpus"

ABSTRACT_1 = (
    "We propose a method that works. It beats every baseline on the benchmarks we tried, "
    "and the code is available at https://github.com/example/method"
)
ABSTRACT_2 = "Second paper abstract. It is long enough to be prose, with two sentences in it."


def read_text(tmp_path, text, name="dump.txt", newline="\n"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    report = ReadReport()
    return list(read_file(path, report)), report


def test_bundled_dump_yields_every_title_with_its_abstract():
    papers = list(read_file(CORPUS / "000_db7c0da80e7c1ebb.txt"))
    assert len(papers) == 70
    first = papers[0]
    assert first.title == "Self-Distillation for Further Pre-training of Transformers"
    assert first.abstract.startswith("Pre-training a large transformer model on a massive amount")
    assert first.abstract.endswith("improve the performance of the downstream tasks.")
    assert first.line == 13
    assert papers[-1].title == "Can Sound Replace Vision in LLaVA With Token Substitution?"
    assert papers[-1].line == 289


def test_date_line_without_a_year_is_kept_as_written():
    papers = list(read_file(CORPUS / "003_6daaa77af6b81005.txt"))
    assert {p.date for p in papers} == {"Mar 11"}


def test_crlf_stray_spaces_header_variants_and_missing_date_are_tolerated(tmp_path):
    text = (
        "NEW\n  get trending papers in your email inbox!  \n\tSUBSCRIBE\nby AK and the research community\n\n"
        f"  First Paper Title\t\n\n  {ABSTRACT_1}  \n\n\n"
        f"Second Paper: With a Colon?\n\n{ABSTRACT_2}\n"
    )
    papers, report = read_text(tmp_path, text, newline="\r\n")
    assert [(p.title, p.line, p.date) for p in papers] == [
        ("First Paper Title", 6, None),
        ("Second Paper: With a Colon?", 11, None),
    ]
    assert papers[0].abstract == ABSTRACT_1
    assert report.skipped == []


def test_unknown_header_lines_before_the_date_line_are_ignored(tmp_path):
    text = f"Hugging Face\n\nPapers of the week\n\nAug 14\n\nA Title\n\n{ABSTRACT_1}\n"
    papers, report = read_text(tmp_path, text)
    assert [(p.title, p.date) for p in papers] == [("A Title", "Aug 14")]
    assert report.skipped == []


def test_title_without_abstract_is_reported_with_its_line_and_the_rest_is_kept(tmp_path):
    text = f"Aug 14\n\nOrphan Title\n\nA Title\n\n{ABSTRACT_1}\n\nLast Orphan\n"
    papers, report = read_text(tmp_path, text)
    assert [p.title for p in papers] == ["A Title"]
    assert [(s.line, s.reason.split(":")[0]) for s in report.skipped] == [
        (3, "title without abstract"),
        (9, "title without abstract"),
    ]
    assert report.skipped[0].source == str(tmp_path / "dump.txt")


def test_abstract_without_title_is_reported(tmp_path):
    papers, report = read_text(tmp_path, f"A Title\n\n{ABSTRACT_1}\n\n{ABSTRACT_2}\n")
    assert len(papers) == 1
    assert [(s.line, s.reason.split(":")[0]) for s in report.skipped] == [(5, "abstract without title")]


def test_a_short_title_ending_in_a_full_stop_is_a_title_when_an_abstract_follows(tmp_path):
    papers, report = read_text(tmp_path, f"Lost Title\n\nThe Title Ends With A Full Stop.\n\n{ABSTRACT_1}\n")
    assert [p.title for p in papers] == ["The Title Ends With A Full Stop."]
    assert [s.line for s in report.skipped] == [1]


def test_a_one_sentence_abstract_still_pairs_with_its_title(tmp_path):
    papers, _ = read_text(tmp_path, "A Title\n\nWe propose a thing.\n\nNext Title\n\nIt works.\n")
    assert [(p.title, p.abstract) for p in papers] == [
        ("A Title", "We propose a thing."),
        ("Next Title", "It works."),
    ]


def test_hard_wrapped_abstracts_are_joined_and_wrapped_hyphens_kept(tmp_path):
    text = "A Title\n\nWe study fine-\ntuning of large\nmodels at scale -\nand more.\n"
    papers, _ = read_text(tmp_path, text)
    assert papers[0].abstract == "We study fine-tuning of large models at scale - and more."


def test_lost_blank_lines_still_separate_titles_from_one_line_abstracts(tmp_path):
    long_1, long_2 = ABSTRACT_1 * 3, ABSTRACT_2 * 5
    papers, report = read_text(tmp_path, f"Aug 14\nFirst Title\n{long_1}\nSecond Title\n{long_2}\n")
    assert [(p.title, p.line) for p in papers] == [("First Title", 2), ("Second Title", 4)]
    assert papers[1].abstract == long_2
    assert report.skipped == []


def test_non_ascii_punctuation_is_normalised(tmp_path):
    title = "Self\u2013Distillation \u201cWorks\u201d"
    text = f"{title}\n\nIt doesn\u2019t hurt\u00a0at all \u2014 really. Truly so.\n"
    papers, _ = read_text(tmp_path, text)
    assert papers[0].title == 'Self-Distillation "Works"'
    assert papers[0].abstract == "It doesn't hurt at all - really. Truly so."


def test_a_later_date_line_dates_the_papers_after_it(tmp_path):
    text = f"Aug 14\n\nA Title\n\n{ABSTRACT_1}\n\nAug 15\n\nB Title\n\n{ABSTRACT_2}\n"
    papers, _ = read_text(tmp_path, text)
    assert [p.date for p in papers] == ["Aug 14", "Aug 15"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Aug 14", "Aug 14"),
        ("aug 14", "aug 14"),
        ("14 Aug", "14 Aug"),
        ("August 14, 2024", "2024-08-14"),
        ("Aug 14 2024", "2024-08-14"),
        ("2024-08-14", "2024-08-14"),
        ("Feb 29", "Feb 29"),
        ("Feb 30", None),
        ("Augment 14", None),
        ("May the Force", None),
        ("Aug 14 Papers", None),
    ],
)
def test_date_lines(line, expected):
    assert parse_date(line) == expected


def test_fixture_with_every_variant_at_once():
    report = ReadReport()
    papers = list(read_file(FIXTURES / "daily_variants.txt", report))
    assert [p.title for p in papers] == [
        "Can GNN be Good Adapter for LLMs?",
        "Short Title Ending With A Full Stop.",
        "Wrapped Abstract Paper",
    ]
    assert {p.date for p in papers} == {"2024-08-14"}
    assert [(s.line, s.reason.split(":")[0]) for s in report.skipped] == [(15, "title without abstract")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Can GNN be Good Adapter for LLMs?", "title"),
        ("Do Vision Transformers See Like CNNs? An Analysis", "title"),
        ("CNNs vs. Transformers: e.g. a Study of ERNIE 3.0 and U.S. Data", "title"),
        ("CodeT5+: Open Code Large Language Models for Code Understanding and Generation", "title"),
        ("Attention Is Not All You Need.", "short"),
        ("We propose MAE. Code is at https://github.com/a/b", "abstract"),
        ("Written by J. Smith and A. N. Other", "title"),
        ("One very long sentence " * 10 + "that never ends", "abstract"),
        (
            "A single sentence that ends in a full stop but is far too long to be the title of a paper, "
            "since it goes on and on well past twenty-five words.",
            "abstract",
        ),
    ],
)
def test_paragraph_shapes(text, kind):
    assert paragraph_kind(text) == kind
