"""Schwartz–Hearst acronym definitions (kg.extract.acronyms)."""

import pytest

from kg.extract.acronyms import find_definitions, is_short_form


def pairs(text):
    return [(d.short, d.long) for d in find_definitions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dubbed Unified Masked Diffusion (UMD), that", [("UMD", "Unified Masked Diffusion")]),
        (
            "the Vision Transformer architecture for Tokenization (ViTok)",
            [("ViTok", "Vision Transformer architecture for Tokenization")],
        ),
        ("Wavelet Learned Lossy Compression (WaLLoC) is", [("WaLLoC", "Wavelet Learned Lossy Compression")]),
        (
            "Encoding-Enhanced Sequence-to-Sequence Pretraining (E2S2)",
            [("E2S2", "Encoding-Enhanced Sequence-to-Sequence Pretraining")],
        ),
        (
            "a probabilistic FlashAttention [6, 7] (PrFlashAttention) method",
            [("PrFlashAttention", "probabilistic FlashAttention")],
        ),
        (
            "such as direct preference optimization (DPO) and Kahneman-Tversky Optimization (KTO).",
            [("DPO", "direct preference optimization"), ("KTO", "Kahneman-Tversky Optimization")],
        ),
    ],
)
def test_long_form_before_the_parenthesis(text, expected):
    assert pairs(text) == expected


def test_word_initials_beat_the_shortest_match():
    # Plain Schwartz–Hearst would stop at "Regularized Preference Optimization".
    assert pairs("we introduce Refined Regularized Preference Optimization (RRPO), a method") == [
        ("RRPO", "Refined Regularized Preference Optimization")
    ]


def test_short_form_first_order():
    assert pairs("we train with MIM (masked image modeling) and") == [("MIM", "masked image modeling")]


def test_offsets_index_the_searched_text():
    text = "We propose Sparse Gated Mixing (SGM) here."
    (d,) = find_definitions(text)
    assert text[d.short_start : d.short_end] == "SGM"
    assert text[d.long_start : d.long_end] == "Sparse Gated Mixing"


def test_parentheses_that_are_not_definitions_are_ignored():
    assert pairs("in 2020 (see Fig. 2) and with 3 layers (ours)") == []


@pytest.mark.parametrize(
    ("text", "ok"),
    [("UMD", True), ("SAEs", True), ("E2S2", True), ("see", False), ("a", False), ("two words", False)],
)
def test_is_short_form(text, ok):
    assert is_short_form(text) is ok
