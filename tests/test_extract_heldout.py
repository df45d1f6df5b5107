"""Quality floors on two held-out sets annotated by the guidelines independently of the extractor.

``fixtures/heldout`` (40 abstracts) and ``fixtures/heldout2`` (30) were written by people who
had not read the extractor; both were later used to find general causes of misses, so these
floors guard against regressions rather than measure unseen-text quality. They read the
papers through ``kg.sources`` and score through ``kg.evaluate``: the product's own path.
"""

from pathlib import Path

import pytest

from kg.evaluate import evaluate
from kg.extract import extract_papers
from kg.sources import read_papers
from kg.stores.papers_jsonl import write_papers_jsonl

FIXTURES = Path(__file__).parent / "fixtures"
# per set: proposed, methods, benchmarks, links, shared-benchmark pairs (F1 floors)
FLOORS = {
    "heldout": (0.95, 0.90, 0.92, 1.0, 0.95),
    "heldout2": (0.90, 0.90, 0.92, 1.0, 0.95),
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request, tmp_path_factory):
    folder = FIXTURES / request.param
    pred = tmp_path_factory.mktemp(request.param) / "papers.jsonl"
    write_papers_jsonl(extract_papers(read_papers([folder / "papers.jsonl"])), pred)
    return request.param, evaluate(folder / "gold.jsonl", pred, folder / "canonical.json")


def test_every_held_out_paper_is_scored(scored):
    name, report = scored
    assert not report.papers_missing, name


def test_f1_stays_above_the_floors_per_field_and_for_shared_benchmark_pairs(scored):
    name, report = scored
    proposed, methods, benchmarks, links, pairs = FLOORS[name]
    got = {f: round(report.fields[f].f1, 3) for f in ("proposed", "methods", "benchmarks", "links")}
    assert got["proposed"] >= proposed, got
    assert got["methods"] >= methods, got
    assert got["benchmarks"] >= benchmarks, got
    assert got["links"] >= links, got
    assert report.pairs.f1 >= pairs
