"""``normalize_text`` and ``fold``: one definition of "the same text" and "the same name"."""

from __future__ import annotations

import pytest

from kg.text import fold, normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  two   spaces\tand a tab  ", "two spaces and a tab"),
        ("ﬁne-tuning with ＧＰＴ", "fine-tuning with GPT"),  # NFKC: ligature, full-width letters
        ("en\u2013dash, em\u2014dash, minus \u2212 1", "en-dash, em-dash, minus - 1"),
        ("\u201cquoted\u201d and \u2018single\u2019", "\"quoted\" and 'single'"),
        (r"We propose \textbf{G}lide \emph{fast}", "We propose Glide fast"),
        ("plain ASCII stays as it is", "plain ASCII stays as it is"),
    ],
)
def test_normalize_text_unifies_unicode_latex_dashes_quotes_and_spacing(raw, expected):
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("UCF-101", "UCF101"),
        ("Transformers", "transformer"),
        ("Image Net", "imagenet"),
        ("ＧＰＴ\u20114", "gpt 4"),  # full-width letters, non-breaking hyphen
        ("Self\u2013Attention", "self_attention"),
    ],
)
def test_fold_equates_case_spacing_hyphen_and_plural_variants(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), [("Glass", "Glas"), ("GPT-4", "GPT-40"), ("SQuAD", "SQuADs2")])
def test_fold_keeps_different_names_apart(a, b):
    assert fold(a) != fold(b)


def test_fold_equals_folding_the_normalized_text():
    for raw in ["  Mixture\u2010of\u2010Experts ", r"\textsc{BERT}s", "ﬂow matching", "COCO  2017", "x"]:
        assert fold(raw) == fold(normalize_text(raw))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Model<sup>1,2</sup> wins", "Model wins"),
        ("H<sub>2</sub>O and <i>in vivo</i>, <b>Bold</b>Net", "H2O and in vivo, BoldNet"),
        ("one<br>two<p>three</p>", "one two three"),
        ("p < 0.05 and <5% and a<b", "p < 0.05 and <5% and a<b"),
        ("see [our code](https://github.com/a/b).", "see our code (https://github.com/a/b)."),
        ("at [https://x.org](https://x.org)", "at https://x.org"),
        (r"Meta-Learning (MAML) \cite{finn2017model}. Next ~\ref{fig:1}", "Meta-Learning (MAML) . Next"),
        (
            r"PoseNFS\footnote{Code at \url{https://github.com/a/b}} wins",
            "PoseNFS (Code at https://github.com/a/b) wins",
        ),
    ],
)
def test_markup_goes_and_the_words_and_addresses_it_wraps_stay(raw, expected):
    assert normalize_text(raw) == expected
