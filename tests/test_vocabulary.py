"""Specification of the bundled vocabularies and their loader (kg.resolve.vocabulary)."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

import pytest

from kg.resolve.vocabulary import (
    MODALITIES,
    PACKAGE_VOCAB_DIR,
    VocabError,
    load_vocabulary,
    load_vocabulary_from,
    user_vocab_dir,
)
from kg.text import fold


@pytest.fixture(autouse=True)
def no_user_vocab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user dir at an empty temp folder so a developer's own files never leak in."""
    user = tmp_path / "user-vocab"
    monkeypatch.setenv("KG_VOCAB_DIR", str(user))
    return user


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


# --- bundled data ----------------------------------------------------------------------


def test_bundled_vocabularies_meet_size_targets():
    vocab = load_vocabulary()
    assert len(vocab.benchmarks) >= 600
    assert len(vocab.methods) >= 200
    assert len(vocab.stop_terms) >= 300


def test_every_benchmark_has_name_modality_and_task():
    for entry in load_vocabulary().benchmarks:
        assert entry.name.strip(), entry
        assert entry.modality in MODALITIES, entry
        assert entry.task and entry.task.strip(), entry


@pytest.mark.parametrize("kind", ["benchmark", "method"])
def test_no_folded_name_or_alias_belongs_to_two_entries(kind):
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in load_vocabulary().entries(kind):
        for surface in entry.surfaces:
            owners[fold(surface)].add(entry.name)
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert shared == {}


@pytest.mark.parametrize("kind", ["benchmark", "method"])
def test_every_name_and_alias_looks_up_its_own_entry(kind):
    vocab = load_vocabulary()
    for entry in vocab.entries(kind):
        for surface in entry.surfaces:
            assert vocab.lookup(surface, kind) is entry, surface


def test_no_vocabulary_name_or_alias_is_a_stop_term():
    vocab = load_vocabulary()
    clashes = [s for e in vocab.entries() for s in e.surfaces if vocab.is_stop(s)]
    assert clashes == []


def test_bundled_files_are_one_json_object_per_line():
    for name in ("benchmarks.jsonl", "methods.jsonl", "models.jsonl"):
        for line in (PACKAGE_VOCAB_DIR / name).read_text(encoding="utf-8").splitlines():
            assert isinstance(json.loads(line), dict)


# --- lookups ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("ImageNet-1k", "ImageNet"),
        ("imagenet", "ImageNet"),
        ("ILSVRC2012", "ImageNet"),
        ("ILSVRC-2012", "ImageNet"),
        ("MSCOCO", "COCO"),
        ("MS COCO", "COCO"),
        ("K400", "Kinetics-400"),
        ("SSv2", "Something-Something V2"),
        ("BigBench", "BIG-bench"),
        ("UCF101", "UCF-101"),
        ("ucf 101", "UCF-101"),
        ("CNN/DM", "CNN/DailyMail"),
        ("W&I+LOCNESS", "BEA-2019"),
        ("HEVC-B", "HEVC Class B"),
    ],
)
def test_benchmark_lookup_folds_case_hyphens_spaces_and_knows_abbreviations(surface, name):
    entry = load_vocabulary().lookup(surface, "benchmark")
    assert entry is not None and entry.name == name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ImageNet", "ImageNet-22K"),
        ("CIFAR-10", "CIFAR-100"),
        ("Kinetics-400", "Kinetics-600"),
        ("HumanEval", "HumanEval+"),
        ("MBPP", "MBPP+"),
        ("SQuAD", "SQuAD 2.0"),
    ],
)
def test_variants_that_are_different_data_are_different_entries(a, b):
    vocab = load_vocabulary()
    assert vocab.lookup(a) is not vocab.lookup(b)


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("top-p sampling", "nucleus sampling"),
        ("byte pair encoding", "BPE"),
        ("Rotary Position Embedding", "RoPE"),
        ("grouped-query attention", "GQA"),
        ("stochastic gradient descent", "SGD"),
        ("Monte Carlo tree search", "MCTS"),
        ("beam search", "beam search"),
        ("k-means", "k-means"),
    ],
)
def test_method_lookup_maps_long_forms_and_acronyms_to_one_entry(surface, name):
    entry = load_vocabulary().lookup(surface, "method")
    assert entry is not None and entry.name == name


def test_case_sensitive_entries_match_only_as_written():
    vocab = load_vocabulary()
    assert vocab.lookup("Places").name == "Places"
    assert vocab.lookup("places") is None
    assert vocab.lookup("The Pile").name == "The Pile"
    assert vocab.lookup("the pile") is None
    assert vocab.lookup("RACE") is not None and vocab.lookup("race") is None


def test_kind_selects_between_a_benchmark_and_a_method_sharing_an_acronym():
    vocab = load_vocabulary()
    assert vocab.lookup("GQA", "benchmark").kind == "benchmark"
    assert vocab.lookup("GQA", "method").name == "GQA"
    assert vocab.lookup("GQA", "method").kind == "method"


def test_unknown_names_look_up_nothing():
    assert load_vocabulary().lookup("ZorbNet-7") is None


@pytest.mark.parametrize(
    "term",
    ["Transformers", "LLMs", "self-supervised learning", "FID", "mIoU", "GPU", "Specifically", "January"],
)
def test_paradigms_metrics_units_and_prose_words_are_stop_terms(term):
    assert load_vocabulary().is_stop(term)


