"""Inputs as an RDD of Papers, parsed by the project's own readers, deduplicated like ``read_papers``.

JSON Lines (and the arXiv snapshot, a ``.json`` file of JSON Lines) are read line-wise by
Spark's text reader, so one large file splits across executors; each line goes through
``kg.sources.jsonl``.
Whole-document formats (Daily Papers dumps, CSV, Atom, JSON arrays) are read whole
(``binaryFiles``, as ``wholeTextFiles`` would, but keeping gzip and BOM handling) and
parsed by ``kg.sources.read_file``. Paths may be files, directories or globs on any
Hadoop-compatible filesystem (``file:``, ``hdfs:``, ``s3a:`` ...).

Every record is tagged with its position ``(file index, line)``: the first occurrence
of a paper in that order wins, exactly as the local reader's "first seen wins".
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.records import Paper, SkippedRecord
from kg.sources.errors import SourceError
from kg.sources.identity import Identities, title_hash
from kg.sources.jsonl import read_jsonl
from kg.sources.read import READERS, format_suffix, read_file
from kg.sources.report import ReadReport

LINE_FORMATS = frozenset({".jsonl", ".ndjson"})  # one record per line: split by Spark
_BOM = "\ufeff"

Position = tuple[int, int]  # (index of the input file, 1-based line)


@dataclass(frozen=True, slots=True)
class InputFile:
    index: int
    uri: str  # as Hadoop names it ("file:/data/x.jsonl", "hdfs://nn/x.jsonl")
    source: str  # as reported: a plain path for local files

    @property
    def fmt(self) -> str:
        return format_suffix(Path(self.uri.rsplit("/", 1)[-1]))


def display_source(uri: str) -> str:
    """``file:/data/x.txt`` -> ``/data/x.txt``; other filesystems keep their URI."""
    if uri.startswith("file://"):
        return uri[len("file://") :]
    return uri[len("file:") :] if uri.startswith("file:") else uri


def list_inputs(spark: Any, paths: Iterable[str]) -> list[InputFile]:
    """Files named, or found directly inside named directories / globs, with a supported suffix.

    Order follows ``kg.sources.read.input_files``: paths as given, directory entries by name.
    """
    jvm, conf = spark._jvm, spark._jsc.hadoopConfiguration()
    found: list[str] = []
    for path in paths:
        hpath = jvm.org.apache.hadoop.fs.Path(str(path))
        fs = hpath.getFileSystem(conf)
        statuses = fs.globStatus(hpath)
        if not statuses:
            raise SourceError(f"{path}: no such file or directory")
        for status in sorted(statuses, key=lambda s: s.getPath().toString()):
            if status.isDirectory():
                inside = sorted(fs.listStatus(status.getPath()), key=lambda s: s.getPath().getName())
                found += [
                    s.getPath().toString()
                    for s in inside
                    if s.isFile()
                    and not s.getPath().getName().startswith((".", "_"))
                    and format_suffix(Path(s.getPath().getName())) in READERS
                ]
            else:
                name = status.getPath().getName()
                if format_suffix(Path(name)) not in READERS:
                    raise SourceError(
                        f"{path}: unknown input format; expected one of {', '.join(sorted(READERS))}"
                    )
                found.append(status.getPath().toString())
    return [InputFile(i, uri, display_source(uri)) for i, uri in enumerate(found)]


Tagged = tuple[str, Any]  # ("paper", (position, Paper)) or ("skip", SkippedRecord)


def _jsonl_partition(file: InputFile, rows: Iterator[tuple[str, int]]) -> Iterator[Tagged]:
    skipped: list[SkippedRecord] = []

    def lines() -> Iterator[tuple[int, str]]:
        for text, index in rows:
            if index == 0 and text.startswith(_BOM):
                text = text[1:]
            yield index + 1, text.rstrip("\r")

    def skip(line: int, why: str) -> None:
        skipped.append(SkippedRecord(file.source, line, why))

    for paper in read_jsonl(lines(), file.source, skip):
        yield "paper", ((file.index, paper.line), paper)
        yield from (("skip", s) for s in skipped)
        skipped.clear()
    yield from (("skip", s) for s in skipped)


def _whole_file(file: InputFile, data: bytes) -> Iterator[Tagged]:
    """Parse one whole file with ``read_file`` (a local copy keeps its suffix, so its format)."""
    report = ReadReport()
    name = file.uri.rsplit("/", 1)[-1]
    with tempfile.TemporaryDirectory(prefix="kg-spark-") as tmp:
        local = Path(tmp) / name
        local.write_bytes(data)
        try:
            papers = list(read_file(local, report))
        except SourceError as err:
            papers = []
            report.skip(str(local), 0, str(err).replace(str(local), file.source))
    for paper in papers:
        yield "paper", ((file.index, paper.line), dataclasses.replace(paper, source=file.source))
    for s in report.skipped:
        yield "skip", SkippedRecord(file.source, s.line, s.reason)


def _is_json_array(sc: Any, uri: str) -> bool:
    """A ``.json`` file is either one array (read whole) or JSON Lines, like the 4 GB arXiv snapshot."""
    head = next((line.lstrip(_BOM).strip() for line in sc.textFile(uri).take(20) if line.strip()), "")
    return head.startswith("[")


def read_tagged(spark: Any, files: list[InputFile]) -> Any:
    """RDD of ("paper", (position, Paper)) and ("skip", SkippedRecord), duplicates included."""
    sc = spark.sparkContext
    parts = []
    for file in files:
        if file.fmt in LINE_FORMATS or (file.fmt == ".json" and not _is_json_array(sc, file.uri)):
            rdd = sc.textFile(file.uri).zipWithIndex()
            parts.append(rdd.mapPartitions(lambda rows, f=file: _jsonl_partition(f, rows)))
        else:
            rdd = sc.binaryFiles(file.uri).values()
            parts.append(rdd.flatMap(lambda data, f=file: _whole_file(f, data)))
    if not parts:
        return sc.emptyRDD()
    return sc.union(parts)


def first_occurrences(tagged: Any, partitions: int | None = None) -> tuple[Any, Any]:
    """RDDs of (position, Paper), each paper once, decided as ``read_papers`` decides, and of
    the Conflicts found on the way.

    First the earliest record of each id wins; then records sharing a title go through
    ``kg.sources.identity`` in position order. Only titles held by more than one paper are
    shuffled together (their hashes are collected first: few), so the common case costs one
    small count. ``partitions`` sets how many partitions the papers land in (default: Spark's
    default parallelism); every later stage inherits it.
    """
    papers = tagged.filter(lambda t: t[0] == "paper").map(lambda t: (_id_key(*t[1]), t[1]))
    unique = papers.reduceByKey(lambda a, b: a if a[0] <= b[0] else b, partitions).values()
    return same_title_checked(unique, partitions)


def _id_key(position: Position, paper: Paper) -> Any:
    """What the first pass groups by: the id, unless it is made from the title (records of one
    title are decided by the title pass, with their abstracts), then the record itself."""
    return position if paper.id.startswith("title:") else paper.id


def same_title_checked(papers: Any, partitions: int | None = None) -> tuple[Any, Any]:
    """(papers without the duplicates a shared title reveals, RDD of their Conflicts)."""
    sc = papers.context
    titled = papers.filter(lambda pp: pp[1].title).map(lambda pp: (title_hash(pp[1].title), 1))
    repeated = titled.reduceByKey(lambda a, b: a + b).filter(lambda kv: kv[1] > 1).keys().collect()
    if not repeated:
        return papers, sc.emptyRDD()
    shared = sc.broadcast(frozenset(repeated))

    def in_shared(pp: tuple[Position, Paper]) -> bool:
        return bool(pp[1].title) and title_hash(pp[1].title) in shared.value

    verdicts = (
        papers.filter(in_shared)
        .map(lambda pp: (title_hash(pp[1].title), pp))
        .groupByKey()
        .flatMap(lambda kv: _admitted(kv[1]))
        .cache()
    )
    kept = papers.filter(lambda pp: not in_shared(pp)).union(
        verdicts.filter(lambda t: t[0] == "paper").map(lambda t: t[1])
    )
    count = partitions or sc.defaultParallelism
    return kept.coalesce(count), verdicts.filter(lambda t: t[0] == "conflict").map(lambda t: t[1])


def _admitted(items: Iterable[tuple[Position, Paper]]) -> Iterator[tuple[str, Any]]:
    """("paper", (position, Paper)) for the papers kept among records of one title, in position
    order, and ("conflict", Conflict) for each pair kept apart."""
    identities = Identities()
    for position, paper in sorted(items, key=lambda pp: pp[0]):
        verdict = identities.admit(paper)
        yield from (("conflict", c) for c in verdict.conflicts)
        if verdict.paper is not None:
            yield "paper", (position, verdict.paper)
