"""The scorer, on tiny hand-made gold/prediction files whose numbers were worked out by hand.

Paper One: proposed "Proposed X" matches PX by alias (TP 1). Methods: "bert" matches BERT
(TP), the second "BERT" finds BERT already taken (FP), "Transformers" folds to the optional
"Transformer" (neutral), "LLM" matches nothing (FP); GPT-2 is missed (FN). Benchmarks:
"ImageNet" is not an alias of ImageNet-1K (FP, FN), although the prediction lists
"ImageNet-1K" among its own aliases: only the predicted name is judged. Link matches after cleaning (TP).
Paper Two: "Foo" FP; "T-5" folds to T5 (TP); "imagenet" TP; COCO FN; link FP.
Paper Three has no prediction: COCO FN. "Not In Gold" is not scored.

Pairs: gold benchmark keys {imagenet} / {imagenet, coco} / {coco} -> pairs (1,2), (2,3);
predicted {imagenet} (ImageNet via canonical) / {imagenet} / {} -> pair (1,2).
"""

from pathlib import Path

import pytest

from kg.evaluate import evaluate, format_misses, format_report, match_entities, pair_records, title_key

FIX = Path(__file__).parent / "fixtures" / "extract"


@pytest.fixture(scope="module")
def report():
    return evaluate(FIX / "eval_gold.jsonl", FIX / "eval_pred.jsonl", FIX / "eval_canonical.json")


def counts(score):
    return score.tp, score.fp, score.fn


def test_proposed_matches_any_gold_alias_after_folding(report):
    assert counts(report.fields["proposed"]) == (1, 1, 0)


def test_methods_duplicates_are_false_positives_and_optional_names_are_neutral(report):
    assert counts(report.fields["methods"]) == (2, 2, 1)


def test_a_prediction_is_judged_by_its_name_not_its_aliases():
    gold = [{"name": "MAE", "aliases": ["MAE", "masked autoencoder"]}]
    by_alias = [{"name": "masked autoencoding", "aliases": ["MAE"]}]
    assert match_entities(by_alias, gold) == ([None], [False], [0])
    by_name = [{"name": "masked autoencoders", "aliases": []}]
    assert match_entities(by_name, gold) == ([0], [False], [])


def test_an_optional_name_is_neutral_only_when_it_is_the_predicted_name():
    gold = [{"name": "BERT", "aliases": ["BERT"]}]
    assert match_entities([{"name": "Transformers", "aliases": []}], gold, ["Transformer"])[1] == [True]
    assert match_entities([{"name": "LLM", "aliases": ["Transformer"]}], gold, ["Transformer"])[1] == [False]


def test_benchmarks_match_on_the_predicted_name_only(report):
    assert counts(report.fields["benchmarks"]) == (1, 1, 3)


def test_links_compare_cleaned_urls(report):
    assert counts(report.fields["links"]) == (1, 1, 0)


def test_micro_average_sums_the_fields(report):
    assert counts(report.micro) == (5, 5, 4)
    assert report.micro.precision == pytest.approx(0.5)
    assert report.micro.recall == pytest.approx(5 / 9)


def test_shared_benchmark_pairs_use_canonical_names(report):
    assert counts(report.pairs) == (1, 0, 1)
    assert report.pairs.f1 == pytest.approx(2 / 3)


def test_papers_are_aligned_by_normalised_title(report):
    assert report.papers_scored == 2 and report.papers_missing == ["Paper Three"]
    assert report.papers_extra == 1
    assert title_key("Paper One: A") == title_key("paper one:  a")


def test_papers_pair_by_id_when_both_carry_one_else_by_title():
    gold = [
        {"id": "arxiv:2102.08864v4", "title": "Gold Title"},
        {"id": "pwc-test-0001", "title": None},
        {"title": "Only A Title"},
        {"id": "pwc-test-0002", "title": None},
    ]
    pred = [
        {"id": "id:pwc-test-0001", "title": None},
        {"id": "arxiv:2102.08864", "title": "A Reworded Title"},
        {"id": "title:0123456789abcdef", "title": "only a title"},
        {"id": "id:pwc-test-9999", "title": None},
    ]
    pairs, unpaired = pair_records(gold, pred)
    assert [p["id"] if p else None for _, p in pairs] == [
        "arxiv:2102.08864",
        "id:pwc-test-0001",
        "title:0123456789abcdef",
        None,
    ]
    assert unpaired == 1


def test_report_and_misses_are_readable(report):
    table = format_report(report)
    assert "benchmark pairs" in table and "micro" in table
    misses = format_misses(report)
    assert "## Paper Two" in misses and "FN  COCO" in misses


def test_bad_json_line_names_file_and_line(tmp_path):
    bad = tmp_path / "pred.jsonl"
    bad.write_text('{"title": "x"}\n{oops\n')
    with pytest.raises(ValueError, match=r"pred.jsonl:2"):
        evaluate(FIX / "eval_gold.jsonl", bad)
