"""Paper ids: arXiv ids in every spelling map to one id; otherwise a title hash stable under cosmetics."""

import hashlib

import pytest

from kg.sources import paper_id
from kg.sources.ids import arxiv_id, title_id, title_key


@pytest.mark.parametrize(
    "value",
    [
        "2401.01234",
        "2401.01234v2",
        "arXiv:2401.01234v11",
        "http://arxiv.org/abs/2401.01234v2",
        "https://arxiv.org/abs/2401.01234",
        "https://arxiv.org/pdf/2401.01234.pdf",
        "https://arxiv.org/pdf/2401.01234v3",
        "http://export.arxiv.org/abs/2401.01234",
        "https://huggingface.co/papers/2401.01234",
        " 2401.01234 ",
    ],
)
def test_new_style_arxiv_ids_lose_prefix_url_and_version(value):
    assert arxiv_id(value) == "2401.01234"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("hep-th/9901001", "hep-th/9901001"),
        ("hep-th/9901001v2", "hep-th/9901001"),
        ("http://arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001"),
        ("math.GT/0309136", "math.GT/0309136"),
        ("0704.0001", "0704.0001"),
        ("1501.00001v1", "1501.00001"),
    ],
)
def test_old_style_and_four_digit_arxiv_ids_are_recognised(value, expected):
    assert arxiv_id(value) == expected


@pytest.mark.parametrize(
    "value",
    [None, "", "12345", "2413.01234", "10.1145/2401.01234", "https://example.org/abs/2401.01234", "title"],
)
def test_strings_that_are_not_arxiv_ids_give_none(value):
    assert arxiv_id(value) is None


def test_paper_id_uses_the_first_candidate_holding_an_arxiv_id():
    assert (
        paper_id("Any", None, "https://example.org", "https://arxiv.org/abs/1706.03762v7")
        == "arxiv:1706.03762"
    )


def test_paper_id_falls_back_to_sixteen_hex_digits_of_the_title_hash():
    found = paper_id("Attention Is All You Need", None, "https://example.org")
    assert found == title_id("Attention Is All You Need")
    assert found.startswith("title:") and len(found) == len("title:") + 16
    int(found.removeprefix("title:"), 16)


def test_title_hash_ignores_case_spacing_and_punctuation():
    variants = [
        "Attention Is All You Need",
        "attention is all you need",
        "  Attention -- is all, you NEED!  ",
        "Attention\tIs All\nYou Need.",
    ]
    assert len({paper_id(v) for v in variants}) == 1


def test_title_hash_distinguishes_different_words():
    assert paper_id("Attention Is All You Need") != paper_id("Attention Is Not All You Need")


def test_title_key_is_the_documented_normalisation():
    assert title_key("  CodeT5+: Open Code LLMs  ") == "codet5 open code llms"
    # the hash of that key is fixed: other stages and stored graphs rely on it
    expected = "title:" + hashlib.sha1(b"codet5 open code llms").hexdigest()[:16]
    assert title_id("CodeT5+: Open Code LLMs") == expected
