"""``kg query``: Cypher, or a named library query, against the embedded store or Neo4j."""

from __future__ import annotations

import argparse
import json

from kg.stores.cli_common import add_store_args, db_dir, fail, neo4j_settings, wants_neo4j
from kg.stores.cypher_library import LibraryError, QueryLibrary, load_library
from kg.stores.results import FORMATS, render


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "query",
        help="run Cypher or a library query (schema/queries) and print a table",
        description='Examples: kg query "MATCH (b:Benchmark) RETURN b.name LIMIT 5"; '
        "kg query --name papers_sharing_benchmarks --param paper_id=arxiv:2401.00001; kg query --list",
    )
    p.add_argument("cypher", nargs="?", metavar="CYPHER", help="a Cypher statement (values as $params)")
    p.add_argument("--name", metavar="QUERY", help="a library query by name (see --list)")
    p.add_argument(
        "--param", action="append", default=[], metavar="KEY=VALUE", help="a parameter, repeatable"
    )
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")
    p.add_argument("--list", action="store_true", help="list the library queries and their parameters")
    add_store_args(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kg.stores.falkor_store import DB_FILE, EmbeddedStore, StoreError
    from kg.stores.neo4j_store import Neo4jStoreError, run_query

    try:
        library = load_library()
        if args.list:
            print(describe(library))
            return 0
        raw = parse_params(args.param)
        if bool(args.name) == bool(args.cypher):
            return fail("give either a CYPHER statement or --name QUERY (kg query --list shows the names)")
        if args.name:
            query = library.get(args.name)
            cypher, params = query.text, query.bind(raw)
        else:
            cypher, params = args.cypher, {key: _guess(value) for key, value in raw.items()}
        if wants_neo4j(args):
            result = run_query(neo4j_settings(args), cypher, params)
        else:
            directory = db_dir(args)
            if not (directory / DB_FILE).is_file():
                return fail(f"{directory}: no embedded store here; run `kg build --out {directory}` first")
            with EmbeddedStore(directory) as store:
                result = store.query(cypher, params, read_only=True)
    except (LibraryError, StoreError, Neo4jStoreError) as err:
        return fail(str(err))
    print(render(result, args.format))
    return 0


def parse_params(items: list[str]) -> dict[str, str]:
    params = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise LibraryError(f"--param {item!r}: expected KEY=VALUE")
        params[key.strip()] = value
    return params


def _guess(value: str):
    """Ad-hoc Cypher has no declared types: JSON when it parses (2, 0.5, ["a"]), else the string."""
    try:
        return json.loads(value)
    except ValueError:
        return value


def describe(library: QueryLibrary) -> str:
    lines = []
    for query in library.queries.values():
        params = " ".join(f"--param {p.name}=<{p.type}>" for p in query.params)
        lines.append(f"{query.name}: {query.purpose}")
        lines.append(f"    kg query --name {query.name} {params}".rstrip())
    return "\n".join(lines)
