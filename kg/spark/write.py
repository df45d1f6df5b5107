"""Spark outputs: Parquet tables and ``neo4j-admin database import`` CSV shards.

Layout under OUTPUT::

    parquet/papers  parquet/entities  parquet/links  parquet/edges
    neo4j-import/nodes_<Label>/header.csv + part-*.csv
    neo4j-import/rels_<From>_<TYPE>_<To>/header.csv + part-*.csv
    neo4j-import/import.sh

CSV headers are those of ``kg.stores.import_csv`` (typed from ``schema/model.json``); each
shard directory holds one header file and header-less parts, which ``neo4j-admin`` reads as
one file (``--nodes=Label=header.csv,part-0.csv,...``).
"""

from __future__ import annotations

from typing import Any

from kg.graph.model import graph_model
from kg.stores.import_csv import (
    ARRAY_DELIMITERS,
    admin_import_command,
    import_script,
    node_header,
    relationship_header,
)

_SPARK_TYPES = {"string": "string", "int": "bigint", "float": "double", "list<string>": "array<string>"}
EDGE_COLUMNS = ("start_id", "type", "end_id", "end_label")


def node_schema(label: str) -> str:
    """DDL schema of a node table, columns in model order."""
    props = graph_model().node_properties[label]
    return ", ".join(f"`{k}` {_SPARK_TYPES[t]}" for k, t in props.items())


def entity_schema() -> str:
    """Methods and benchmarks in one table: the union of their properties plus ``label``."""
    model = graph_model().node_properties
    props = dict(model["Method"]) | dict(model["Benchmark"])
    return "`label` string, " + ", ".join(f"`{k}` {_SPARK_TYPES[t]}" for k, t in props.items())


def edge_schema() -> str:
    rel = graph_model().relationship_properties
    return ", ".join(
        [f"`{c}` string" for c in EDGE_COLUMNS] + [f"`{k}` {_SPARK_TYPES[t]}" for k, t in rel.items()]
    )


def array_delimiter(frames: list[Any]) -> str:
    """The first of ``import_csv.ARRAY_DELIMITERS`` that no list value contains (one Spark job)."""
    from pyspark.sql import functions as F

    used: set[str] = set()
    for df in frames:
        lists = [f.name for f in df.schema.fields if f.dataType.typeName() == "array"]
        if not lists:
            continue
        joined = F.concat_ws("\u0000", *[F.concat_ws("\u0000", F.col(c)) for c in lists])
        checks = [F.max(F.instr(joined, d) > 0).alias(str(i)) for i, d in enumerate(ARRAY_DELIMITERS)]
        row = df.agg(*checks).first()
        used |= {ARRAY_DELIMITERS[i] for i in range(len(ARRAY_DELIMITERS)) if row and row[str(i)]}
    for delimiter in ARRAY_DELIMITERS:
        if delimiter not in used:
            return delimiter
    raise ValueError(f"every candidate array delimiter {ARRAY_DELIMITERS} occurs in some list value")


def _csv_columns(df: Any, columns: list[str], delimiter: str) -> Any:
    from pyspark.sql import functions as F

    types = {f.name: f.dataType.typeName() for f in df.schema.fields}
    return df.select(
        *[F.concat_ws(delimiter, F.col(c)).alias(c) if types.get(c) == "array" else F.col(c) for c in columns]
    )


def _write_shard(spark: Any, df: Any, directory: str, header: list[str]) -> list[str]:
    """Header-less CSV parts plus ``header.csv`` in ``directory``; the files in import order."""
    (
        df.write.mode("overwrite")
        .option("header", False)
        .option("quote", '"')
        .option("escape", '"')
        .option("lineSep", "\n")
        .csv(directory)
    )
    jvm, conf = spark._jvm, spark._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(directory)
    fs = path.getFileSystem(conf)
    header_line = ",".join(_quote(h) for h in header) + "\n"
    out = fs.create(jvm.org.apache.hadoop.fs.Path(f"{directory}/header.csv"), True)
    out.write(bytearray(header_line.encode("utf-8")))
    out.close()
    parts = sorted(
        s.getPath().getName() for s in fs.listStatus(path) if s.getPath().getName().startswith("part-")
    )
    return ["header.csv", *parts]


def _quote(value: str) -> str:
    return f'"{value}"' if any(c in value for c in ',"\n') else value


def write_neo4j_import(
    spark: Any, output: str, papers: Any, entities: Any, links: Any, edges: Any
) -> dict[str, list[str]]:
    """CSV shards for ``neo4j-admin database import full`` and an ``import.sh`` naming them all."""
    from pyspark.sql import functions as F

    model = graph_model()
    base = f"{output.rstrip('/')}/neo4j-import"
    delimiter = array_delimiter([papers, entities])
    shards: dict[str, list[str]] = {}
    tables = {"Paper": papers, "Link": links}
    tables |= {label: entities.filter(F.col("label") == label) for label in ("Method", "Benchmark")}
    for label, df in tables.items():
        props = [k for k in model.node_properties[label] if k != "id"]
        framed = df.withColumn(":LABEL", F.lit(label))
        name = f"nodes_{label}"
        cols = _csv_columns(framed, ["id", ":LABEL", *props], delimiter)
        shards[name] = _write_shard(spark, cols, f"{base}/{name}", node_header(label))
    rel_props = list(model.relationship_properties)
    for src, rel, dst in model.paths():
        df = edges.filter((F.col("type") == rel) & (F.col("end_label") == dst))
        name = f"rels_{src}_{rel}_{dst}"
        cols = _csv_columns(df, ["start_id", "end_id", "type", *rel_props], delimiter)
        shards[name] = _write_shard(spark, cols, f"{base}/{name}", relationship_header(src, dst))
    _write_import_script(spark, base, shards, delimiter)
    return shards


def import_command(shards: dict[str, list[str]], delimiter: str, import_dir: str = "/import") -> str:
    """``neo4j-admin database import full`` over the shards, as the server sees ``import_dir``."""
    files = {name: ",".join(f"{import_dir}/{name}/{f}" for f in parts) for name, parts in shards.items()}
    return admin_import_command(
        [f for name, f in files.items() if name.startswith("nodes_")],
        [f for name, f in files.items() if not name.startswith("nodes_")],
        delimiter,
    )


def _write_import_script(spark: Any, base: str, shards: dict[str, list[str]], delimiter: str) -> None:
    jvm, conf = spark._jvm, spark._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(f"{base}/import.sh")
    out = path.getFileSystem(conf).create(path, True)
    out.write(bytearray(import_script(import_command(shards, delimiter)).encode("utf-8")))
    out.close()


def write_parquet(output: str, tables: dict[str, Any]) -> None:
    for name, df in tables.items():
        df.write.mode("overwrite").parquet(f"{output.rstrip('/')}/parquet/{name}")
