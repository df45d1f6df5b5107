"""Pass 1, worker side: extract a chunk, pickle it for pass 2, and reduce it to alias counts.

A worker returns the chunk's extractions already pickled (the bytes the parent appends to the
spill file) plus the chunk's distinct alias keys with counts, so the parent never unpickles
or re-pickles an extraction: on 20k papers that was ~2.7 s of the parent's CPU, taken from
the two extraction processes sharing its cores.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.parallel import DEFAULT_BATCH_SIZE, extract_chunk
from kg.records import Extraction, Paper
from kg.resolve.alias_table import AliasKey, AliasRow, alias_key
from kg.resolve.resolver import all_mentions
from kg.stores.import_csv import ARRAY_DELIMITERS


@dataclass(slots=True)
class SpilledChunk:
    """One chunk of pass 1: its pickled extractions and what the parent keeps of them."""

    data: bytes  # pickle of list[Extraction], appended to the spill file as is
    papers: int
    aliases: dict[AliasKey, list]  # key -> [count, (paper index in chunk, mention index)]
    delimiters: set[str] = field(default_factory=set)  # array delimiters occurring in list values


@dataclass(frozen=True, slots=True)
class Region:
    """Where one chunk's pickle sits in the spill file, and its first paper's position."""

    offset: int
    size: int
    position: int


def spill_chunk(papers: list[Paper], batch_size: int = DEFAULT_BATCH_SIZE) -> SpilledChunk:
    """Pass 1's unit of work (runs in a worker process, or in-process with one job)."""
    return summarise(extract_chunk(papers, batch_size=batch_size))


def summarise(extractions: list[Extraction]) -> SpilledChunk:
    data = pickle.dumps(extractions, protocol=pickle.HIGHEST_PROTOCOL)
    return SpilledChunk(data, len(extractions), *count_aliases(extractions))


def count_aliases(extractions: list[Extraction]) -> tuple[dict[AliasKey, list], set[str]]:
    """Distinct alias keys with [count, first (paper, mention) index], and delimiters in list values."""
    aliases: dict[AliasKey, list] = {}
    delimiters: set[str] = set()
    for p, ex in enumerate(extractions):
        for i, mention in enumerate(all_mentions(ex)):
            key = alias_key(mention)
            entry = aliases.get(key)
            if entry is None:
                aliases[key] = [1, (p, i)]
            else:
                entry[0] += 1
        delimiters |= delimiters_in((*ex.paper.authors, *ex.paper.categories))
    return aliases, delimiters


def delimiters_in(values: Iterable[str]) -> set[str]:
    return {d for v in values for d in ARRAY_DELIMITERS if d in v}


class AliasTable:
    """Pass 1's only per-corpus state: one row per distinct alias key, with its first position."""

    def __init__(self) -> None:
        self.rows: dict[AliasKey, AliasRow] = {}
        self.position = 0

    def merge(self, chunk: SpilledChunk) -> None:
        """Add a chunk's counts; chunks must arrive in input order (first positions are global)."""
        rows, base = self.rows, self.position
        for key, (count, (p, i)) in chunk.aliases.items():
            row = rows.get(key)
            if row is None:
                rows[key] = AliasRow(key, count, (base + p, i))
            else:
                row.count += count
        self.position += chunk.papers

    def add(self, ex: Extraction) -> None:
        """Add one extraction (the same as merging a one-paper chunk)."""
        self.merge(SpilledChunk(b"", 1, *count_aliases([ex])))


def read_region(path: Path, region: Region) -> list[Extraction]:
    with path.open("rb") as fh:
        fh.seek(region.offset)
        return pickle.loads(fh.read(region.size))


def unspill(path: Path) -> Iterator[Extraction]:
    """Every extraction of a spill file, in order."""
    with path.open("rb") as fh:
        while True:
            try:
                yield from pickle.load(fh)
            except EOFError:
                return
