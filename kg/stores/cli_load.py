"""``kg load``: put a built graph into Neo4j, or into the embedded store."""

from __future__ import annotations

import argparse

from kg.stores.cli_common import (
    add_graph_arg,
    add_store_args,
    db_dir,
    fail,
    neo4j_settings,
    source_graph,
    wants_neo4j,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "load",
        help="load a built graph into Neo4j (--neo4j) or the embedded store",
        description="Loads DIR/graph.json (from `kg build --out DIR`) with MERGE on ids: loading twice "
        "changes nothing, a new day's graph adds only what is new, a rerun completes an interrupted load.",
    )
    add_store_args(p)
    add_graph_arg(p, "graph.json to load (default DIR/graph.json)")
    p.add_argument(
        "--batch-size",
        type=int,
        metavar="N",
        help="rows per UNWIND batch (default: Neo4j 1000, embedded 2000)",
    )
    p.add_argument("--schema-only", action="store_true", help="only apply constraints and indexes")
    p.add_argument("--replace", action="store_true", help="embedded store: drop the stored graph first")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kg.stores.falkor_store import DEFAULT_BATCH_SIZE as EMBEDDED_BATCH_SIZE
    from kg.stores.falkor_store import EmbeddedStore, StoreError
    from kg.stores.neo4j_store import DEFAULT_BATCH_SIZE as NEO4J_BATCH_SIZE
    from kg.stores.neo4j_store import Neo4jStoreError, apply_schema, connect, load_with_driver

    try:
        if wants_neo4j(args):
            settings = neo4j_settings(args)
            with connect(settings) as driver:
                if args.schema_only:
                    apply_schema(driver, settings.database)
                    print(f"applied schema/neo4j/schema.cypher to {settings.uri} ({settings.database})")
                    return 0
                batch_size = args.batch_size or NEO4J_BATCH_SIZE
                stats = load_with_driver(driver, source_graph(args), settings.database, batch_size)
            print(f"neo4j {settings.uri} ({settings.database}): {stats.summary()}")
            return 0
        graph = None if args.schema_only else source_graph(args)
        with EmbeddedStore(db_dir(args)) as store:
            if args.schema_only:
                store.ensure_schema()
                print(f"applied schema/falkordb to {store.directory}")
                return 0
            if args.replace:
                store.clear()
            stats = store.load(graph, batch_size=args.batch_size or EMBEDDED_BATCH_SIZE)
        print(f"embedded store {db_dir(args)}: {stats.summary()}")
        return 0
    except (Neo4jStoreError, StoreError) as err:
        return fail(str(err))
