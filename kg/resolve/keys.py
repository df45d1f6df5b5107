"""Matching keys for resolution, memoised: the same few thousand names recur across papers."""

from __future__ import annotations

from functools import cache, lru_cache

from kg.resolve.suffixes import base_benchmark, base_name
from kg.text import fold

_CACHE = 1 << 17

folded = lru_cache(maxsize=_CACHE)(fold)


@lru_cache(maxsize=_CACHE)
def base_of(surface: str, kind: str) -> str:
    """The name without size (methods) or resolution (benchmarks) suffixes, as spelled."""
    return base_name(surface) if kind == "method" else base_benchmark(surface)


@lru_cache(maxsize=_CACHE)
def surface_key(surface: str, kind: str) -> str:
    """The folded key a surface form is matched by, after its size/resolution suffix is dropped."""
    return fold(base_of(surface, kind))


class KeyMemo:
    """``fold``, ``base_of`` and ``surface_key`` remembered for one resolution run.

    The process-wide caches above keep the last 131k names; a large alias table has more,
    and resolution meets a name again passes later, long evicted (100k papers: 240k rows,
    nearly every lookup missed). A memo per run holds every name it meets - no more than
    the table already does - and is freed with the run.
    """

    def __init__(self) -> None:
        fold_ = self.fold = cache(fold)
        base_of_ = self.base_of = cache(base_of.__wrapped__)
        self.surface_key = cache(lambda surface, kind: fold_(base_of_(surface, kind)))
