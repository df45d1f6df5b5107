"""The knowledge graph as a networkx MultiDiGraph, and the questions asked of it."""

from kg.graph.build import build_graph
from kg.graph.queries import (
    SharedBenchmarks,
    benchmark_popularity,
    find_entity,
    method_popularity,
    papers_sharing_benchmarks,
    shared_benchmark_pairs,
)

__all__ = [
    "SharedBenchmarks",
    "benchmark_popularity",
    "build_graph",
    "find_entity",
    "method_popularity",
    "papers_sharing_benchmarks",
    "shared_benchmark_pairs",
]
