"""Small kg graphs of the ``kg.graph.build_graph`` shape, and networkx answers to the library questions.

Node key = id, attrs = ``label`` + model properties (lists for aliases); edge key = relationship
type, attrs = ``type`` + evidence. The reference answers are computed on the networkx graph
directly, so the Cypher library is checked against an independent implementation.
"""

from __future__ import annotations

import random
from collections import defaultdict

import networkx as nx

from kg.text import fold

NASTY = 'He said "hi" \\ it\'s {x}) DETACH DELETE n // \n<script>alert(1)</script> ünï'


def evidence(sentence: str = "We evaluate on it.", rule: str = "vocab", confidence: float = 0.9) -> dict:
    return {"sentence": sentence, "field": "abstract", "start": 3, "end": 9, "rule": rule,
            "confidence": confidence, "surface": sentence[3:9]}  # fmt: skip


def add_paper(g: nx.MultiDiGraph, pid: str, title: str, date: str = "2024-01-02", **extra) -> None:
    g.add_node(pid, label="Paper", id=pid, name=title, title=title, abstract=f"Abstract of {title}.",
               date=date, url=f"https://arxiv.org/abs/{pid.split(':')[-1]}", source="fixture.jsonl",
               authors=["A. Author", "B. Author"], categories=["cs.CV"], **extra)  # fmt: skip


def add_entity(g: nx.MultiDiGraph, label: str, name: str, aliases: list[str], **extra) -> str:
    eid = f"{label.lower()}:{fold(name)}"
    g.add_node(eid, label=label, id=eid, name=name, aliases=aliases, **extra)
    return eid


def add_link(g: nx.MultiDiGraph, url: str, kind: str = "code") -> str:
    lid = f"link:{url}"
    g.add_node(lid, label="Link", id=lid, url=url, kind=kind, host=url.split("/")[2])
    return lid


def relate(g: nx.MultiDiGraph, src: str, rel: str, dst: str, **ev) -> None:
    g.add_edge(src, dst, key=rel, type=rel, **evidence(**ev))


def tiny_graph() -> nx.MultiDiGraph:
    """Four papers, hand-made so every library query has a non-trivial answer."""
    g = nx.MultiDiGraph()
    add_paper(g, "arxiv:2401.00001", "ViT-X: A Vision Transformer", date="2024-01-01")
    add_paper(g, "arxiv:2401.00002", "Better Video Models", date="2024-01-05")
    add_paper(g, "arxiv:2401.00003", NASTY, date="2024-02-01")
    add_paper(g, "title:00112233aabbccdd", "A Paper Without Arxiv Id", date=None)
    vitx = add_entity(
        g, "Method", "ViT-X", ["ViT-X", "Vision Transformers X"], long_form="Vision Transformer X"
    )
    bert = add_entity(g, "Method", "BERT", ["BERT", "Bert"])
    imagenet = add_entity(g, "Benchmark", "ImageNet", ["ImageNet", "ImageNet-1k"], modality="image")
    ucf = add_entity(g, "Benchmark", "UCF-101", ["UCF-101", "UCF101"], modality="video", task="action")
    coco = add_entity(g, "Benchmark", "COCO", ["COCO", "MS COCO"])
    newbench = add_entity(g, "Benchmark", "TinyBench", ["TinyBench"])
    code = add_link(g, "https://github.com/org/vitx")
    page = add_link(g, "https://vitx.example.org/", kind="project")
    p1, p2, p3, p4 = "arxiv:2401.00001", "arxiv:2401.00002", "arxiv:2401.00003", "title:00112233aabbccdd"
    relate(g, p1, "PROPOSES", vitx, rule="title_colon")
    relate(g, p1, "PROPOSES", newbench)
    for p in (p1, p2, p3):
        relate(g, p, "EVALUATED_ON", imagenet)
    for p in (p1, p2):
        relate(g, p, "EVALUATED_ON", ucf)
        relate(g, p, "EVALUATED_ON", coco)
    relate(g, p1, "EVALUATED_ON", newbench)
    relate(g, p3, "EVALUATED_ON", coco, sentence=NASTY)
    relate(g, p2, "MENTIONS", vitx)
    relate(g, p3, "MENTIONS", vitx)
    relate(g, p3, "MENTIONS", bert)
    relate(g, p4, "MENTIONS", bert)
    relate(g, p1, "HAS_CODE", code)
    relate(g, p1, "LINKS_TO", page)
    relate(g, p2, "HAS_CODE", code)
    return g


