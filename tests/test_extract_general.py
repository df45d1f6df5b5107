"""General causes of misses on unseen abstracts, one behaviour per test, on invented sentences."""

import pytest
from test_extract import names, run  # the helpers of the first extraction spec

from kg.extract import build_nlp
from kg.extract.acronyms import find_definitions
from kg.text import fold


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def folded(mentions):
    return {fold(m.name) for m in mentions}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("We compare against Kestrel-Vid 2.1 on long clips.", "Kestrel-Vid 2.1"),
        ("Frames are rendered with Quartz Painter 3 at low cost.", "Quartz Painter 3"),
        ("Depth comes from Mono Anything V3 in every scene.", "Mono Anything V3"),
        ("We query Borealis 2.5 Pro and Borealis 2.5 Flash for answers.", "Borealis 2.5 Pro"),
    ],
)
def test_a_version_after_a_space_belongs_to_the_name(nlp, sentence, name):
    ex = run(nlp, "A study of video models", sentence)
    surfaces = {a for m in ex.methods for a in m.aliases}
    assert name in surfaces
    assert not {"Pro", "Flash", "Anything V3", "Painter 3"} & surfaces


def test_a_sentence_opening_verb_before_a_number_is_not_a_name(nlp):
    ex = run(nlp, "A study of robustness", "Evaluating 12 models, we find that KiteLM-7B fails often.")
    assert not any("Evaluating" in m.name for m in ex.methods)


def test_a_decimal_below_one_after_a_word_is_a_statistic_not_a_version(nlp):
    ex = run(nlp, "A study of code", "Ranks agree with human ones (Pearson 0.41) on RepoBench.")
    assert not any("0.41" in m.name for m in ex.methods)


def test_a_greek_letter_ends_a_name(nlp):
    ex = run(nlp, "A study of image models", "We fine-tune PixGen-β and compare with SnapDiT.")
    assert "PixGen-β" in names(ex.methods)


@pytest.mark.parametrize(
    ("sentence", "name", "junk"),
    [
        ("Error rates are measured with a WavLX-based ASR system.", "WavLX", "WavLX-based"),
        ("We add a KTO-style QuillPO objective to the recipe.", "QuillPO", "KTO-style QuillPO"),
    ],
)
def test_a_style_suffix_glued_to_a_name_is_not_part_of_it(nlp, sentence, name, junk):
    ex = run(nlp, "A study of objectives", sentence)
    assert name in names(ex.methods) and junk not in names(ex.methods)


def test_a_sized_checkpoint_next_to_a_name_is_a_second_name(nlp):
    ex = run(nlp, "A study of video encoders", "We use a ViT-B VidMAE encoder for all clips.")
    assert {"ViT", "VidMAE"} <= names(ex.methods)


def test_a_dataset_split_after_a_dataset_name_is_dropped(nlp):
    ex = run(nlp, "Detection", "Our detector reaches 51 AP on MS-COCO val2017 and LVIS minival.")
    assert "MS-COCO" in names(ex.benchmarks)
    assert not any("val2017" in m.name for m in ex.benchmarks + ex.methods)


@pytest.mark.parametrize("word", ["dB", "MRI", "IDs"])
def test_units_modalities_and_identifiers_are_not_methods(nlp, word):
    ex = run(nlp, "A study of signals", f"The FlexNet model improves results by 2 {word} over BrightNet.")
    assert word not in names(ex.methods)


def test_number_formats_are_not_names(nlp):
    ex = run(nlp, "Quantization", "KiteQuant keeps W4A4 and FP16 accuracy close for GemLM.")
    assert not {"W4A4", "FP16"} & names(ex.methods)


def test_models_listed_as_baselines_in_a_dataset_paper_are_not_proposed(nlp):
    ex = run(
        nlp,
        "A Dataset for Mapping Rooftops",
        "We introduce RoofSet-8, a dataset of rooftops. We benchmark segmenters, including "
        "DeepLabv3+, SegNext-B3 and UperNet. As a baseline, we propose fine-tuning SegNext "
        "with a boundary loss.",
    )
    assert names(ex.proposed) == {"RoofSet-8"}
    assert "SegNext" in names(ex.methods)


def test_a_noun_use_of_a_proposing_verb_does_not_propose_what_follows(nlp):
    ex = run(
        nlp,
        "Kite-VL: Fast Perception",
        "We present Kite-VL, an MLLM with a dual-branch design: a SigLIP encoder gives context.",
    )
    assert names(ex.proposed) == {"Kite-VL"}


def test_named_for_explains_a_name_and_does_not_hide_the_proposal(nlp):
    ex = run(
        nlp,
        "Grounded audio retrieval",
        "We present TG-AudioNet, named for its temporal grounding head, which aligns phrases with frames.",
    )
    assert "TG-AudioNet" in names(ex.proposed)


