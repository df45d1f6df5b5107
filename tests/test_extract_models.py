"""Round-3 causes of misses on unseen abstracts: well-known model names, benchmark typing,
naming constructions and name pieces. Invented sentences, one behaviour per test."""

import pytest
from test_extract import names, run  # the helpers of the first extraction spec

from kg.extract import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def surfaces(mentions):
    return {a for m in mentions for a in m.aliases}


# --- 1. well-known model names ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "piece"),
    [
        ("Region features come from Faster R-CNN in all runs.", "Faster R-CNN", "R-CNN"),
        ("Instance masks are predicted by Mask R-CNN on each frame.", "Mask R-CNN", "R-CNN"),
        ("Boxes are proposed by Grounding DINO for every query.", "Grounding DINO", "DINO"),
        ("Pseudo-depth is produced by Depth Anything for each view.", "Depth Anything", None),
    ],
)
def test_a_known_multi_word_model_wins_over_its_pieces(nlp, sentence, name, piece):
    ex = run(nlp, "A study of perception", sentence)
    assert name in names(ex.methods)
    assert piece is None or piece not in names(ex.methods)


@pytest.mark.parametrize("word", ["Whisper", "Conformer", "Zipformer", "Chronos", "Octo", "Latte"])
def test_a_known_model_that_looks_like_a_plain_word_is_a_method(nlp, word):
    ex = run(nlp, "A study of baselines", f"Our results are compared with {word} under equal compute.")
    assert word in names(ex.methods)


def test_a_known_model_name_in_lower_case_prose_is_not_matched_when_it_is_an_ordinary_word(nlp):
    ex = run(nlp, "A study of speech", "Listeners whisper the prompts, and the latte is cold.")
    assert not {"Whisper", "Latte"} & {n.title() for n in names(ex.methods)}


def test_a_size_suffix_after_a_known_model_is_an_alias_of_the_base(nlp):
    ex = run(nlp, "A study of backbones", "We replace the backbone with Swin-S and report the gains.")
    assert "Swin-S" in surfaces(ex.methods)
    assert "S" not in names(ex.methods)


def test_a_known_versioned_model_keeps_its_version(nlp):
    ex = run(
        nlp, "A study of image generators", "Images are sampled from Stable Diffusion XL at 1024 pixels."
    )
    assert "Stable Diffusion XL" in names(ex.methods)
    assert not {"XL", "Stable Diffusion"} & names(ex.methods)


# --- 2. benchmarks typed as methods ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("LiveCodeBench v5 results improve by four points.", "LiveCodeBench v5"),
        ("On class-conditional UCF101, the sampler lowers FVD markedly.", "UCF101"),
        ("Tracking drifts on the long-video benchmark LVOS after many frames.", "LVOS"),
    ],
)
def test_a_name_the_benchmark_vocabulary_or_a_head_noun_claims_is_never_a_method(nlp, sentence, name):
    ex = run(nlp, "A study of evaluation", sentence)
    assert name in names(ex.benchmarks)
    assert name not in names(ex.methods)


def test_a_plural_s_does_not_make_a_method_name_a_known_benchmark(nlp):
    ex = run(nlp, "A study of search", "Search spaces such as those of DARTS are fixed in advance.")
    assert "DARTS" not in names(ex.benchmarks)


def test_a_list_with_a_known_benchmark_wins_over_a_known_model_name(nlp):
    ex = run(nlp, "A study of chat", "We report results on MT-Bench, WizardLM, and AlpacaEval.")
    assert "WizardLM" in names(ex.benchmarks)
    assert "WizardLM" not in names(ex.methods)


# --- 3. proposed benchmarks -----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Suites ignore long outputs. We introduce a dataset for it, called LongQuill, with 5k prompts.",
        "We build a new benchmark for long-form generation, named LongQuill, and test ten models.",
    ],
)
def test_the_head_noun_before_a_phrase_and_a_naming_verb_types_the_proposal(nlp, sentence):
    ex = run(nlp, "A study of long answers", sentence)
    assert [(m.name, m.kind) for m in ex.proposed] == [("LongQuill", "benchmark")]
    assert "LongQuill" in names(ex.benchmarks)


