"""Pass 2, worker side: resolved ids onto spilled extractions, rendered as output text.

Each task takes a few spill regions and returns their ``papers.jsonl`` lines and their
``neo4j-admin`` CSV rows as text, so the parent only appends strings to files. The ids
(alias key -> canonical id) reach the workers once, as a pickle file read by the pool
initializer; with one job the parent's own dict is used.
"""

from __future__ import annotations

import csv
import io
import json
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.graph.rows import graph_rows
from kg.resolve.alias_table import AliasKey
from kg.stores.import_csv import csv_value
from kg.stores.load_plan import node_columns, relationship_columns
from kg.stores.papers_jsonl import to_record
from kg.streaming.spill import Region, read_region

FileKey = tuple[str, ...]  # ("node", label) or ("rel", from label, type, to label)

_ids: dict[AliasKey, str | None] = {}
_spill: Path | None = None
_delimiter = "|"


def init_render(ids: dict[AliasKey, str | None] | str, spill: str | Path, delimiter: str) -> None:
    """Set this process's pass-2 state; ``ids`` may be the path of its pickle (pool initializer)."""
    global _ids, _spill, _delimiter
    if isinstance(ids, str):
        with open(ids, "rb") as fh:
            ids = pickle.load(fh)
    _ids, _spill, _delimiter = ids, Path(spill), delimiter


@dataclass(slots=True)
class Rendered:
    """The output text of some consecutive regions, in input order."""

    papers_jsonl: str = ""
    rows: dict[FileKey, str] = field(default_factory=dict)  # CSV rows without header
    links: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (id, props), every occurrence
    papers: int = 0
    edges: int = 0


def render_regions(regions: list[Region]) -> Rendered:
    """Pass 2's unit of work (runs in a worker process, or in-process with one job)."""
    assert _spill is not None, "init_render() first"
    out = Rendered()
    buffers: dict[FileKey, tuple[io.StringIO, Any]] = {}
    records: list[str] = []

    def writer(key: FileKey) -> Any:
        entry = buffers.get(key)
        if entry is None:
            buf = io.StringIO()
            entry = buffers[key] = (buf, csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\n"))
        return entry[1]

    for region in regions:
        for offset, ex in enumerate(read_region(_spill, region)):
            for kind, row in graph_rows(((region.position + offset,), ex), _ids):
                if kind == "paper":
                    writer(("node", "Paper")).writerow(node_row("Paper", row, _delimiter))
                elif kind == "link":
                    out.links.append((row[0], row[1][1]))
                elif kind == "edge":
                    key = ("rel", "Paper", row["type"], row["end_label"])
                    writer(key).writerow(edge_row(row))
                    out.edges += 1
            records.append(json.dumps(to_record(ex), ensure_ascii=False))
            out.papers += 1
    out.papers_jsonl = "".join(line + "\n" for line in records)
    out.rows = {key: buf.getvalue() for key, (buf, _) in buffers.items()}
    return out


def node_row(label: str, props: dict[str, Any], delimiter: str) -> list[str]:
    """One node file row: id, label, then the model's properties in order."""
    keys = node_columns(label)[1:]  # the order node_header names them in
    return [props["id"], label, *(csv_value(_listed(props.get(k)), delimiter) for k in keys)]


def edge_row(row: dict[str, Any]) -> list[str]:
    """One relationship file row: start, end, type, then the model's relationship properties."""
    return [
        row["start_id"],
        row["end_id"],
        row["type"],
        *(csv_value(row.get(k), "") for k in relationship_columns()[2:]),
    ]


def _listed(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value)
    return list(value) if isinstance(value, tuple) else value
