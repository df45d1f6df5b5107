"""``kg build`` for corpora that do not fit in memory: two streaming passes, nothing held per paper.

Pass 1 reads the input and extracts it in chunks (``--jobs N`` processes); each chunk comes
back pickled, is appended to a spill file in the output folder, and leaves behind only its
rows of the alias table (one row per distinct ``(kind, name, aliases, long_form)``: count and
first position). Resolution runs on that table with ``kg.resolve``'s own rules
(``kg.resolve.alias_table``). Pass 2 renders the spill back, region by region on the same
number of processes, into ``papers.jsonl`` with ids and the ``neo4j-admin database import``
CSV files (same headers as ``kg.stores.import_csv``). Memory grows with distinct surface forms
and links, not with the text read. The networkx graph, graph.json, the embedded store and
the HTML views need the whole graph in memory and are for corpora that fit (``kg.api.build``).
"""

from __future__ import annotations

import csv
import pickle
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import IO, Any

from tqdm import tqdm

from kg.extract.parallel import DEFAULT_BATCH_SIZE, DEFAULT_CHUNK_SIZE, init_worker, map_chunks
from kg.graph.build import LABEL_OF_KIND, entity_props
from kg.resolve.alias_table import TableResolution, resolve_table
from kg.sources import ReadReport, read_papers
from kg.sources.read import format_suffix, input_files
from kg.stores.import_csv import ARRAY_DELIMITERS, ImportFiles, node_header, relationship_header
from kg.streaming.render import FileKey, Rendered, init_render, node_row, render_regions
from kg.streaming.spill import AliasTable, Region, delimiters_in, spill_chunk

SPILL = ".kg-extractions.pickle"
IDS = ".kg-ids.pickle"
IMPORT_DIR = "neo4j-import"
REGIONS_PER_TASK = 4  # pass-2 task = 4 pass-1 chunks (~1,000 papers): one small pickle each way
_LINE_FORMATS = (".jsonl", ".ndjson", ".json")


@dataclass(slots=True)
class StreamResult:
    report: ReadReport
    papers: int = 0
    alias_rows: int = 0
    entities: int = 0
    links: int = 0
    edges: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # seconds per phase
    files: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        r = self.report
        phases = ", ".join(f"{name} {sec:.1f} s" for name, sec in self.phases.items())
        lines = [
            f"papers: {r.distinct} read, {r.duplicates} duplicates, {len(r.skipped)} skipped",
            f"entities: {self.entities} (from {self.alias_rows} distinct alias rows), links: {self.links}",
            f"edges: {self.edges}",
            f"{self.papers / self.seconds if self.seconds else 0:.0f} papers/s over {self.seconds:.1f} s"
            + (f" ({phases})" if phases else ""),
        ]
        return "\n".join(lines + [f"wrote {p}" for p in self.files])


def estimate_papers(paths: Iterable[Path | str]) -> int | None:
    """Line count of JSON Lines inputs (one paper per line), for the progress bar's ETA; None if unknown.

    ``.json`` counts too unless it is one JSON array: the arXiv snapshot is JSON Lines named ``.json``.
    """
    total = 0
    for path in input_files(list(paths)):
        if format_suffix(Path(path)) not in _LINE_FORMATS or str(path).endswith(".gz"):
            return None
        with open(path, "rb") as fh:
            if fh.read(4096).lstrip().startswith(b"["):
                return None
            fh.seek(0)
            total += sum(block.count(b"\n") for block in iter(lambda f=fh: f.read(1 << 20), b""))
    return total


