"""Entry points: pick a reader by file name, read files and directories, drop duplicates."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.records import Paper
from kg.sources.atom import read_atom
from kg.sources.csvfile import read_csv
from kg.sources.errors import SourceError
from kg.sources.fields import Skip
from kg.sources.hf_daily import read_hf_daily
from kg.sources.identity import Identities
from kg.sources.jsonl import read_jsonl
from kg.sources.report import ReadReport
from kg.sources.textio import Lines, read_lines

Reader = Callable[[Lines, str, Skip], Iterator[Paper]]

READERS: dict[str, Reader] = {
    ".txt": read_hf_daily,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_jsonl,
    ".csv": read_csv,
    ".xml": read_atom,
    ".atom": read_atom,
}

PathLike = str | os.PathLike[str]


def format_suffix(path: Path) -> str:
    """The suffix that names the format: ``papers.jsonl.gz`` -> ``.jsonl``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def read_file(path: PathLike, report: ReadReport | None = None) -> Iterator[Paper]:
    """Every good record of one file (duplicates included), skipped ones go to ``report``.

    Raises SourceError if the file is missing, unreadable, not UTF-8 or of an unknown
    format; papers yielded before a decoding error stay valid.
    """
    source = str(path)
    path = Path(path)
    if path.is_dir():
        raise SourceError(f"{source}: is a directory (read_papers reads directories)")
    if not path.exists():
        raise SourceError(f"{source}: no such file")
    reader = READERS.get(format_suffix(path))
    if reader is None:
        raise SourceError(f"{source}: unknown input format; expected one of {', '.join(sorted(READERS))}")
    report = report if report is not None else ReadReport()
    counts = report.file(source)
    lines = read_lines(path, keep_ends=reader is read_csv)  # quoted CSV cells may hold line breaks
    for paper in reader(lines, source, lambda line, why: report.skip(source, line, why)):
        counts.read += 1
        yield paper


def input_files(paths: PathLike | Iterable[PathLike]) -> Iterator[Path | PathLike]:
    """The given files, and the supported files directly inside given directories (sorted by name)."""
    for path in [paths] if isinstance(paths, str | os.PathLike) else paths:
        if Path(path).is_dir():
            inside = (p for p in sorted(Path(path).iterdir()) if not p.name.startswith("."))
            yield from (p for p in inside if p.is_file() and format_suffix(p) in READERS)
        else:
            yield path


def read_papers(paths: PathLike | Iterable[PathLike], report: ReadReport | None = None) -> Iterator[Paper]:
    """All papers of all inputs, streamed, each paper once (the first record wins; see
    ``kg.sources.identity`` for what makes two records one paper)."""
    report = report if report is not None else ReadReport()
    identities = Identities()
    for path in input_files(paths):
        counts = report.file(str(path))
        for record in read_file(path, report):
            verdict = identities.admit(record)
            counts.conflicts.extend(verdict.conflicts)
            if verdict.paper is None:
                counts.duplicates += 1
                continue
            yield verdict.paper
