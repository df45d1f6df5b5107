"""``kg view``: write the HTML views of a built graph, or one ego view with ``--around``.

``register(subparsers)`` adds the subcommand to the ``kg`` parser (``kg.cli`` lists this
module); the graph comes from where the store commands read it (``--graph`` FILE, else
``DIR/graph.json``, else the embedded store in ``--db DIR``). Errors are ValueErrors
naming the file or the unknown name, which ``kg.cli`` prints with exit code 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.stores.cli_common import add_db_arg, add_graph_arg, db_dir, source_graph
from kg.views.write import write_ego_view, write_views


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "view",
        help="write interactive HTML views of a graph",
        description="Write overview, shared-benchmarks and index HTML views, or an ego view with --around.",
    )
    add_db_arg(parser)
    add_graph_arg(parser, "a graph.json to draw instead")
    parser.add_argument("--around", metavar="NAME", help="paper, method or benchmark to centre on")
    parser.add_argument("--depth", type=int, default=2, help="hops around --around (default 2)")
    parser.add_argument("--out", type=Path, metavar="DIR", help="folder for the HTML (default DIR/views)")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    graph = source_graph(args)
    if args.out is not None:
        out = args.out
    elif args.graph is not None:
        out = args.graph.parent / "views"
    else:
        out = db_dir(args) / "views"
    if args.around:
        paths = [write_ego_view(graph, args.around, out, depth=args.depth), out / "index.html"]
    else:
        paths = write_views(graph, out)
    for path in paths:
        print(path)
    return 0
