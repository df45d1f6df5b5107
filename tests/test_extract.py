"""Extraction behaviour on small abstracts written for these tests (not from the corpus)."""

import pytest

from kg.extract import build_nlp, extract_paper
from kg.records import Paper
from kg.text import fold


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def run(nlp, title, abstract):
    return extract_paper(Paper(id="t", title=title, abstract=abstract, source="test", line=1), nlp=nlp)


def names(mentions):
    return {m.name for m in mentions}


def test_title_colon_name_is_proposed_with_long_form_from_the_abstract(nlp):
    ex = run(
        nlp,
        "GlowNet: Bright Features for Dim Images",
        "We propose Glowing Feature Network (GlowNet), a detector for night photos.",
    )
    (p,) = ex.proposed
    assert p.name == "GlowNet" and "Glowing Feature Network" in p.aliases and p.kind == "method"


@pytest.mark.parametrize("cue", ["called", "dubbed", "termed", "named", "a.k.a."])
def test_naming_verbs_name_the_proposed_thing(nlp, cue):
    ex = run(
        nlp,
        "Faster decoding for small devices",
        f"We design a lightweight decoder, {cue} QuillDec, that runs on phones. It beats BERT.",
    )
    assert "QuillDec" in names(ex.proposed)
    assert "QuillDec" not in names(ex.methods)
    assert "BERT" in names(ex.methods)


def test_acronym_definition_long_form_first(nlp):
    ex = run(
        nlp,
        "Better sparse layers",
        "In this work we introduce Sparse Gated Mixing (SGM) for efficient transformers.",
    )
    (p,) = ex.proposed
    assert p.name == "SGM" and p.long_form == "Sparse Gated Mixing"


def test_acronym_definition_short_form_first(nlp):
    ex = run(
        nlp,
        "Revisiting decoding",
        "We study RWD (random walk decoding) in depth and compare it to beam search.",
    )
    m = next(m for m in ex.methods if m.name == "RWD")
    assert "random walk decoding" in m.aliases


def test_versions_are_their_own_entity(nlp):
    ex = run(
        nlp, "PixelMAE V2: Scaling Pixel Autoencoders", "We present PixelMAE V2, which improves PixelMAE."
    )
    assert names(ex.proposed) == {"PixelMAE V2"}
    assert "PixelMAE" in names(ex.methods)


def test_size_suffixes_are_aliases_of_the_base_model(nlp):
    ex = run(nlp, "A study of scaling", "We fine-tune Llama-3.1-70B and ViT-B/16 on our data.")
    llama = next(m for m in ex.methods if m.name == "Llama-3.1")
    assert "Llama-3.1-70B" in llama.aliases
    assert "ViT" in names(ex.methods)


def test_stop_terms_are_not_methods(nlp):
    ex = run(nlp, "A study of metrics", "Large language models (LLMs) are scored by FID and mIoU on a GPU.")
    assert not ({fold(n) for n in names(ex.methods)} & {"llm", "fid", "miou", "gpu"})


def test_a_name_inside_a_longer_name_is_not_mentioned(nlp):
    ex = run(nlp, "A study of captioning", "We compare MultiCapCLIP and FLAN-PaLM 62B on captions.")
    found = {fold(n) for n in names(ex.methods)}
    assert "clip" not in found and "palm" not in found
    assert "multicapclip" in found


def test_benchmarks_from_context_and_lists(nlp):
    ex = run(
        nlp,
        "A study of retrieval",
        "Experiments on the ZetaQA and OmegaRet benchmarks show gains. We also evaluate on KappaSet.",
    )
    assert {"ZetaQA", "OmegaRet", "KappaSet"} <= names(ex.benchmarks)


def test_proposed_benchmark_is_also_a_benchmark(nlp):
    ex = run(
        nlp,
        "TinyMathBench: A Benchmark for Small Models",
        "We introduce TinyMathBench, a benchmark of 500 problems.",
    )
    (p,) = ex.proposed
    assert p.kind == "benchmark" and "TinyMathBench" in names(ex.benchmarks)


def test_links_are_cleaned_and_typed(nlp):
    ex = run(nlp, "A tool", "Code is at https://github.com/o/tool. Demo: https://o.github.io/tool/.")
    assert [(link.url, link.kind) for link in ex.links] == [
        ("https://github.com/o/tool", "code"),
        ("https://o.github.io/tool/", "project"),
    ]


def test_evidence_offsets_point_at_the_surface_form(nlp):
    paper = Paper(
        id="t",
        title="GlowNet: Bright Features",
        source="t",
        line=1,
        abstract="We propose Glowing Feature Network (GlowNet). It uses BERT, tested on the ZetaQA dataset.",
    )
    ex = extract_paper(paper, nlp=nlp)
    for m in ex.proposed + ex.methods + ex.benchmarks:
        for ev in m.evidence:
            text = paper.title if ev.field == "title" else paper.abstract
            assert text[ev.start : ev.end] in m.aliases
            assert ev.sentence and ev.rule and 0 < ev.confidence <= 1


