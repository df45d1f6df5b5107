"""Specification of the Papers-with-Code import (kg.resolve.pwc_import), on small junk-laden fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.resolve.pwc_import import PwcImportError, clean_benchmark_name, clean_method_name, import_pwc
from kg.resolve.vocabulary import VocabError, load_vocabulary

FIXTURES = Path(__file__).parent / "fixtures" / "pwc"
ALL_FILES = [FIXTURES / "datasets.json", FIXTURES / "methods.json", FIXTURES / "tasks_datasets.csv"]


@pytest.fixture(autouse=True)
def no_user_vocab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    user = tmp_path / "user-vocab"
    monkeypatch.setenv("KG_VOCAB_DIR", str(user))
    return user


def rows(path: Path) -> dict[str, dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {row["name"]: row for row in map(json.loads, lines)}


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("COCO test-dev", "COCO"),
        ("BDD100K val", "BDD100K"),
        ("GQA test-std", "GQA"),
        ("CIFAR-100, 40% Symmetric Noise", "CIFAR-100"),
        ("VisDrone- 1% labeled data", "VisDrone"),
        ("Mini-ImageNet - 1-Shot Learning", "Mini-ImageNet"),
        ("KITTI Eigen split", "KITTI"),
        ("ColonINST-v1 (Unseen)", "ColonINST-v1"),
        ("LSUN Car 512 x 384", "LSUN Car"),
        ("IWSLT2015 German-English", "IWSLT2015"),
        ("Quuxlate en-de", "Quuxlate"),
        ("COCO-2017-val", "COCO-2017"),
        ("MUSES: MUlti-SEnsor Semantic perception dataset", "MUSES"),
        ("  HumanEval+ ", "HumanEval+"),
        ("SQL-Eval", "SQL-Eval"),
    ],
)
def test_benchmark_names_lose_split_and_setting_suffixes(raw, clean):
    assert clean_benchmark_name(raw) == (clean, "")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"),
        ("[[get~Easy//Service//Charge]]How do I dispute a charge?", "junk_characters"),
        ("Benchmarking Blorp Recognition: Datasets, Baselines, and an Empirical Study", "sentence"),
        ("A Dataset of Many Blorp Images", "sentence"),
        ("Blorp et al", "sentence"),
        ("100 sleep nights of 8 caregivers", "sentence"),
        ("Seven Different Words Make This Name Too Long", "too_long"),
        ("2017", "number"),
        ("Images", "generic"),
        ("dim 768", "generic"),
        ("FID", "stop_term"),
        ("Transformers", "stop_term"),
    ],
)
def test_junk_benchmark_names_are_dropped_with_a_reason(raw, reason):
    assert clean_benchmark_name(raw) == (None, reason)


def test_method_names_that_are_formulas_or_titles_are_dropped():
    assert clean_method_name("Multi Loss ( BCE Loss + Focal Loss )  + Dice Loss")[0] is None
    assert clean_method_name("GlimmerNet: A Glimmering Network for Learning")[1] == "sentence"
    assert clean_method_name("FrobNorm") == ("FrobNorm", "")


def test_import_keeps_new_datasets_with_aliases_from_full_name_and_variants(tmp_path):
    into = tmp_path / "out"
    import_pwc([FIXTURES / "datasets.json"], into)
    zorb = rows(into / "benchmarks.jsonl")["ZorbNet-7"]
    assert zorb["aliases"] == ["Zorb Network Images 7", "ZN-7"]  # "ZorbNet7" folds to the name
    assert zorb["modality"] == "vision"
    assert zorb["task"] == "image classification"
    assert rows(into / "benchmarks.jsonl")["QuuxQA"]["modality"] == "multimodal"


def test_known_names_are_not_duplicated_but_contribute_new_aliases(tmp_path):
    into = tmp_path / "out"
    import_pwc([FIXTURES / "datasets.json"], into)
    coco = rows(into / "benchmarks.jsonl")["COCO"]
    assert coco["aliases"] == ["COCO Blorp Edition"]  # MSCOCO, COCO-2017 are bundled already
    assert load_vocabulary(extra_dirs=[into]).lookup("coco blorp edition").name == "COCO"


def test_methods_keep_full_name_as_alias_unless_it_repeats_the_name_or_is_a_title(tmp_path):
    into = tmp_path / "out"
    import_pwc([FIXTURES / "methods.json"], into)
    methods = rows(into / "methods.jsonl")
    assert methods["FrobNorm"]["aliases"] == [
        "Frobenius Window Normalization",
        "Frobenius window normalisation",
    ]
    assert methods["Snark-Attention"]["aliases"] == []
    assert methods["GlimmerNet"]["aliases"] == []
    assert set(methods) == {"FrobNorm", "Snark-Attention", "GlimmerNet"}  # Adam, LoRA known; Transformer stop


def test_csv_rows_yield_cleaned_names_with_their_task(tmp_path):
    into = tmp_path / "out"
    report = import_pwc([FIXTURES / "tasks_datasets.csv"], into)
    bench = rows(into / "benchmarks.jsonl")
    assert {"Blorp-Det", "Hyper-Blorp Dataset", "Zorb-Mini", "Zorb", "Zorb-LT", "WMT2031", "Quuxlate"} <= set(
        bench
    )
    assert bench["Blorp-Det"]["task"] == "object detection"
    assert bench["Hyper-Blorp Dataset"]["aliases"] == ["Hyper-Blorp"]
    assert report.dropped["number"] == 1 and report.dropped["generic"] == 3


def test_one_word_plain_names_are_imported_case_sensitive(tmp_path):
    into = tmp_path / "out"
    import_pwc([FIXTURES / "tasks_datasets.csv"], into)
    vocab = load_vocabulary(extra_dirs=[into])
    assert vocab.lookup("Zorb").name == "Zorb"
    assert vocab.lookup("zorb") is None
    assert vocab.lookup("zorb-lt").name == "Zorb-LT"


def test_report_accounts_for_every_record_read(tmp_path):
    report = import_pwc(ALL_FILES, tmp_path / "out")
    assert report.read == report.kept + sum(report.dropped.values())
    assert report.kept == report.benchmarks + report.methods
    assert report.dropped["malformed"] == 2
    assert report.dropped["duplicate"] >= 2  # "zorbnet 7", "frobnorm"
    assert "FID" in report.examples["stop_term"]
    assert "dropped" in report.summary()


def test_second_import_of_the_same_files_changes_nothing(tmp_path):
    into = tmp_path / "out"
    import_pwc(ALL_FILES, into)
    before = {p.name: p.read_bytes() for p in into.iterdir()}
    again = import_pwc(ALL_FILES, into)
    assert again.kept == 0 and again.written == []
    assert {p.name: p.read_bytes() for p in into.iterdir()} == before


def test_import_merges_with_entries_already_in_the_target(tmp_path):
    into = tmp_path / "out"
    into.mkdir()
    (into / "benchmarks.jsonl").write_text(
        json.dumps({"name": "ZorbNet-7", "aliases": ["Zorb Seven"], "modality": "vision"}) + "\n",
        encoding="utf-8",
    )
    import_pwc([FIXTURES / "datasets.json"], into)
    zorb = rows(into / "benchmarks.jsonl")["ZorbNet-7"]
    assert zorb["aliases"] == ["Zorb Seven", "Zorb Network Images 7", "ZN-7"]
    assert next(iter(rows(into / "benchmarks.jsonl"))) == "ZorbNet-7"  # existing entries keep their place


def test_default_target_is_the_user_vocab_dir_read_by_load_vocabulary(no_user_vocab):
    import_pwc([FIXTURES / "datasets.json"])
    assert (no_user_vocab / "benchmarks.jsonl").is_file()
    assert load_vocabulary().lookup("ZN-7").name == "ZorbNet-7"


def test_unreadable_json_names_file_and_line(tmp_path):
    bad = tmp_path / "datasets.json"
    bad.write_text('[\n  {"name": "X"},\n  oops\n]\n', encoding="utf-8")
    with pytest.raises(PwcImportError, match=rf"{bad}:3:"):
        import_pwc([bad], tmp_path / "out")


def test_missing_file_and_unknown_json_shape_are_clear_errors(tmp_path):
    with pytest.raises(PwcImportError, match="no such file"):
        import_pwc([tmp_path / "nope.json"], tmp_path / "out")
    odd = tmp_path / "dump.json"
    odd.write_text('[{"name": "X"}]', encoding="utf-8")
    with pytest.raises(PwcImportError, match="datasets or methods"):
        import_pwc([odd], tmp_path / "out")


def test_bad_line_in_existing_target_file_names_file_and_line(tmp_path):
    into = tmp_path / "out"
    into.mkdir()
    (into / "benchmarks.jsonl").write_text('{"name": "ok"}\n{broken\n', encoding="utf-8")
    with pytest.raises(VocabError, match=r"benchmarks.jsonl:2:"):
        import_pwc([FIXTURES / "datasets.json"], into)
