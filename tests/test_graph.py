"""The graph: shape and properties from schema/model.json, and the questions asked of it."""

from __future__ import annotations

import networkx as nx
import pytest
from fixtures.core.build_records import benchmark, evidence_at, extraction, method

from kg.graph import (
    benchmark_popularity,
    build_graph,
    find_entity,
    method_popularity,
    papers_sharing_benchmarks,
    shared_benchmark_pairs,
)
from kg.graph.model import graph_model
from kg.graph.queries import benchmarks_of
from kg.resolve import resolve
from kg.stores.files import read_graph_json, write_graph_files
from kg.views.synthetic import synthetic_graph

ABSTRACT = "We propose FooNet. It beats ViT-B/16 on ImageNet. Code: https://github.com/org/foonet"


def _small_graph() -> nx.MultiDiGraph:
    foonet = method("FooNet")
    foonet.evidence.append(evidence_at(ABSTRACT, "FooNet", rule="naming_verb", conf=0.95))
    vit = method("ViT-B/16")
    vit.evidence += [evidence_at(ABSTRACT, "ViT-B/16", conf=0.5), evidence_at(ABSTRACT, "ViT", conf=0.8)]
    exs = [
        extraction(
            "p1",
            abstract=ABSTRACT,
            proposed=[foonet],
            methods=[vit],
            benchmarks=[benchmark("ImageNet"), benchmark("COCO")],
            links=["https://github.com/org/foonet"],
        ),
        extraction("p2", methods=[method("ViT")], benchmarks=[benchmark("ImageNet"), benchmark("COCO")]),
        extraction("p3", benchmarks=[benchmark("imagenet")], links=["https://example.org/project"]),
        extraction("p4", methods=[method("BERT")], benchmarks=[benchmark("GLUE")]),
    ]
    return build_graph(resolve(exs))


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return _small_graph()


def test_nodes_carry_a_model_label_and_exactly_its_properties(graph):
    model = graph_model()
    for node, attrs in graph.nodes(data=True):
        assert attrs["label"] in model.node_properties
        assert set(attrs) - {"label"} <= set(model.node_properties[attrs["label"]])
        assert attrs["id"] == node


def test_edges_are_keyed_by_relationship_type_between_allowed_labels(graph):
    model = graph_model()
    for src, dst, key, attrs in graph.edges(keys=True, data=True):
        assert attrs["type"] == key
        frm, to = model.endpoints[key]
        assert graph.nodes[src]["label"] == frm
        assert graph.nodes[dst]["label"] in to
        assert set(attrs) - {"type"} <= set(model.relationship_properties)


def test_graph_has_one_node_per_paper_entity_and_link(graph):
    labels = nx.get_node_attributes(graph, "label")
    counts = {label: list(labels.values()).count(label) for label in set(labels.values())}
    assert counts == {"Paper": 4, "Method": 3, "Benchmark": 3, "Link": 2}
    assert graph.nodes["method:vit"]["aliases"] == ["ViT", "ViT-B/16"]
    assert graph.nodes["link:https://github.com/org/foonet"]["host"] == "github.com"


def test_edge_types_follow_the_list_an_item_was_in(graph):
    assert graph.has_edge("p1", "method:foonet", key="PROPOSES")
    assert graph.has_edge("p1", "method:vit", key="MENTIONS")
    assert graph.has_edge("p1", "benchmark:imagenet", key="EVALUATED_ON")
    assert graph.has_edge("p1", "link:https://github.com/org/foonet", key="HAS_CODE")
    assert graph.has_edge("p3", "link:https://example.org/project", key="LINKS_TO")


def test_edge_carries_its_best_evidence_and_the_surface_it_points_at(graph):
    edge = graph.get_edge_data("p1", "method:vit", key="MENTIONS")
    assert edge["confidence"] == 0.8
    assert edge["surface"] == "ViT"
    assert edge["field"] == "abstract"
    assert ABSTRACT[edge["start"] : edge["end"]] == "ViT"


def test_papers_sharing_benchmarks_ranks_by_number_shared(graph):
    assert papers_sharing_benchmarks(graph, "p1") == [("p2", ["COCO", "ImageNet"]), ("p3", ["ImageNet"])]
    assert papers_sharing_benchmarks(graph, "p4") == []


def test_shared_benchmark_pairs_keeps_pairs_with_at_least_k(graph):
    assert shared_benchmark_pairs(graph, k=2) == [("p1", "p2", ["COCO", "ImageNet"])]
    assert len(shared_benchmark_pairs(graph)) == 3


def test_shared_benchmark_pairs_are_all_pairs_with_their_common_benchmarks_most_first():
    G = synthetic_graph(600, seed=4)
    papers = sorted(n for n, a in G.nodes(data=True) if a["label"] == "Paper")
    expected = []
    for i, a in enumerate(papers):
        for b in papers[i + 1 :]:
            common = benchmarks_of(G, a) & benchmarks_of(G, b)
            if len(common) >= 2:
                expected.append((a, b, sorted(G.nodes[x]["name"] for x in common)))
    expected.sort(key=lambda p: (-len(p[2]), p[0], p[1]))
    assert expected and shared_benchmark_pairs(G, 2) == expected


def test_a_paper_proposing_a_benchmark_shares_it_with_papers_evaluated_on_it(graph):
    G = graph.copy()
    G.add_node("p9", label="Paper", id="p9", title="A new benchmark")
    G.add_edge("p9", "benchmark:coco", key="PROPOSES", type="PROPOSES")
    assert ("p1", "p9", ["COCO"]) in shared_benchmark_pairs(G)


def test_popularity_counts_papers_per_entity_most_used_first(graph):
    assert benchmark_popularity(graph)[0] == ("benchmark:imagenet", "ImageNet", 3)
    assert method_popularity(graph)[0] == ("method:vit", "ViT", 2)


def test_find_entity_matches_any_alias_folded_and_unseen_size_variants(graph):
    assert find_entity(graph, "vit-b/16") == ["method:vit"]
    assert find_entity(graph, "ViT-H/14") == ["method:vit"]
    assert find_entity(graph, "IMAGENET") == ["benchmark:imagenet"]
    assert find_entity(graph, "nothing") == []


def test_find_entity_knows_vocabulary_aliases_no_paper_wrote(graph):
    assert find_entity(graph, "ILSVRC-2012") == ["benchmark:imagenet"]
    assert find_entity(graph, "MS COCO") == ["benchmark:coco"]


def test_graph_json_round_trips(graph, tmp_path):
    json_path, _ = write_graph_files(graph, tmp_path)
    back = read_graph_json(json_path)
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))


def test_graphml_is_readable_by_networkx_with_lists_joined(graph, tmp_path):
    _, graphml_path = write_graph_files(graph, tmp_path)
    back = nx.read_graphml(graphml_path, force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes["method:vit"]["aliases"] == "ViT|ViT-B/16"


def test_reading_a_file_that_is_not_a_graph_names_it(tmp_path):
    bad = tmp_path / "graph.json"
    bad.write_text("{not json")
    with pytest.raises(ValueError, match=r"graph\.json:1"):
        read_graph_json(bad)


def test_an_entity_listed_under_the_other_kinds_list_gets_the_edge_its_label_allows():
    graph = build_graph(resolve([extraction("p", methods=[benchmark("COCO")], benchmarks=[method("BERT")])]))
    assert graph.has_edge("p", "benchmark:coco", key="EVALUATED_ON")
    assert graph.has_edge("p", "method:bert", key="MENTIONS")
