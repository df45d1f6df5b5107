"""The streaming build: the in-memory build's records and CSV rows, in memory that does not grow with text."""

from __future__ import annotations

import csv
import json
import tracemalloc
from pathlib import Path

import pytest

from kg import api
from kg.graph import build_graph
from kg.sources import ReadReport
from kg.stores.import_csv import export_neo4j_import
from kg.streaming import IMPORT_DIR, stream_build
from kg.streaming.build import estimate_papers


def _csv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    return header, sorted(rows)


@pytest.fixture(scope="module")
def vocab():
    return api.default_vocabulary()


def test_streaming_build_writes_the_in_memory_builds_records_and_import_rows(tmp_path, vocab):
    streamed = stream_build(None, tmp_path / "stream", vocab=vocab)
    resolution = api.extract_and_resolve(api.read_inputs(None, ReadReport()), vocab=vocab)
    api.write_papers(resolution, tmp_path / "memory" / "papers.jsonl")
    local = export_neo4j_import(build_graph(resolution), tmp_path / "memory" / "import")

    assert streamed.papers == 120
    stream_lines = (tmp_path / "stream" / "papers.jsonl").read_text(encoding="utf-8").splitlines()
    memory_lines = (tmp_path / "memory" / "papers.jsonl").read_text(encoding="utf-8").splitlines()
    assert stream_lines == memory_lines
    for expected in local.nodes + local.relationships:
        got = tmp_path / "stream" / IMPORT_DIR / expected.name
        assert _csv_rows(got) == _csv_rows(expected), expected.name
    script = (tmp_path / "stream" / IMPORT_DIR / "import.sh").read_text(encoding="utf-8")
    assert "--nodes=/import/nodes_Paper.csv" in script
    assert not list((tmp_path / "stream").glob(".kg-*")), "the spill file is removed"


def _jsonl_corpus(path: Path, copies: int) -> Path:
    """The example corpus ``copies`` times over, each copy a different arXiv id: same names, more text."""
    papers = api.read_inputs(None, ReadReport())
    with path.open("w", encoding="utf-8") as fh:
        for c in range(copies):
            for i, p in enumerate(papers):
                record = {"id": f"{2001 + c:04d}.{i:05d}", "title": p.title, "abstract": p.abstract}
                fh.write(json.dumps(record) + "\n")
    return path


def _peak_bytes(inputs: Path, out: Path, vocab) -> int:
    tracemalloc.start()
    try:
        # both corpora fill many chunks and batches: growth is then per paper, not one chunk more
        stream_build([inputs], out, vocab=vocab, chunk_size=40, batch_size=16)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_peak_memory_grows_with_distinct_names_not_with_text_read(tmp_path, vocab):
    small = _jsonl_corpus(tmp_path / "x2.jsonl", 2)
    large = _jsonl_corpus(tmp_path / "x8.jsonl", 8)
    extra_text = large.stat().st_size - small.stat().st_size
    stream_build([large], tmp_path / "warm", vocab=vocab)  # fills every cache the larger run can fill
    peak_small = _peak_bytes(small, tmp_path / "o1", vocab)
    peak_large = _peak_bytes(large, tmp_path / "o4", vocab)
    # Holding the extra papers (text, evidence sentences, records) would cost several times their
    # text; streaming keeps the growth well below the text read (measured: about a third of it).
    assert peak_large - peak_small < 0.5 * extra_text, (peak_small, peak_large, extra_text)


def _files(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def test_two_jobs_write_byte_identical_files_to_one_job(tmp_path, vocab):
    one = stream_build(None, tmp_path / "j1", vocab=vocab, jobs=1)
    two = stream_build(None, tmp_path / "j2", vocab=vocab, jobs=2, chunk_size=25)
    assert (one.papers, one.edges, one.entities) == (two.papers, two.edges, two.entities)
    files = _files(tmp_path / "j1")
    assert files == _files(tmp_path / "j2")
    assert len(files) > 8
    for name in files:
        assert (tmp_path / "j1" / name).read_bytes() == (tmp_path / "j2" / name).read_bytes(), name


def test_the_progress_estimate_counts_json_lines_including_the_snapshots_json_name(tmp_path):
    lines = tmp_path / "arxiv-metadata-oai-snapshot.json"
    lines.write_text('{"id": "1"}\n{"id": "2"}\n{"id": "3"}\n', encoding="utf-8")
    array = tmp_path / "papers.json"
    array.write_text('[{"id": "1"},\n{"id": "2"}]\n', encoding="utf-8")
    assert estimate_papers([lines]) == 3
    assert estimate_papers([array]) is None  # one JSON array: records are not lines
    assert estimate_papers([api.bundled_corpus()[0]]) is None  # a Daily Papers dump
