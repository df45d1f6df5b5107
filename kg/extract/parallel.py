"""``--jobs N``: extraction spread over worker processes in large chunks, input order kept.

Why not spaCy's ``nlp.pipe(n_process=N)``: it serialises every Doc back to the parent
(a probe found it slower than one process on small batches, and with our Doc extensions
it cannot serialise at all). Here each worker builds the pipeline once (pool
initializer), takes a chunk of papers and returns plain ``Extraction`` records: one
pickle per chunk each way (~0.1 ms per paper against ~1.6 ms of extraction). At most
``2 * jobs`` chunks are in flight (back-pressure), so memory is bounded by chunk size,
not by the input.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from kg.records import Extraction, Paper

# Measured with scripts/bench_extract.py --tune on 5k and 20k generated abstracts (2 cores):
# one process: batch 16 -> 461/s, 32 -> 584/s, 64 -> 639/s, 256 -> 646/s, 1000 -> 604/s;
# jobs=2 on 20k: chunk 250 -> 773/s (1.27x one process), chunk 1000 -> 490/s. spaCy's own
# n_process=2 cannot run this pipeline at all (its Doc extensions hold objects msgpack refuses).
DEFAULT_CHUNK_SIZE = 250
DEFAULT_BATCH_SIZE = 64

_worker_nlp: Any = None
_worker_batch_size = DEFAULT_BATCH_SIZE


def _init_worker(batch_size: int) -> None:
    """Build the spaCy pipeline once per worker process."""
    global _worker_nlp, _worker_batch_size
    from kg.extract import build_nlp

    _worker_nlp = build_nlp()
    _worker_batch_size = batch_size


def extract_chunk(papers: list[Paper], nlp: Any, batch_size: int = DEFAULT_BATCH_SIZE) -> list[Extraction]:
    """Extract one chunk inside spaCy's ``memory_zone``.

    Strings, lexemes and tokenizer-cache entries the chunk added are freed afterwards, so a
    long run's memory does not grow with every distinct token ever read (numbers, new
    names). Extractions hold plain strings, never Docs, so nothing outlives the zone.
    """
    from kg.extract import extract_papers

    with nlp.memory_zone():
        return list(extract_papers(papers, nlp=nlp, batch_size=batch_size))


def _extract_chunk(papers: list[Paper]) -> list[Extraction]:
    return extract_chunk(papers, _worker_nlp, _worker_batch_size)


def chunked(items: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def extract_parallel(
    papers: Iterable[Paper],
    jobs: int = 2,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    batch_size: int = DEFAULT_BATCH_SIZE,
    start_method: str = "spawn",
) -> Iterator[Extraction]:
    """Extractions of ``papers`` in input order, computed by ``jobs`` worker processes.

    ``jobs <= 1`` runs in this process (no pool, no pickling), chunk by chunk. ``spawn`` is the default
    start method: workers start clean even when the parent holds threads (progress
    bars, drivers) and behave the same on every platform.
    """
    if jobs <= 1:
        from kg.extract.pipeline import default_nlp

        nlp = default_nlp()
        for chunk in chunked(papers, chunk_size):
            yield from extract_chunk(chunk, nlp, batch_size)
        return
    ctx = mp.get_context(start_method)
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(batch_size,)) as pool:
        pending: deque = deque()
        chunks = chunked(papers, chunk_size)
        for chunk in islice(chunks, 2 * jobs):
            pending.append(pool.apply_async(_extract_chunk, (chunk,)))
        while pending:
            done = pending.popleft().get()
            next_chunk = next(chunks, None)
            if next_chunk is not None:
                pending.append(pool.apply_async(_extract_chunk, (next_chunk,)))
            yield from done
