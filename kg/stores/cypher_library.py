"""The named query library (``schema/queries/*.cypher``) and the DDL files, parsed.

A library file is one Cypher statement under a header of ``//`` comments::

    // Purpose, one or more lines.
    // params: name (type) - what it is          (or "params: (none)")
    // :param name => 'value'                     (pasted into Neo4j Browser)

The header is the documentation a Browser user reads, and the parameter types are how
``kg query --param key=value`` converts its strings, so both are parsed from one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.graph.model import graph_model, queries_dir, schema_dir
from kg.stores.load_plan import load_statements

_PARAM_DECL = re.compile(r"^(?P<name>\w+)\s*\((?P<type>[\w<>]+)\)\s*(?:-\s*(?P<doc>.*))?$")
_PARAM_USE = re.compile(r"\$(\w+)")
PARAM_TYPES = ("string", "int", "float", "bool", "list<string>")


class LibraryError(ValueError):
    """A malformed library file or a bad parameter, with the file (and line) it is about."""


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str
    doc: str = ""


@dataclass(frozen=True, slots=True)
class LibraryQuery:
    """One named query: ``name`` is the file stem."""

    name: str
    purpose: str
    params: tuple[Param, ...]
    browser_params: tuple[str, ...]  # the ":param" lines
    text: str  # the statement, header stripped
    path: Path

    def bind(self, raw: dict[str, str]) -> dict[str, Any]:
        """Convert ``--param key=value`` strings by the declared types; unknown or missing keys fail."""
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(raw) - set(declared))
        if unknown:
            raise LibraryError(f"{self.name}: unknown parameter(s) {unknown}; it takes {sorted(declared)}")
        missing = sorted(set(declared) - set(raw))
        if missing:
            raise LibraryError(f"{self.name}: missing parameter(s) {missing} (use --param name=value)")
        return {name: convert(self.name, declared[name], value) for name, value in raw.items()}


def convert(query: str, param: Param, value: str) -> Any:
    try:
        match param.type:
            case "int":
                return int(value)
            case "float":
                return float(value)
            case "bool":
                if value.lower() not in ("true", "false"):
                    raise ValueError("expected true or false")
                return value.lower() == "true"
            case "list<string>":
                return [item.strip() for item in value.split(",") if item.strip()]
            case _:
                return value
    except ValueError as err:
        raise LibraryError(
            f"{query}: parameter {param.name}={value!r} is not of type {param.type}: {err}"
        ) from None


def parse_query_file(path: Path) -> LibraryQuery:
    """Parse one library file; a header or parameter mistake names the file and line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    purpose: list[str] = []
    params: list[Param] = []
    browser: list[str] = []
    saw_params = False
    body_start = len(lines)
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped.startswith("//"):
            if stripped:
                body_start = number - 1
                break
            continue
        comment = stripped[2:].strip()
        if comment.startswith("params:"):
            saw_params = True
            decl = comment.removeprefix("params:").strip()
            if decl and decl != "(none)":
                params.append(_param(path, number, decl))
        elif comment.startswith(":param"):
            browser.append(comment)
        elif saw_params and comment:
            params.append(_param(path, number, comment))
        elif comment:
            purpose.append(comment)
    text = "\n".join(lines[body_start:]).strip().rstrip(";").strip()
    where = f"{path}:{body_start + 1}"
    if not purpose or not saw_params:
        raise LibraryError(f"{path}:1: header needs a purpose line and a 'params:' line")
    if not text:
        raise LibraryError(f"{where}: no Cypher statement after the header")
    used = set(_PARAM_USE.findall(text))
    declared = {p.name for p in params}
    if used != declared:
        raise LibraryError(f"{where}: parameters used {sorted(used)} but declared {sorted(declared)}")
    pasted = {_browser_name(line) for line in browser}
    if pasted != declared:
        raise LibraryError(f"{path}: ':param' lines set {sorted(pasted)} but it declares {sorted(declared)}")
    return LibraryQuery(path.stem, " ".join(purpose), tuple(params), tuple(browser), text, path)


def _param(path: Path, number: int, decl: str) -> Param:
    match = _PARAM_DECL.match(decl.lstrip("- ").strip())
    if not match or match["type"] not in PARAM_TYPES:
        raise LibraryError(f"{path}:{number}: expected 'name (type) - doc' with type in {PARAM_TYPES}")
    return Param(match["name"], match["type"], (match["doc"] or "").strip())


def _browser_name(line: str) -> str:
    return line.removeprefix(":param").split("=>")[0].strip()


@dataclass(slots=True)
class QueryLibrary:
    queries: dict[str, LibraryQuery] = field(default_factory=dict)

    def get(self, name: str) -> LibraryQuery:
        try:
            return self.queries[name]
        except KeyError:
            raise LibraryError(
                f"no library query {name!r}; known: {', '.join(sorted(self.queries))}"
            ) from None


def load_library(directory: Path | None = None) -> QueryLibrary:
    directory = directory or queries_dir()
    files = sorted(directory.glob("*.cypher"))
    if not files:
        raise LibraryError(f"{directory}: no *.cypher query files")
    return QueryLibrary({path.stem: parse_query_file(path) for path in files})


def split_statements(text: str) -> list[str]:
    """Split a DDL file on ``;`` at line ends, dropping ``//`` comment lines (no ; inside strings there)."""
    code = "\n".join(line for line in text.splitlines() if not line.strip().startswith("//"))
    return [stmt.strip() for stmt in code.split(";") if stmt.strip()]


def neo4j_schema_statements() -> list[str]:
    return split_statements((schema_dir() / "neo4j" / "schema.cypher").read_text(encoding="utf-8"))


def falkordb_schema_statements() -> list[str]:
    return split_statements((schema_dir() / "falkordb" / "schema.cypher").read_text(encoding="utf-8"))


def falkordb_constraints() -> list[list[str]]:
    """Arguments after ``GRAPH.CONSTRAINT CREATE <graph>``, one list per constraint."""
    path = schema_dir() / "falkordb" / "constraints.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line.strip() and not line.lstrip().startswith("#")]


_EXAMPLE_VALUES = {"string": "x", "int": 1, "float": 1.0, "bool": True, "list<string>": ["x"]}


def lint_payload() -> dict[str, Any]:
    """Everything kg sends to Neo4j, with a ``DbSchema`` built from the model, for scripts/lint_cypher.mjs."""
    model = graph_model()
    library = load_library()
    statements = [
        {"name": f"schema/neo4j/schema.cypher #{i}", "query": q}
        for i, q in enumerate(neo4j_schema_statements(), 1)
    ]
    statements += [{"name": f"loader: {q[:70]}", "query": q} for q in load_statements()]
    statements += [
        {"name": f"schema/queries/{q.name}.cypher", "query": q.text} for q in library.queries.values()
    ]
    statements += [
        {
            "name": f"schema/queries/{q.name}.cypher :param",
            "query": ";\n".join(q.browser_params),
            "console": True,
        }
        for q in library.queries.values()
        if q.browser_params
    ]
    params: dict[str, Any] = {"rows": [["x", "x"]]}
    for query in library.queries.values():
        params.update({p.name: _EXAMPLE_VALUES[p.type] for p in query.params})
    schema = {
        "labels": model.labels,
        "relationshipTypes": model.relationship_types,
        "propertyKeys": model.property_keys,
        "parameters": params,
        "graphSchema": [{"from": src, "to": dst, "relType": rel} for src, rel, dst in model.paths()],
    }
    return {"schema": schema, "statements": statements}