class ImportWriter:
    """``neo4j-admin`` CSV files, one per label and per (from, type, to), appended to as text arrives."""

    def __init__(self, directory: Path, delimiter: str):
        self.directory, self.delimiter = directory, delimiter
        self.files = ImportFiles(directory, array_delimiter=delimiter)
        self._handles: dict[FileKey, IO[str]] = {}
        directory.mkdir(parents=True, exist_ok=True)

    def _handle(self, key: FileKey) -> IO[str]:
        fh = self._handles.get(key)
        if fh is None:
            if key[0] == "node":
                path, header = self.directory / f"nodes_{key[1]}.csv", node_header(key[1])
                self.files.nodes.append(path)
            else:
                _, src, rel, dst = key
                path, header = self.directory / f"rels_{src}_{rel}_{dst}.csv", relationship_header(src, dst)
                self.files.relationships.append(path)
            fh = self._handles[key] = path.open("w", encoding="utf-8", newline="")
            csv.writer(fh, lineterminator="\n").writerow(header)
        return fh

    def write(self, key: FileKey, text: str) -> None:
        """Append CSV rows rendered by ``kg.streaming.render``."""
        self._handle(key).write(text)

    def nodes(self, label: str, props: Iterable[dict[str, Any]]) -> None:
        writer = csv.writer(self._handle(("node", label)), quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerows(node_row(label, p, self.delimiter) for p in props)

    def close(self) -> list[Path]:
        for fh in self._handles.values():
            fh.close()
        return [*self.files.nodes, *self.files.relationships, self.files.write_script()]


def stream_build(
    inputs: Iterable[str | Path] | None,
    out: str | Path,
    *,
    jobs: int = 1,
    vocab: Any = None,
    progress: bool = False,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> StreamResult:
    """papers.jsonl and neo4j-import/ under ``out``, in memory bounded by distinct names, not text."""
    from kg.api import PAPERS_JSONL, bundled_corpus, default_vocabulary

    started = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = list(inputs or []) or bundled_corpus()
    result = StreamResult(report=ReadReport())
    spill_path, ids_path = out / SPILL, out / IDS
    try:
        sizes = (chunk_size, batch_size)
        table, regions, used = _extract_pass(paths, spill_path, jobs, sizes, progress, result)
        result.phases["extract"] = time.perf_counter() - started
        mark = time.perf_counter()
        if progress:
            print(f"resolve: {len(table.rows)} distinct alias rows", file=sys.stderr, flush=True)
        rows, table_papers = list(table.rows.values()), table.position
        del table  # its dict (~100 bytes a row) is not needed while resolving
        result.alias_rows = len(rows)
        resolution = resolve_table(rows, vocab if vocab is not None else default_vocabulary())
        result.entities = len(resolution.entities)
        del rows
        for entity in resolution.entities.values():
            used |= delimiters_in(entity.aliases)
        delimiter = next((d for d in ARRAY_DELIMITERS if d not in used), None)
        if delimiter is None:
            raise ValueError(f"every candidate array delimiter {ARRAY_DELIMITERS} occurs in some list value")
        result.phases["resolve"] = time.perf_counter() - mark
        mark = time.perf_counter()
        writer = ImportWriter(out / IMPORT_DIR, delimiter)
        _write_entities(writer, resolution)
        if jobs > 1:
            with ids_path.open("wb") as fh:
                pickle.dump(resolution.ids, fh, protocol=pickle.HIGHEST_PROTOCOL)
            ids: Any = str(ids_path)
        else:
            ids = resolution.ids
        del resolution  # the workers hold the ids now; the entities are written
        rendered = _render_pass(regions, ids, spill_path, delimiter, jobs)
        bar = tqdm(total=table_papers, desc="write", unit="paper", file=sys.stderr, disable=not progress)
        with bar:
            result.files = _write_outputs(rendered, writer, out / PAPERS_JSONL, result, bar.update)
        result.phases["write"] = time.perf_counter() - mark
    finally:
        spill_path.unlink(missing_ok=True)
        ids_path.unlink(missing_ok=True)
    result.seconds = time.perf_counter() - started
    return result


def _extract_pass(
    paths: list, spill_path: Path, jobs: int, sizes: tuple[int, int], progress: bool, result: StreamResult
) -> tuple[AliasTable, list[Region], set[str]]:
    """Pass 1: read, extract, spill; keep the alias table and where each chunk was spilled."""
    chunk_size, batch_size = sizes
    table, regions, used = AliasTable(), [], set()
    bar = tqdm(
        total=estimate_papers(paths), desc="extract", unit="paper", file=sys.stderr, disable=not progress
    )
    try:
        papers = read_papers(paths, result.report)
        with spill_path.open("wb") as fh:
            task = partial(spill_chunk, batch_size=batch_size)  # honoured with one job too
            chunks = map_chunks(task, papers, jobs, chunk_size, init_worker)
            for chunk in chunks:
                regions.append(Region(fh.tell(), len(chunk.data), table.position))
                fh.write(chunk.data)
                table.merge(chunk)
                used |= chunk.delimiters
                bar.update(chunk.papers)
                del chunk  # not held while the next chunk is extracted
    finally:
        bar.close()
    return table, regions, used


def _render_pass(
    regions: list[Region], ids: Any, spill: Path, delimiter: str, jobs: int
) -> Iterator[Rendered]:
    """Pass 2: the spill rendered to text, in order, on ``jobs`` processes."""
    state = (ids, str(spill), delimiter)
    if jobs <= 1:  # map_chunks runs in this process and calls no initializer there
        init_render(*state)
    # in-process there is no pickling to amortise: one region a piece holds the least memory
    per_task = REGIONS_PER_TASK if jobs > 1 else 1
    return map_chunks(render_regions, regions, jobs, per_task, init_render, state)


def _write_entities(writer: ImportWriter, resolution: TableResolution) -> None:
    # ids are "kind:key", so in id order each kind is one run: one writer call per label
    ordered = sorted(resolution.entities.values(), key=lambda e: e.id)
    for kind, entities in groupby(ordered, key=lambda e: e.kind):
        writer.nodes(LABEL_OF_KIND[kind], (entity_props(e) for e in entities))


def _write_outputs(
    rendered: Iterator[Rendered],
    writer: ImportWriter,
    papers_path: Path,
    result: StreamResult,
    advance: Callable[[int], Any],
) -> list[Path]:
    """Append each rendered piece to papers.jsonl and the CSV files; Link nodes once per id."""
    links: set[str] = set()
    with papers_path.open("w", encoding="utf-8") as papers:
        for piece in rendered:
            papers.write(piece.papers_jsonl)
            for key, text in piece.rows.items():
                writer.write(key, text)
            new = []
            for link_id, props in piece.links:
                if link_id not in links:
                    links.add(link_id)
                    new.append(props)
            if new:
                writer.nodes("Link", new)
            result.papers += piece.papers
            result.edges += piece.edges
            advance(piece.papers)
            del piece
    result.links = len(links)
    return [papers_path, *writer.close()]