# --- 4. naming constructions ----------------------------------------------------------------


def test_we_call_the_resulting_model_x_proposes_x(nlp):
    ex = run(
        nlp, "A study of robots", "We train a policy on mixed robot data. We call the resulting model Pondo."
    )
    assert ("Pondo", "method") in {(m.name, m.kind) for m in ex.proposed}


def test_which_we_refer_to_as_a_long_form_with_acronym_proposes_it(nlp):
    ex = run(
        nlp,
        "A study of codecs",
        "We design a light codec, which we refer to as Tonal Residual Codec (TRC), for speech.",
    )
    assert "TRC" in names(ex.proposed)


def test_an_acronym_defined_right_after_we_train_is_a_new_name(nlp):
    ex = run(
        nlp, "A study of vocoders", "We train Harmonic Echo Vocoder (HEV), which compresses speech at 1 kbps."
    )
    assert "HEV" in names(ex.proposed)


def test_an_existing_model_after_we_train_with_a_determiner_is_not_proposed(nlp):
    ex = run(
        nlp, "A study of vocoders", "We train the Harmonic Echo Vocoder (HEV) of prior work on more data."
    )
    assert "HEV" not in names(ex.proposed)


def test_a_name_in_apposition_to_our_noun_is_proposed(nlp):
    ex = run(
        nlp,
        "A study of recognisers",
        "Experiments show that Fennet, our lightweight recogniser, beats Whisper on noisy speech.",
    )
    assert "Fennet" in names(ex.proposed)
    assert "Whisper" in names(ex.methods)


def test_a_sentence_adverb_before_our_is_not_a_name(nlp):
    ex = run(nlp, "A study of recognisers", "Moreover, our recogniser, trained briefly, beats the baseline.")
    assert ex.proposed == []


# --- 5. pieces of names ---------------------------------------------------------------------


def test_size_codes_and_maths_or_subject_acronyms_are_not_methods(nlp):
    ex = run(
        nlp,
        "A study of solvers",
        "We solve each ODE numerically, test Quokka Painter XL, and report the STEM subset of MMLU-Pro.",
    )
    assert not {"ODE", "STEM", "XL"} & (names(ex.methods) | names(ex.benchmarks))
    assert "MMLU-Pro" in names(ex.benchmarks)


def test_a_name_before_a_comma_and_our_clause_is_not_an_apposition(nlp):
    ex = run(nlp, "A study of video", "On class-conditional Quokka-9, our student reaches a low FVD.")
    assert "Quokka-9" not in names(ex.proposed)


def test_a_size_code_glued_to_a_known_model_names_the_base_model(nlp):
    ex = run(nlp, "A study of memory", "Frames are encoded by a Hiera-L+ image encoder and Octo-Base acts.")
    assert {"Hiera", "Octo"} <= names(ex.methods)


def test_a_known_model_with_a_size_code_before_score_is_a_metric(nlp):
    ex = run(nlp, "A study of personalisation", "Our images reach a CLIP-T score of 0.31 on the prompts.")
    assert "CLIP" not in names(ex.methods)


def test_a_known_model_spelled_as_a_plain_word_counts_in_the_abstract_not_the_title(nlp):
    ex = run(
        nlp, "A Strong Performer for Sparse Retrieval", "We study sparse retrieval with learned weights."
    )
    assert "Performer" not in names(ex.methods)


def test_a_name_with_its_short_form_right_after_we_train_is_proposed(nlp):
    ex = run(nlp, "A study of mixing", "We train SpanMix (SMX) on web data and evaluate it on GSM8K.")
    assert "SpanMix" in surfaces(ex.proposed)


def test_a_known_model_with_a_short_form_after_we_train_is_not_proposed(nlp):
    ex = run(nlp, "A study of mixing", "We train RoBERTa (RB) on web data before distillation.")
    assert ex.proposed == []


def test_which_we_refer_to_as_a_name_with_its_long_form_after_it_proposes_the_name(nlp):
    ex = run(
        nlp,
        "A study of codecs",
        "We design a codec, which we refer to as TRC (Tonal Residual Codec), for speech.",
    )
    assert [(m.name, m.long_form) for m in ex.proposed] == [("TRC", "Tonal Residual Codec")]
