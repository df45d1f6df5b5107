"""``kg spark INPUT... OUTPUT``: the Spark job from the ``kg`` command line (local mode by default)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "spark",
        help="build the graph with Apache Spark: Parquet + neo4j-admin import CSV (pip install kg[spark])",
        description="Read, extract and resolve with PySpark; on a cluster use spark-submit kg/spark/job.py.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories or globs (any Hadoop path)")
    p.add_argument("output", metavar="OUTPUT", help="output directory (any Hadoop path)")
    p.add_argument("--master", default="local[2]", help="Spark master (default: local[2])")
    p.add_argument(
        "--partitions", type=int, default=None, help="partitions of papers (default: ~20k papers each)"
    )
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="extra Spark setting")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kg.spark.job import run_and_report

    conf = dict(item.split("=", 1) for item in args.conf)
    return run_and_report(args.inputs, args.output, master=args.master, partitions=args.partitions, conf=conf)