@pytest.mark.parametrize("term", ["BERT", "beam search", "ImageNet", "LoRA"])
def test_names_are_not_stop_terms(term):
    assert not load_vocabulary().is_stop(term)


# --- user dirs and merging -------------------------------------------------------------


def test_user_dir_prefers_kg_vocab_dir_then_xdg_then_home(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_VOCAB_DIR", str(tmp_path / "explicit"))
    assert user_vocab_dir() == tmp_path / "explicit"
    monkeypatch.delenv("KG_VOCAB_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert user_vocab_dir() == tmp_path / "xdg" / "kg" / "vocab"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_vocab_dir() == tmp_path / "home" / ".local" / "share" / "kg" / "vocab"


def test_user_dir_entries_extend_bundled_ones_and_add_new_names(no_user_vocab):
    write_jsonl(
        no_user_vocab / "benchmarks.jsonl",
        [
            {"name": "imagenet-1k", "aliases": ["IN1k-val-set"]},
            {"name": "ZorbNet-7", "aliases": ["ZN-7"], "modality": "vision", "task": "image classification"},
        ],
    )
    (no_user_vocab / "stop_methods.txt").write_text("# mine\nBlorp Learning\n", encoding="utf-8")
    vocab = load_vocabulary()
    imagenet = vocab.lookup("IN1k-val-set")
    assert imagenet.name == "ImageNet" and "ILSVRC-2012" in imagenet.aliases
    assert vocab.lookup("zn-7").name == "ZorbNet-7"
    assert vocab.is_stop("blorp learning")
    assert vocab.is_stop("Transformers")


def test_later_extra_dirs_override_modality_and_case_sensitivity(tmp_path):
    write_jsonl(tmp_path / "a" / "methods.jsonl", [{"name": "Frobnicate", "aliases": ["FRB"]}])
    write_jsonl(tmp_path / "b" / "methods.jsonl", [{"name": "frobnicate", "case_sensitive": True}])
    vocab = load_vocabulary_from([tmp_path / "a", tmp_path / "b"])
    assert vocab.lookup("Frobnicate").case_sensitive
    assert vocab.lookup("frb") is None
    assert vocab.lookup("FRB").name == "Frobnicate"


def test_default_load_is_cached_but_sees_changed_files(no_user_vocab):
    first = load_vocabulary()
    assert load_vocabulary() is first
    write_jsonl(no_user_vocab / "benchmarks.jsonl", [{"name": "ZorbNet-7"}])
    assert load_vocabulary().lookup("ZorbNet-7") is not None


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "invalid JSON"),
        ('["a list"]', "JSON object"),
        ('{"aliases": ["x"]}', '"name"'),
        ('{"name": "X", "aliases": "Y"}', '"aliases"'),
        ('{"name": "X", "modality": "smell"}', '"modality"'),
        ('{"name": "X", "case_sensitive": "yes"}', '"case_sensitive"'),
        ('{"name": "X", "alias": ["Y"]}', "unknown field"),
    ],
)
def test_bad_line_raises_error_naming_file_and_line(tmp_path, line, message):
    path = tmp_path / "benchmarks.jsonl"
    path.write_text('{"name": "Good One"}\n\n' + line + "\n", encoding="utf-8")
    with pytest.raises(VocabError) as info:
        load_vocabulary(extra_dirs=[tmp_path])
    assert f"{path}:3:" in str(info.value)
    assert message in str(info.value)


def test_package_data_dir_ships_with_the_package():
    assert PACKAGE_VOCAB_DIR.is_dir()
    assert {"benchmarks.jsonl", "methods.jsonl", "models.jsonl", "stop_methods.txt"} <= set(
        os.listdir(PACKAGE_VOCAB_DIR)
    )


# --- models.jsonl: named models and architectures ------------------------------------------


def test_bundled_models_file_holds_several_hundred_named_models():
    rows = (PACKAGE_VOCAB_DIR / "models.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rows) >= 400


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("Mask R-CNN", "Mask R-CNN"),
        ("GroundingDINO", "Grounding DINO"),
        ("Swin-S", "Swin Transformer"),
        ("SDXL", "Stable Diffusion XL"),
        ("wav2vec2", "wav2vec 2.0"),
        ("Whisper", "Whisper"),
    ],
)
def test_models_are_looked_up_as_methods(surface, name):
    entry = load_vocabulary().lookup(surface, "method")
    assert entry is not None and entry.name == name and entry.kind == "method"


@pytest.mark.parametrize("word", ["whisper", "chronos", "latte", "octo"])
def test_a_model_named_by_an_ordinary_word_matches_only_as_spelled(word):
    assert load_vocabulary().lookup(word, "method") is None


def test_a_models_file_in_an_extra_dir_adds_methods(tmp_path):
    write_jsonl(tmp_path / "models.jsonl", [{"name": "Quokkaformer", "aliases": ["QKF"]}])
    vocab = load_vocabulary(extra_dirs=[tmp_path])
    assert vocab.lookup("qkf", "method").name == "Quokkaformer"


def test_stop_file_comments_do_not_swallow_terms_containing_hash(tmp_path):
    (tmp_path / "stop_methods.txt").write_text("# heading\nC#\nBlorp  # why\n", encoding="utf-8")
    vocab = load_vocabulary_from([tmp_path])
    assert vocab.stop_terms == {fold("C#"), fold("Blorp")}
