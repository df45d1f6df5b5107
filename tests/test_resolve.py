"""Resolution: which surface forms across papers become one entity, and which stay apart."""

from __future__ import annotations

import random

import pytest
from fixtures.core.build_records import TinyVocab, benchmark, extraction, method

from kg.records import Mention
from kg.resolve import resolve
from kg.resolve.acronyms import is_expansion, long_forms
from kg.resolve.suffixes import base_benchmark, base_name

VOCAB = TinyVocab(
    [
        ("benchmark", "ImageNet", ["ImageNet-1K", "ILSVRC-2012", "IN-1K"], "images", "image classification"),
        ("benchmark", "Kinetics-400", ["K400"], "videos", "action recognition"),
    ]
)


def ids_of(res, kind_list: str = "methods") -> dict[str, str]:
    """surface name -> id over all papers."""
    return {m.name: m.id for ex in res.extractions for m in getattr(ex, kind_list)}


def test_case_hyphen_space_and_plural_variants_are_one_benchmark():
    res = resolve(
        [
            extraction("a", benchmarks=[benchmark("UCF101")]),
            extraction("b", benchmarks=[benchmark("UCF-101")]),
        ]
    )
    ids = ids_of(res, "benchmarks")
    assert ids["UCF101"] == ids["UCF-101"] == "benchmark:ucf101"
    assert res.entities["benchmark:ucf101"].papers == {"a", "b"}


def test_vocabulary_aliases_resolve_to_the_vocabulary_name():
    exs = [
        extraction("a", benchmarks=[benchmark("ImageNet-1K")]),
        extraction("b", benchmarks=[benchmark("ILSVRC-2012")]),
        extraction("c", benchmarks=[benchmark("K400")]),
    ]
    res = resolve(exs, vocab=VOCAB)
    ids = ids_of(res, "benchmarks")
    assert ids["ImageNet-1K"] == ids["ILSVRC-2012"] == "benchmark:imagenet"
    assert ids["K400"] == "benchmark:kinetics400"
    imagenet = res.entities["benchmark:imagenet"]
    assert imagenet.name == "ImageNet"
    assert imagenet.attrs == {"modality": "images", "task": "image classification"}
    assert {"ImageNet-1K", "ILSVRC-2012"} <= imagenet.aliases


def test_without_a_vocabulary_only_folding_merges_names():
    res = resolve([extraction("a", benchmarks=[benchmark("ImageNet-1K"), benchmark("ImageNet")])])
    assert len(res.entities) == 2


def test_long_form_in_one_paper_resolves_the_acronym_in_another():
    exs = [
        extraction("a", methods=[method("ViT", "Vision Transformer", long_form="Vision Transformer")]),
        extraction("b", methods=[method("ViT")]),
        extraction("c", methods=[method("Vision Transformer")]),
    ]
    res = resolve(exs)
    assert {m.id for ex in res.extractions for m in ex.methods} == {"method:vit"}
    vit = res.entities["method:vit"]
    assert vit.name == "ViT"
    assert vit.long_form == "Vision Transformer"
    assert vit.papers == {"a", "b", "c"}


def test_multi_word_alias_that_spells_the_name_out_counts_as_its_long_form():
    mention = method("DupMAE", "duplex masked auto-encoder")
    assert long_forms(mention) == ["duplex masked auto-encoder"]
    res = resolve(
        [extraction("a", proposed=[mention]), extraction("b", methods=[method("duplex masked autoencoder")])]
    )
    assert {m.id for ex in res.extractions for m in ex.proposed + ex.methods} == {"method:dupmae"}


@pytest.mark.parametrize(
    ("candidate", "short", "expected"),
    [
        ("Vision Transformer", "ViT", True),
        ("Unified Masked Diffusion", "UMD", True),
        ("Llama 2", "Llama-2", False),
        ("CodeT5+ 16B", "CodeT5+", False),
        ("masked language modeling", "MLM", True),
        ("Something Else", "ViT", False),
    ],
)
def test_an_expansion_is_several_words_spelling_the_short_form_in_order(candidate, short, expected):
    assert is_expansion(candidate, short) is expected


def _mae(long_form: str | None) -> Mention:
    return method("MAE", *([long_form] if long_form else []), long_form=long_form)


