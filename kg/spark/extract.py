"""Executor side: extract a partition of papers with one spaCy pipeline per Python worker.

The pipeline is the process's ``default_nlp``, built on first use, so a reused Python worker
(``spark.python.worker.reuse``, the default) builds it once for all its tasks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.records import Extraction, Paper
from kg.resolve.alias_table import AliasKey, alias_key
from kg.resolve.resolver import all_mentions


def extract_partition(rows: Iterable[tuple[tuple, Paper]]) -> Iterator[tuple[tuple, Extraction]]:
    """(position, Paper) -> (position, Extraction), in ``kg --jobs``'s chunks (spaCy memory zones)."""
    from kg.extract.parallel import DEFAULT_CHUNK_SIZE, chunked, extract_chunk

    for chunk in chunked(rows, DEFAULT_CHUNK_SIZE):
        extractions = extract_chunk([paper for _, paper in chunk])
        for (position, _), ex in zip(chunk, extractions, strict=True):
            yield position, ex


def alias_observations(item: tuple[tuple, Extraction]) -> Iterator[tuple[AliasKey, tuple[int, tuple]]]:
    """(alias key, (1, position of this mention)) for every mention: summed and min-ed by Spark."""
    position, ex = item
    for i, mention in enumerate(all_mentions(ex)):
        yield alias_key(mention), (1, (*position, i))


def merge_observations(a: tuple[int, tuple], b: tuple[int, tuple]) -> tuple[int, tuple]:
    return a[0] + b[0], min(a[1], b[1])
