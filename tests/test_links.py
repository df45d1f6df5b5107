"""URL finding, cleaning and typing (kg.extract.urls)."""

import pytest

from kg.extract.urls import clean_url, find_urls, link_kind


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("https://github.com/org/repo.", "https://github.com/org/repo"),
        ("https://github.com/org/repo),", "https://github.com/org/repo"),
        ("https://en.wikipedia.org/wiki/A_(b)", "https://en.wikipedia.org/wiki/A_(b)"),
        ("\\url{https://x.org/p}", "https://x.org/p"),
        ("{https://x.org/p}.", "https://x.org/p"),
        ("<https://hf.co/m>", "https://hf.co/m"),
        ("https: //github.com/a/b", "https://github.com/a/b"),
        ("HTTPS://github.com/a/b;", "https://github.com/a/b"),
        ("www.example.org/project.", "https://www.example.org/project"),
        ("https://github.com/a/b.git", "https://github.com/a/b.git"),
        ("https://x.org/", "https://x.org/"),
    ],
)
def test_clean_url_strips_wrappers_and_trailing_punctuation(raw, clean):
    assert clean_url(raw) == clean


def test_clean_url_rejects_text_without_a_host():
    assert clean_url("https://") is None
    assert clean_url("see.") is None


def test_find_urls_gives_each_address_once_with_offsets_of_the_written_form():
    text = "Code: https://a.github.io/vae/{https://a.github.io/vae/}. Also https: //github.com/o/r ."
    found = list(find_urls(text))
    assert [u for _, _, u in found] == ["https://a.github.io/vae/", "https://github.com/o/r"]
    start, end, _ = found[1]
    assert text[start:end] == "https: //github.com/o/r"


def test_find_urls_after_latex_tilde():
    assert [u for _, _, u in find_urls("found at~https://x.org/a.")] == ["https://x.org/a"]


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://github.com/o/r", "code"),
        ("https://gitlab.com/o/r", "code"),
        ("https://huggingface.co/o/m", "code"),
        ("https://bitbucket.org/o/r", "code"),
        ("https://o.github.io/proj", "project"),
        ("https://sites.google.com/view/x", "project"),
        ("https://lab.org/projects/x", "project"),
        ("https://yuewen.cn/videos", "other"),
    ],
)
def test_link_kind(url, kind):
    assert link_kind(url) == kind


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("models are available at:github.com/yihui-he/KL-Loss", "https://github.com/yihui-he/KL-Loss"),
        (
            "under the Apache 2 license athttps://github.com/google/sentencepiece.",
            "https://github.com/google/sentencepiece",
        ),
        ("weights on huggingface.co/org/model, and", "https://huggingface.co/org/model"),
    ],
)
def test_urls_without_a_scheme_or_glued_to_a_word_are_found(text, url):
    assert [u for _, _, u in find_urls(text)] == [url]


def test_an_address_inside_an_email_or_a_path_is_not_a_code_host_url():
    assert list(find_urls("write to me@github.com/x or see /mirror/github.com/y")) == []