def test_ambiguous_acronym_senses_stay_apart_and_the_bare_acronym_joins_the_majority():
    exs = [
        extraction("a", methods=[_mae("masked autoencoder")]),
        extraction("b", methods=[_mae("masked auto-encoders")]),
        extraction("c", methods=[_mae("mean absolute error")]),
        extraction("d", methods=[_mae(None)]),
    ]
    res = resolve(exs)
    by_paper = {ex.paper.id: ex.methods[0].id for ex in res.extractions}
    assert by_paper["a"] == by_paper["b"] == by_paper["d"] == "method:mae"
    assert by_paper["c"] == "method:mae~meanabsoluteerror"
    assert res.entities["method:mae~meanabsoluteerror"].long_form == "mean absolute error"
    assert res.entities["method:mae"].name == res.entities["method:mae~meanabsoluteerror"].name == "MAE"


def test_ambiguous_acronym_with_tied_senses_keeps_the_bare_acronym_separate():
    exs = [
        extraction("a", methods=[_mae("masked autoencoder")]),
        extraction("c", methods=[_mae("mean absolute error")]),
        extraction("d", methods=[_mae(None)]),
    ]
    ids = {ex.paper.id: ex.methods[0].id for ex in resolve(exs).extractions}
    assert len(set(ids.values())) == 3
    assert ids["d"] == "method:mae"


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("ViT-B/16", "ViT"),
        ("ViT-Base", "ViT"),
        ("ViT-L", "ViT"),
        ("Llama-3.1-70B", "Llama-3.1"),
        ("BERTbase", "BERT"),
        ("BERT-large", "BERT"),
        ("CodeT5+ 16B", "CodeT5+"),
        ("DiT-XL/2", "DiT"),
        ("Mixtral-8x7B", "Mixtral"),
    ],
)
def test_size_and_checkpoint_suffixes_map_to_the_base_model(name, base):
    assert base_name(name) == base


@pytest.mark.parametrize(
    "name", ["GPT-2", "VideoMAE V2", "FlashAttention-2", "Kinetics-400", "Mistral-7B-Instruct", "ResNet-50"]
)
def test_versions_and_derivatives_keep_their_own_name(name):
    assert base_name(name) == name


def test_size_variants_are_one_method_named_by_the_base_model():
    exs = [
        extraction("a", methods=[method("ViT-B/16")]),
        extraction("b", methods=[method("ViT-L")]),
        extraction("c", methods=[method("ViT-Base")]),
    ]
    res = resolve(exs)
    assert set(res.entities) == {"method:vit"}
    assert res.entities["method:vit"].name == "ViT"
    assert res.entities["method:vit"].aliases >= {"ViT-B/16", "ViT-L", "ViT-Base"}


def test_versions_are_distinct_entities():
    exs = [
        extraction("a", methods=[method("GPT-2"), method("VideoMAE V2"), method("FlashAttention-2")]),
        extraction("b", methods=[method("GPT-3"), method("VideoMAE"), method("FlashAttention")]),
        extraction("c", benchmarks=[benchmark("Kinetics-400"), benchmark("Kinetics-600")]),
    ]
    assert len(resolve(exs).entities) == 8


def test_a_method_and_a_benchmark_with_the_same_name_never_merge():
    res = resolve([extraction("a", methods=[method("COCO")], benchmarks=[benchmark("COCO")])])
    assert set(res.entities) == {"method:coco", "benchmark:coco"}


def test_display_name_is_the_most_frequent_short_form_and_ties_go_to_the_first_seen():
    exs = [
        extraction("a", methods=[method("Word2Vec")]),
        extraction("b", methods=[method("word2vec")]),
        extraction("c", methods=[method("word2vec")]),
    ]
    assert resolve(exs).entities["method:word2vec"].name == "word2vec"
    tie = [extraction("a", methods=[method("SimCLR")]), extraction("b", methods=[method("SIMCLR")])]
    assert resolve(tie).entities["method:simclr"].name == "SimCLR"


def test_links_get_ids_from_their_url():
    res = resolve([extraction("a", links=["https://github.com/org/repo"])])
    assert res.extractions[0].links[0].id == "link:https://github.com/org/repo"


def _corpus() -> list:
    return [
        extraction("a", methods=[_mae("masked autoencoder"), method("ViT-B/16")]),
        extraction("b", methods=[_mae("masked autoencoder"), method("ViT", long_form="Vision Transformer")]),
        extraction("c", methods=[_mae("mean absolute error"), method("Vision Transformer")]),
        extraction("d", methods=[_mae(None), method("SimCLR")], benchmarks=[benchmark("ImageNet-1K")]),
        extraction(
            "e", methods=[method("SIMCLR")], benchmarks=[benchmark("ILSVRC-2012"), benchmark("UCF-101")]
        ),
        extraction("f", benchmarks=[benchmark("UCF101"), benchmark("K400")]),
    ]


