"""``kg export neo4j-import DIR``: CSV files and the command for ``neo4j-admin database import full``."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kg.stores.cli_common import add_database_arg, add_db_arg, add_graph_arg, fail, source_graph


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export the graph for other tools")
    esub = p.add_subparsers(dest="export_format", required=True, metavar="FORMAT")
    imp = esub.add_parser(
        "neo4j-import",
        help="CSV files with neo4j-admin import headers, for corpora too large for `kg load`",
    )
    imp.add_argument("out", type=Path, metavar="DIR", help="folder for the CSV files and import.sh")
    add_db_arg(imp)
    add_graph_arg(imp, "graph.json to export (default DIR/graph.json)")
    add_database_arg(imp)
    imp.set_defaults(handler=run_neo4j_import)


def run_neo4j_import(args: argparse.Namespace) -> int:
    from kg.stores.falkor_store import StoreError
    from kg.stores.import_csv import export_neo4j_import

    database = args.database or os.environ.get("NEO4J_DATABASE") or "neo4j"
    try:
        files = export_neo4j_import(source_graph(args), args.out, database=database)
    except StoreError as err:
        return fail(str(err))
    for path in [*files.nodes, *files.relationships]:
        print(f"wrote {path}")
    command = files.command(database, "/import")
    print(f"import with (database stopped; files visible to the server at /import):\n  {command}")
    return 0
