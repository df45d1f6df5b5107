"""``kg export neo4j-import DIR``: CSV files and the command for ``neo4j-admin database import full``."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.stores.cli_common import fail, source_graph


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export the graph for other tools")
    esub = p.add_subparsers(dest="export_format", required=True, metavar="FORMAT")
    imp = esub.add_parser(
        "neo4j-import",
        help="CSV files with neo4j-admin import headers, for corpora too large for `kg load`",
    )
    imp.add_argument("out", type=Path, metavar="DIR", help="folder for the CSV files and import.sh")
    imp.add_argument("--db", type=Path, metavar="DIR", help="the `kg build --out` folder (default out/)")
    imp.add_argument(
        "--graph", type=Path, metavar="FILE", help="graph.json to export (default DB/graph.json)"
    )
    imp.add_argument("--database", default="neo4j", metavar="NAME", help="target database name")
    imp.set_defaults(handler=run_neo4j_import)


def run_neo4j_import(args: argparse.Namespace) -> int:
    from kg.stores.falkor_store import StoreError
    from kg.stores.import_csv import export_neo4j_import

    try:
        files = export_neo4j_import(source_graph(args), args.out, database=args.database)
    except StoreError as err:
        return fail(str(err))
    for path in [*files.nodes, *files.relationships]:
        print(f"wrote {path}")
    command = files.command(args.database, "/import")
    print(f"import with (database stopped; files visible to the server at /import):\n  {command}")
    return 0