def test_ids_do_not_depend_on_paper_order():
    expected = {
        (ex.paper.id, m.name): m.id
        for ex in resolve(_corpus(), VOCAB).extractions
        for m in ex.methods + ex.benchmarks
    }
    for seed in range(5):
        shuffled = _corpus()
        random.Random(seed).shuffle(shuffled)
        res = resolve(shuffled, VOCAB)
        got = {(ex.paper.id, m.name): m.id for ex in res.extractions for m in ex.methods + ex.benchmarks}
        assert got == expected
        assert set(res.entities) == set(expected.values())


def test_every_mention_gets_an_id_that_names_an_entity():
    res = resolve(_corpus(), VOCAB)
    for ex in res.extractions:
        for m in ex.methods + ex.benchmarks:
            assert m.id in res.entities
            assert ex.paper.id in res.entities[m.id].papers


@pytest.mark.parametrize(
    ("candidate", "short"),
    [
        ("Masked Autoencoders", "MAE"),
        ("duplex masked auto-encoder", "DupMAE"),
        ("Generative Pre-trained Transformer 2", "GPT-2"),
    ],
)
def test_expansions_may_take_letters_from_inside_words(candidate, short):
    assert is_expansion(candidate, short)


@pytest.mark.parametrize(
    ("candidate", "short"),
    [("T5-XXL", "T5"), ("Llama-3.1-70B", "Llama-3.1"), ("Video Masked Autoencoders", "MAE")],
)
def test_size_variants_and_other_names_are_not_expansions(candidate, short):
    assert not is_expansion(candidate, short)


def test_the_bundled_vocabulary_merges_the_guidelines_benchmark_aliases():
    from kg.resolve.vocabulary import load_vocabulary

    exs = [
        extraction("a", benchmarks=[benchmark("ImageNet-1K"), benchmark("K400")]),
        extraction("b", benchmarks=[benchmark("ILSVRC-2012"), benchmark("Kinetics-400")]),
        extraction("c", benchmarks=[benchmark("ImageNet"), benchmark("MS-COCO")]),
    ]
    res = resolve(exs, vocab=load_vocabulary())
    assert res.entities["benchmark:imagenet"].papers == {"a", "b", "c"}
    assert res.entities["benchmark:kinetics400"].papers == {"a", "b"}
    assert res.entities["benchmark:imagenet"].attrs["modality"] == "vision"


@pytest.mark.parametrize(
    ("name", "base"),
    [("ImageNet-256", "ImageNet"), ("ImageNet 512x512", "ImageNet"), ("FFHQ-1024", "FFHQ")],
)
def test_image_resolution_suffixes_map_to_the_base_benchmark(name, base):
    assert base_benchmark(name) == base


@pytest.mark.parametrize("name", ["Kinetics-400", "Kinetics-600", "CIFAR-10", "CIFAR-100", "UCF-101"])
def test_benchmark_variants_that_are_other_data_keep_their_name(name):
    assert base_benchmark(name) == name


def test_a_resolution_variant_is_the_same_benchmark():
    res = resolve(
        [
            extraction("a", benchmarks=[benchmark("ImageNet-256")]),
            extraction("b", benchmarks=[benchmark("ImageNet")]),
        ]
    )
    assert set(res.entities) == {"benchmark:imagenet"}
    assert res.entities["benchmark:imagenet"].name == "ImageNet"


def test_an_entity_named_only_by_its_expansion_is_displayed_by_its_acronym_alias():
    mention = method("sparse autoencoders", "SAE", long_form="sparse autoencoders")
    res = resolve([extraction("a", methods=[mention]), extraction("b", methods=[method("SAE")])])
    assert set(res.entities) == {"method:sae"}
    assert res.entities["method:sae"].name == "SAE"


def test_resolution_leaves_the_garbage_collector_as_it_found_it():
    import gc

    papers = [extraction("p1", benchmarks=[benchmark("ImageNet")])]
    assert gc.isenabled()
    resolve(papers)
    assert gc.isenabled()
    gc.disable()
    try:
        resolve(papers)
        assert not gc.isenabled()
    finally:
        gc.enable()
