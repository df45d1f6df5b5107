"""The Spark job: read -> extract per partition -> resolve globally -> Parquet + neo4j-admin CSV.

Runs unchanged in local mode (``kg spark INPUT OUTPUT``) and on a cluster::

    spark-submit --master yarn kg/spark/job.py hdfs:///arxiv/snapshot.jsonl hdfs:///kg/out

Resolution is global: every mention becomes one row of an alias table aggregated by
Spark (count and first position per distinct (kind, name, aliases, long form)); that
table - bounded by distinct surface forms, not by text - is streamed to the driver a
partition at a time and resolved by ``kg.resolve``'s rules (``kg.resolve.alias_table``);
the resulting ids are broadcast back and each paper's edges are built where it lies.

Papers are spread over partitions of about ``PAPERS_PER_PARTITION`` each, so a persisted
partition of extractions stays a few tens of MB whatever the input size (four partitions
of 250k papers overflowed a 2 GB local heap at 1M abstracts).
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass, field
from typing import Any

from kg.graph.build import LABEL_OF_KIND, entity_props
from kg.graph.rows import graph_rows
from kg.records import SkippedRecord
from kg.resolve.alias_table import AliasRow, resolve_table
from kg.sources.identity import Conflict
from kg.spark.extract import alias_observations, extract_partition, merge_observations
from kg.spark.read import first_occurrences, list_inputs, read_tagged
from kg.spark.write import edge_schema, entity_schema, node_schema, write_neo4j_import, write_parquet

PAPERS_PER_PARTITION = 20_000


def partition_count(papers: int, parallelism: int) -> int:
    """Enough partitions for ~``PAPERS_PER_PARTITION`` papers each, never fewer than the cores."""
    return max(parallelism, math.ceil(papers / PAPERS_PER_PARTITION))


@dataclass(slots=True)
class SparkResult:
    """Counts for the summary; skipped records are capped at ``max_skipped`` (the count is not)."""

    output: str
    read: int = 0
    distinct: int = 0
    skipped_count: int = 0
    skipped: list[SkippedRecord] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    entities: int = 0
    alias_rows: int = 0
    edges: int = 0
    links: int = 0

    def summary(self) -> str:
        lines = [
            f"papers: {self.distinct} read, {self.read - self.distinct} duplicates, "
            f"{self.skipped_count} skipped",
            *(f"  skipped {s.source}:{s.line}: {s.reason}" for s in self.skipped),
            *(f"  conflict {c}" for c in self.conflicts),
            f"entities: {self.entities} (from {self.alias_rows} distinct alias rows), links: {self.links}",
            f"edges: {self.edges}",
            f"wrote {self.output}/parquet and {self.output}/neo4j-import",
        ]
        return "\n".join(lines)


def default_vocabulary() -> Any:
    """The same vocabulary ``kg build`` resolves with."""
    from kg.api import default_vocabulary as local_default

    return local_default()


def run(
    spark: Any,
    inputs: list[str],
    output: str,
    *,
    vocab: Any = None,
    partitions: int | None = None,
    max_skipped: int = 20,
) -> SparkResult:
    """The whole job; ``vocab`` None means the bundled vocabulary, like ``kg build``.

    ``partitions`` None sizes partitions by ``partition_count``.
    """
    from pyspark import StorageLevel

    # Python RDDs are pickled bytes to the JVM: caching them on disk (the OS page cache keeps
    # them warm) leaves the heap to Spark; in memory, extractions overflowed a 2 GB local heap.
    cache = StorageLevel.DISK_ONLY
    sc = spark.sparkContext
    result = SparkResult(output=output)
    files = list_inputs(spark, inputs)
    tagged = read_tagged(spark, files).persist(cache)
    skipped = tagged.filter(lambda t: t[0] == "skip").map(lambda t: t[1])
    result.skipped_count = skipped.count()
    result.skipped = sorted(skipped.take(max_skipped), key=lambda s: (s.source, s.line))
    result.read = tagged.filter(lambda t: t[0] == "paper").count()

    partitions = partitions or partition_count(result.read, sc.defaultParallelism)
    papers, conflicts = first_occurrences(tagged, partitions)
    result.conflicts = sorted(conflicts.collect(), key=lambda c: (c.source, c.line))
    extracted = papers.mapPartitions(extract_partition).persist(cache)
    result.distinct = extracted.count()
    tagged.unpersist()

    table = extracted.flatMap(alias_observations).reduceByKey(merge_observations, partitions)
    rows = [AliasRow(key, count, first) for key, (count, first) in table.toLocalIterator()]
    result.alias_rows = len(rows)
    resolution = resolve_table(rows, vocab if vocab is not None else default_vocabulary())
    del rows
    result.entities = len(resolution.entities)
    ids = sc.broadcast(resolution.ids)

    graph = extracted.flatMap(lambda item: graph_rows(item, ids.value)).persist(cache)
    paper_df = spark.createDataFrame(
        graph.filter(lambda t: t[0] == "paper").map(lambda t: t[1]), node_schema("Paper")
    )
    link_rdd = (
        graph.filter(lambda t: t[0] == "link")
        .map(lambda t: t[1])
        .reduceByKey(lambda a, b: a if a[0] <= b[0] else b)
        .map(lambda kv: kv[1][1])
    )
    link_df = spark.createDataFrame(link_rdd, node_schema("Link"))
    edge_df = spark.createDataFrame(graph.filter(lambda t: t[0] == "edge").map(lambda t: t[1]), edge_schema())
    entity_rows = [
        {"label": LABEL_OF_KIND[e.kind], **entity_props(e)}
        for e in sorted(resolution.entities.values(), key=lambda e: e.id)
    ]
    entity_df = spark.createDataFrame(entity_rows, entity_schema())

    write_parquet(output, {"papers": paper_df, "entities": entity_df, "links": link_df, "edges": edge_df})
    parquet = f"{output.rstrip('/')}/parquet"
    frames = {
        name: spark.read.parquet(f"{parquet}/{name}") for name in ("papers", "entities", "links", "edges")
    }
    write_neo4j_import(spark, output, frames["papers"], frames["entities"], frames["links"], frames["edges"])
    result.edges, result.links = frames["edges"].count(), frames["links"].count()
    graph.unpersist()
    extracted.unpersist()
    ids.unpersist()
    return result


def run_and_report(
    inputs: list[str],
    output: str,
    *,
    master: str | None = None,
    partitions: int | None = None,
    conf: dict[str, str] | None = None,
) -> int:
    """Start (or join) a session, run the job, stop, print the summary: ``kg spark`` and ``main``."""
    from kg.spark.session import get_session

    spark = get_session(master, conf=conf)
    try:
        result = run(spark, inputs, output, partitions=partitions)
    finally:
        spark.stop()
    print(result.summary())
    return 0


def main(argv: list[str] | None = None) -> int:
    """``spark-submit kg/spark/job.py INPUT... OUTPUT``: the master comes from spark-submit."""
    ap = argparse.ArgumentParser(prog="kg-spark-job", description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="files, directories or globs (any Hadoop filesystem)")
    ap.add_argument("output", help="output directory (any Hadoop filesystem)")
    ap.add_argument("--master", default=None, help="e.g. local[2]; default: as spark-submit sets it")
    ap.add_argument(
        "--partitions", type=int, default=None, help="partitions of papers (default: ~20k papers each)"
    )
    args = ap.parse_args(argv)
    return run_and_report(args.inputs, args.output, master=args.master, partitions=args.partitions)


if __name__ == "__main__":
    sys.exit(main())
