"""Synthetic graphs in the shape ``kg.graph.build_graph`` produces, of any size.

Views must be tested and benchmarked at 1k-10k nodes without running the extractor,
so this makes graphs with the real labels, keys and edge evidence, with a skewed
popularity (a few hub benchmarks and methods) like real corpora have.
"""

from __future__ import annotations

import random

import networkx as nx

# Share of nodes per label; papers dominate as in a real corpus.
_SHARES = {"Paper": 0.55, "Method": 0.2, "Benchmark": 0.1, "Link": 0.15}


def _evidence(rng: random.Random, surface: str, rule: str) -> dict:
    sentence = f"We evaluate our approach with {surface} and report state-of-the-art results."
    start = sentence.index(surface)
    return {
        "sentence": sentence,
        "field": "abstract",
        "start": start,
        "end": start + len(surface),
        "rule": rule,
        "confidence": round(rng.uniform(0.5, 1.0), 2),
        "surface": surface,
    }


def _add_edge(G: nx.MultiDiGraph, u: str, v: str, rel: str, evidence: dict) -> None:
    G.add_edge(u, v, key=rel, type=rel, **evidence)


def synthetic_graph(
    n_nodes: int, seed: int = 0, n_papers: int | None = None, n_benchmarks: int | None = None
) -> nx.MultiDiGraph:
    """A graph of about ``n_nodes`` nodes with Paper/Method/Benchmark/Link labels and evidence.

    ``n_papers`` and ``n_benchmarks`` fix those two counts (a paper x benchmark matrix of a
    given shape); with ``n_benchmarks`` given, every benchmark is used by at least one paper.
    """
    rng = random.Random(seed)
    counts = {label: max(1, round(n_nodes * share)) for label, share in _SHARES.items()}
    counts.update({k: v for k, v in (("Paper", n_papers), ("Benchmark", n_benchmarks)) if v is not None})
    G = nx.MultiDiGraph()
    methods = [f"method:m{i}" for i in range(counts["Method"])]
    benchmarks = [f"benchmark:b{i}" for i in range(counts["Benchmark"])]
    for i, node in enumerate(methods):
        G.add_node(node, label="Method", name=f"Method{i}", aliases=[f"Method{i}", f"M-{i}"], long_form="")
    for i, node in enumerate(benchmarks):
        G.add_node(
            node,
            label="Benchmark",
            name=f"Bench{i}",
            aliases=[f"Bench{i}", f"BENCH-{i}"],
            long_form=f"Benchmark number {i}",
        )
    papers = [f"arxiv:2401.{i:05d}" for i in range(counts["Paper"])]
    for i, node in enumerate(papers):
        G.add_node(
            node,
            label="Paper",
            title=f"Paper {i}: a study of learning",
            abstract="We study learning. " * 12,
            date=f"2024-01-{1 + i % 28:02d}",
            url=f"https://arxiv.org/abs/2401.{i:05d}",
        )
    # Zipf-like weights: item k is chosen with weight 1/(k+1), so a few hubs emerge.
    method_w = [1 / (k + 1) for k in range(len(methods))]
    bench_w = [1 / (k + 1) for k in range(len(benchmarks))]
    for paper in papers:
        for m in set(rng.choices(methods, method_w, k=rng.randint(1, 3))):
            _add_edge(G, paper, m, "MENTIONS", _evidence(rng, G.nodes[m]["name"], "vocab"))
        for b in set(rng.choices(benchmarks, bench_w, k=rng.randint(1, 3))):
            _add_edge(G, paper, b, "EVALUATED_ON", _evidence(rng, G.nodes[b]["name"], "context_pattern"))
        if rng.random() < 0.3:
            m = methods[rng.randrange(len(methods))]
            _add_edge(G, paper, m, "PROPOSES", _evidence(rng, G.nodes[m]["name"], "naming_verb"))
    if n_benchmarks is not None:
        for k, b in enumerate(benchmarks):
            paper = papers[k * len(papers) // len(benchmarks)]
            if not G.has_edge(paper, b):
                _add_edge(G, paper, b, "EVALUATED_ON", _evidence(rng, G.nodes[b]["name"], "context_pattern"))
    for j in range(counts["Link"]):
        paper = papers[j * len(papers) // counts["Link"]]
        url = f"https://github.com/example/repo{j}"
        G.add_node(f"link:{url}", label="Link", url=url, kind="code", host="github.com")
        _add_edge(G, paper, f"link:{url}", "HAS_CODE", _evidence(rng, url, "url"))
    return G