def test_a_model_trained_on_the_titles_dataset_is_its_own_entity(nlp):
    ex = run(
        nlp,
        "ScanQA-90K: A Large-Scale Instruction Dataset for CT Scans",
        "We release ScanQA-90K. Tuning on ScanQA-90K yields a model, called ScanLLaVA, that is accurate.",
    )
    assert {"ScanQA-90K", "ScanLLaVA"} <= names(ex.proposed)
    assert "ScanLLaVA" not in {a for m in ex.proposed if m.name == "ScanQA-90K" for a in m.aliases}


def test_a_survey_title_names_nothing_proposed(nlp):
    ex = run(
        nlp,
        "Mixture Routers: A Survey of Designs and Benchmarks",
        "We review mixture routers and the benchmarks used to compare them, such as GLUE.",
    )
    assert ex.proposed == []


@pytest.mark.parametrize(
    "sentence",
    [
        "On the emotional speech dataset EMOV, the model renders five emotions.",
        "On class-conditional Kin600, our student reaches an FVD of 300.",
        "Accuracy improves on the heterophilous Tolokers-2 and Wiki-cooc datasets by 3 points.",
        "Compared with the GSM8K-trained verifier of prior work, ours is more robust.",
    ],
)
def test_data_named_by_a_head_noun_an_adjective_or_a_trained_on_suffix_is_a_benchmark(nlp, sentence):
    ex = run(nlp, "A study of evaluation", sentence)
    bench = names(ex.benchmarks)
    assert bench & {"EMOV", "Kin600", "Tolokers-2", "GSM8K"}
    assert not bench & names(ex.methods)


def test_a_name_before_metric_is_not_a_benchmark(nlp):
    ex = run(nlp, "A study of hallucination", "Prior work relies on the CHAIR metric over COCO captions.")
    assert "CHAIR" not in names(ex.benchmarks)


def test_an_acronym_of_a_known_method_joins_its_long_form_even_with_a_generic_head(nlp):
    ex = run(nlp, "Offline RL", "Conservative Q-Learning (CQL) is a strong baseline on D4RL.")
    cql = [m for m in ex.methods if "CQL" in m.aliases]
    assert len(cql) == 1 and cql[0].name == "CQL" and "Conservative Q-Learning" in cql[0].aliases


def test_a_known_methods_aliases_in_one_text_are_one_entity(nlp):
    ex = run(nlp, "Splats", "Unlike 3D Gaussian splatting, 3DGS variants need dense views; we fix this.")
    assert sum(1 for m in ex.methods if {"3DGS", "3D Gaussian splatting"} & set(m.aliases)) == 1


def test_digits_in_an_acronym_are_spelled_by_a_leading_number():
    (d,) = find_definitions("We build on 3D Point Flow (3DPF) for scenes.")
    assert d.long == "3D Point Flow"


def test_a_defined_acronym_is_named_as_written_not_as_a_size_variant(nlp):
    ex = run(nlp, "Speech", "Compared with the RNN-Transducer (RNN-T) baseline, we are faster.")
    assert "RNN-T" in names(ex.methods)


def test_a_proposed_size_variant_of_a_prior_model_is_its_own_entity(nlp):
    ex = run(
        nlp,
        "Bigger retrieval models",
        "Existing retrieval models are small (e.g., Kestrel has 7B parameters). "
        "In this work, we introduce Kestrel 40B, the largest one.",
    )
    assert "Kestrel 40B" in names(ex.proposed)
    assert "Kestrel" in names(ex.methods)


def test_a_phrase_running_into_a_url_is_not_a_name(nlp):
    ex = run(
        nlp, "Drafting heads", "We propose TreeDraft. We release code at https://github.com/a/tree-draft."
    )
    assert all("http" not in a for m in ex.proposed + ex.methods for a in m.aliases)


@pytest.mark.parametrize(
    ("abstract", "is_method"),
    [
        ("We pretrain ViT-B with MAE and fine-tune on ADE20K.", True),
        ("For load forecasting, our model lowers MAE and RMSE by 8% on ETTh1.", False),
        ("Masked autoencoders (MAE) help; we improve MAE by 2%.", True),
        ("We report mean absolute error (MAE) on QM9.", False),
    ],
)
def test_an_ambiguous_acronym_takes_its_sense_from_context(nlp, abstract, is_method):
    ex = run(nlp, "A study", abstract)
    assert ("mae" in folded(ex.methods)) is is_method


def test_a_name_after_a_class_of_is_proposed_and_a_greek_variant_is_not_a_stop_compound(nlp):
    ex = run(
        nlp,
        "Better distillation objectives",
        "We revisit KL objectives for distillation and propose a class of KL-gamma "
        "objective functions with lower variance.",
    )
    assert "KL-gamma" in names(ex.proposed)


def test_latex_wrapped_initials_read_as_words(nlp):
    from kg.text import normalize_text

    abstract = normalize_text(r"We introduce \textbf{G}lide \textbf{R}outing (GR), a router for experts.")
    ex = run(nlp, "Routing experts", abstract)
    (p,) = [m for m in ex.proposed if m.name == "GR"]
    assert "Glide Routing" in p.aliases