def test_apposition_to_a_benchmark_head_noun_introduces_a_benchmark(nlp):
    ex = run(
        nlp,
        "Evaluating planners",
        "We also release a new planning benchmark, TraceBench-1K, with 1,000 problems.",
    )
    (p,) = ex.proposed
    assert p.kind == "benchmark" and "TraceBench-1K" in p.aliases
    assert any("TraceBench-1K" in b.aliases for b in ex.benchmarks)


def test_our_apposition_names_the_proposed_model(nlp):
    ex = run(nlp, "Small planners", "Our student, PlanLM-1B, beats GPT-3.5 on our tasks.")
    assert any("PlanLM-1B" in p.aliases for p in ex.proposed)
    assert "GPT-3.5" in names(ex.methods)


def test_a_scheme_proposed_by_others_is_a_method(nlp):
    ex = run(
        nlp,
        "Long documents",
        "Recently, Chen et al. proposed a blockwise scheme, BlockFormer, that caches windows.",
    )
    assert "BlockFormer" in names(ex.methods) and not ex.proposed


def test_names_built_on_the_proposed_name_are_proposed(nlp):
    ex = run(nlp, "HaloVAE: Hierarchical Latents", "We train HaloVAE-Lite for streaming use.")
    assert {"HaloVAE", "HaloVAE-Lite"} <= {a for p in ex.proposed for a in p.aliases}


def test_a_bare_coined_phrase_after_propose_is_proposed(nlp):
    ex = run(nlp, "Planning from traces", "We propose trace-guided distillation to train small planners.")
    assert names(ex.proposed) == {"trace-guided distillation"}


def test_title_phrase_names_an_unnamed_proposal(nlp):
    ex = run(
        nlp,
        "Gradient Echo Regularization for Small Networks",
        "In this paper we propose a regularizer that penalises gradient echoes.",
    )
    assert names(ex.proposed) == {"Gradient Echo Regularization"}


def test_capitalised_models_after_comparison_words_are_methods(nlp):
    ex = run(nlp, "Speech at scale", "Our recognizer outperforms Whisper and builds on Echo.")
    assert {"Whisper", "Echo"} <= names(ex.methods)


def test_technique_named_by_example_is_a_method(nlp):
    ex = run(nlp, "Compression", "Prior schemes such as bits-back coding waste bits.")
    assert "bits-back coding" in names(ex.methods)


def test_capitalised_words_in_a_list_with_a_known_benchmark_are_benchmarks(nlp):
    ex = run(nlp, "Chat models", "Evaluations on tasks such as Koala, Vicuna-Bench and MT-Bench show gains.")
    assert {"Koala", "MT-Bench"} <= names(ex.benchmarks)


def test_an_acronym_defined_as_a_task_is_not_a_method(nlp):
    ex = run(nlp, "Retrieval", "Extremely sparse retrieval (ESR) is hard. ESR systems use BM25.")
    assert "ESR" not in names(ex.methods)


def test_a_stop_acronym_the_text_defines_as_a_method_is_kept(nlp):
    # MAE is also "mean absolute error" in the shared stop list; the definition decides.
    ex = run(nlp, "Audio pretraining", "Masked autoencoders (MAE) are strong audio learners.")
    mae = next(m for m in ex.methods if m.name == "MAE")
    assert "Masked autoencoders" in mae.aliases


def test_modifier_suffix_mentions_the_base_name(nlp):
    ex = run(nlp, "Encoders", "We train a BERT-style encoder and mT5-sized models.")
    assert {"BERT", "mT5"} <= names(ex.methods)


def test_special_tokens_in_brackets_are_not_names(nlp):
    ex = run(nlp, "Pooling", "We pool the [CLS] token of RoBERTa.")
    assert names(ex.methods) == {"RoBERTa"}


def test_a_sized_checkpoint_after_a_name_is_a_second_name(nlp):
    ex = run(nlp, "Probing", "We probe DINOv2 and CLIP ViT-L/14 features.")
    assert {"CLIP", "ViT", "DINOv2"} <= names(ex.methods)


def test_version_tokens_alone_are_not_benchmarks(nlp):
    ex = run(nlp, "Video", "It scores 68.7% on V1 and 77.0% on V2 of Something-Something.")
    assert not ({"V1", "V2"} & names(ex.benchmarks))


def test_an_acronym_the_proposed_method_uses_is_not_proposed(nlp):
    ex = run(
        nlp, "Microscopy", "We present MicroSAM, which fine-tunes the Segment Anything Model (SAM) on cells."
    )
    assert names(ex.proposed) == {"MicroSAM"}
    sam = next(m for m in ex.methods if m.name == "SAM")
    assert "Segment Anything Model" in sam.aliases
