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
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import islice
from typing import Any

from kg.records import Extraction, Paper

# Measured with scripts/bench_extract.py --tune on 5k and 20k generated abstracts (2 cores):
# one process: batch 16 -> 461/s, 32 -> 584/s, 64 -> 639/s, 256 -> 646/s, 1000 -> 604/s;
# jobs=2 on 20k: chunk 250 -> 773/s (1.27x one process), chunk 1000 -> 490/s. spaCy's own
# n_process=2 cannot run this pipeline at all (its Doc extensions hold objects msgpack refuses).
DEFAULT_CHUNK_SIZE = 250
DEFAULT_BATCH_SIZE = 64


def init_worker() -> None:
    """Build the spaCy pipeline when a worker process starts, not inside its first task."""
    from kg.extract.pipeline import default_nlp

    default_nlp()


def extract_chunk(
    papers: list[Paper], nlp: Any = None, batch_size: int = DEFAULT_BATCH_SIZE
) -> list[Extraction]:
    """Extract one chunk inside spaCy's ``memory_zone`` (``nlp`` defaults to this process's pipeline).

    Strings, lexemes and tokenizer-cache entries the chunk added are freed afterwards, so a
    long run's memory does not grow with every distinct token ever read (numbers, new
    names). Extractions hold plain strings, never Docs, so nothing outlives the zone.
    """
    from kg.extract import extract_papers
    from kg.extract.pipeline import default_nlp

    nlp = nlp or default_nlp()
    with nlp.memory_zone():
        return list(extract_papers(papers, nlp=nlp, batch_size=batch_size))


def chunked[T](items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter).

    A chunk is let go of before the next is read, so a consumer that drops it holds one chunk, not two.
    """
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
        del chunk


def map_chunks[T, R](
    fn: Callable[[list[T]], R],
    items: Iterable[T],
    jobs: int,
    chunk_size: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple = (),
    start_method: str = "spawn",
) -> Iterator[R]:
    """``fn(chunk)`` for consecutive chunks of ``items``, in order, over ``jobs`` worker processes.

    ``jobs <= 1`` runs ``fn`` in this process (no pool, no pickling, no initializer: ``fn``
    must find its state itself, as ``extract_chunk`` finds its pipeline). At most ``2 * jobs`` chunks are in
    flight (back-pressure), so memory is bounded by chunk size, not by the input. ``spawn``
    is the default start method: workers start clean even when the parent holds threads
    (progress bars, drivers) and behave the same on every platform.
    """
    chunks = chunked(items, chunk_size)
    if jobs <= 1:
        yield from map(fn, chunks)
        return
    ctx = mp.get_context(start_method)
    with ctx.Pool(jobs, initializer=initializer, initargs=initargs) as pool:
        pending: deque = deque(pool.apply_async(fn, (chunk,)) for chunk in islice(chunks, 2 * jobs))
        while pending:
            done = pending.popleft().get()
            next_chunk = next(chunks, None)
            if next_chunk is not None:
                pending.append(pool.apply_async(fn, (next_chunk,)))
            yield done


def extract_parallel(
    papers: Iterable[Paper],
    jobs: int = 2,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    batch_size: int = DEFAULT_BATCH_SIZE,
    start_method: str = "spawn",
) -> Iterator[Extraction]:
    """Extractions of ``papers`` in input order, computed by ``jobs`` worker processes."""
    task = partial(extract_chunk, batch_size=batch_size)  # settings travel with the task
    for done in map_chunks(task, papers, jobs, chunk_size, init_worker, (), start_method):
        yield from done
