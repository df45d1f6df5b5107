"""``kg build`` for corpora that do not fit in memory: two streaming passes, nothing held per paper.

Pass 1 reads and extracts (``--jobs N`` processes), spills each extraction to a pickle
file in the output folder, and keeps only the alias table (one row per distinct
``(kind, name, aliases, long_form)``: count and first position). Resolution runs on
that table with ``kg.resolve``'s own rules (``kg.resolve.alias_table``). Pass 2 reads the
spill back, writes ``papers.jsonl`` with ids and the ``neo4j-admin database import`` CSV
files (same headers as ``kg.stores.import_csv``) record by record. Memory grows with
distinct surface forms and links, not with the text read. The networkx graph, graph.json,
the embedded store and the HTML views need the whole graph in memory and are for corpora
that fit (``kg.api.build``).
"""

from __future__ import annotations

import csv
import json
import pickle
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tqdm import tqdm

from kg.extract.parallel import DEFAULT_BATCH_SIZE, DEFAULT_CHUNK_SIZE, extract_parallel
from kg.graph.model import graph_model
from kg.graph.rows import graph_rows
from kg.records import Extraction
from kg.resolve.alias_table import AliasKey, AliasRow, TableResolution, alias_key, resolve_table
from kg.resolve.resolver import all_mentions
from kg.sources import ReadReport, read_papers
from kg.sources.read import format_suffix, input_files
from kg.stores.import_csv import (
    ARRAY_DELIMITERS,
    ImportFiles,
    csv_value,
    node_header,
    relationship_header,
)
from kg.stores.papers_jsonl import to_record

SPILL = ".kg-extractions.pickle"
IMPORT_DIR = "neo4j-import"
_SPILL_BATCH = 100  # extractions per pickle record: bounded, cheap to hold
_LINE_FORMATS = (".jsonl", ".ndjson")


@dataclass(slots=True)
class StreamResult:
    report: ReadReport
    papers: int = 0
    alias_rows: int = 0
    entities: int = 0
    links: int = 0
    edges: int = 0
    seconds: float = 0.0
    files: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        r = self.report
        lines = [
            f"papers: {r.distinct} read, {r.duplicates} duplicates, {len(r.skipped)} skipped",
            f"entities: {self.entities} (from {self.alias_rows} distinct alias rows), links: {self.links}",
            f"edges: {self.edges}",
            f"{self.papers / self.seconds if self.seconds else 0:.0f} papers/s over {self.seconds:.1f} s",
        ]
        return "\n".join(lines + [f"wrote {p}" for p in self.files])


def estimate_papers(paths: Iterable[Path | str]) -> int | None:
    """Line count of JSON Lines inputs (one paper per line), for the progress bar's ETA; None if unknown."""
    total = 0
    for path in input_files(list(paths)):
        if format_suffix(Path(path)) not in _LINE_FORMATS or str(path).endswith(".gz"):
            return None
        with open(path, "rb") as fh:
            total += sum(block.count(b"\n") for block in iter(lambda f=fh: f.read(1 << 20), b""))
    return total


class AliasTable:
    """Pass 1's only per-corpus state: one row per distinct alias key."""

    def __init__(self) -> None:
        self.rows: dict[AliasKey, AliasRow] = {}
        self.position = 0

    def add(self, ex: Extraction) -> None:
        for i, mention in enumerate(all_mentions(ex)):
            key = alias_key(mention)
            row = self.rows.get(key)
            if row is None:
                self.rows[key] = AliasRow(key, 1, (self.position, i))
            else:
                row.count += 1
        self.position += 1


def spill(extractions: Iterable[Extraction], fh: IO[bytes]) -> Iterator[Extraction]:
    """Pickle extractions to ``fh`` in batches while passing them on."""
    batch: list[Extraction] = []
    for ex in extractions:
        batch.append(ex)
        if len(batch) >= _SPILL_BATCH:
            pickle.dump(batch, fh, protocol=pickle.HIGHEST_PROTOCOL)
            batch.clear()
        yield ex
    if batch:
        pickle.dump(batch, fh, protocol=pickle.HIGHEST_PROTOCOL)


def unspill(path: Path) -> Iterator[Extraction]:
    with path.open("rb") as fh:
        while True:
            try:
                yield from pickle.load(fh)
            except EOFError:
                return


def _delimiters_in(values: Iterable[str]) -> set[str]:
    return {d for v in values for d in ARRAY_DELIMITERS if d in v}