def random_graph(papers: int, seed: int = 7, benchmarks: int = 40, methods: int = 200) -> nx.MultiDiGraph:
    """A synthetic corpus of the real shape, for larger checks and the load benchmark."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    bench_ids = [add_entity(g, "Benchmark", f"Bench {i}", [f"Bench {i}", f"B{i}"]) for i in range(benchmarks)]
    method_ids = [add_entity(g, "Method", f"Method{i}", [f"Method{i}", f"M-{i}"]) for i in range(methods)]
    for i in range(papers):
        pid = f"arxiv:{2400 + i // 100000}.{i % 100000:05d}"
        add_paper(g, pid, f"Paper {i}")
        for b in rng.sample(bench_ids, rng.randint(1, 4)):
            relate(g, pid, "EVALUATED_ON", b)
        for m in rng.sample(method_ids, rng.randint(0, 3)):
            relate(g, pid, "MENTIONS", m)
        if rng.random() < 0.2:
            relate(g, pid, "PROPOSES", rng.choice(method_ids))
        if rng.random() < 0.3:
            relate(g, pid, "HAS_CODE", add_link(g, f"https://github.com/u/p{i}"))
    return g


def graph_with_rows(relationships: int, seed: int = 11) -> nx.MultiDiGraph:
    """About ``relationships`` edges (plus their nodes), for the load benchmark."""
    return random_graph(max(1, relationships // 4), seed=seed)


# -- networkx answers to the library's questions ---------------------------------------------------
def _benches(g: nx.MultiDiGraph, pid: str) -> set[str]:
    return {dst for _, dst, key in g.out_edges(pid, keys=True) if key == "EVALUATED_ON"}


def _papers(g: nx.MultiDiGraph) -> list[str]:
    return sorted(n for n, a in g.nodes(data=True) if a["label"] == "Paper")


def _names(g: nx.MultiDiGraph, ids: set[str]) -> list[str]:
    return sorted(g.nodes[i]["name"] for i in ids)


def nx_papers_sharing_benchmarks(g: nx.MultiDiGraph, paper_id: str) -> list[tuple]:
    mine = _benches(g, paper_id)
    rows = []
    for other in _papers(g):
        shared = mine & _benches(g, other)
        if other != paper_id and shared:
            rows.append((other, g.nodes[other]["name"], len(shared), _names(g, shared)))
    return sorted(rows, key=lambda r: (-r[2], r[0]))


def nx_shared_benchmark_pairs(g: nx.MultiDiGraph, k: int) -> list[tuple]:
    papers = _papers(g)
    rows = []
    for i, a in enumerate(papers):
        for c in papers[i + 1 :]:
            shared = _benches(g, a) & _benches(g, c)
            if shared and len(shared) >= k:
                rows.append((a, c, len(shared), _names(g, shared)))
    return sorted(rows, key=lambda r: (-r[2], r[0], r[1]))


def nx_benchmark_popularity(g: nx.MultiDiGraph) -> list[tuple]:
    counts: dict[str, set[str]] = defaultdict(set)
    for src, dst, key in g.edges(keys=True):
        if key == "EVALUATED_ON":
            counts[dst].add(src)
    rows = [(b, g.nodes[b]["name"], len(ps)) for b, ps in counts.items()]
    return sorted(rows, key=lambda r: (-r[2], r[0]))


def nx_benchmark_methods(g: nx.MultiDiGraph, benchmark: str) -> list[tuple]:
    rows = []
    for b, attrs in g.nodes(data=True):
        if attrs["label"] != "Benchmark" or not (
            b == benchmark or attrs["name"].lower() == benchmark.lower()
        ):
            continue
        for p in _papers(g):
            if b in _benches(g, p):
                methods = {d for _, d, k in g.out_edges(p, keys=True) if k in ("PROPOSES", "MENTIONS")}
                methods = {m for m in methods if g.nodes[m]["label"] == "Method"}
                rows.append((b, p, g.nodes[p]["name"], _names(g, methods)))
    return sorted(rows, key=lambda r: (r[0], r[1]))


def nx_method_lineage(g: nx.MultiDiGraph) -> list[tuple]:
    rows = []
    for origin, m, key in g.edges(keys=True):
        if key != "PROPOSES" or g.nodes[m]["label"] != "Method":
            continue
        later = sorted({s for s, _, k in g.in_edges(m, keys=True) if k == "MENTIONS" and s != origin})
        if later:
            rows.append((m, g.nodes[m]["name"], origin, g.nodes[origin].get("date"), later, len(later)))
    return sorted(rows, key=lambda r: (-r[5], r[0], r[2]))


def nx_papers_with_code(g: nx.MultiDiGraph) -> list[tuple]:
    rows = []
    for p in _papers(g):
        urls = sorted(g.nodes[d]["url"] for _, d, k in g.out_edges(p, keys=True) if k == "HAS_CODE")
        if urls:
            rows.append((p, g.nodes[p]["name"], urls))
    return rows


def nx_find_entity(g: nx.MultiDiGraph, alias: str) -> list[tuple]:
    key = fold(alias)
    rows = []
    for e, attrs in g.nodes(data=True):
        if attrs["label"] not in ("Method", "Benchmark"):
            continue
        names = [*attrs.get("aliases", []), attrs["name"]]
        if e.split(":", 1)[1] == key or any(fold(a) == key for a in names):
            rows.append((e, attrs["label"], attrs["name"], attrs.get("aliases")))
    return sorted(rows)
