"""``kg export neo4j-import DIR``: CSV files for ``neo4j-admin database import full``.

For corpora too large for transactional loading. One node file per label (``id:ID(Label)``,
``:LABEL``) and one relationship file per (from, type, to) (``:START_ID(From)``,
``:END_ID(To)``, ``:TYPE``); typed headers come from ``schema/model.json``. The exact import
command is written next to the files (``import.sh``) because it depends on them.
"""

from __future__ import annotations

import csv
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph.model import graph_model
from kg.stores.load_plan import GraphRows, graph_rows, node_columns, relationship_columns

_TYPES = {"string": "", "int": ":int", "float": ":float", "list<string>": ":string[]"}
ARRAY_DELIMITERS = ("|", ";", "\u00a6", "\u2016")  # the first one no list value contains is used


@dataclass(slots=True)
class ImportFiles:
    directory: Path
    nodes: list[Path] = field(default_factory=list)
    relationships: list[Path] = field(default_factory=list)
    array_delimiter: str = "|"

    def command(self, database: str = "neo4j", import_dir: str | None = None) -> str:
        """The ``neo4j-admin`` command line; ``import_dir`` is where the server sees these files."""
        base = Path(import_dir) if import_dir else self.directory
        return admin_import_command(
            [str(base / p.name) for p in self.nodes],
            [str(base / p.name) for p in self.relationships],
            self.array_delimiter,
            database,
        )

    def write_script(self, database: str = "neo4j") -> Path:
        """``import.sh`` beside the files: the command as a server with them in /import runs it."""
        script = self.directory / "import.sh"
        script.write_text(import_script(self.command(database, import_dir="/import")), encoding="utf-8")
        return script


def admin_import_command(
    nodes: list[str], relationships: list[str], array_delimiter: str, database: str = "neo4j"
) -> str:
    """``neo4j-admin database import full``; each entry names one file, or a header and its parts
    joined by commas (which ``neo4j-admin`` reads as one file)."""
    args = ["neo4j-admin", "database", "import", "full", "--overwrite-destination"]
    args += [f"--nodes={n}" for n in nodes]
    args += [f"--relationships={r}" for r in relationships]
    args += [f"--array-delimiter={array_delimiter}", "--multiline-fields=true", database]
    return " ".join(shlex.quote(a) for a in args)


def import_script(command: str) -> str:
    """The text of ``import.sh``: how to run ``command`` and what to do after."""
    return (
        "#!/bin/sh\n# Copy this folder to the server's import directory (/import), stop the database,\n"
        "# run this, start the database, then apply schema/neo4j/schema.cypher"
        " (`kg load --neo4j URI --schema-only`).\n" + command + "\n"
    )


def export_neo4j_import(
    graph: nx.MultiDiGraph, directory: str | Path, database: str = "neo4j"
) -> ImportFiles:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rows = graph_rows(graph)
    out = ImportFiles(directory, array_delimiter=_array_delimiter(rows))
    for label, node_rows in rows.nodes.items():
        body = [[row[0], label, *(csv_value(v, out.array_delimiter) for v in row[1:])] for row in node_rows]
        out.nodes.append(_write(directory / f"nodes_{label}.csv", node_header(label), body))
    for (src, rel, dst), rel_rows in rows.relationships.items():
        body = [[row[0], row[1], rel, *(csv_value(v, "") for v in row[2:])] for row in rel_rows]
        out.relationships.append(
            _write(directory / f"rels_{src}_{rel}_{dst}.csv", relationship_header(src, dst), body)
        )
    out.write_script(database)
    return out


def node_header(label: str) -> list[str]:
    """The ``neo4j-admin`` header of ``label``'s node file: columns in ``node_columns`` order."""
    types = graph_model().node_properties[label]
    return [f"id:ID({label})", ":LABEL"] + [k + _TYPES[types[k]] for k in node_columns(label)[1:]]


def relationship_header(src: str, dst: str) -> list[str]:
    """The header of a relationship file from ``src`` to ``dst`` nodes."""
    types = graph_model().relationship_properties
    return [f":START_ID({src})", f":END_ID({dst})", ":TYPE"] + [
        k + _TYPES[types[k]] for k in relationship_columns()[2:]
    ]


def _array_delimiter(rows: GraphRows) -> str:
    lists = [
        value for batch in rows.nodes.values() for row in batch for value in row if isinstance(value, list)
    ]
    values = {str(item) for items in lists for item in items}
    for delimiter in ARRAY_DELIMITERS:
        if not any(delimiter in v for v in values):
            return delimiter
    raise ValueError(f"every candidate array delimiter {ARRAY_DELIMITERS} occurs in some list value")


def csv_value(value: Any, delimiter: str) -> str:
    """A property as ``neo4j-admin`` reads it: lists joined by the array delimiter, None empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return delimiter.join(map(str, value))
    return str(value)


def _write(path: Path, header: list[str], body: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body)
    return path