class ImportWriter:
    """``neo4j-admin`` CSV files written row by row: one per label and per (from, type, to)."""

    def __init__(self, directory: Path, delimiter: str):
        self.directory, self.delimiter = directory, delimiter
        self.model = graph_model()
        self.files = ImportFiles(directory, array_delimiter=delimiter)
        self._handles: dict[str, tuple[IO[str], Any]] = {}
        self._node_keys: dict[str, list[str]] = {}
        self._rel_keys = list(self.model.relationship_properties)
        directory.mkdir(parents=True, exist_ok=True)

    def _open(self, name: str, header: list[str], nodes: bool) -> Any:
        path = self.directory / f"{name}.csv"
        fh = path.open("w", encoding="utf-8", newline="")
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(header)
        self._handles[name] = (fh, writer)
        (self.files.nodes if nodes else self.files.relationships).append(path)
        return writer

    def node(self, label: str, props: dict[str, Any]) -> None:
        # Headers and key lists are built once per file: rebuilding them per row re-read the
        # schema path on every call and cost more than writing the rows.
        name = f"nodes_{label}"
        handle = self._handles.get(name)
        writer = handle[1] if handle else self._open(name, node_header(label), nodes=True)
        keys = self._node_keys.get(label)
        if keys is None:
            keys = self._node_keys[label] = [k for k in self.model.node_properties[label] if k != "id"]
        writer.writerow(
            [props["id"], label, *(csv_value(_listed(props.get(k)), self.delimiter) for k in keys)]
        )

    def edge(self, row: dict[str, Any]) -> None:
        keys = self._rel_keys
        name = f"rels_Paper_{row['type']}_{row['end_label']}"
        handle = self._handles.get(name)
        writer = (
            handle[1]
            if handle
            else self._open(name, relationship_header("Paper", row["end_label"]), nodes=False)
        )
        writer.writerow(
            [row["start_id"], row["end_id"], row["type"], *(csv_value(row.get(k), "") for k in keys)]
        )

    def close(self) -> list[Path]:
        for fh, _ in self._handles.values():
            fh.close()
        script = self.directory / "import.sh"
        script.write_text(
            "#!/bin/sh\n# Run with the database stopped; then apply schema/neo4j/schema.cypher.\n"
            + self.files.command(import_dir="/import")
            + "\n",
            encoding="utf-8",
        )
        return [*self.files.nodes, *self.files.relationships, script]


def _listed(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value)
    return list(value) if isinstance(value, tuple) else value


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
    table = AliasTable()
    used: set[str] = set()
    spill_path = out / SPILL
    bar = tqdm(
        total=estimate_papers(paths), desc="extract", unit="paper", file=sys.stderr, disable=not progress
    )
    try:
        with spill_path.open("wb") as fh:
            papers = read_papers(paths, result.report)
            for ex in spill(extract_parallel(papers, jobs, chunk_size, batch_size), fh):
                table.add(ex)
                used |= _delimiters_in((*ex.paper.authors, *ex.paper.categories))
                bar.update()
        bar.close()
        resolution = resolve_table(table.rows.values(), vocab if vocab is not None else default_vocabulary())
        result.alias_rows, result.entities = len(table.rows), len(resolution.entities)
        del table
        for entity in resolution.entities.values():
            used |= _delimiters_in(entity.aliases)
        delimiter = next((d for d in ARRAY_DELIMITERS if d not in used), None)
        if delimiter is None:
            raise ValueError(f"every candidate array delimiter {ARRAY_DELIMITERS} occurs in some list value")
        result.files = _write_outputs(unspill(spill_path), resolution, out, PAPERS_JSONL, delimiter, result)
    finally:
        bar.close()
        spill_path.unlink(missing_ok=True)
    result.seconds = time.perf_counter() - started
    return result


def _write_outputs(
    extractions: Iterator[Extraction],
    resolution: TableResolution,
    out: Path,
    papers_name: str,
    delimiter: str,
    result: StreamResult,
) -> list[Path]:
    """Pass 2: ids onto each extraction, then its papers.jsonl record and its CSV rows."""
    from kg.graph.build import entity_props

    writer = ImportWriter(out / IMPORT_DIR, delimiter)
    label_of = {"method": "Method", "benchmark": "Benchmark"}
    for entity in sorted(resolution.entities.values(), key=lambda e: e.id):
        writer.node(label_of[entity.kind], entity_props(entity))
    links: set[str] = set()
    papers_path = out / papers_name
    with papers_path.open("w", encoding="utf-8") as papers:
        for position, ex in enumerate(extractions):
            for kind, row in graph_rows(((position,), ex), resolution.ids):
                if kind == "paper":
                    writer.node("Paper", row)
                elif kind == "link" and row[0] not in links:
                    links.add(row[0])
                    writer.node("Link", row[1][1])
                elif kind == "edge":
                    writer.edge(row)
                    result.edges += 1
            papers.write(json.dumps(to_record(ex), ensure_ascii=False) + "\n")
            result.papers += 1
    result.links = len(links)
    return [papers_path, *writer.close()]
