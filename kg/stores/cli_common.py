"""What the store commands share: where the graph comes from, and which store they talk to."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from kg.stores.neo4j_store import Neo4jSettings

DEFAULT_DB = Path("out")


def add_db_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        metavar="DIR",
        help=f"the `kg build --out` folder: graph.json and the embedded store (default {DEFAULT_DB}/)",
    )


def add_graph_arg(parser: argparse.ArgumentParser, help: str) -> None:
    """``--graph FILE``, read by ``source_graph`` before ``DIR/graph.json``."""
    parser.add_argument("--graph", type=Path, metavar="FILE", help=help)


def add_neo4j_args(parser: argparse.ArgumentParser, uri_help: str) -> None:
    """``--neo4j [URI]``, ``--user`` and ``--database``, the same on every command that talks to Neo4j.

    ``--neo4j-user`` / ``--neo4j-database`` are accepted as the same options. No password
    option: a command line is visible to every local user, so it comes from NEO4J_PASSWORD.
    """
    parser.add_argument("--neo4j", nargs="?", const="", metavar="URI", help=uri_help)
    parser.add_argument(
        "--user", "--neo4j-user", dest="user", metavar="NAME",
        help="Neo4j user (default $NEO4J_USERNAME or neo4j)",
    )  # fmt: skip
    add_database_arg(parser)


def add_database_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database", "--neo4j-database", dest="database", metavar="NAME",
        help="Neo4j database (default $NEO4J_DATABASE or neo4j)",
    )  # fmt: skip


def add_store_args(parser: argparse.ArgumentParser) -> None:
    """The embedded store in ``--db DIR``, or Neo4j: for commands that read or write a store."""
    add_db_arg(parser)
    add_neo4j_args(
        parser,
        "use Neo4j instead (URI, or $NEO4J_URI); also chosen when NEO4J_URI is set and --db is not",
    )


def wants_neo4j(args: argparse.Namespace) -> bool:
    return args.neo4j is not None or (bool(os.environ.get("NEO4J_URI")) and args.db is None)


def neo4j_settings(args: argparse.Namespace) -> Neo4jSettings:
    """Flags over NEO4J_* variables; the password only from NEO4J_PASSWORD (never a flag: ps shows flags)."""
    from kg.stores.neo4j_store import Neo4jSettings

    return Neo4jSettings.from_env(uri=args.neo4j or None, user=args.user, database=args.database)


def db_dir(args: argparse.Namespace) -> Path:
    return args.db if args.db is not None else DEFAULT_DB


def source_graph(args: argparse.Namespace) -> nx.MultiDiGraph:
    """``--graph FILE``, else ``DIR/graph.json`` from ``kg build``, else what the embedded store holds."""
    from kg.stores.files import GRAPH_JSON, read_graph_json

    if args.graph is not None:
        return read_graph_json(args.graph)
    directory = db_dir(args)
    if (directory / GRAPH_JSON).is_file():
        return read_graph_json(directory / GRAPH_JSON)
    from kg.stores.falkor_store import DB_FILE, EmbeddedStore

    if not (directory / DB_FILE).is_file():
        raise FileNotFoundError(
            2, f"no {GRAPH_JSON} or {DB_FILE} here; run `kg build --out {directory}`", str(directory)
        )
    with EmbeddedStore(directory) as store:
        return store.read_graph()


def fail(message: str) -> int:
    print(f"kg: error: {message}", file=sys.stderr)
    return 1
