"""The aggregated alias table resolves exactly like ``kg.resolve.resolve`` over the full corpus.

This is what lets Spark (and a streaming build) resolve from a table bounded by distinct
surface forms instead of holding every extraction: pure Python, no Spark needed.
"""

from __future__ import annotations

import random

from fixtures.core.build_records import TinyVocab, benchmark, extraction, method

from kg.resolve import resolve
from kg.resolve.alias_table import AliasRow, alias_key, resolve_table
from kg.resolve.resolver import all_mentions

VOCAB = TinyVocab(
    [
        ("benchmark", "ImageNet", ["ImageNet-1K", "ILSVRC-2012", "IN-1K"], "images", "image classification"),
        ("method", "Vision Transformer", ["ViT"], None, None),
    ]
)

METHODS = [
    ("ViT", ("Vision Transformer",), "Vision Transformer"),
    ("ViT-B/16", (), None),
    ("ViTs", (), None),
    ("MAE", ("masked autoencoder",), "masked autoencoder"),
    ("MAE", ("mean absolute error",), "mean absolute error"),
    ("MAE", (), None),
    ("masked auto-encoder", (), None),
    ("Llama-3.1-70B", (), None),
    ("Llama-3.1", (), None),
    ("BERT", (), None),
    ("bert", (), None),
    ("UMD", ("Unified Masked Diffusion",), "Unified Masked Diffusion"),
]
BENCHMARKS = [("ImageNet-1K", ()), ("IN-1K", ()), ("UCF-101", ()), ("UCF101", ()), ("COCO", ("MS-COCO",))]


def random_corpus(seed: int, n: int = 60):
    rng = random.Random(seed)
    corpus = []
    for i in range(n):
        ms = [
            method(name, *aliases, long_form=lf)
            for name, aliases, lf in rng.sample(METHODS, rng.randint(0, 4))
        ]
        bs = [benchmark(name, *aliases) for name, aliases in rng.sample(BENCHMARKS, rng.randint(0, 2))]
        proposed = ms[:1] if rng.random() < 0.3 else []
        corpus.append(extraction(f"p{i}", proposed=proposed, methods=ms[len(proposed) :], benchmarks=bs))
    return corpus


def alias_rows(extractions) -> list[AliasRow]:
    """The table Spark aggregates: count, first position and papers per distinct alias key."""
    rows: dict = {}
    for p, ex in enumerate(extractions):
        for i, m in enumerate(all_mentions(ex)):
            key = alias_key(m)
            row = rows.setdefault(key, AliasRow(key, 0, (p, i), frozenset()))
            row.count += 1
            row.papers = row.papers | {ex.paper.id}
    return list(rows.values())


def entity_view(entities):
    return {
        eid: (e.kind, e.name, sorted(e.aliases), sorted(e.papers), e.long_form, e.attrs)
        for eid, e in entities.items()
    }


def test_table_resolution_gives_the_same_ids_and_entities_as_resolve():
    for seed in range(40):
        for vocab in (None, VOCAB):
            corpus = random_corpus(seed)
            table = resolve_table(alias_rows(corpus), vocab)
            expected = resolve(corpus, vocab)
            assert entity_view(table.entities) == entity_view(expected.entities), seed
            for ex in expected.extractions:
                for m in all_mentions(ex):
                    assert table.ids[alias_key(m)] == m.id, (seed, m.name)


def test_table_rows_may_arrive_in_any_order():
    rows = alias_rows(random_corpus(7))
    shuffled = rows[:]
    random.Random(1).shuffle(shuffled)
    assert entity_view(resolve_table(shuffled).entities) == entity_view(resolve_table(rows).entities)
