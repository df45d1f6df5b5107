"""The Python API behind ``kg``: read -> extract -> resolve -> graph -> files/store/views.

The CLI is a thin shell over these functions, so everything it does can be scripted.
The later stages (embedded store, Neo4j, HTML views) are reached through ``store_graph``,
``load_neo4j`` and ``write_views``, which import their modules only when used.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from tqdm import tqdm

from kg.graph import benchmark_popularity, build_graph
from kg.records import Extraction, Paper
from kg.resolve import Resolution, resolve
from kg.resolve.vocabulary import Vocabulary, load_vocabulary
from kg.sources import BUNDLED_CORPUS_DIR, ReadReport, read_papers
from kg.stores.files import write_graph_files

CORPUS_DIR = BUNDLED_CORPUS_DIR
PAPERS_JSONL = "papers.jsonl"
VIEWS_DIR = "views"  # kg build writes its HTML views to DIR/views/, where `kg view` looks


@dataclass(slots=True)
class Neo4jTarget:
    """Where ``build`` also loads the graph; unset fields come from the NEO4J_* variables."""

    uri: str | None = None  # None: $NEO4J_URI
    user: str | None = None
    password: str | None = None
    database: str | None = None


@dataclass(slots=True)
class BuildResult:
    """What ``build`` made: counts for the summary and the files written."""

    report: ReadReport
    resolution: Resolution
    graph: nx.MultiDiGraph
    out: Path
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one line per store loaded


def bundled_corpus() -> list[Path]:
    """The example corpus shipped with kg (two Hugging Face Daily Papers page dumps)."""
    return sorted(p for p in CORPUS_DIR.iterdir() if p.is_file())


def default_vocabulary() -> Vocabulary:
    """The bundled vocabularies plus the user's imported ones (``kg vocab import``)."""
    return load_vocabulary()


def read_inputs(inputs: Iterable[str | Path] | None, report: ReadReport) -> list[Paper]:
    """Every distinct paper of ``inputs`` (the bundled corpus when empty); raises SourceError."""
    paths = list(inputs or []) or bundled_corpus()
    return list(read_papers(paths, report))


def extract(papers: list[Paper], *, progress: bool = False, jobs: int = 1) -> Iterator[Extraction]:
    """Run the extractor (``jobs`` worker processes when > 1) with a tqdm bar on stderr."""
    from kg.extract.parallel import extract_parallel

    done = extract_parallel(papers, jobs=jobs)
    yield from tqdm(
        done, total=len(papers), desc="extract", unit="paper", file=sys.stderr, disable=not progress
    )


def extract_and_resolve(
    papers: list[Paper], *, progress: bool = False, vocab: Vocabulary | None = None, jobs: int = 1
) -> Resolution:
    """Extraction for every paper, then cross-paper resolution (vocabulary: bundled when None)."""
    extractions = list(extract(papers, progress=progress, jobs=jobs))
    return resolve(extractions, vocab if vocab is not None else default_vocabulary())


def write_papers(resolution: Resolution, path: str | Path) -> Path:
    from kg.stores.papers_jsonl import write_papers_jsonl

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_papers_jsonl(resolution.extractions, path)
    return path


# --- later stages: embedded store, Neo4j, HTML views (imported when used: slow to import) -------
def store_graph(graph: nx.MultiDiGraph, out: str | Path) -> str:
    """Replace the embedded FalkorDBLite store under ``out`` (``out/graph.rdb``) by ``graph``.

    Replace, not merge: ids can change when the corpus changes, so a build's store must hold
    exactly the built graph, like graph.json beside it (``kg load`` is the way to add to it).
    """
    from kg.stores.falkor_store import store_graph as store

    return store(graph, Path(out), replace=True).summary()


def load_neo4j(graph: nx.MultiDiGraph, target: Neo4jTarget) -> str:
    """Load into Neo4j at ``target`` (NEO4J_* variables fill the gaps); a summary."""
    from kg.stores.neo4j_store import Neo4jSettings
    from kg.stores.neo4j_store import load_neo4j as load

    settings = Neo4jSettings.from_env(
        uri=target.uri, user=target.user, password=target.password, database=target.database
    )
    return load(graph, settings.uri, settings.user, settings.password, settings.database).summary()


def write_views(graph: nx.MultiDiGraph, out: str | Path) -> list[Path]:
    """pyvis HTML views (overview, shared benchmarks, index.html) under ``out``."""
    from kg.views.write import write_views as write

    return [Path(p) for p in write(graph, Path(out))]


# --- the pipeline --------------------------------------------------------------------------------
def build(
    inputs: Iterable[str | Path] | None,
    out: str | Path,
    *,
    store: bool = True,
    views: bool = True,
    neo4j: Neo4jTarget | None = None,
    progress: bool = False,
    vocab: Vocabulary | None = None,
    jobs: int = 1,
) -> BuildResult:
    """The whole pipeline into ``out``: papers.jsonl, graph.json, graph.graphml, store, views."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = ReadReport()
    papers = read_inputs(inputs, report)
    resolution = extract_and_resolve(papers, progress=progress, vocab=vocab, jobs=jobs)
    graph = build_graph(resolution)
    result = BuildResult(report=report, resolution=resolution, graph=graph, out=out)
    result.files.append(write_papers(resolution, out / PAPERS_JSONL))
    result.files.extend(write_graph_files(graph, out))
    if store:
        result.notes.append(f"embedded store: {store_graph(graph, out)}")
    if neo4j is not None:
        result.notes.append(f"neo4j: {load_neo4j(graph, neo4j)}")
    if views:
        result.files.extend(write_views(graph, out / VIEWS_DIR))
    return result


def extract_to_jsonl(
    inputs: Iterable[str | Path], path: str | Path, *, progress: bool = False, jobs: int = 1
) -> tuple[ReadReport, Resolution]:
    """``kg extract``: per-paper records only (with resolved ids), no graph."""
    report = ReadReport()
    resolution = extract_and_resolve(read_inputs(inputs, report), progress=progress, jobs=jobs)
    write_papers(resolution, path)
    return report, resolution


def _count_by(items: Iterable[str]) -> str:
    counts = Counter(items)
    return ", ".join(f"{k} {counts[k]}" for k in sorted(counts)) or "none"


def format_summary(result: BuildResult, *, top: int = 10, max_skipped: int = 5) -> str:
    """What ``kg build`` prints: reading, entities, edges, top benchmarks, files, notes."""
    report, graph = result.report, result.graph
    skipped, conflicts = report.skipped, report.conflicts
    lines = [
        f"papers: {report.distinct} ({report.read} records read, {report.duplicates} duplicates, "
        f"{len(skipped)} skipped" + (f", {len(conflicts)} title conflicts)" if conflicts else ")"),
    ]
    for label, items in (
        ("skipped", [f"{s.source}:{s.line}: {s.reason}" for s in skipped]),
        ("conflict", conflicts),
    ):
        lines += [f"  {label} {item}" for item in items[:max_skipped]]
        if len(items) > max_skipped:
            lines.append(f"  ... and {len(items) - max_skipped} more")
    lines.append("nodes: " + _count_by(a.get("label", "?") for _, a in graph.nodes(data=True)))
    lines.append("edges: " + _count_by(k for _, _, k in graph.edges(keys=True)))
    popular = [(name, n) for _, name, n in benchmark_popularity(graph)[:top] if n > 0]
    if popular:
        lines.append("top benchmarks: " + ", ".join(f"{name} ({n})" for name, n in popular))
    lines += [f"wrote {p}" for p in result.files]
    lines += result.notes
    return "\n".join(lines)
