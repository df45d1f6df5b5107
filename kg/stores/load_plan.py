"""What a store load sends: Cypher statements derived from ``schema/model.json`` and batched rows.

Both stores (Neo4j and the embedded FalkorDB) run exactly these statements, and the
Cypher linter checks exactly these strings: one place for each statement. Labels and
relationship types are spliced into the text only from the model's fixed set; every
value that came from text travels as a parameter (``$rows``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.graph.model import graph_model
from kg.stores.results import LoadStats


def node_columns(label: str) -> list[str]:
    """Positions in a node row: ``[id, *the label's other properties in model order]``."""
    _check_name(label, graph_model().labels)
    return ["id", *(k for k in graph_model().node_properties[label] if k != "id")]


def relationship_columns() -> list[str]:
    """Positions in a relationship row: ``[src id, dst id, *evidence properties in model order]``."""
    return ["src", "dst", *graph_model().relationship_properties]


def _set_clause(var: str, columns: list[str], first: int) -> str:
    return ", ".join(f"{var}.{key} = row[{i}]" for i, key in enumerate(columns[first:], first))


def node_statement(label: str) -> str:
    """MERGE one batch of nodes of ``label`` on their id, then set every model property.

    Rows are positional lists: FalkorDB parses list parameters about twice as fast as maps.
    Setting every property (null removes one) makes the stored node exactly the graph's.
    """
    return (
        f"UNWIND $rows AS row MERGE (n:{label} {{id: row[0]}}) SET {_set_clause('n', node_columns(label), 1)}"
    )


def relationship_statement(rel_type: str, src: str, dst: str) -> str:
    """MERGE one batch of ``src -[rel_type]-> dst`` between existing nodes, evidence as properties."""
    if (src, rel_type, dst) not in graph_model().paths():
        raise ValueError(f"({src})-[:{rel_type}]->({dst}) is not in schema/model.json")
    return (
        f"UNWIND $rows AS row MATCH (a:{src} {{id: row[0]}}) MATCH (b:{dst} {{id: row[1]}}) "
        f"MERGE (a)-[r:{rel_type}]->(b) SET {_set_clause('r', relationship_columns(), 2)}"
    )


def count_statements() -> dict[str, str]:
    """One count query per label and relationship type: what a load reports the store holds."""
    model = graph_model()
    counts = {label: f"MATCH (n:{label}) RETURN count(n) AS n" for label in model.labels}
    counts.update({rel: f"MATCH ()-[r:{rel}]->() RETURN count(r) AS n" for rel in model.relationship_types})
    return counts


def read_statements() -> dict[tuple[str, ...], str]:
    """Reading the graph back out of a store: per label, then per (from, type, to)."""
    model = graph_model()
    reads: dict[tuple[str, ...], str] = {
        (label,): f"MATCH (n:{label}) RETURN properties(n) AS props" for label in model.labels
    }
    for src, rel, dst in model.paths():
        reads[src, rel, dst] = (
            f"MATCH (a:{src})-[r:{rel}]->(b:{dst}) RETURN a.id, b.id, properties(r) AS props"
        )
    return reads


def load_statements() -> list[str]:
    """Every statement a load, a count or a read-back can send, for the linter."""
    model = graph_model()
    return (
        [node_statement(label) for label in model.labels]
        + [relationship_statement(rel, src, dst) for src, rel, dst in model.paths()]
        + list(count_statements().values())
        + list(read_statements().values())
    )


@dataclass(frozen=True, slots=True)
class Step:
    """One round trip: a statement and its ``$rows`` (positional lists, see ``node_columns``)."""

    statement: str
    rows: list[list[Any]]
    kind: str  # "node" or "relationship"


@dataclass(slots=True)
class GraphRows:
    """A graph as positional rows (see ``node_columns``), grouped by the statement that loads them."""

    nodes: dict[str, list[list[Any]]] = field(default_factory=dict)  # label -> rows
    relationships: dict[tuple[str, str, str], list[list[Any]]] = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        return sum(map(len, self.nodes.values())) + sum(map(len, self.relationships.values()))


def graph_rows(graph: nx.MultiDiGraph) -> GraphRows:
    """Flatten a ``kg.graph`` graph; anything outside the model is an error naming the node or edge.

    Only the model's properties are kept (missing ones as None); list properties become lists.
    """
    model = graph_model()
    paths = set(model.paths())
    columns = {label: node_columns(label)[1:] for label in model.labels}
    list_columns = {
        label: [i for i, key in enumerate(cols, 1) if model.node_properties[label][key].startswith("list")]
        for label, cols in columns.items()
    }
    rel_columns = relationship_columns()[2:]
    out = GraphRows()
    labels: dict[str, str] = {}
    for node_id, attrs in graph.nodes(data=True):
        label = attrs.get("label")
        if label not in columns:
            raise ValueError(f"node {node_id!r}: label {label!r} is not one of {model.labels}")
        labels[node_id] = label
        row = [str(node_id), *map(attrs.get, columns[label])]
        for i in list_columns[label]:
            if row[i] is not None:
                row[i] = sorted(row[i]) if isinstance(row[i], (set, frozenset)) else list(row[i])
        out.nodes.setdefault(label, []).append(row)
    for src, dst, key, attrs in graph.edges(keys=True, data=True):
        rel = attrs.get("type", key)
        path = (labels[src], rel, labels[dst])
        if path not in paths:
            raise ValueError(
                f"edge {src!r} -> {dst!r}: ({path[0]})-[:{rel}]->({path[2]}) is not in the model"
            )
        out.relationships.setdefault(path, []).append([str(src), str(dst), *map(attrs.get, rel_columns)])
    return out


def load_steps(rows: GraphRows, batch_size: int) -> Iterator[Step]:
    """All node batches, then all relationship batches (their MATCHes need the nodes)."""
    if batch_size < 1:
        raise ValueError(f"batch size must be >= 1, got {batch_size}")
    for label, node_rows in rows.nodes.items():
        statement = node_statement(label)
        for batch in _batches(node_rows, batch_size):
            yield Step(statement, batch, "node")
    for (src, rel, dst), rel_rows in rows.relationships.items():
        statement = relationship_statement(rel, src, dst)
        for batch in _batches(rel_rows, batch_size):
            yield Step(statement, batch, "relationship")


def run_load(
    graph: nx.MultiDiGraph,
    batch_size: int,
    send: Callable[[Step], tuple[int, int, int]],
    max_batches: int | None = None,
) -> LoadStats:
    """Send every batch of ``graph`` through ``send`` (one store round trip, returning nodes
    created, relationships created and properties set), adding up and timing what it did.

    ``max_batches`` stops early on purpose (to test that a rerun completes the load); the
    caller fills in ``counts``, which needs its own connection.
    """
    stats = LoadStats()
    started = time.perf_counter()
    for step in load_steps(graph_rows(graph), batch_size):
        if max_batches is not None and stats.batches >= max_batches:
            break
        nodes, relationships, properties = send(step)
        stats.rows += len(step.rows)
        stats.batches += 1
        stats.nodes_created += nodes
        stats.relationships_created += relationships
        stats.properties_set += properties
    stats.seconds = time.perf_counter() - started
    return stats


def _batches(rows: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _check_name(name: str, allowed: list[str]) -> None:
    if name not in allowed:
        raise ValueError(f"{name!r} is not one of {allowed} (schema/model.json)")
